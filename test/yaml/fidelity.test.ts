/**
 * Issue 11, item 6: every string the library writes reads back as the same string, for YAML 1.1
 * and YAML 1.2 readers (`yaml` in both modes): the synth output of AlertingApp, the
 * effective config and the rule files of the CLI.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart } from 'cdk8s';
import * as fc from 'fast-check';
import { parse, parseAllDocuments } from 'yaml';
import { AlertingApp, AlertmanagerCluster, toYaml } from '../../lib/tooling';
import { main } from '../../lib/cli/main';
import { text } from './_arbitraries';

const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);
const VERSIONS = ['1.1', '1.2'] as const;

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'yaml-fidelity-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** The families issue 11 names, each of which a YAML 1.1 or 1.2 reader takes for a non-string when bare. */
const FAMILIES = [
  '0o17', '017', '-0o17', '0x1F', '0b101', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'True', 'FALSE', '~', 'null', 'Null', '',
  '1:20', '190:20:30.15', '.inf', '-.Inf', '.nan', '1e3', '1_000', '1.5', '+12', '2001-12-14', '<<', '=',
];

/** Every document of every YAML file under `dir`, read as a YAML `version` reader would. */
function readBack(dir: string, version: '1.1' | '1.2'): unknown[] {
  return fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().flatMap((f) => parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'), { version }).map((d) => {
    expect(d.errors).toEqual([]);
    return d.toJS();
  }));
}

/** A chart of ConfigMaps holding `strings` in annotations, labels and data (keys and values). */
function configMaps(app: App, strings: readonly string[]): ApiObject[] {
  const chart = new Chart(app, 'strings', { namespace: 'default' });
  return strings.map((s, i) => new ApiObject(chart, `Cm${i}`, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: `cm-${i}`, annotations: { a: s, [`k${i}${s}`]: 'x' }, labels: { l: s } },
    data: { [s || 'empty']: s, list: s },
  }));
}

function synthStrings(strings: readonly string[]): { written: string; expected: unknown[] } {
  const outdir = path.join(tmp(), 'out');
  const app = new AlertingApp({ outdir });
  const objects = configMaps(app, strings);
  app.synth();
  return { written: outdir, expected: objects.map((o) => o.toJson()) };
}

describe('AlertingApp synth output', () => {
  test('the families of issue 11 read back as the strings they are, in YAML 1.1 and 1.2', () => {
    const { written, expected } = synthStrings(FAMILIES);
    const yamlText = fs.readFileSync(path.join(written, 'strings.k8s.yaml'), 'utf8');
    expect(yamlText).toMatch(/^ {4}a: "0o17"$/m);
    for (const version of VERSIONS) { expect(readBack(written, version)).toEqual(expected); }
  });

  test('arbitrary strings in annotations, labels and data read back unchanged, in YAML 1.1 and 1.2', () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 12 }), (strings) => {
      const { written, expected } = synthStrings(strings);
      for (const version of VERSIONS) { expect(readBack(written, version)).toEqual(expected); }
    }), { numRuns: Math.max(8, Math.round(RUNS / 20)) });
  });

  test('a plain App holding a construct of this library reads back the same strings too; one without is cdk8s\' alone', () => {
    const outdir = path.join(tmp(), 'plain');
    const app = new App({ outdir });
    configMaps(app, ['0o17']);
    new AlertmanagerCluster(new Chart(app, 'am', { namespace: 'monitoring' }), 'Am', { name: 'main' });
    app.synth();
    for (const version of VERSIONS) {
      const docs = readBack(outdir, version) as Array<{ kind: string; metadata: { annotations?: { a?: unknown } } }>;
      expect(docs.find((d) => d.kind === 'ConfigMap')?.metadata.annotations?.a).toBe('0o17');
    }
    // without any construct of this library, cdk8s writes it, as it writes every app: bare
    const bareDir = path.join(tmp(), 'bare');
    const bare = new App({ outdir: bareDir });
    configMaps(bare, ['0o17']);
    bare.synth();
    const [doc] = readBack(bareDir, '1.2') as Array<{ metadata: { annotations: { a: unknown } } }>;
    expect(doc.metadata.annotations.a).toBe(15);
  });
});

describe('CLI outputs', () => {
  test('effective-config: arbitrary strings in the native config read back unchanged (toYaml)', () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 6 }), (strings) => {
      const config = {
        global: { resolve_timeout: strings[0] },
        route: { receiver: strings[0], group_by: strings, matchers: strings.map((s) => `x=${JSON.stringify(s)}`), routes: [{ receiver: strings[strings.length - 1], continue: true }] },
        receivers: strings.map((s) => ({ name: s, webhook_configs: [{ url: s, http_config: { authorization: { credentials: s } } }] })),
        templates: strings,
      };
      const written = toYaml(config as any);
      for (const version of VERSIONS) { expect(parse(written, { version })).toEqual(config); }
    }), { numRuns: Math.max(20, Math.round(RUNS / 4)) });
  });

  test('effective-config --out: the families in group_by read back as strings', () => {
    const input = tmp();
    const manifests = [
      { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'main', namespace: 'monitoring' }, spec: { alertmanagerConfigSelector: {}, alertmanagerConfigNamespaceSelector: {} } },
      { apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: 'team', namespace: 'monitoring' }, spec: { route: { receiver: 'null', groupBy: FAMILIES.filter((s) => s !== '') }, receivers: [{ name: 'null' }] } },
    ];
    fs.writeFileSync(path.join(input, 'in.yaml'), manifests.map((m) => JSON.stringify(m)).join('\n---\n')); // JSON reads back exactly
    const out = path.join(tmp(), 'out');
    const io = { out: () => undefined, err: (l: string) => { throw new Error(l); } };
    expect(main(['effective-config', input, '--out', out], io)).toBe(0);
    const file = fs.readdirSync(out).find((f) => f.endsWith('.alertmanager.yaml'))!;
    for (const version of VERSIONS) {
      const config = parse(fs.readFileSync(path.join(out, file), 'utf8'), { version }) as { route: { routes: Array<{ group_by: string[] }> } };
      expect(config.route.routes[0].group_by).toEqual(FAMILIES.filter((s) => s !== ''));
    }
  });

  test('rule-files: arbitrary strings in rule labels and annotations read back unchanged', () => {
    fc.assert(fc.property(fc.array(text, { minLength: 1, maxLength: 8 }), (strings) => {
      const input = tmp();
      const groups = [{
        name: 'g',
        rules: strings.map((s, i) => ({ alert: `A${i}`, expr: 'up == 0', labels: { severity: s }, annotations: { summary: s, [`k${s}`]: s } })),
      }];
      const rule = { apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'r', namespace: 'monitoring' }, spec: { groups } };
      fs.writeFileSync(path.join(input, 'rule.yaml'), JSON.stringify(rule)); // JSON is YAML, and reads back exactly
      const out = path.join(tmp(), 'out');
      expect(main(['rule-files', input, '--out', out], { out: () => undefined, err: () => undefined })).toBe(0);
      const written = fs.readFileSync(path.join(out, 'monitoring-r.yaml'), 'utf8');
      for (const version of VERSIONS) { expect(parse(written, { version })).toEqual({ groups }); }
    }), { numRuns: Math.max(8, Math.round(RUNS / 20)) });
  });
});
