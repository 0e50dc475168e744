/**
 * AlertFlowDiagram: the first-article example's picture (snapshot plus what it must show), the
 * highlighted parts, label escaping and stable node ids. The Mermaid text is checked line by line
 * against the statements the writer may emit (see `parseFlowchart`); the real Mermaid parser
 * needs a browser DOM and is not a dependency (it was run on these outputs by hand, see the
 * README section "A picture of the alert flow").
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { FirstArticleChart } from '../../examples/first-article';
import {
  AlertFlowDiagram, AlertmanagerCluster, AlertmanagerRouting, ClusterModel, DiagramHighlight, KubePrometheusStack, Matcher, Prometheus, PrometheusRules,
  RuleGroup, SecretKey, WebhookReceiver, modelOfFiles,
} from '../../lib/tooling';
import { escapeLabelText } from '../../lib/diagram/mermaid';

interface Flowchart {
  readonly nodes: Map<string, string>;
  readonly edges: Array<{ from: string; to: string; label?: string; dotted: boolean }>;
  readonly classes: Map<string, string[]>;
  readonly subgraphs: string[];
}

const ID = '[A-Za-z][A-Za-z0-9_]*';
const LABEL = '"([^"\\n]*)"';
const SHAPES = ['\\(\\[', '\\]\\)', '\\{\\{', '\\}\\}', '\\[/', '/\\]', '\\[', '\\]', '\\(', '\\)'];
const NODE = new RegExp(`^ {2,4}(${ID})(?:${[[0, 1], [2, 3], [4, 5], [6, 7], [8, 9]].map(([o, c]) => `${SHAPES[o]}${LABEL}${SHAPES[c]}`).join('|')})$`);
const EDGE = new RegExp(`^ {2}(${ID}) (-->|-\\.->)(?:\\|${LABEL}\\|)? (${ID})$`);

/** The statements of a flowchart as the writer emits them; throws on any other line. */
function parseFlowchart(text: string): Flowchart {
  const lines = text.split('\n');
  expect(lines[0]).toBe('flowchart LR');
  expect(lines[lines.length - 1]).toBe('');
  const f: Flowchart = { nodes: new Map(), edges: [], classes: new Map(), subgraphs: [] };
  let open = false;
  for (const line of lines.slice(1, -1)) {
    let m: RegExpExecArray | null;
    if (/^ {2}%% [^\n]*$/.test(line)) { continue; }
    if ((m = new RegExp(`^ {2}subgraph (${ID})\\[${LABEL}\\]$`).exec(line))) { expect(open).toBe(false); open = true; f.subgraphs.push(m[1]); continue; }
    if (line === '  end') { expect(open).toBe(true); open = false; continue; }
    if ((m = NODE.exec(line))) {
      expect(line.startsWith('    ')).toBe(open);
      expect(f.nodes.has(m[1])).toBe(false);
      f.nodes.set(m[1], m.slice(2).find((x) => x !== undefined) ?? '');
      continue;
    }
    if ((m = EDGE.exec(line))) { f.edges.push({ from: m[1], to: m[4], label: m[3], dotted: m[2] === '-.->' }); continue; }
    if (/^ {2}classDef [a-z]+ [a-z-]+:[^;\s]+(,[a-z-]+:[^;]+)*$/.test(line)) { continue; }
    if ((m = new RegExp(`^ {2}class (${ID}(?:,${ID})*) ([a-z]+)$`).exec(line))) { f.classes.set(m[2], m[1].split(',')); continue; }
    throw new Error(`not a statement the writer emits: ${JSON.stringify(line)}`);
  }
  expect(open).toBe(false);
  for (const e of f.edges) { expect([e.from, e.to].filter((id) => !f.nodes.has(id))).toStrictEqual([]); }
  for (const members of f.classes.values()) { expect(members.filter((id) => !f.nodes.has(id))).toStrictEqual([]); }
  return f;
}

/** What Mermaid shows for a label: its entity codes decoded, `<br/>` as a line break. */
function shown(label: string): string {
  const names: Record<string, string> = { quot: '"', lt: '<', gt: '>', amp: '&' };
  return label.split('<br/>').map((l) => l.replace(/#(\w+);/g, (_, e: string) => (/^\d+$/.test(e) ? String.fromCodePoint(Number(e)) : names[e]))).join('\n');
}

function idOf(f: Flowchart, text: RegExp): string {
  const found = [...f.nodes].filter(([, label]) => text.test(shown(label)));
  expect(found.map(([id]) => id)).toHaveLength(1);
  return found[0][0];
}

function hasEdge(f: Flowchart, from: string, to: string): boolean {
  return f.edges.some((e) => e.from === from && e.to === to);
}

function modelOf(docs: readonly object[]): ClusterModel {
  return ClusterModel.build(docs.map((value, i) => ({ value, source: { file: 'input.yaml', doc: i } })));
}

function summary(h: readonly DiagramHighlight[]): string[] {
  return h.map((x) => `${x.className}: ${x.subject}`);
}

describe('the first-article example', () => {
  const chart = () => new FirstArticleChart(Testing.app(), 'first-article');
  const diagram = AlertFlowDiagram.fromConstruct(chart());
  const text = diagram.mermaid();
  const f = parseFlowchart(text);

  test('the whole picture (snapshot; read the diff before updating it)', () => {
    expect(text).toMatchSnapshot();
  });

  test('rules -> Prometheus -> Alertmanager -> routes -> receivers', () => {
    const rules = idOf(f, /^PrometheusRule prometheus\/prometheus-alerts\nExampleAlert$/);
    const packs = idOf(f, /^PrometheusRule prometheus\/alerting-rule-packs\nWatchdog, InfoInhibitor\n/);
    expect(shown(f.nodes.get(packs)!)).toMatch(/\n… and 10 more$/); // 18 alerts, 8 listed
    const prometheus = idOf(f, /^Prometheus prometheus\/example$/);
    const am = idOf(f, /^Alertmanager prometheus\/example$/);
    expect([rules, packs, prometheus, am]).toStrictEqual(['rule_prometheus_prometheus_alerts', 'rule_prometheus_alerting_rule_packs', 'prom_prometheus_example', 'am_prometheus_example']);
    expect(hasEdge(f, rules, prometheus) && hasEdge(f, packs, prometheus) && hasEdge(f, prometheus, am)).toBe(true);
    // the article's route, with the matchers the operator generates, to the Lambda
    const route = idOf(f, /^route 1\nnamespace="my-cluster-namespace"\nseverity=~"warning\|critical\|error"\ncontinue: true$/);
    const lambda = idOf(f, /^prometheus\/example-alertmanagerconfig\/lambda-webhook\nwebhook$/);
    expect(hasEdge(f, am, route) && hasEdge(f, route, lambda)).toBe(true);
    // alerts no route takes end at the base configuration's null receiver
    const nil = idOf(f, /^prometheus\/example-base\/null\nno integration: notifies nobody$/);
    expect(f.edges).toContainEqual({ from: am, to: nil, label: 'otherwise', dotted: false });
    expect(hasEdge(f, idOf(f, /^route 4\nalertname="Watchdog"$/), nil)).toBe(true);
  });

  test('Flux sources -> Alert -> alertmanager Provider -> the same Alertmanager', () => {
    const sources = idOf(f, /^prometheus-alerts\/\*\nGitRepository, HelmChart, HelmRelease\n/);
    const alert = idOf(f, /^Alert prometheus-alerts\/errors\neventSeverity: error$/);
    const provider = idOf(f, /^Provider prometheus-alerts\/alertmanager\ntype: alertmanager$/);
    expect(hasEdge(f, sources, alert) && hasEdge(f, alert, provider) && hasEdge(f, provider, 'am_prometheus_example')).toBe(true);
    expect(hasEdge(f, idOf(f, /^route 2\nalertname=~"Flux\.\+"\nseverity="error"/), idOf(f, /^prometheus\/flux-alertmanagerconfig\/lambda-webhook/))).toBe(true);
  });

  test('nothing is unreachable; the null receiver is drawn as a drop', () => {
    expect(summary(diagram.highlights)).toStrictEqual(['drop: receiver prometheus/example-base/null of Alertmanager prometheus/example']);
    expect(f.classes.get('unreachable')).toBeUndefined();
    expect(f.classes.get('drop')).toStrictEqual(['am_prometheus_example_recv_prometheus_example_base_null']);
  });

  test('the same objects read from synthesized files, in any order, give the same text', () => {
    const manifests = Testing.synth(chart());
    const dir = mkdtempSync(join(tmpdir(), 'diagram-'));
    try {
      writeFileSync(join(dir, 'a.k8s.yaml'), manifests.map((m) => stringify(m)).join('---\n'));
      expect(AlertFlowDiagram.fromModel(modelOfFiles([dir]).model).mermaid()).toBe(text);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(AlertFlowDiagram.fromModel(modelOf([...manifests].reverse())).mermaid()).toBe(text);
  });

  test('markdown() is the text in a mermaid block', () => {
    expect(diagram.markdown()).toBe(`\`\`\`mermaid\n${text}\`\`\`\n`);
  });
});

const am = (name: string, ns = 'monitoring', spec: object = {}) => ({
  apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name, namespace: ns },
  spec: { alertmanagerConfigSelector: { matchLabels: { alertmanager: name } }, alertmanagerConfigMatcherStrategy: { type: 'None' }, ...spec },
});
const prometheus = (spec: object = {}) => ({
  apiVersion: 'monitoring.coreos.com/v1', kind: 'Prometheus', metadata: { name: 'main', namespace: 'monitoring' },
  spec: { ruleSelector: { matchLabels: { prometheus: 'main' } }, alerting: { alertmanagers: [{ name: 'alertmanager-operated', namespace: 'monitoring', port: 'web' }] }, ...spec },
});
const rule = (name: string, labels: Record<string, string>, alerts: string[], ns = 'monitoring') => ({
  apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name, namespace: ns, labels },
  spec: { groups: [{ name: 'g', rules: alerts.map((alert) => ({ alert, expr: 'vector(1)' })) }] },
});
const amConfig = (name: string, labels: Record<string, string>, spec: object) => ({
  apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name, namespace: 'monitoring', labels }, spec,
});
const webhook = (name: string) => ({ name, webhookConfigs: [{ url: `https://${name}.invalid/` }] });
const provider = (name: string, ns: string, spec: object) => ({ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name, namespace: ns }, spec });
const fluxAlert = (name: string, ns: string, spec: object) => ({ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert', metadata: { name, namespace: ns }, spec });

describe('unreachable parts', () => {
  test('a rule no Prometheus loads, a config no Alertmanager loads, a route after a catch-all, a receiver no route uses', () => {
    const d = AlertFlowDiagram.fromModel(modelOf([
      am('main'),
      prometheus(),
      rule('loaded', { prometheus: 'main' }, ['Loaded']),
      rule('lost', { prometheus: 'other' }, ['Lost']),
      rule('recording-only', {}, []),
      amConfig('orphan', { alertmanager: 'nobody' }, { route: { receiver: 'x' }, receivers: [webhook('x')] }),
      amConfig('routing', { alertmanager: 'main' }, {
        route: {
          receiver: 'default',
          routes: [{ receiver: 'catch-all' }, { receiver: 'shadowed', matchers: [{ name: 'severity', value: 'critical' }] }],
        },
        receivers: [webhook('default'), webhook('catch-all'), webhook('shadowed'), webhook('unused')],
      }),
    ]));
    const f = parseFlowchart(d.mermaid());
    expect(hasEdge(f, 'rule_monitoring_loaded', 'prom_monitoring_main')).toBe(true);
    expect(f.nodes.has('rule_monitoring_recording_only')).toBe(false); // no alert flows from recording rules
    expect(summary(d.highlights).filter((h) => h.startsWith('unreachable'))).toStrictEqual([
      'unreachable: PrometheusRule monitoring/lost',
      'unreachable: route {severity="critical"} of Alertmanager monitoring/main',
      'unreachable: receiver monitoring/routing/shadowed of Alertmanager monitoring/main',
      'unreachable: receiver monitoring/routing/unused of Alertmanager monitoring/main',
      'unreachable: AlertmanagerConfig monitoring/orphan',
    ]);
    const unreachable = f.classes.get('unreachable')!;
    expect(unreachable).toContain('rule_monitoring_lost');
    expect(unreachable).toContain('config_monitoring_orphan');
    // the config's own route (what the operator puts under the root) and its catch-all child stay reachable
    expect(unreachable).not.toContain('am_monitoring_main_route_0');
    expect(unreachable).toContain('am_monitoring_main_route_0_1');
    expect(d.highlights.find((h) => h.nodeId === 'rule_monitoring_lost')?.reason).toMatch(/no Prometheus of the input loads it/);
  });

  test('label flow: a route no alert source of a complete model can reach is unreachable; with a source outside the model it is not', () => {
    const docs = [
      am('main'),
      prometheus(),
      { ...rule('warn', { prometheus: 'main' }, []), spec: { groups: [{ name: 'g', rules: [{ alert: 'Warn', expr: 'vector(1)', labels: { severity: 'warning' } }] }] } },
      amConfig('routing', { alertmanager: 'main' }, {
        route: {
          receiver: 'default',
          routes: [{ receiver: 'pager', matchers: [{ name: 'severity', value: 'critical' }] }],
        },
        receivers: [webhook('default'), webhook('pager')],
      }),
    ];
    const complete = AlertFlowDiagram.fromModel(modelOf(docs));
    const route = complete.highlights.find((h) => h.subject === 'route {severity="critical"} of Alertmanager monitoring/main');
    expect(route?.className).toBe('unreachable');
    expect(route?.reason).toMatch(/no alert source of the model can reach it/);
    expect(summary(complete.highlights)).toContain('unreachable: receiver monitoring/routing/pager of Alertmanager monitoring/main');
    // a declared external source may send severity=critical: nothing is proven
    const external = { apiVersion: 'cdk8s-alerting.io/v1', kind: 'ExternalAlertSource', metadata: { name: 'kps', namespace: 'monitoring' }, spec: {} };
    const open = AlertFlowDiagram.fromModel(modelOf([...docs, external]));
    expect(summary(open.highlights).filter((h) => h.startsWith('unreachable'))).toStrictEqual([]);
  });

  test('without a Prometheus in the input, rules are drawn but not called unreachable (one outside may load them)', () => {
    const d = AlertFlowDiagram.fromModel(modelOf([rule('r', {}, ['A'])]));
    expect(parseFlowchart(d.mermaid()).nodes.has('rule_monitoring_r')).toBe(true);
    expect(d.highlights).toStrictEqual([]);
  });

  test('a config the operator rejects, an Alertmanager it cannot configure, an endpoint with no Alertmanager', () => {
    const d = AlertFlowDiagram.fromModel(modelOf([
      am('main'),
      am('broken', 'other', { alertmanagerConfiguration: { name: 'no-such-base' } }),
      prometheus({ alerting: { alertmanagers: [{ name: 'alertmanager-operated', namespace: 'elsewhere', port: 'web' }] } }),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'hook', namespace: 'monitoring' }, data: {} },
      amConfig('bad', { alertmanager: 'main' }, { route: { receiver: 'r' }, receivers: [{ name: 'r', webhookConfigs: [{ urlSecret: { name: 'hook', key: 'url' } }] }] }),
    ]));
    const f = parseFlowchart(d.mermaid());
    expect(summary(d.highlights)).toStrictEqual([
      'missing: Alertmanager Service elsewhere/alertmanager-operated',
      'drop: receiver null of Alertmanager monitoring/main',
      'unreachable: AlertmanagerConfig monitoring/bad',
      'unreachable: the configuration of Alertmanager other/broken',
    ]);
    expect(f.edges).toContainEqual({ from: 'am_monitoring_main', to: 'config_monitoring_bad', label: 'rejected', dotted: true });
    expect(hasEdge(f, 'prom_monitoring_main', 'amsvc_elsewhere_alertmanager_operated')).toBe(true);
    expect(shown(f.nodes.get('am_other_broken_failure')!)).toMatch(/^no configuration generated\n.*no-such-base/);
  });

  test('Flux: an Alert whose Provider is missing, a suspended Alert, a Provider no Alert uses', () => {
    const d = AlertFlowDiagram.fromModel(modelOf([
      provider('slack', 'flux-system', { type: 'slack', channel: 'ops' }),
      provider('unused', 'flux-system', { type: 'generic' }),
      fluxAlert('ok', 'flux-system', { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: 'apps' }, { kind: 'HelmRelease', name: 'apps' }] }),
      fluxAlert('paused', 'flux-system', { providerRef: { name: 'slack' }, suspend: true, eventSources: [{ kind: 'GitRepository', name: '*', namespace: 'other', matchLabels: { team: 'a' } }] }),
      fluxAlert('lost', 'apps', { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: 'apps' }] }),
    ]));
    const f = parseFlowchart(d.mermaid());
    expect(summary(d.highlights)).toStrictEqual([
      'missing: Provider apps/slack',
      'unreachable: Alert apps/lost',
      'unreachable: Alert flux-system/paused',
      'unreachable: Provider flux-system/unused',
    ]);
    expect(d.highlights[1].reason).toBe('its Provider apps/slack is not in the input, so its events go nowhere');
    // the sources of one Alert with the same namespace and name share a node listing their kinds
    expect(shown(f.nodes.get('fluxsrc_flux_system_apps')!)).toBe('flux-system/apps\nHelmRelease, Kustomization');
    expect(shown(f.nodes.get('fluxsrc_other_all_team_a')!)).toBe('other/*\nlabels team=a\nGitRepository');
    expect(hasEdge(f, 'fluxsrc_flux_system_apps', 'fluxalert_flux_system_ok') && hasEdge(f, 'fluxalert_flux_system_ok', 'provider_flux_system_slack')).toBe(true);
    expect(hasEdge(f, 'fluxalert_apps_lost', 'provider_apps_slack')).toBe(true);
    expect(f.classes.get('missing')).toStrictEqual(['provider_apps_slack']);
  });
});

describe('objects declared as existing (kube-prometheus-stack)', () => {
  test('are drawn with "(exists in the cluster)" and wired like the others', () => {
    const app = Testing.app();
    const platform = new Chart(app, 'platform', { namespace: 'monitoring' });
    const kps = new KubePrometheusStack({ releaseName: 'prometheus', namespace: 'monitoring' });
    const alertmanager = AlertmanagerCluster.fromExisting(platform, 'Alertmanager', kps.alertmanagerProps());
    const prometheus = Prometheus.fromExisting(platform, 'Prometheus', kps.prometheusProps());
    const team = new Chart(app, 'team-a', { namespace: 'team-a' });
    new AlertmanagerRouting(team, 'Routing', {
      name: 'team-a', alertmanager, receiver: new WebhookReceiver({ name: 'chat', url: SecretKey.fromSecret(kplus.Secret.fromSecretName(team, 'Hooks', 'team-a-hooks'), 'chat') }), matchers: [Matcher.eq('severity', 'critical')],
    });
    new PrometheusRules(team, 'Rules', { name: 'team-a', prometheus, groups: [new RuleGroup('team-a', { alertingRules: [{ alert: 'TeamADown', expr: 'up == 0' }] })] });
    const d = AlertFlowDiagram.fromConstruct(app);
    const f = parseFlowchart(d.mermaid());
    const am = idOf(f, /^Alertmanager monitoring\/prometheus-kube-prometheus-alertmanager\n\(exists in the cluster\)$/);
    const prom = idOf(f, /^Prometheus monitoring\/prometheus-kube-prometheus-prometheus\n\(exists in the cluster\)$/);
    expect(hasEdge(f, 'rule_team_a_team_a', prom) && hasEdge(f, prom, am)).toBe(true);
    expect(hasEdge(f, idOf(f, /^route 1\nnamespace="team-a"\nseverity="critical"\ncontinue: true$/), idOf(f, /^team-a\/team-a\/chat\nwebhook$/))).toBe(true);
    expect(d.highlights.filter((h) => h.className === 'unreachable')).toStrictEqual([]);
  });
});

describe('labels and ids', () => {
  test('names with quotes, brackets, markup, pipes, hashes and newlines stay inside their label', () => {
    const nasty = ['a"b', 'x]y[z', '<b>bold</b>', 'p|q', '#quot;', 'end', 'line\nbreak', '`md`', 'a:#b;style', '{{x}}', '-->'];
    const d = AlertFlowDiagram.fromModel(modelOf([
      prometheus(),
      rule('nasty', { prometheus: 'main' }, nasty),
      am('main'),
      amConfig('m', { alertmanager: 'main' }, { route: { receiver: 'r"]', matchers: [{ name: 'x', value: 'a"]\n<br/>|' }] }, receivers: [{ name: 'r"]' }] }),
    ]), { maxAlertNames: 100 });
    const f = parseFlowchart(d.mermaid());
    const label = shown(f.nodes.get('rule_monitoring_nasty')!);
    expect(label).toBe(['PrometheusRule monitoring/nasty', ...[['a"b', 'x]y[z'], ['<b>bold</b>', 'p|q'], ['#quot;', 'end'], ['line\\nbreak', '`md`'], ['a:#b;style', '{{x}}'], ['-->']].map((p) => p.join(', '))].join('\n'));
    expect(shown(f.nodes.get('am_monitoring_main_route_0')!)).toBe('route 1\nx="a\\"]\\n<br/>|"\ncontinue: true');
    expect(f.nodes.has('am_monitoring_main_recv_monitoring_m_r')).toBe(true);
  });

  test('escapeLabelText: nothing Mermaid reads survives, and what is shown is the text', () => {
    fc.assert(fc.property(fc.string({ unit: 'grapheme-ascii' }), (s) => {
      const e = escapeLabelText(s);
      expect(e).not.toMatch(/["<>&|`\\\n\r\u0000-\u001f]/);
      expect(e).not.toMatch(/:\S*#/); // Mermaid's style/classDef rewrite cannot take a ';' of it
      if (!/[\u0000-\u001f\u007f]/.test(s)) { expect(shown(e)).toBe(s); }
    }), { numRuns: 500 });
  });

  test('ids come from kind, namespace and name; names that share an id get a hash of their own identity', () => {
    const docs = [prometheus(), rule('a-b', { prometheus: 'main' }, ['A']), rule('a.b', { prometheus: 'main' }, ['B']), rule('c', { prometheus: 'main' }, ['C'])];
    const f = parseFlowchart(AlertFlowDiagram.fromModel(modelOf(docs)).mermaid());
    const ruleIds = [...f.nodes.keys()].filter((id) => id.startsWith('rule_'));
    expect(ruleIds).toHaveLength(3);
    expect(ruleIds).toContain('rule_monitoring_c');
    expect(ruleIds.filter((id) => /^rule_monitoring_a_b_[0-9a-f]{8}$/.test(id))).toHaveLength(2);
    // adding another object changes no id
    const more = parseFlowchart(AlertFlowDiagram.fromModel(modelOf([...docs, rule('d', { prometheus: 'main' }, ['D'])])).mermaid());
    expect([...more.nodes.keys()].filter((id) => ruleIds.includes(id))).toStrictEqual(ruleIds);
  });
});
