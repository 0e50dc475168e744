import { Testing } from 'cdk8s';
import { FirstArticleChart } from '../examples/first-article';
import { SecondArticleChart } from '../examples/second-article';
import { TeamChatChart } from '../examples/team-chat';
import { AlertingChecks, AlertRouting } from '../lib/tooling';
import { SERVED } from './_schema';
import { only, synth } from './_util';

describe('example (a): the first article', () => {
  const m = synth(new FirstArticleChart(Testing.app(), 'first-article'));

  test('full output is pinned', () => {
    expect(m).toMatchSnapshot();
  });

  test('uses only served API versions', () => {
    for (const o of m) { expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${SERVED[o.kind]}`); }
  });

  test('Alertmanager example: 3 replicas in prometheus, selecting the routing configs', () => {
    const am = only(m, 'Alertmanager', 'example');
    expect(am.metadata.namespace).toBe('prometheus');
    expect(am.spec.replicas).toBe(3);
    for (const name of ['example-alertmanagerconfig', 'flux-alertmanagerconfig']) {
      const cfg = only(m, 'AlertmanagerConfig', name);
      expect(cfg.metadata.namespace).toBe('prometheus');
      expect(cfg.metadata.labels).toMatchObject(am.spec.alertmanagerConfigSelector.matchLabels);
    }
  });

  test('the routing groups by alertname (30s/5m/12h) to the Lambda webhook for my-cluster-namespace and warning|critical|error', () => {
    const spec = only(m, 'AlertmanagerConfig', 'example-alertmanagerconfig').spec;
    expect(spec.route).toEqual({
      receiver: 'lambda-webhook',
      groupBy: ['alertname'],
      groupWait: '30s',
      groupInterval: '5m',
      repeatInterval: '12h',
      matchers: [
        { name: 'namespace', matchType: '=', value: 'my-cluster-namespace' },
        { name: 'severity', matchType: '=~', value: 'warning|critical|error' },
      ],
    });
    expect(spec.receivers).toEqual([{ name: 'lambda-webhook', webhookConfigs: [{ urlSecret: { name: 'alertmanager', key: 'url' }, sendResolved: true }] }]);
  });

  test('PrometheusRule prometheus-alerts is selected by the Prometheus and holds the vector(1) alert', () => {
    const rule = only(m, 'PrometheusRule', 'prometheus-alerts');
    expect(rule.metadata.labels).toEqual({ prometheus: 'example', role: 'alert-rules' });
    expect(only(m, 'Prometheus', 'example').spec.ruleSelector).toEqual({ matchLabels: { prometheus: 'example', role: 'alert-rules' } });
    expect(rule.spec.groups[0].rules[0]).toMatchObject({ alert: 'ExampleAlert', expr: 'vector(1)' });
  });

  test('the defaults kube-prometheus-stack users expect: rule packs, inhibit rules, Watchdog route, dashboards', () => {
    const packs = only(m, 'PrometheusRule', 'alerting-rule-packs');
    expect(packs.metadata.labels).toEqual({ prometheus: 'example', role: 'alert-rules' });
    expect(packs.spec.groups.map((g: any) => g.name)).toEqual(['heartbeat.rules', 'alertmanager.rules', 'prometheus.rules', 'flux.rules']);
    expect(packs.spec.groups[1].rules[0].expr).toBe('alertmanager_config_last_reload_successful{namespace="prometheus",pod=~"alertmanager-example-[0-9]+"} == 0');
    const base = only(m, 'AlertmanagerConfig', 'example-base').spec;
    expect(base.inhibitRules.map((r: any) => r.equal)).toEqual([['namespace', 'alertname'], ['namespace', 'alertname'], ['namespace']]);
    expect(base.route.routes).toEqual([{ receiver: 'null', matchers: [{ name: 'alertname', matchType: '=', value: 'Watchdog' }] }]);
    // the packs' own alerts reach the Lambda through a routing config of their own
    expect(only(m, 'AlertmanagerConfig', 'rule-packs-alertmanagerconfig').spec.route).toMatchObject({
      receiver: 'lambda-webhook',
      matchers: [
        { name: 'alertname', matchType: '=~', value: '(Alertmanager|Prometheus|Flux).+' },
        { name: 'severity', matchType: '=~', value: 'warning|critical' },
        { name: 'namespace', matchType: '!=', value: 'my-cluster-namespace' },
      ],
    });
    expect(m.filter((o) => o.kind === 'ConfigMap').map((o) => [o.metadata.name, o.metadata.labels])).toEqual([
      ['alerting-pipeline-dashboard', { grafana_dashboard: '1' }],
      ['flux-dashboard', { grafana_dashboard: '1' }],
    ]);
  });

  test('Flux alertmanager Provider and error Alert over the eight kinds, in prometheus-alerts', () => {
    expect(only(m, 'Provider', 'alertmanager')).toMatchObject({
      metadata: { namespace: 'prometheus-alerts' },
      spec: { type: 'alertmanager', address: 'http://alertmanager-operated.prometheus:9093/api/v2/alerts/' },
    });
    const alert = only(m, 'Alert', 'errors');
    expect(alert.metadata.namespace).toBe('prometheus-alerts');
    expect(alert.spec.eventSeverity).toBe('error');
    expect(alert.spec.providerRef).toEqual({ name: 'alertmanager' });
    expect(alert.spec.eventSources.map((s: any) => s.kind).sort()).toEqual(
      ['GitRepository', 'HelmChart', 'HelmRelease', 'HelmRepository', 'ImagePolicy', 'ImageRepository', 'Kustomization', 'OCIRepository']);
  });
});

describe('example (a): production objects of the first article (issue 12)', () => {
  const m = synth(new FirstArticleChart(Testing.app(), 'first-article'));

  test('the Prometheus runs as its own ServiceAccount, bound to a Role that lets it discover the Alertmanager', () => {
    expect(only(m, 'Prometheus', 'example').spec.serviceAccountName).toBe('prometheus-example');
    expect(only(m, 'ServiceAccount', 'prometheus-example').metadata.namespace).toBe('prometheus');
    expect(only(m, 'Role', 'prometheus-example').rules[0]).toEqual({ apiGroups: [''], resources: ['services', 'endpoints', 'pods'], verbs: ['get', 'list', 'watch'] });
    expect(only(m, 'RoleBinding', 'prometheus-example').subjects).toEqual([{ kind: 'ServiceAccount', name: 'prometheus-example', namespace: 'prometheus' }]);
  });

  test('Alertmanager and Prometheus: PDB maxUnavailable 1, hostname anti-affinity, zone spread', () => {
    for (const [kind, pdb] of [['Alertmanager', 'alertmanager-example'], ['Prometheus', 'prometheus-example']]) {
      const spec = only(m, kind, 'example').spec;
      expect(only(m, 'PodDisruptionBudget', pdb).spec.maxUnavailable).toBe(1);
      expect(only(m, 'PodDisruptionBudget', pdb).spec.selector).toEqual(spec.topologySpreadConstraints[0].labelSelector);
      expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey).toBe('kubernetes.io/hostname');
      expect(spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' });
    }
  });

  test('NetworkPolicies: Alertmanager admits Prometheus and Flux on 9093, peers on 9094; Prometheus may reach it', () => {
    const am = only(m, 'NetworkPolicy', 'alertmanager-example').spec;
    expect(am.ingress[0].from.map((p: any) => p.podSelector.matchLabels)).toEqual([{ app: 'notification-controller' }, { 'app.kubernetes.io/name': 'prometheus', 'prometheus': 'example' }]);
    expect(am.ingress[1].ports).toEqual([{ protocol: 'TCP', port: 9094 }, { protocol: 'UDP', port: 9094 }]);
    expect(only(m, 'NetworkPolicy', 'prometheus-example').spec.egress[0].ports).toEqual([{ protocol: 'TCP', port: 9093 }]);
  });
});

describe('example (b): the second article', () => {
  const m = synth(new SecondArticleChart(Testing.app(), 'second-article'));

  test('full output is pinned', () => {
    expect(m).toMatchSnapshot();
  });

  test('uses only served API versions', () => {
    for (const o of m) { expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${SERVED[o.kind]}`); }
  });

  test('Slack Provider reads Secret slack-url in flux-system', () => {
    expect(only(m, 'Provider', 'slack')).toMatchObject({ metadata: { namespace: 'flux-system' }, spec: { type: 'slack', secretRef: { name: 'slack-url' } } });
  });

  test('error Alert for all Kustomizations and HelmReleases, severity a single value', () => {
    expect(only(m, 'Alert', 'flux-alerts').spec).toEqual({
      providerRef: { name: 'slack' },
      eventSeverity: 'error',
      eventSources: [{ kind: 'Kustomization', name: '*' }, { kind: 'HelmRelease', name: '*' }],
    });
  });

  test('Kustomization my-app-kustomization with its Deployment health check', () => {
    expect(only(m, 'Kustomization', 'my-app-kustomization').spec).toEqual({
      interval: '10m',
      path: './clusters/my-cluster/apps/my-app',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'flux-system' },
      targetNamespace: 'my-app',
      healthChecks: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'my-app-deployment', namespace: 'my-app' }],
    });
  });
});

describe('example (d): a team on kube-prometheus-stack, notifying Slack and Teams', () => {
  const app = Testing.app();
  const chart = new TeamChatChart(app, 'team-chat');
  const m = synth(chart);

  test('full output is pinned', () => {
    expect(m).toMatchSnapshot();
  });

  test('uses only served API versions', () => {
    for (const o of m) { expect(`${o.kind} ${o.apiVersion}`).toBe(`${o.kind} ${SERVED[o.kind]}`); }
  });

  test('writes nothing for kube-prometheus-stack and no Secret: the chat URLs stay out of Git', () => {
    expect(m.map((o) => o.kind).sort()).toEqual(['AlertmanagerConfig', 'ConfigMap', 'PrometheusRule']);
    expect(JSON.stringify(m)).not.toMatch(/hooks\.slack\.com|webhook\.office\.com|logic\.azure\.com/);
  });

  test('the rules carry the label the chart\'s Prometheus selects, and team: payments on every alert', () => {
    const rule = only(m, 'PrometheusRule');
    expect(rule.metadata).toMatchObject({ namespace: 'payments', labels: { release: 'prometheus' } });
    expect(rule.spec.groups[0].rules.map((r: any) => [r.alert, r.labels.team, r.labels.severity]))
      .toEqual([['PaymentsHighErrorRate', 'payments', 'critical'], ['PaymentsSlowRequests', 'payments', 'warning']]);
  });

  test('Slack gets the standard template with commit links, Teams (Workflows) the team\'s own', () => {
    const [slack, teams] = only(m, 'AlertmanagerConfig', 'payments').spec.receivers;
    expect(slack.slackConfigs[0]).toMatchObject({ apiURL: { name: 'payments-chat', key: 'slack-url' }, channel: '#payments-alerts' });
    expect(slack.slackConfigs[0].text).toContain('https://github.com/acme/payments/commit/');
    expect(teams.msteamsv2Configs[0]).toMatchObject({
      webhookURL: { name: 'payments-chat', key: 'teams-url' },
      title: '[{{ .Status | toUpper }}] {{ .CommonLabels.alertname }} ({{ .Alerts | len }})',
    });
  });

  test('critical alerts reach Teams and Slack, warnings Slack only, other teams neither', () => {
    const routing = AlertRouting.of(chart.alertmanager);
    const base = { namespace: 'payments', team: 'payments', service: 'api' };
    expect(routing.receivers({ ...base, alertname: 'PaymentsHighErrorRate', severity: 'critical' }))
      .toEqual(['payments/payments/teams', 'payments/payments/slack']);
    expect(routing.receivers({ ...base, alertname: 'PaymentsSlowRequests', severity: 'warning' })).toEqual(['payments/payments/slack']);
    // kube-prometheus-stack's base configuration: everything else to "null"
    expect(routing.receivers({ ...base, team: 'orders', alertname: 'X', severity: 'critical' })).toEqual(['null']);
  });

  test('the dashboard is a ConfigMap the Grafana sidecar picks up, in the Teams folder', () => {
    const cm = only(m, 'ConfigMap');
    expect(cm.metadata).toMatchObject({ namespace: 'payments', labels: { grafana_dashboard: '1' }, annotations: { grafana_folder: 'Teams' } });
    const dashboard = JSON.parse(Object.values(cm.data as Record<string, string>)[0]);
    expect(dashboard.panels.map((p: any) => p.title)).toEqual(['Error ratio', 'p99 latency', 'Firing alerts']);
  });

  test('every check passes without a finding', () => {
    expect(AlertingChecks.of(app).findings.map((f) => f.text)).toEqual([]);
  });
});
