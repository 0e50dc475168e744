import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

/** Query parameters that carry credentials. */
const SECRET_PARAMS = /^(token|access_?token|api_?key|apikey|key|password|passwd|secret|client_secret|sig|signature|code|auth)$/i;

/** Why `value` holds credentials, or `undefined`. Never returns the credentials themselves. */
export function credentialsIn(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  if (url.username || url.password) { return 'has a user name or password in it (user:password@host)'; }
  const param = [...url.searchParams.keys()].find((k) => SECRET_PARAMS.test(k));
  return param ? `carries the query parameter "${param}"` : undefined;
}

/** String fields whose name says they hold a URL or a host, anywhere under `value`. */
function urlFields(value: unknown, field: string, out: Array<{ field: string; value: string }>): void {
  if (Array.isArray(value)) { value.forEach((v, i) => urlFields(v, `${field}[${i}]`, out)); return; }
  if (typeof value !== 'object' || value === null) { return; }
  for (const [k, v] of Object.entries(value)) {
    const here = `${field}.${k}`;
    if (typeof v === 'string' && /(url|smarthost|address|endpoint)$/i.test(k)) { out.push({ field: here, value: v }); } else { urlFields(v, here, out); }
  }
}

function fieldsOf(o: ModelObject): Array<{ field: string; value: string }> {
  const out: Array<{ field: string; value: string }> = [];
  const spec = o.manifest.spec ?? {};
  if (o.kind === 'AlertmanagerConfig') { urlFields(spec.receivers, 'spec.receivers', out); }
  if (o.kind === 'Alertmanager') { urlFields({ externalUrl: spec.externalUrl, alertmanagerConfiguration: spec.alertmanagerConfiguration }, 'spec', out); }
  if (o.kind === 'Prometheus') { urlFields({ externalUrl: spec.externalUrl }, 'spec', out); }
  if (o.kind === 'Provider') { urlFields({ address: spec.address }, 'spec', out); }
  return out;
}

export const urlCredentials: Check = {
  id: 'url-credentials',
  severity: Severity.ERROR,
  title: 'A URL with credentials in it, in plaintext',
  description: 'User names, passwords and tokens inside a URL (`https://user:pass@host`, `?token=...`) in an AlertmanagerConfig, an Alertmanager or a Flux Provider are committed to Git with the manifest, and the operator copies them into the generated configuration. Put the whole URL in a Secret and reference it (`urlSecret`, `apiURL`, a Provider\'s `secretRef` key `address`).',
  failing: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ url: "https://bot:hunter2@hooks.example.invalid/alerts" }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route: { receiver: hook }
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    const objects = [...model.alertmanagerConfigs, ...model.alertmanagers, ...model.prometheuses, ...model.fluxProviders];
    for (const o of objects) {
      for (const { field, value } of fieldsOf(o)) {
        const why = /smarthost$/i.test(field) && value.includes('@') ? 'has a user name or password in it (user:password@host)' : credentialsIn(value);
        if (!why) { continue; }
        let host = value.slice(value.lastIndexOf('@') + 1).split(/[/?#]/)[0];
        try { host = new URL(value).host || host; } catch { /* a smarthost is host:port, not a URL */ }
        issues.push({
          object: o,
          message: `${field}: the URL to ${host} ${why}, so the credentials would be committed to Git in plaintext`,
          fix: 'put the whole URL in a Secret and use the field\'s secret reference instead (urlSecret, apiURL, webhookUrl, or the Provider\'s secretRef key "address")',
        });
      }
    }
    return issues;
  },
};
