/**
 * Imports in lib/ flow one way (README "Architecture"):
 *   validation, hook, yaml → model → simulate → checks → constructs / app / cli / plugin
 */
import * as path from 'path';
import madge = require('madge');

const LIB = path.resolve(__dirname, '..', 'lib');

// One madge run per setting, shared by the tests (each run parses every file of lib/).
const graphs = new Map<boolean, ReturnType<typeof madge>>();
function graph(skipTypeImports: boolean): ReturnType<typeof madge> {
  if (!graphs.has(skipTypeImports)) {
    graphs.set(skipTypeImports, madge(LIB, {
      fileExtensions: ['ts'],
      tsConfig: path.resolve(__dirname, '..', 'tsconfig.json'),
      detectiveOptions: { ts: { skipTypeImports }, es6: { skipTypeImports } },
    }));
  }
  return graphs.get(skipTypeImports)!;
}

async function cycles(skipTypeImports: boolean): Promise<string[][]> {
  return (await graph(skipTypeImports)).circular();
}

test('no import cycle in lib/', async () => {
  expect(await cycles(true)).toEqual([]);
}, 60_000);

test('the only type-only cycle is the documented Alertmanager pair', async () => {
  // `import type` is erased by the compiler, so it orders nothing at run time. AlertmanagerCluster
  // and AlertmanagerRouting name each other in their public API (cluster.addRouting(routing),
  // routing.alertmanager), which needs the types both ways.
  expect(await cycles(false)).toEqual([['alertmanager/alertmanager-cluster.ts', 'alertmanager/alertmanager-routing.ts']]);
}, 60_000);

test('no construct file imports the checks', async () => {
  const result = await graph(false);
  const deps = result.obj();
  const constructDirs = ['alertmanager/', 'receivers/', 'rules/', 'prometheus/', 'flux/', 'stack/', 'rbac/', 'network/', 'ha/', 'rule-packs/', 'dashboards/', 'templates/', 'secret-key.ts', 'namespace-selector.ts'];
  const offenders = Object.entries(deps)
    .filter(([file]) => constructDirs.some((d) => file.startsWith(d)))
    .flatMap(([file, deps]) => deps.filter((d) => d.startsWith('checks/') || d.startsWith('cli/') || d.startsWith('plugin/')).map((d) => `${file} -> ${d}`));
  expect(offenders).toEqual([]);
}, 60_000);

test('the lower layers import nothing above them', async () => {
  const result = await graph(false);
  const rank = (file: string): number => {
    if (file.startsWith('validation/') || file.startsWith('hook/') || file.startsWith('yaml/')) { return 0; } // _util/ holds the constructs' own helpers
    if (file.startsWith('model/')) { return 1; }
    if (file.startsWith('simulate/')) { return 2; }
    if (file.startsWith('checks/')) { return 3; }
    return 4;
  };
  const upward = Object.entries(result.obj())
    .flatMap(([file, deps]) => deps.filter((d) => rank(d) > rank(file) && rank(file) < 4).map((d) => `${file} -> ${d}`));
  expect(upward).toEqual([]);
}, 60_000);
