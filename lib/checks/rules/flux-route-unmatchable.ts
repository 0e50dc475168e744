import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { FLUX_ALERT_LABELS, FLUX_SEVERITIES, FLUX_SOURCE_KINDS } from '../lib/flux';
import { configRoutes } from '../lib/routes';

export const fluxRouteUnmatchable: Check = {
  id: 'flux-route-unmatchable',
  severity: Severity.ERROR,
  title: 'A route meant for Flux events that no Flux event can match',
  description: 'Flux\'s alertmanager provider labels every alert `alertname=Flux<Kind><Reason>` (the reason with only its first letter upper-cased), `severity` `info` or `error`, and `reason`, `kind`, `name`, `namespace`, `reportingcontroller`, plus the Alert\'s eventMetadata. A route whose alertname matcher starts with `Flux` but requires another severity, an unset label or an alertname Flux never produces catches nothing.',
  failing: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: flux, namespace: monitoring }
spec:
  route:
    receiver: hook
    matchers: [{ name: alertname, value: Flux.+, matchType: "=~" }, { name: severity, value: critical }]
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: flux, namespace: monitoring }
spec:
  route:
    receiver: hook
    matchers: [{ name: alertname, value: Flux.+, matchType: "=~" }, { name: severity, value: error }]
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const metadataKeys = model.fluxAlerts.flatMap((a) => Object.keys(a.manifest.spec?.eventMetadata ?? {}));
    const known = new Set([...FLUX_ALERT_LABELS, ...metadataKeys]);
    const kinds = [...FLUX_SOURCE_KINDS].sort((a, b) => b.length - a.length);
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      for (const { field, matchers, path } of configRoutes(config)) {
        const forFlux = path.some((m) => m.name === 'alertname' && (m.type === '=' || m.type === '=~') && m.value.startsWith('Flux'));
        if (!forFlux) { continue; }
        for (const m of matchers) {
          const f = `${field}.matchers[${m.index}] ${m.text}`;
          if (m.name === 'severity' && !FLUX_SEVERITIES.some((s) => m.matches(s))) {
            issues.push({ object: config, message: `${f}: this route is meant for Flux events, but Flux only sends severity "info" or "error"`, fix: 'match severity="error" (or =~"info|error")' });
          } else if (!known.has(m.name) && !m.matches('')) {
            issues.push({ object: config, message: `${f}: this route is meant for Flux events, but Flux never sets the label "${m.name}" (it sets ${FLUX_ALERT_LABELS.join(', ')} and the Alerts' eventMetadata keys)`, fix: `match one of those labels, or add ${m.name} to the Flux Alert's eventMetadata` });
          } else if (m.name === 'alertname' && m.type === '=' && m.value.startsWith('Flux')) {
            const kind = kinds.find((k) => m.value.startsWith(`Flux${k}`));
            const reason = kind ? m.value.slice(4 + kind.length) : '';
            if (!kind || !/^[A-Z][^A-Z]*$/.test(reason)) {
              const suggestion = kind ? `Flux${kind}${reason.charAt(0).toUpperCase()}${reason.slice(1).toLowerCase()}` : 'FluxKustomizationReconciliationfailed';
              issues.push({ object: config, message: `${f}: Flux names its alerts "Flux" + kind + the reason with only its first letter upper-cased, so this alertname never occurs`, fix: `use "${suggestion}", or an alertname regex such as Flux${kind ?? ''}.+` });
            }
          }
        }
      }
    }
    return issues;
  },
};
