/**
 * AlertingApp writes its files itself (lib/app/write-app.ts): the same files as a plain cdk8s
 * App, with the same bytes except the strings other YAML readers would misread, for every
 * output type and with construct metadata; it validates and renders once per synth.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, AppProps, Chart, Include, JsonPatch, Lazy, YamlOutputType } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import { parseAllDocuments } from 'yaml';
import {
  AlertingApp, AlertmanagerCluster, AlertmanagerRouting, Matcher, PrometheusRules, Route, RuleGroup, SecretKey, WebhookReceiver,
} from '../lib/tooling';
import { emitYamlDocuments } from '../lib/yaml/emit';

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'alerting-app-output-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Every file under `dir`, relative path → content. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); } else { out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8'); }
    }
  };
  walk(dir);
  return out;
}

/** An app with what changes the layout: charts that depend on each other, a nested chart, Include, patches, Lazy, cdk8s-plus. */
function build(app: App, includeFile: string): void {
  const monitoring = new Chart(app, 'monitoring', { namespace: 'monitoring', labels: { team: 'platform' } });
  const am = new AlertmanagerCluster(monitoring, 'Am', { name: 'main' });
  const hook = kplus.Secret.fromSecretName(monitoring, 'Hook', 'hook');
  new AlertmanagerRouting(monitoring, 'Routing', {
    name: 'platform',
    alertmanager: am,
    receiver: new WebhookReceiver({ name: 'web', url: SecretKey.fromSecret(hook, 'url') }),
    routes: [new Route({ matchers: [Matcher.eq('severity', 'critical'), Matcher.regex('team', 'a|b')], receiver: new WebhookReceiver({ name: 'crit', url: SecretKey.fromSecret(hook, 'url') }) })],
  });
  const team = new Chart(app, 'team-a', { namespace: 'team-a' });
  new PrometheusRules(team, 'Rules', {
    name: 'rules',
    groups: [new RuleGroup('g', { alertingRules: [{ alert: 'Down', expr: 'up == 0', labels: { severity: 'critical' }, annotations: { summary: 'multi\nline\n', empty: '' } }] })],
  });
  const cm = new kplus.ConfigMap(team, 'Config', { data: { 'a.txt': ' leading space\n', yes: 'no', n: '1:20' } });
  team.addDependency(monitoring);
  const raw = new ApiObject(team, 'Raw', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'raw' }, data: { lazy: Lazy.any({ produce: () => 'late' }) } as any });
  raw.addJsonPatch(JsonPatch.add('/data/patched', 'yes'));
  raw.addDependency(cm);
  const nested = new Chart(team, 'nested', { namespace: 'team-a' });
  new ApiObject(nested, 'Inner', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'inner' } });
  const included = new Chart(app, 'included', { namespace: 'other' });
  new Include(included, 'Inc', { url: includeFile });
  new Construct(app, 'NotAChart');
}

/**
 * cdk8s' own App.synth, as cdk8s writes it: a plain App holding constructs of this library is
 * written by the library's writer (lib/app/alerting-app.ts setPlainAppWriters), so the reference
 * calls the prototype's method, which the library does not wrap.
 */
function cdk8sSynth(app: App): void {
  App.prototype.synth.call(app);
}

function synthBoth(props: AppProps): { alerting: Record<string, string>; plain: Record<string, string> } {
  const includeFile = path.join(tmp(), 'inc.yaml');
  fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: from-file\n  annotations:\n    a: "0o17"\n');
  const a = new AlertingApp({ ...props, outdir: path.join(tmp(), 'a') });
  build(a, includeFile);
  a.synth();
  const p = new App({ ...props, outdir: path.join(tmp(), 'p') });
  build(p, includeFile);
  cdk8sSynth(p);
  return { alerting: tree(a.outdir), plain: tree(p.outdir) };
}

/** cdk8s' text with each document re-emitted: the bytes AlertingApp must write for it. */
function reemitted(cdk8sText: string): string {
  return emitYamlDocuments(parseAllDocuments(cdk8sText, { version: '1.1' }).map((d) => d.toJS()));
}

describe('AlertingApp output', () => {
  const types: Array<[string, YamlOutputType]> = [
    ['FILE_PER_CHART', YamlOutputType.FILE_PER_CHART],
    ['FILE_PER_APP', YamlOutputType.FILE_PER_APP],
    ['FILE_PER_RESOURCE', YamlOutputType.FILE_PER_RESOURCE],
    ['FOLDER_PER_CHART_FILE_PER_RESOURCE', YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE],
  ];
  test.each(types)('%s: the files of a plain App, the same YAML but for the quoting of misread strings', (_name, yamlOutputType) => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { alerting, plain } = synthBoth({ yamlOutputType, recordConstructMetadata: true, outputFileExtension: '.yaml' });
      expect(Object.keys(alerting)).toEqual(Object.keys(plain));
      expect(Object.keys(plain)).toContain('construct-metadata.json');
      expect(alerting['construct-metadata.json']).toBe(plain['construct-metadata.json']);
      let quoted = 0;
      for (const [file, text] of Object.entries(plain)) {
        if (file.endsWith('.json')) { continue; }
        expect(alerting[file]).toBe(reemitted(text));
        // The only differences: `=` (a matcher type) and `0o17` (an annotation), quoted by AlertingApp.
        expect(alerting[file].replace(/: "(=|0o17)"$/gm, ': $1')).toBe(text);
        quoted += (alerting[file].match(/: "(=|0o17)"$/gm) ?? []).length;
      }
      expect(quoted).toBeGreaterThanOrEqual(2);
    } finally {
      stderr.mockRestore();
    }
  });

  test('charts that depend on each other get indexed file names, as with a plain App', () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const { alerting, plain } = synthBoth({});
      expect(Object.keys(alerting)).toEqual(Object.keys(plain));
      expect(Object.keys(alerting)).toEqual(['0000-monitoring.k8s.yaml', '0001-team-a-nested-c87dbde0.k8s.yaml', '0002-team-a.k8s.yaml', '0003-included.k8s.yaml']);
    } finally {
      stderr.mockRestore();
    }
  });

  test('renders each object once per synth, for the checks and the YAML alike', () => {
    const app = new AlertingApp({ outdir: path.join(tmp(), 'once') });
    const includeFile = path.join(tmp(), 'inc.yaml');
    fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: from-file\n');
    build(app, includeFile);
    const objects = app.node.findAll().filter((c) => ApiObject.isApiObject(c)).length;
    const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
    try {
      app.synth();
      expect(toJson).toHaveBeenCalledTimes(objects);
    } finally {
      toJson.mockRestore();
    }
  });

  test('synthYaml: the text of a plain App\'s synthYaml, but for the quoting, rendering each object once', () => {
    const includeFile = path.join(tmp(), 'inc.yaml');
    fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: from-file\n  annotations:\n    a: "0o17"\n');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = new App({ outdir: path.join(tmp(), 'p') });
      build(p, includeFile);
      const plain = App.prototype.synthYaml.call(p);
      const a = new AlertingApp({ outdir: path.join(tmp(), 'a') });
      build(a, includeFile);
      const objects = a.node.findAll().filter((c) => ApiObject.isApiObject(c)).length;
      const toJson = jest.spyOn(ApiObject.prototype, 'toJson');
      let text: string;
      try {
        text = a.synthYaml();
        expect(toJson).toHaveBeenCalledTimes(objects);
      } finally {
        toJson.mockRestore();
      }
      expect(text).toBe(reemitted(plain));
      expect(text.replace(/: "(=|0o17)"$/gm, ': $1')).toBe(plain);
    } finally {
      stderr.mockRestore();
    }
  });

  test('a Chart that overrides toJson() is written from its override, as by a plain App', () => {
    class Stamped extends Chart {
      public toJson(): any[] {
        return super.toJson().map((o) => ({ ...o, metadata: { ...o.metadata, annotations: { stamped: 'yes' } } }));
      }
    }
    const write = (app: App) => {
      const c = new Stamped(app, 'stamped');
      new ApiObject(c, 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } });
      app.synth();
      return tree(app.outdir);
    };
    const plain = write(new App({ outdir: path.join(tmp(), 'p') }));
    expect(plain['stamped.k8s.yaml']).toMatch(/stamped: "yes"/);
    expect(write(new AlertingApp({ outdir: path.join(tmp(), 'a') }))).toEqual(plain);
  });

  test('a plain App holding constructs of this library is written like AlertingApp (quoting included); one without them by cdk8s', () => {
    const includeFile = path.join(tmp(), 'inc.yaml');
    fs.writeFileSync(includeFile, 'apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: from-file\n  annotations:\n    a: "0o17"\n');
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const p = new App({ outdir: path.join(tmp(), 'p') });
      build(p, includeFile);
      p.synth();
      const a = new AlertingApp({ outdir: path.join(tmp(), 'a') });
      build(a, includeFile);
      a.synth();
      expect(tree(p.outdir)).toEqual(tree(a.outdir));
      expect(Object.values(tree(p.outdir)).join('\n')).toMatch(/a: "0o17"/);
    } finally {
      stderr.mockRestore();
    }
    // no construct of this library: the app is cdk8s' alone, written by cdk8s
    const bare = new App({ outdir: path.join(tmp(), 'bare') });
    new ApiObject(new Chart(bare, 'c'), 'A', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', annotations: { a: '0o17' } } });
    bare.synth();
    expect(tree(bare.outdir)['c.k8s.yaml']).toMatch(/^ {4}a: 0o17$/m);
  });

  test('validation errors are those of a plain App, in the same order', () => {
    const errorOf = (app: App) => {
      const c = new Chart(app, 'c');
      new ApiObject(c, 'A', { apiVersion: 'v1', kind: 'ConfigMap' });
      c.node.addValidation({ validate: () => ['first problem'] });
      const inner = new Construct(c, 'Inner');
      inner.node.addValidation({ validate: () => ['second problem', 'third problem'] });
      try {
        app.synth();
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    const plain = errorOf(new App({ outdir: path.join(tmp(), 'p') }));
    expect(plain).toBe('Validation failed with the following errors:\n  [c] first problem\n  [c/Inner] second problem\n  [c/Inner] third problem');
    expect(errorOf(new AlertingApp({ outdir: path.join(tmp(), 'a') }))).toBe(plain);
  });

  test('an object that fails to render fails the synth with cdk8s\' message, and nothing is written', () => {
    const outdir = path.join(tmp(), 'out');
    fs.mkdirSync(outdir);
    fs.writeFileSync(path.join(outdir, 'previous.k8s.yaml'), 'previous\n');
    const app = new AlertingApp({ outdir });
    const c = new Chart(app, 'c');
    new ApiObject(c, 'Bad', { apiVersion: 'v1', kind: 'ConfigMap', data: { x: Lazy.any({ produce: () => { throw new Error('cannot produce'); } }) } } as any);
    expect(() => app.synth()).toThrow(/Failed serializing construct at path 'c\/Bad' with name 'c-bad-\w+': Error: cannot produce/);
    expect(tree(outdir)).toEqual({ 'previous.k8s.yaml': 'previous\n' });
  });
});
