import { ClusterModel } from '../../model/cluster-model';
import { ModelObject } from '../../model/model-object';
import {
  ProviderTypeFacts, addressProblem, channelProblem, needsAddress, needsCredentials, providerTypeFacts,
} from '../../simulate/flux-providers';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

/** The problems of one Provider whose type's behaviour is known. */
function problems(model: ClusterModel, provider: ModelObject, facts: ProviderTypeFacts): Issue[] {
  const spec = provider.manifest.spec ?? {};
  const t = facts.type;
  const issues: Issue[] = [];
  const add = (message: string, fix: string, severity?: Severity) => issues.push({ object: provider, message, fix, ...(severity ? { severity } : {}) });
  const address = str(spec.address);
  const secret = str(spec.secretRef?.name);
  if (address !== undefined && facts.address !== 'ignored' && facts.address !== 'event-hub') {
    const problem = addressProblem(facts, address);
    // The Secret's "address" key overrides spec.address: provable only when the model shows the Secret without it.
    const s = secret !== undefined ? model.secret(provider.namespace!, secret) : undefined;
    const overridden = s !== undefined && [...Object.keys(s.manifest.data ?? {}), ...Object.keys(s.manifest.stringData ?? {})].includes('address');
    if (problem && !overridden) {
      add(
        `spec.address ${JSON.stringify(address)} ${problem}; notification-controller cannot use it${secret !== undefined && s === undefined ? ` (assumed: Secret ${secret}, which is not in these manifests, has no "address" key that overrides it)` : ''}`,
        `use an address such as ${facts.addressExample}`,
        secret !== undefined && s === undefined ? Severity.WARNING : undefined,
      );
    }
  }
  if (address === undefined && !secret && needsAddress(facts)) {
    add(`${t} needs an endpoint, but spec.address is unset and there is no secretRef whose "address" key could give one, so every event fails`, `set spec.address (e.g. ${facts.addressExample}) or reference a Secret with an "address" key`);
  }
  if (!secret && needsCredentials(facts)) {
    add(`${t} cannot post without credentials (${facts.auth.map((a) => a.description).join(', or ')}), and there is no secretRef`, `reference a Secret holding ${facts.auth.map((a) => a.keys.map((k) => `"${k}"`).join(' + ')).join(' or ')}`);
  }
  const channel = str(spec.channel);
  const slackBot = t === 'slack' && address?.includes('chat.postMessage');
  if (channel === undefined && (facts.channel === 'required' || slackBot)) {
    add(`${t} needs spec.channel (${facts.channelMeaning}), which is unset`, 'set spec.channel');
  } else if (channel !== undefined) {
    const problem = channelProblem(facts, channel);
    if (problem) { add(`spec.channel ${JSON.stringify(channel)} ${problem}`, 'set spec.channel to <channel>/<topic>'); }
  }
  if (str(spec.commitStatusExpr) !== undefined && !facts.commitStatus) {
    add(`spec.commitStatusExpr is set on type ${t}; the API server accepts it only on github, gitlab, gitea, bitbucketserver, bitbucket and azuredevops, and rejects the Provider`, 'remove spec.commitStatusExpr');
  }
  const ignored = [
    ...(spec.certSecretRef && !facts.cert ? ['spec.certSecretRef (it gets no TLS configuration)'] : []),
    ...(spec.proxySecretRef && !facts.proxy ? ['spec.proxySecretRef (it gets no proxy)'] : []),
    ...(str(spec.serviceAccountName) && !facts.serviceAccount ? ['spec.serviceAccountName (only azureeventhub, azuredevops and googlepubsub use workload identity)'] : []),
    ...(address !== undefined && facts.address === 'ignored' ? ['spec.address (it always posts to its own API)'] : []),
  ];
  if (ignored.length) {
    add(`${t} ignores ${ignored.join(', ')}: the setting has no effect`, 'remove it, or pick a type that uses it', Severity.WARNING);
  }
  return issues;
}

export const fluxProviderSpec: Check = {
  id: 'flux-provider-spec',
  severity: Severity.ERROR,
  title: 'A Flux Provider that its type cannot use as written',
  description: 'The API server checks a Provider\'s type, but not what each type needs: notification-controller fails every event of a Provider whose address is no URL (or no `<owner>/<repo>` for the Git types, no GCP project for `googlepubsub`), that has no endpoint at all, that lacks the credentials its type cannot work without, or the channel that names the chat, room, topic, subject or routing key (telegram, webex, matrix, googlepubsub, nats, zulip, pagerduty; Slack with a bot token). Settings a type ignores (a certificate or proxy Secret, workload identity, Telegram\'s address) are warnings. Rules from notification-controller v1.9.3 (internal/notifier/factory.go and the notifiers\' constructors).',
  failing: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: telegram, namespace: flux-system }
spec: { type: telegram }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: github, namespace: flux-system }
spec: { type: github, address: "https://github.com/my-org" }
`,
  fixed: `apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: telegram, namespace: flux-system }
spec: { type: telegram, channel: "@flux-alerts", secretRef: { name: telegram-token } }
---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata: { name: github, namespace: flux-system }
spec: { type: github, address: "https://github.com/my-org/fleet", secretRef: { name: github-token } }
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const provider of model.fluxProviders) {
      const facts = providerTypeFacts(typeof provider.manifest.spec?.type === 'string' ? provider.manifest.spec.type : '');
      if (facts) { issues.push(...problems(model, provider, facts)); }
    }
    return issues;
  },
};
