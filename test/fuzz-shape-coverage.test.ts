/**
 * The fuzz tests only reach the props the shapes describe. This test reads the props interfaces
 * of the public constructors and factories from the sources and fails when a field has no line
 * in its shape (a prop added without one would take any value a JavaScript caller passes, unchecked).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import '../lib'; // every construct module describes its props when it is loaded
import { describedFields } from '../lib/_util/shape';

const LIB = path.join(__dirname, '..', 'lib');
const DIRS = ['', 'alertmanager', 'receivers', 'rules', 'prometheus', 'flux', 'stack', 'app', 'plugin'];

/** Interfaces that are no input of a constructor or factory, or whose fields a subclass sets. */
const NOT_INPUT: Record<string, string> = {
  ProviderSecretKeys: 'what a provider subclass passes to FluxProvider, not what its caller passes',
  ValidationPluginContext: 'given by the cdk8s CLI, not by the user',
  SecretReferenceMetadata: 'read from the metadata of a Secret object (cdk8s\' ApiObjectMetadataDefinition), namespace only and by type; ISecretReference is checked by its members',
  BaseDefaultsProps: 'the part of AlertmanagerClusterProps the base-config defaults read; checked as AlertmanagerClusterProps',
};
/** Fields that a subclass sets, not its caller. */
const SET_BY_SUBCLASS: Record<string, string[]> = {
  ProviderSpecInput: ['type', 'secret', 'check'],
};

interface Decl { readonly members: string[]; readonly bases: string[] }

function interfaces(): Map<string, Decl> {
  const found = new Map<string, Decl>();
  for (const dir of DIRS) {
    const folder = path.join(LIB, dir);
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const src = ts.createSourceFile(file, fs.readFileSync(path.join(folder, file), 'utf8'), ts.ScriptTarget.ES2022, true);
      src.forEachChild((node) => {
        if (!ts.isInterfaceDeclaration(node) || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) { return; }
        const members = node.members.filter(ts.isPropertySignature).map((m) => m.name.getText(src));
        const bases = (node.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(src)));
        found.set(node.name.text, { members, bases });
      });
    }
  }
  return found;
}

/** Own and inherited fields, as far as the bases are this library's. */
function fieldsOf(name: string, all: Map<string, Decl>): string[] {
  const d = all.get(name);
  return d ? [...d.bases.flatMap((b) => fieldsOf(b, all)), ...d.members] : [];
}

test('every field of every props interface has a line in its shape', () => {
  const all = interfaces();
  const bases = new Set([...all.values()].flatMap((d) => d.bases));
  const missing: string[] = [];
  let checked = 0;
  for (const name of all.keys()) {
    // behavioural interfaces (IReceiver, IPrometheus...) are checked by the members the library uses
    if (/^I[A-Z]/.test(name) || NOT_INPUT[name]) { continue; }
    const described = describedFields(name);
    if (!described) {
      // a base such as ReceiverOptions is described in the shape of each interface that extends it
      if (!bases.has(name)) { missing.push(`${name}: no shape describes it (add s.struct('${name}', {...}) where it is passed)`); }
      continue;
    }
    checked++;
    for (const field of fieldsOf(name, all)) {
      if (!described.has(field) && !SET_BY_SUBCLASS[name]?.includes(field)) {
        missing.push(`${name}.${field}: no line in the shape of ${name} (add it where s.struct('${name}', ...) is declared)`);
      }
    }
  }
  expect(missing).toEqual([]);
  // the test reads what it should: the props of the constructs, receivers, rules and Flux objects
  expect(checked).toBeGreaterThanOrEqual(30);
});
