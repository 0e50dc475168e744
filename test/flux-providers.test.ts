/**
 * Every Provider type of notification-controller v1.9.3 (v1beta3): a typed option of
 * FluxNotificationProvider, its Secret keys (construct and model check), its address and channel
 * rules, and the YAML `flux create alert-provider --export` writes for the same inputs.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parse, parseAllDocuments, stringify } from 'yaml';
import {
  ClusterModel, FluxNotificationProvider, FluxNotificationProviderProps, FluxProviderAuth, FluxProviderType, PROVIDER_TYPES, runChecks,
} from '../lib/tooling';
import { expectSchemaValid } from './_schema';
import { chart, only } from './_util';

/**
 * Synthesizes and checks every manifest against its CRD schema. Unlike `synth` in _util, public
 * endpoints (GitHub, Opsgenie...) in spec.address are expected here.
 */
function synth(c: ReturnType<typeof chart>): any[] {
  const manifests = Testing.synth(c);
  expectSchemaValid(manifests);
  return manifests;
}

const CRD = path.join(__dirname, '..', '..', 'shared', 'crds', 'notification.toolkit.fluxcd.io_providers.yaml');

/** The `type` enum of the served v1beta3 Provider CRD. */
function crdTypes(): string[] {
  const crd = parse(fs.readFileSync(CRD, 'utf8'));
  const v = crd.spec.versions.find((x: any) => x.name === 'v1beta3');
  return v.schema.openAPIV3Schema.properties.spec.properties.type.enum;
}

/** `FluxProviderType.X` for a type value. */
function typeOf(value: string): FluxProviderType {
  const t = Object.values(FluxProviderType).find((x) => x instanceof FluxProviderType && x.value === value);
  if (!t) { throw new Error(`no FluxProviderType for ${value}`); }
  return t as FluxProviderType;
}

interface Case {
  /** Props besides type and secret. */
  readonly props?: Partial<FluxNotificationProviderProps>;
  /** The Secret keys the type reads in this setup, from notification-controller's docs and source. */
  readonly keys: string[];
  /** Keys of which one is needed. */
  readonly anyOf?: string[];
}

/**
 * The Secret keys of every type in its usual setup, written from notification-controller v1.9.3's
 * docs/spec/v1beta3/providers.md and internal/notifier constructors (not from this library's table).
 */
const CASES: Record<string, Case[]> = {
  'slack': [{ keys: ['address'] }, { props: { auth: FluxProviderAuth.TOKEN, address: 'https://slack.com/api/chat.postMessage', channel: '#flux' }, keys: ['token'] }],
  'discord': [{ keys: ['address'] }],
  'msteams': [{ keys: ['address'] }],
  'rocket': [{ keys: ['address'] }],
  'generic': [{ keys: ['address'] }, { props: { headers: true }, keys: ['address', 'headers'] }],
  'generic-hmac': [{ keys: ['address', 'token'] }],
  'github': [
    { props: { address: 'https://github.com/my-org/my-repo' }, keys: ['token'] },
    { props: { address: 'https://github.com/my-org/my-repo', auth: FluxProviderAuth.GITHUB_APP }, keys: ['githubAppID', 'githubAppPrivateKey'], anyOf: ['githubAppInstallationID', 'githubAppInstallationOwner'] },
  ],
  'gitlab': [{ props: { address: 'https://gitlab.com/my-group/my-project' }, keys: ['token'] }],
  'gitea': [{ props: { address: 'https://gitea.example.com/my-org/my-repo' }, keys: ['token'] }],
  'giteapullrequestcomment': [{ props: { address: 'https://gitea.example.com/my-org/my-repo' }, keys: ['token'] }],
  'bitbucketserver': [
    { props: { address: 'https://bitbucket.example.com/scm/proj/repo.git' }, keys: ['token'] },
    { props: { address: 'https://bitbucket.example.com/scm/proj/repo.git', auth: FluxProviderAuth.BASIC }, keys: ['username', 'password'] },
  ],
  'bitbucket': [{ props: { address: 'https://bitbucket.org/my-workspace/my-repo' }, keys: ['token'] }],
  'azuredevops': [{ props: { address: 'https://dev.azure.com/org/project/_git/repo' }, keys: ['token'] }],
  'googlechat': [{ keys: ['address'] }],
  'googlepubsub': [{ props: { address: 'my-gcp-project', channel: 'flux-events', auth: FluxProviderAuth.TOKEN }, keys: ['token'] }],
  'webex': [{ props: { address: 'https://webexapis.com/v1/messages', channel: 'room-id' }, keys: ['token'] }],
  'sentry': [{ props: { channel: 'production' }, keys: ['address'] }],
  'azureeventhub': [
    { keys: ['address'] },
    { props: { address: 'my-hub', channel: 'my-namespace', auth: FluxProviderAuth.TOKEN }, keys: ['token'] },
  ],
  'telegram': [{ props: { channel: '@flux' }, keys: ['token'] }],
  'lark': [{ keys: ['address'] }],
  'matrix': [{ props: { address: 'https://matrix.org', channel: '!room:matrix.org' }, keys: ['token'] }],
  'opsgenie': [{ props: { address: 'https://api.opsgenie.com/v2/alerts' }, keys: ['token'] }],
  'alertmanager': [
    { keys: ['address'] },
    { props: { address: 'http://alertmanager-operated.monitoring:9093/api/v2/alerts/', auth: FluxProviderAuth.BASIC }, keys: ['username', 'password'] },
  ],
  'grafana': [{ props: { address: 'https://grafana.example.com/api/annotations', auth: FluxProviderAuth.TOKEN }, keys: ['token'] }],
  'githubdispatch': [{ props: { address: 'https://github.com/my-org/my-repo' }, keys: ['token'] }],
  'githubpullrequestcomment': [{ props: { address: 'https://github.com/my-org/my-repo' }, keys: ['token'] }],
  'gitlabmergerequestcomment': [{ props: { address: 'https://gitlab.com/my-group/my-project' }, keys: ['token'] }],
  'pagerduty': [{ props: { channel: 'routing-key' }, keys: ['address'] }],
  'datadog': [{ props: { address: 'https://api.datadoghq.eu' }, keys: ['token'] }],
  'nats': [
    { props: { address: 'nats://nats.nats:4222', channel: 'flux', auth: FluxProviderAuth.NATS_CREDENTIALS }, keys: ['creds'] },
    { props: { address: 'nats://nats.nats:4222', channel: 'flux', auth: FluxProviderAuth.NATS_NKEY }, keys: ['nkey'] },
  ],
  'zulip': [{ props: { address: 'https://my-org.zulipchat.com', channel: 'general/flux' }, keys: ['username', 'password'] }],
  'otel': [{ props: { address: 'https://otel.example.com/v1/traces', auth: FluxProviderAuth.TOKEN }, keys: ['token'] }],
};

/** A model of the synthesized Provider and a Secret holding `keys` (values are placeholders). */
function modelWith(provider: any, keys: string[]): ClusterModel {
  const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: provider.spec.secretRef.name, namespace: provider.metadata.namespace }, stringData: Object.fromEntries(keys.map((k) => [k, 'x'])) };
  return ClusterModel.build([{ value: provider, source: { file: 'p.yaml' } }, { value: secret, source: { file: 's.yaml' } }]);
}

function keyFindings(model: ClusterModel): string[] {
  return runChecks(model, { allowPlaintextSecrets: true }).filter((f) => f.check === 'secret-key-missing').map((f) => f.message);
}

describe('every v1beta3 Provider type', () => {
  test('the CRD serves 32 types, and each has a FluxProviderType and known rules', () => {
    const types = crdTypes();
    expect(types).toHaveLength(32);
    expect(PROVIDER_TYPES.map((f) => f.type)).toEqual(types);
    for (const t of types) {
      expect(typeOf(t).isKnown).toBe(true);
      expect(Object.keys(CASES)).toContain(t);
    }
  });

  describe.each(Object.entries(CASES))('%s', (type, cases) => {
    test.each(cases.map((c, i) => [i, c] as const))('setup %i: the Secret keys it reads, at synth and in the model', (_i, c) => {
      const ch = chart('flux-system');
      const provider = new FluxNotificationProvider(ch, 'P', { name: 'p', type: typeOf(type), secret: kplus.Secret.fromSecretName(ch, 'S', 'creds'), ...c.props });
      expect(provider.secret?.required).toEqual(c.keys);
      expect(provider.secret?.anyOf).toEqual(c.anyOf);
      const manifest = only(synth(ch), 'Provider');
      expect(manifest.spec.type).toBe(type);
      expect(manifest.spec.secretRef).toEqual({ name: 'creds' });
      // The model check reads the same keys from the manifest alone.
      const all = [...c.keys, ...(c.anyOf ? [c.anyOf[0]] : [])];
      expect(keyFindings(modelWith(manifest, all))).toEqual([]);
      if (c.keys.length) {
        const missing = keyFindings(modelWith(manifest, all.slice(1)));
        expect(missing.length).toBeGreaterThan(0);
        expect(missing.join('\n')).toContain(`"${all[0]}"`);
      }
    });
  });

  test('types that need credentials refuse to be built without a Secret', () => {
    const ch = chart('flux-system');
    expect(() => new FluxNotificationProvider(ch, 'D', { type: FluxProviderType.DATADOG, address: 'https://api.datadoghq.com' }))
      .toThrow(/secret: Datadog with FluxProviderAuth.TOKEN reads "token" from a Secret/);
    expect(() => new FluxNotificationProvider(ch, 'G', { type: FluxProviderType.GITHUB, address: 'https://github.com/a/b' }))
      .toThrow(/secret: GitHub commit status with FluxProviderAuth.TOKEN reads "token"/);
    // PagerDuty and Alertmanager need none
    new FluxNotificationProvider(ch, 'PD', { type: FluxProviderType.PAGERDUTY, address: 'https://events.pagerduty.com', channel: 'key' });
    new FluxNotificationProvider(ch, 'Pubsub', { type: FluxProviderType.GOOGLE_PUBSUB, address: 'my-gcp-project', channel: 'topic', serviceAccountName: 'flux-pubsub', auth: FluxProviderAuth.WORKLOAD_IDENTITY });
    const m = synth(ch);
    expect(m.find((x) => x.spec.type === 'googlepubsub').spec).toEqual({ type: 'googlepubsub', address: 'my-gcp-project', channel: 'topic', serviceAccountName: 'flux-pubsub' });
  });
});

describe('address, channel, username and the rest, as notification-controller reads them', () => {
  const secret = (c: any) => kplus.Secret.fromSecretName(c, `S${Math.random()}`, 'creds');

  test.each([
    ['github', 'https://github.com/only-owner', /needs <owner>\/<repo>/],
    ['gitea', 'ftp://gitea.example.com/a/b', /not a Git repository URL/],
    ['azuredevops', 'https://dev.azure.com/org/project/repo', /https:\/\/dev.azure.com\/<org>\/<project>\/_git\/<repo>/],
    ['bitbucketserver', 'ssh://git@bitbucket.example.com:7999/proj/repo.git', /uses ssh/],
    ['bitbucketserver', 'https://bitbucket.example.com/projects/proj/repos/repo', /needs \/scm\/<project>\/<repo>/],
    ['googlepubsub', 'https://pubsub.googleapis.com', /not a GCP project ID/],
    ['nats', 'http://nats:4222', /not a NATS server URL/],
    ['opsgenie', 'api.opsgenie.com/v2/alerts', /not an http\(s\) URL/],
  ])('%s refuses address %s', (type, address, error) => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'P', { type: typeOf(type), address, secret: secret(c), channel: ['googlepubsub', 'nats'].includes(type) ? 'x' : undefined }))
      .toThrow(error);
  });

  test.each([
    ['github', 'git@github.com:my-org/my-repo.git'],
    ['github', 'https://github.example.com/my-org/my-repo.git'],
    ['gitlab', 'https://gitlab.com/group/subgroup/project'],
    ['gitlab', 'https://gitlab.com/1234'],
    ['bitbucketserver', 'https://bitbucket.example.com/context/scm/proj/repo.git'],
    ['nats', 'nats://nats.nats.svc:4222'],
  ])('%s takes address %s', (type, address) => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'P', { type: typeOf(type), address, secret: secret(c), channel: type === 'nats' ? 'flux' : undefined })).not.toThrow();
  });

  test('channels: required ones missing, unused ones given, and Zulip\'s <channel>/<topic>', () => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'T', { type: FluxProviderType.TELEGRAM, secret: secret(c) })).toThrow(/channel: Telegram needs the chat ID/);
    expect(() => new FluxNotificationProvider(c, 'P', { type: FluxProviderType.PAGERDUTY, address: 'https://events.pagerduty.com' })).toThrow(/channel: PagerDuty needs the integration \(routing\) key/);
    expect(() => new FluxNotificationProvider(c, 'M', { type: FluxProviderType.MSTEAMS, secret: secret(c), channel: 'general' })).toThrow(/channel: msteams has no channel: the webhook decides/);
    expect(() => new FluxNotificationProvider(c, 'Z', { type: FluxProviderType.ZULIP, address: 'https://z.example.com', secret: secret(c), channel: 'general' })).toThrow(/must be <channel>\/<topic>/);
    expect(() => new FluxNotificationProvider(c, 'S', { type: FluxProviderType.SLACK, address: 'https://slack.com/api/chat.postMessage', auth: FluxProviderAuth.TOKEN, secret: secret(c) })).toThrow(/channel: Slack with a bot token needs/);
  });

  test('username only where messages are posted under a name; basic-auth users belong in the Secret', () => {
    const c = chart('flux-system');
    new FluxNotificationProvider(c, 'D', { name: 'd', type: FluxProviderType.DISCORD, secret: secret(c), username: 'flux' });
    expect(() => new FluxNotificationProvider(c, 'G', { type: FluxProviderType.GITHUB, address: 'https://github.com/a/b', secret: secret(c), username: 'me' })).toThrow(/github does not use a username/);
    expect(() => new FluxNotificationProvider(c, 'A', { type: FluxProviderType.ALERTMANAGER, address: 'http://am:9093/api/v2/alerts', username: 'flux' })).toThrow(/reads the password only from a Secret that holds both/);
  });

  test('the address of telegram is ignored, a Sentry DSN and an Event Hub SAS string stay in the Secret', () => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'T', { type: FluxProviderType.TELEGRAM, address: 'https://api.telegram.org', channel: '@x', secret: secret(c) })).toThrow(/telegram ignores the address/);
    expect(() => new FluxNotificationProvider(c, 'S', { type: FluxProviderType.SENTRY, address: 'https://abc@o1.ingest.sentry.io/2' })).toThrow(/address: a Sentry DSN holds the project's key[\s\S]*got "<the DSN>"/);
    expect(() => new FluxNotificationProvider(c, 'E', { type: FluxProviderType.AZURE_EVENT_HUB, address: 'Endpoint=sb://x/;SharedAccessKeyName=a;SharedAccessKey=b' })).toThrow(/holds the shared access key/);
  });

  test('commitStatusExpr only on commit-status types, and visibly broken expressions are rejected', () => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'A', { type: FluxProviderType.GITHUB_DISPATCH, address: 'https://github.com/a/b', secret: secret(c), commitStatusExpr: 'event.reason' })).toThrow(/only for the commit-status types/);
    expect(() => new FluxNotificationProvider(c, 'B', { type: FluxProviderType.GITHUB, address: 'https://github.com/a/b', secret: secret(c), commitStatusExpr: "(event.involvedObject.kind + '/'" })).toThrow(/unclosed "\("/);
    expect(() => new FluxNotificationProvider(c, 'C', { type: FluxProviderType.GITHUB, address: 'https://github.com/a/b', secret: secret(c), commitStatusExpr: "'flux'" })).toThrow(/uses none of the variables/);
    new FluxNotificationProvider(c, 'D', { name: 'gh', type: FluxProviderType.GITHUB, address: 'https://github.com/a/b', secret: secret(c), commitStatusExpr: "(event.involvedObject.kind + '/' + event.metadata.env).lowerAscii()" });
    expect(only(synth(c), 'Provider', 'gh').spec.commitStatusExpr).toBe("(event.involvedObject.kind + '/' + event.metadata.env).lowerAscii()");
  });

  test('certificate and proxy Secrets on types that ignore them, workload identity on types without it, all at once', () => {
    const c = chart('flux-system');
    expect(() => new FluxNotificationProvider(c, 'L', {
      type: FluxProviderType.LARK, secret: secret(c), certSecret: kplus.Secret.fromSecretName(c, 'Ca', 'ca'), proxySecret: kplus.Secret.fromSecretName(c, 'Px', 'proxy'), serviceAccountName: 'flux', headers: true,
    })).toThrow(/4 problems:[\s\S]*serviceAccountName: lark does not use workload identity[\s\S]*headers: lark does not read[\s\S]*certSecret: lark ignores certSecretRef[\s\S]*proxySecret: lark ignores proxySecretRef/);
  });

  test('a custom type for a newer controller gets only the checks every Provider gets', () => {
    const c = chart('flux-system');
    new FluxNotificationProvider(c, 'X', { name: 'x', type: FluxProviderType.custom('incidentio'), address: 'https://api.incident.io/v2/alert_events/http/x', secret: secret(c) });
    const spec = Testing.synth(c)[0].spec;
    expect(spec).toEqual({ type: 'incidentio', address: 'https://api.incident.io/v2/alert_events/http/x', secretRef: { name: 'creds' } });
    expect(FluxProviderType.custom('incidentio').isKnown).toBe(false);
    expect(() => new FluxNotificationProvider(c, 'Y', { type: 'discord' as any })).toThrow(/type: must be a FluxProviderType/);
  });
});

/**
 * What `flux create alert-provider <name> --type ... --export` prints (flux2 cmd/flux/create_alertprovider.go
 * and export.go at v2.9: a v1beta3 Provider in the `flux-system` namespace, with type, channel,
 * username, address from the flags and `secretRef` from --secret-ref, marshalled by
 * sigs.k8s.io/yaml, so keys are sorted, empty fields left out and `creationTimestamp: null` removed).
 */
function fluxExport(name: string, flags: { type: string; address?: string; channel?: string; username?: string; secretRef?: string }): string {
  const spec: Record<string, unknown> = {};
  if (flags.address) { spec.address = flags.address; }
  if (flags.channel) { spec.channel = flags.channel; }
  if (flags.secretRef) { spec.secretRef = { name: flags.secretRef }; }
  spec.type = flags.type;
  if (flags.username) { spec.username = flags.username; }
  return `---\n${stringify({ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name, namespace: 'flux-system' }, spec }, { indentSeq: false })}`;
}

describe('the same YAML as `flux create alert-provider --export`', () => {
  test('the CLI\'s own examples: Slack and GitHub', () => {
    // flux create alert-provider slack --type slack --channel general \
    //   --address https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK --secret-ref webhook-url --export
    const slackExpected = `---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata:
  name: slack
  namespace: flux-system
spec:
  address: https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK
  channel: general
  secretRef:
    name: webhook-url
  type: slack
`;
    // flux create alert-provider github-podinfo --type github --address https://github.com/stefanprodan/podinfo --secret-ref github-token --export
    const githubExpected = `---
apiVersion: notification.toolkit.fluxcd.io/v1beta3
kind: Provider
metadata:
  name: github-podinfo
  namespace: flux-system
spec:
  address: https://github.com/stefanprodan/podinfo
  secretRef:
    name: github-token
  type: github
`;
    const c = chart('flux-system');
    new FluxNotificationProvider(c, 'Slack', { name: 'slack', type: FluxProviderType.SLACK, channel: 'general', address: 'https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK', secret: kplus.Secret.fromSecretName(c, 'W', 'webhook-url') });
    new FluxNotificationProvider(c, 'GitHub', { name: 'github-podinfo', type: FluxProviderType.GITHUB, address: 'https://github.com/stefanprodan/podinfo', secret: kplus.Secret.fromSecretName(c, 'G', 'github-token') });
    const m = synth(c);
    expect(only(m, 'Provider', 'slack')).toEqual(parse(slackExpected));
    expect(only(m, 'Provider', 'github-podinfo')).toEqual(parse(githubExpected));
    expect(fluxExport('slack', { type: 'slack', channel: 'general', address: 'https://hooks.slack.com/services/YOUR/SLACK/WEBHOOK', secretRef: 'webhook-url' })).toBe(slackExpected);
  });

  test.each(Object.entries(CASES))('%s', (type, cases) => {
    const c = chart('flux-system');
    const props = cases[0].props ?? {};
    new FluxNotificationProvider(c, 'P', { name: `flux-${type}`, type: typeOf(type), secret: kplus.Secret.fromSecretName(c, 'S', `${type}-secret`), ...props });
    const expected = parseAllDocuments(fluxExport(`flux-${type}`, { type, address: props.address, channel: props.channel, username: props.username, secretRef: `${type}-secret` }))[0].toJS();
    expect(only(synth(c), 'Provider')).toEqual(expected);
  });
});

/** The README's table of provider types, rendered from the facts every test above checks. */
function providerTableRows(): string[] {
  const shortcut: Record<string, string> = {
    'slack': ', `SlackProvider`', 'msteams': ', `MsTeamsProvider`', 'generic': ', `GenericWebhookProvider`',
    'generic-hmac': ', `GenericWebhookProvider` (`hmac: true`)', 'alertmanager': ', `AlertmanagerProvider`',
  };
  const address: Record<string, string> = {
    'url': 'http(s) URL', 'git-owner-repo': 'repository URL, path `<owner>/<repo>`', 'gitlab-project': 'project URL (full path or numeric ID)',
    'azure-devops': '`https://dev.azure.com/<org>/<project>/_git/<repo>`', 'bitbucket-server': 'HTTPS clone URL with `/scm/<project>/<repo>`',
    'gcp-project': 'GCP project ID', 'sentry-dsn': 'the DSN, in the Secret only', 'event-hub': 'SAS connection string (Secret), or the hub name',
    'nats-server': 'NATS server URL', 'ignored': 'ignored (fixed API)',
  };
  const authName: Record<string, string> = {
    'none': 'none', 'token': '`token`', 'basic': '`username` + `password`', 'github-app': 'GitHub App keys', 'nats-creds': '`creds`', 'nats-nkey': '`nkey`', 'workload-identity': 'workload identity',
  };
  return PROVIDER_TYPES.map((f) => {
    const option = `\`FluxProviderType.${Object.entries(FluxProviderType).find(([, v]) => v instanceof FluxProviderType && v.value === f.type)![0]}\``;
    const keys = [
      ...(f.address === 'ignored' ? [] : [f.address === 'sentry-dsn' ? '`address` (the DSN)' : '`address` (unless in `spec.address`)']),
      f.auth.map((a) => authName[a.id]).join(' or '),
      ...f.optionalKeys.map((k) => `optional \`${k}\``),
    ].join('; ');
    const channel = f.channel === 'unused' ? '—' : `${f.channel}: ${f.channelMeaning}`;
    return `| \`${f.type}\` | ${option}${shortcut[f.type] ?? ''} | ${keys} | ${address[f.address]} | ${channel} |`;
  });
}

test('the README\'s table of provider types lists every type with its keys, address and channel', () => {
  const readme = fs.readFileSync(path.join(__dirname, '..', 'README.md'), 'utf8');
  const start = '<!-- provider-types:start -->';
  const end = '<!-- provider-types:end -->';
  const table = ['| Type | Construct / option | Secret keys | Address | Channel |', '| --- | --- | --- | --- | --- |', ...providerTableRows()].join('\n');
  const current = readme.slice(readme.indexOf(start) + start.length, readme.indexOf(end)).trim();
  if (process.env.UPDATE_README === '1' && current !== table) {
    fs.writeFileSync(path.join(__dirname, '..', 'README.md'), `${readme.slice(0, readme.indexOf(start) + start.length)}\n${table}\n${readme.slice(readme.indexOf(end))}`);
    return;
  }
  expect(readme.indexOf(start)).toBeGreaterThan(0);
  expect(current).toBe(table);
});
