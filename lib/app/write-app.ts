/**
 * AlertingApp's synth: what cdk8s' `App.synth()` does (cdk8s 2.70, lib/app.js), with each object
 * rendered once and the YAML written by the synth path's emitter.
 *
 * `App.synth()` validates the whole app, then, for every chart, `chart.toJson()` resolves the
 * app's dependencies, validates the whole app again and renders the chart's objects; the checks
 * render every object once more for their model. On a fleet that is one validation per chart
 * and two renderings per object, and `yaml.stringify` costs more than all of it. Here the app is
 * validated once, each object is rendered once (the model's rendering, shared through
 * {@link renderShared}), and the YAML comes from `emitYamlDocuments`, which writes what cdk8s
 * writes (byte for byte, except the quoting of strings other YAML readers would misread).
 *
 * The file layout follows cdk8s exactly, for every `YamlOutputType`, as does
 * `construct-metadata.json`; test/app/write-app.test.ts compares the trees with a plain `App`'s.
 * An output type this module does not know returns false, and the caller uses `App.synth()`.
 * @module
 */
import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, App, Chart, DependencyGraph, Names, YamlOutputType } from 'cdk8s';
import { IConstruct, Node } from 'constructs';
import { renderShared } from '../hook/app-hook';
import { emitYamlDocuments } from '../yaml/emit';

/** `node.findAll()`, once per node (cdk8s' SynthRequestCache). */
class FindAllCache {
  private readonly cache = new Map<Node, IConstruct[]>();
  public findAll(node: Node): IConstruct[] {
    let all = this.cache.get(node);
    if (!all) {
      all = node.findAll();
      this.cache.set(node, all);
    }
    return all;
  }
}

/** cdk8s' `validate`: every construct's validations, errors in tree order, one Error for all. */
function validate(app: App, cache: FindAllCache): void {
  const errors: string[] = [];
  for (const child of cache.findAll(app.node)) {
    for (const error of child.node.validate()) {
      errors.push(`[${child.node.path}] ${error}`);
    }
  }
  if (errors.length > 0) {
    throw new Error(`Validation failed with the following errors:\n  ${errors.join('\n  ')}`);
  }
}

function buildDependencies(app: App, cache: FindAllCache): Array<{ source: IConstruct; target: IConstruct }> {
  const deps: Array<{ source: IConstruct; target: IConstruct }> = [];
  for (const child of cache.findAll(app.node)) {
    for (const dep of child.node.dependencies) {
      deps.push({ source: child, target: dep });
    }
  }
  return deps;
}

/** cdk8s' `resolveDependencies`: chart and object dependencies from construct dependencies. */
function resolveDependencies(app: App, cache: FindAllCache): boolean {
  let hasDependantCharts = false;
  for (const parentChart of cache.findAll(app.node).filter((x) => x instanceof Chart)) {
    for (const childChart of parentChart.node.children.filter((x) => x instanceof Chart)) {
      parentChart.node.addDependency(childChart);
      hasDependantCharts = true;
    }
  }
  for (const dep of buildDependencies(app, cache)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    if (sourceChart !== targetChart) {
      sourceChart.node.addDependency(targetChart);
      hasDependantCharts = true;
    }
  }
  for (const dep of buildDependencies(app, cache)) {
    const sourceChart = Chart.of(dep.source);
    const targetChart = Chart.of(dep.target);
    const targetApiObjects = cache.findAll(dep.target.node).filter((c) => c instanceof ApiObject).filter((x) => Chart.of(x) === targetChart);
    const sourceApiObjects = cache.findAll(dep.source.node).filter((c) => c instanceof ApiObject).filter((x) => Chart.of(x) === sourceChart);
    for (const target of targetApiObjects) {
      for (const source of sourceApiObjects) {
        if (target !== source) { source.node.addDependency(target); }
      }
    }
  }
  return hasDependantCharts;
}

/** cdk8s' `chartToKube`: the chart's own objects, in dependency order. */
function chartToKube(chart: Chart): ApiObject[] {
  return new DependencyGraph(chart.node).topology()
    .filter((x): x is ApiObject => x instanceof ApiObject)
    .filter((x) => Chart.of(x) === chart);
}

/**
 * The documents of `chart`, as `chart.toJson()` gives them: each object's shared rendering, or,
 * for a Chart class that overrides `toJson()`, what its override returns.
 */
function chartDocuments(chart: Chart): unknown[] {
  if (chart.toJson !== Chart.prototype.toJson) { return Object.values(chart.toJson()); }
  return chartToKube(chart).map((o) => renderShared(o, () => o.toJson()));
}

/** cdk8s' chart namers: `<dns-label>`, or `0000-<dns-label>` when charts depend on each other. */
function chartNamer(indexed: boolean): (chart: Chart) => string {
  let index = 0;
  return (chart) => (indexed ? `${(index++).toString().padStart(4, '0')}-${Names.toDnsLabel(chart)}` : Names.toDnsLabel(chart));
}

function writeYamlFile(file: string, docs: readonly unknown[]): void {
  fs.writeFileSync(file, emitYamlDocuments(docs), { encoding: 'utf8' });
}

function resourceFileName(kindDotName: string): string {
  return kindDotName.replace(/[^0-9a-zA-Z-_.]/g, '');
}

/**
 * Writes `app` into `outdir` as `App.synth()` would (see the module description).
 * @returns false, having done nothing, for an output type this module does not know
 */
export function writeApp(app: App, outdir: string): boolean {
  const type = app.yamlOutputType;
  const known = [YamlOutputType.FILE_PER_APP, YamlOutputType.FILE_PER_CHART, YamlOutputType.FILE_PER_RESOURCE, YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE];
  if (!known.includes(type)) { return false; }
  const render = (o: ApiObject) => renderShared(o, () => o.toJson());
  const ext = app.outputFileExtension;

  fs.mkdirSync(outdir, { recursive: true });
  const cache = new FindAllCache();
  validate(app, cache);
  const hasDependantCharts = resolveDependencies(app, cache);
  const charts = app.charts;
  switch (type) {
    case YamlOutputType.FILE_PER_APP: {
      const docs = charts.flatMap(chartDocuments);
      if (charts.length > 0) { writeYamlFile(path.join(outdir, `app${ext}`), docs); }
      break;
    }
    case YamlOutputType.FILE_PER_CHART: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts) {
        writeYamlFile(path.join(outdir, name(chart) + ext), chartDocuments(chart));
      }
      break;
    }
    case YamlOutputType.FILE_PER_RESOURCE:
      for (const chart of charts) {
        for (const json of chartDocuments(chart) as Array<{ kind: string; metadata: { name: string } } | undefined>) {
          if (json === undefined) { continue; }
          writeYamlFile(path.join(outdir, resourceFileName(`${json.kind}.${json.metadata.name}`) + ext), [json]);
        }
      }
      break;
    case YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE: {
      const name = chartNamer(hasDependantCharts);
      for (const chart of charts) {
        const folder = path.join(outdir, name(chart));
        fs.mkdirSync(folder, { recursive: true });
        for (const o of chartToKube(chart)) {
          writeYamlFile(path.join(folder, resourceFileName(`${o.kind}.${o.metadata.name}`) + ext), [render(o)]);
        }
      }
      break;
    }
  }
  if (recordsConstructMetadata(app)) {
    const resources: Record<string, { path: string }> = {};
    for (const o of app.charts.flatMap(chartToKube)) {
      resources[o.name] = { path: o.node.path };
    }
    fs.writeFileSync(path.join(outdir, 'construct-metadata.json'), JSON.stringify({ version: '1.0.0', resources }));
  }
  return true;
}

/**
 * `app` as one YAML text, as `App.synthYaml()` makes it (dependencies, one validation, every
 * chart's objects in order), written by the synth path's emitter.
 */
export function appYaml(app: App): string {
  const cache = new FindAllCache();
  resolveDependencies(app, cache);
  validate(app, cache);
  return emitYamlDocuments(app.charts.flatMap(chartDocuments));
}

/** App's private `recordConstructMetadata` (set from its props or CDK8S_RECORD_CONSTRUCT_METADATA). */
function recordsConstructMetadata(app: App): boolean {
  const value = (app as unknown as { recordConstructMetadata?: unknown }).recordConstructMetadata;
  return value === undefined ? process.env.CDK8S_RECORD_CONSTRUCT_METADATA === 'true' : value === true;
}
