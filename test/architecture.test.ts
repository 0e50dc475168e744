/**
 * Imports in lib/ flow one way (README "Architecture"):
 *   validation, hook, yaml → model → simulate → checks → constructs / app / cli / plugin
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

interface Graph { readonly graph: Record<string, string[]>; readonly cycles: string[][] }

// madge runs once per setting, in a plain node child (test/_import-graph.js), shared by the tests.
let graphs: { withTypes: Graph; withoutTypes: Graph } | undefined;
function imports(): { withTypes: Graph; withoutTypes: Graph } {
  graphs ??= JSON.parse(execFileSync(process.execPath, [path.join(__dirname, '_import-graph.js')], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }));
  return graphs!;
}
const cycles = (skipTypeImports: boolean): string[][] => (skipTypeImports ? imports().withoutTypes : imports().withTypes).cycles;
const graph = (): Record<string, string[]> => imports().withTypes.graph;

test('no import cycle in lib/', () => {
  expect(cycles(true)).toEqual([]);
}, 60_000);

test('the only type-only cycle is the documented Alertmanager pair', () => {
  // `import type` is erased by the compiler, so it orders nothing at run time. AlertmanagerCluster
  // and AlertmanagerRouting name each other in their public API (cluster.addRouting(routing),
  // routing.alertmanager), which needs the types both ways.
  expect(cycles(false)).toEqual([['alertmanager/alertmanager-cluster.ts', 'alertmanager/alertmanager-routing.ts']]);
}, 60_000);

test('no construct file imports the checks', () => {
  const deps = graph();
  const constructDirs = ['alertmanager/', 'receivers/', 'rules/', 'prometheus/', 'flux/', 'stack/', 'rbac/', 'network/', 'ha/', 'rule-packs/', 'dashboards/', 'templates/', 'secret-key.ts', 'namespace-selector.ts'];
  const offenders = Object.entries(deps)
    .filter(([file]) => constructDirs.some((d) => file.startsWith(d)))
    .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('checks/') || d.startsWith('cli/') || d.startsWith('plugin/')).map((d) => `${file} -> ${d}`));
  expect(offenders).toEqual([]);
}, 60_000);

test('the lower layers import nothing above them', () => {
  const rank = (file: string): number => {
    if (file.startsWith('validation/') || file.startsWith('hook/') || file.startsWith('yaml/')) { return 0; } // _util/ holds the constructs' own helpers
    if (file.startsWith('model/')) { return 1; }
    if (file.startsWith('simulate/')) { return 2; }
    if (file.startsWith('checks/')) { return 3; }
    return 4;
  };
  const upward = Object.entries(graph())
    .flatMap(([file, deps]) => deps.filter((d) => rank(d) > rank(file) && rank(file) < 4).map((d) => `${file} -> ${d}`));
  expect(upward).toEqual([]);
}, 60_000);
