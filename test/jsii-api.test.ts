/**
 * The construct API (lib/index.ts, the package's main entry) is what jsii compiles: every
 * symbol it exports to TypeScript users is a type of the jsii assembly, so Python, Java, Go and
 * .NET users get the same API (jsii drops free functions and constants silently). TypeScript-only
 * tooling belongs in lib/tooling.ts (`cdk8s-alerting/tooling`).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const ROOT = path.resolve(__dirname, '..');
const ASSEMBLY = path.join(ROOT, '.jsii');

function exportsOf(entry: string): string[] {
  const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, types: ['node'] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;
  return checker.getExportsOfModule(module)
    .filter((s) => {
      const target = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      // @internal members are stripped from the .d.ts (stripInternal): not part of the API
      return !target.getJsDocTags().some((t) => t.name === 'internal');
    })
    .map((s) => s.name)
    .sort();
}

test('every export of the construct API is in the jsii assembly, and the tooling entry adds the rest', () => {
  if (!fs.existsSync(ASSEMBLY)) { throw new Error('.jsii is missing: run npm run jsii (npm test does)'); }
  const assembly = JSON.parse(fs.readFileSync(ASSEMBLY, 'utf8'));
  const jsiiNames = new Set(Object.values(assembly.types as Record<string, { name: string }>).map((t) => t.name));
  const constructApi = exportsOf(path.join(ROOT, 'lib', 'index.ts'));
  // The one exception: the cdk8s CLI's validation plugin, which the CLI looks up in the main
  // entry (`package: ./node_modules/cdk8s-alerting`) and which is `@jsii ignore`d.
  const plugin = ['AlertingValidation', 'AlertingValidationProps', 'ValidationPluginContext'];
  expect(constructApi.filter((n) => !jsiiNames.has(n))).toEqual(plugin);
  expect(constructApi.length).toBe(jsiiNames.size + plugin.length);
  // the tooling entry re-exports the construct API and adds the TypeScript-only modules
  const tooling = new Set(exportsOf(path.join(ROOT, 'lib', 'tooling.ts')));
  expect(constructApi.filter((n) => !tooling.has(n))).toEqual([]);
  for (const name of ['routeAlert', 'effectiveConfigOf', 'findingsOf', 'runChecks', 'modelOfFiles']) {
    expect({ name, inTooling: tooling.has(name), inConstructApi: constructApi.includes(name) }).toEqual({ name, inTooling: true, inConstructApi: false });
  }
}, 60_000);
