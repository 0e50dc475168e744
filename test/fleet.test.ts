import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parse, parseAllDocuments } from 'yaml';
import { plainCluster, sanitize } from '../bench/plain';
import {
  buildFleet, ClusterConfig, defaultPacks, FLEET, packRuleCount, synthFleet, syntheticFleet, writeFleet,
} from '../examples/fleet/main';
import { PrometheusRules } from '../lib/tooling';
import { expectSchemaValid, plaintextSecrets } from './_schema';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-fleet-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function docs(file: string): any[] {
  return parseAllDocuments(fs.readFileSync(file, 'utf8')).map((d) => d.toJS()).filter((d) => d);
}

function synthExample(clusters: readonly ClusterConfig[] = FLEET): { outdir: string; files: string[] } {
  const outdir = tmp();
  const files = synthFleet(buildFleet(clusters, { outdir }));
  return { outdir, files };
}

describe('fleet example', () => {
  const { outdir, files } = synthExample();

  test('writes clusters/<c>/alerting with a kustomization.yaml listing exactly its files', () => {
    for (const c of FLEET) {
      const dir = path.join(outdir, 'clusters', c.name, 'alerting');
      const listed = parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8'));
      const onDisk = fs.readdirSync(dir).filter((f) => f !== 'kustomization.yaml').sort();
      expect(listed).toEqual({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: onDisk });
      expect(onDisk).toEqual(['flux.yaml', 'monitoring.yaml', ...c.teams.map((t) => `team-${t.name}.yaml`).sort()]);
    }
    expect(files).toContain('clusters/staging/alerting/monitoring.yaml');
    expect(files.every((f) => fs.existsSync(path.join(outdir, f)))).toBe(true);
  });

  test('one Flux Kustomization per cluster applies ./clusters/<c>/alerting', () => {
    for (const c of FLEET) {
      const dir = path.join(outdir, 'clusters', c.name);
      const [k] = docs(path.join(dir, 'alerting-sync.yaml'));
      expect(k.kind).toBe('Kustomization');
      expect(k.apiVersion).toBe('kustomize.toolkit.fluxcd.io/v1');
      expect(k.metadata).toEqual({ name: 'alerting', namespace: 'flux-system' });
      expect(k.spec).toMatchObject({ path: `./clusters/${c.name}/alerting`, prune: true, sourceRef: { kind: 'GitRepository', name: 'flux-system' } });
      // The bootstrap Kustomization must not apply alerting/ as well.
      expect(parse(fs.readFileSync(path.join(dir, 'kustomization.yaml'), 'utf8')).resources).toEqual(['flux-system', 'alerting-sync.yaml']);
    }
  });

  test('every manifest is schema-valid and names Secrets only by reference', () => {
    const all = files.filter((f) => !f.endsWith('kustomization.yaml')).flatMap((f) => docs(path.join(outdir, f)));
    expect(all.length).toBeGreaterThan(30);
    expectSchemaValid(all);
    // Runbook links and the Alertmanager's own external URL are public, not endpoints that need a Secret.
    const isPublic = (f: string) => /\.annotations\.runbook_url: https:\/\/runbooks\.prometheus-operator\.dev\//.test(f)
      || /^Alertmanager main \.spec\.externalUrl: https:\/\/alertmanager\.[a-z0-9-]+\.example\.com$/.test(f);
    expect(plaintextSecrets(all).filter((f) => !isPublic(f))).toEqual([]);
    expect(all.filter((m) => m.kind === 'Secret')).toEqual([]);
  });

  test('per cluster: external label, Flux metadata, team namespaces and receivers', () => {
    for (const c of FLEET) {
      const alerting = path.join(outdir, 'clusters', c.name, 'alerting');
      const monitoring = docs(path.join(alerting, 'monitoring.yaml'));
      const prom = monitoring.find((m) => m.kind === 'Prometheus');
      expect(prom.spec.externalLabels).toEqual({ ...c.externalLabels, cluster: c.name });
      const namespaces = c.teams.map((t) => t.namespace ?? t.name);
      expect(prom.spec.ruleNamespaceSelector.matchExpressions[0].values).toEqual(['monitoring', ...namespaces].sort());
      const am = monitoring.find((m) => m.kind === 'Alertmanager');
      expect(am.spec.alertmanagerConfigNamespaceSelector.matchExpressions[0].values).toEqual(['monitoring', ...namespaces].sort());
      const flux = docs(path.join(alerting, 'flux.yaml'));
      expect(flux.find((m) => m.kind === 'Alert').spec.eventMetadata).toEqual({ cluster: c.name });

      for (const t of c.teams) {
        const [routing, rules] = docs(path.join(alerting, `team-${t.name}.yaml`));
        expect(routing.metadata.namespace).toBe(t.namespace ?? t.name);
        expect(routing.metadata.labels).toEqual({ alertmanager: 'main' });
        expect(routing.spec.receivers.map((r: any) => r.name)).toEqual(t.pagerDutySecret ? ['slack', 'pagerduty'] : ['slack']);
        expect(routing.spec.receivers[0].slackConfigs[0].apiURL).toEqual({ name: t.slackSecret ?? 'alertmanager-slack', key: 'url' });
        expect(rules.kind).toBe('PrometheusRule');
        expect(rules.metadata.labels).toEqual({ prometheus: 'main', role: 'alert-rules' });
      }
    }
  });

  test('the shared rule packs (the library\'s) are in every cluster; Watchdog goes to the dead man\'s switch', () => {
    for (const c of FLEET) {
      const monitoring = docs(path.join(outdir, 'clusters', c.name, 'alerting', 'monitoring.yaml'));
      const rules = monitoring.find((m) => m.kind === 'PrometheusRule');
      const all = rules.spec.groups.flatMap((g: any) => g.rules);
      expect(all).toHaveLength(packRuleCount(defaultPacks()));
      expect(all.find((r: any) => r.alert === 'Watchdog')).toMatchObject({ expr: 'vector(1)', labels: { severity: 'none' } });
      expect(all.find((r: any) => r.alert === 'FluxReconciliationFailed').expr).toContain('gotk_resource_info{ready="False",suspended!="true",');
      expect(all.find((r: any) => r.alert === 'AlertmanagerFailedReload').expr)
        .toBe('alertmanager_config_last_reload_successful{namespace="monitoring",pod=~"alertmanager-main-[0-9]+"} == 0');
      // Watchdog goes to the dead man's switch from the base configuration
      const base = monitoring.find((m) => m.kind === 'AlertmanagerConfig' && m.metadata.name === 'main-base');
      expect(base.spec.route.routes).toEqual([expect.objectContaining({ receiver: 'deadmans-switch', matchers: [{ name: 'alertname', matchType: '=', value: 'Watchdog' }] })]);
    }
  });
});

describe('buildFleet', () => {
  test('each cluster gets its own rule groups: adding a rule to one does not leak', () => {
    const fleet = buildFleet(FLEET.slice(0, 2), { outdir: tmp() });
    const [a, b] = fleet.clusters.map((c) => c.charts.monitoring.node.findAll().find((x): x is PrometheusRules => x instanceof PrometheusRules)!);
    a.groups[0].addAlertingRule({ alert: 'OnlyHere', expr: 'up == 0' });
    expect(a.groups[0].size).toBe(b.groups[0].size + 1);
  });

  test('rejects a cluster listed twice, or a name that is not a DNS label', () => {
    expect(() => buildFleet([FLEET[0], FLEET[0]], { outdir: tmp() })).toThrow(/listed twice/);
    expect(() => buildFleet([{ name: 'Prod_EU', teams: [] }], { outdir: tmp() })).toThrow(/must be a DNS label/);
  });

  test('writeFleet (one cluster at a time) writes the same files as synthFleet(buildFleet())', () => {
    const a = synthExample();
    const outdir = tmp();
    expect(writeFleet(FLEET, { outdir })).toEqual(a.files);
    for (const f of a.files) {
      expect(fs.readFileSync(path.join(outdir, f), 'utf8')).toEqual(fs.readFileSync(path.join(a.outdir, f), 'utf8'));
    }
    expect(() => writeFleet([FLEET[0], FLEET[0]], { outdir: tmp() })).toThrow(/listed twice/);
  });

  test('fluxSystem: false writes no clusters/<c>/kustomization.yaml', () => {
    const outdir = tmp();
    const files = synthFleet(buildFleet(FLEET.slice(2), { outdir, fluxSystem: false }));
    expect(files).toEqual([
      'clusters/staging/alerting-sync.yaml',
      'clusters/staging/alerting/flux.yaml',
      'clusters/staging/alerting/kustomization.yaml',
      'clusters/staging/alerting/monitoring.yaml',
      'clusters/staging/alerting/team-checkout.yaml',
      'clusters/staging/alerting/team-payments.yaml',
      'clusters/staging/alerting/team-search.yaml',
    ]);
  });

  test('a removed team\'s file does not linger after the next synth', () => {
    const outdir = tmp();
    synthFleet(buildFleet(FLEET.slice(0, 1), { outdir }));
    const smaller = [{ ...FLEET[0], teams: FLEET[0].teams.slice(0, 1) }];
    synthFleet(buildFleet(smaller, { outdir }));
    const dir = path.join(outdir, 'clusters', FLEET[0].name, 'alerting');
    expect(fs.readdirSync(dir).sort()).toEqual(['flux.yaml', 'kustomization.yaml', 'monitoring.yaml', `team-${FLEET[0].teams[0].name}.yaml`]);
  });

  test('an invalid shared rule fails the synth naming the cluster, and writes nothing for it', () => {
    const outdir = tmp();
    const packs = [{ name: 'broken.rules', rules: [{ alert: 'Broken', expr: 'rate(http_requests_total)' }] }];
    expect(() => buildFleet(FLEET.slice(0, 1), { outdir, packs })).toThrow(/PlatformRules[\s\S]*expected type range vector/);
    expect(fs.existsSync(path.join(outdir, 'clusters'))).toBe(false);
  });
});

describe('benchmark baseline (bench/plain.ts)', () => {
  // The benchmark compares the library with these hand-written objects; keep them in step.
  test.each([['example fleet', FLEET], ['synthetic fleet', syntheticFleet(2, { teams: 3, rulesPerTeam: 6 })]])('%s: the plain objects are what the library synthesizes', (_, clusters) => {
    const { outdir } = synthExample(clusters);
    const packs = defaultPacks();
    for (const c of clusters) {
      const plain = plainCluster(c, packs);
      const dir = path.join(outdir, 'clusters', c.name);
      for (const chart of plain.charts) {
        expect(docs(path.join(dir, 'alerting', `${chart.id}.yaml`))).toEqual(chart.objects.map(sanitize));
      }
      expect(docs(path.join(dir, 'alerting-sync.yaml'))).toEqual(plain.sync.objects.map(sanitize));
    }
  });
});
