/**
 * Hand-built manifests shaped like the first article's stack, written before `examples/`
 * existed. They stay because they exercise what the example does not (a Slack receiver in a
 * second namespace, the OnNamespace exclusion, an MS Teams receiver).
 *
 * Swap point: {@link loadExampleStack} is the only builder delivery/static/differential/HA
 * call. Replacing its body with `Testing.synth(new FirstArticleChart(Testing.app(), 'x'))`
 * (plus {@link shortenTimers}) keeps those tests working, since they read manifests only
 * through CRD field names; first-article.test.ts already runs the synthesized example that way.
 */
import { KubeManifest, SecretResolver } from '../../lib/simulate';

/** Timers and optional parts of the example stack. */
export interface ExampleStackOptions {
  /** @default '30s' (the article) — the e2e tests use 1s */
  readonly groupWait?: string;
  /** @default '5m' (the article) */
  readonly groupInterval?: string;
  /** @default '12h' (the article) */
  readonly repeatInterval?: string;
  /** Adds an MS Teams receiver (Alertmanager >= 0.26 only) to the Flux routing config. @default false */
  readonly withMsTeams?: boolean;
  /** Extra alerting rules appended to the `example.rules` group. @default none */
  readonly extraRules?: ReadonlyArray<Record<string, unknown>>;
}

export const AM_NAMESPACE = 'prometheus';
export const FLUX_NAMESPACE = 'prometheus-alerts';
export const LAMBDA_RECEIVER = 'prometheus/example-alertmanagerconfig/lambda-webhook';
export const SLACK_RECEIVER = 'prometheus-alerts/flux-alerts/slack';
export const NULL_RECEIVER = 'prometheus/example-base/null';

/**
 * The example stack's manifests:
 * - Alertmanager `prometheus/example`, 3 replicas, selecting AlertmanagerConfigs labelled
 *   `alertmanagerConfig: example` in namespaces `prometheus` and `prometheus-alerts`, with the
 *   base `example-base` (root route → receiver `null`, `resolveTimeout: 5m`);
 * - `example-alertmanagerconfig` (article): group by alertname, severity =~ warning|critical|error
 *   → `lambda-webhook` (`urlSecret` alertmanager-lambda/url);
 * - `prometheus-alerts/flux-alerts`: alertname =~ Flux.+ → `slack` (`apiURL` alertmanager-slack/url);
 * - PrometheusRule `prometheus-alerts` with group `example.rules`, alert `ExampleAlert: vector(1)`.
 *   Its labels carry `namespace: prometheus`: the operator's OnNamespace matcher admits only
 *   alerts with `namespace="prometheus"` into the Lambda route, and `vector(1)` has no labels
 *   of its own (the article's bare rule routes to `null`, see test/simulate).
 */
export function loadExampleStack(options: ExampleStackOptions = {}): KubeManifest[] {
  const timers = {
    groupWait: options.groupWait ?? '30s',
    groupInterval: options.groupInterval ?? '5m',
    repeatInterval: options.repeatInterval ?? '12h',
  };
  const selectorLabels = { alertmanagerConfig: 'example' };
  const fluxReceivers: Array<Record<string, unknown>> = [
    { name: 'slack', slackConfigs: [{ apiURL: { name: 'alertmanager-slack', key: 'url' }, channel: '#flux', sendResolved: false }] },
  ];
  const fluxChildRoutes: Array<Record<string, unknown>> = [];
  if (options.withMsTeams) {
    fluxReceivers.push({ name: 'msteams', msteamsConfigs: [{ webhookUrl: { name: 'alertmanager-msteams', key: 'url' }, title: 'Flux' }] });
    fluxChildRoutes.push({ receiver: 'msteams', matchers: [{ name: 'kind', matchType: '=', value: 'HelmRelease' }] });
  }
  return [
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'Alertmanager',
      metadata: { name: 'example', namespace: AM_NAMESPACE },
      spec: {
        replicas: 3,
        alertmanagerConfigSelector: { matchLabels: selectorLabels },
        alertmanagerConfigNamespaceSelector: {
          matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: [AM_NAMESPACE, FLUX_NAMESPACE] }],
        },
        alertmanagerConfiguration: { name: 'example-base', global: { resolveTimeout: '5m' } },
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'example-base', namespace: AM_NAMESPACE },
      spec: { route: { receiver: 'null' }, receivers: [{ name: 'null' }] },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'example-alertmanagerconfig', namespace: AM_NAMESPACE, labels: selectorLabels },
      spec: {
        route: {
          groupBy: ['alertname'],
          ...timers,
          receiver: 'lambda-webhook',
          matchers: [{ name: 'severity', matchType: '=~', value: 'warning|critical|error' }],
        },
        receivers: [{ name: 'lambda-webhook', webhookConfigs: [{ urlSecret: { name: 'alertmanager-lambda', key: 'url' } }] }],
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1alpha1',
      kind: 'AlertmanagerConfig',
      metadata: { name: 'flux-alerts', namespace: FLUX_NAMESPACE, labels: selectorLabels },
      spec: {
        route: {
          groupBy: ['alertname', 'name'],
          ...timers,
          receiver: 'slack',
          matchers: [{ name: 'alertname', matchType: '=~', value: 'Flux.+' }],
          ...(fluxChildRoutes.length > 0 ? { routes: fluxChildRoutes } : {}),
        },
        receivers: fluxReceivers,
      },
    },
    {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PrometheusRule',
      metadata: { name: 'prometheus-alerts', namespace: AM_NAMESPACE, labels: { prometheus: 'example', role: 'alert-rules' } },
      spec: {
        groups: [{
          name: 'example.rules',
          rules: [
            { alert: 'ExampleAlert', expr: 'vector(1)', labels: { severity: 'warning', namespace: AM_NAMESPACE } },
            ...(options.extraRules ?? []),
          ],
        }],
      },
    },
  ];
}

/** The Alertmanager CR among `manifests`. */
export function alertmanagerOf(manifests: readonly KubeManifest[]): KubeManifest {
  const am = manifests.find((m) => m.kind === 'Alertmanager');
  if (!am) { throw new Error('the stack has no Alertmanager manifest'); }
  return am;
}

/** Resolves secret keys `<name>/url` to local stand-in URLs, by secret name; anything else is missing. */
export function localSecrets(urlsBySecretName: Readonly<Record<string, string>>): SecretResolver {
  return (_ns, name, key) => (key === 'url' ? urlsBySecretName[name] : undefined);
}

/** Timers an e2e run can wait for. */
export interface Timers {
  readonly groupWait: string;
  readonly groupInterval: string;
  readonly repeatInterval: string;
}

type RouteLike = Record<string, unknown> & { routes?: unknown[] };

function shortenRoute(route: RouteLike, timers: Timers): RouteLike {
  const out: RouteLike = { ...route };
  for (const key of ['groupWait', 'groupInterval', 'repeatInterval'] as const) {
    if (out[key] !== undefined) { out[key] = timers[key]; }
  }
  if (Array.isArray(route.routes)) { out.routes = route.routes.map((r) => shortenRoute(r as RouteLike, timers)); }
  return out;
}

/**
 * A copy of `manifests` in which every timer an AlertmanagerConfig route sets (at any depth) is
 * replaced by `timers`, so synthesized stacks with production timers (30s / 5m / 12h) can run
 * end to end in seconds. Routes that inherit their timers keep inheriting.
 */
export function shortenTimers(manifests: readonly KubeManifest[], timers: Timers): KubeManifest[] {
  return manifests.map((m) => {
    const spec = m.spec as { route?: RouteLike } | undefined;
    if (m.kind !== 'AlertmanagerConfig' || !spec?.route) { return m; }
    return { ...m, spec: { ...spec, route: shortenRoute(spec.route, timers) } };
  });
}

/**
 * The alert Flux's `alertmanager` provider POSTs (notification-controller
 * internal/notifier/alertmanager.go): a JSON array of one alert, `status: firing`, labels from
 * the event, annotations `message`/`summary`, `startsAt`, and `endsAt` serialised as Go's zero
 * time (`omitempty` does not omit a struct), which Alertmanager treats as unset. No `generatorURL`.
 */
export function fluxAlertPayload(namespace: string, name: string, startsAt = new Date()): unknown[] {
  return [{
    status: 'firing',
    labels: {
      alertname: 'FluxKustomizationReconciliationfailed',
      severity: 'error',
      reason: 'ReconciliationFailed',
      kind: 'Kustomization',
      name,
      namespace,
      reportingcontroller: 'kustomize-controller',
    },
    annotations: {
      message: `Kustomization/${namespace}/${name} reconciliation failed: apply failed`,
      summary: 'Flux reconciliation failed',
    },
    startsAt: startsAt.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    endsAt: '0001-01-01T00:00:00Z',
  }];
}
