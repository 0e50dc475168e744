/**
 * The fuzz tests only reach the props the shapes describe. This test reads the props interfaces
 * of the public constructors and factories from the sources and fails when a field has no line
 * in its shape (a prop added without one would take any value a JavaScript caller passes, unchecked).
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import '../lib/tooling'; // every construct module (and the plugin) describes its props when it is loaded
import { describedFields } from '../lib/_util/shape';

const LIB = path.join(__dirname, '..', 'lib');
const DIRS = ['', 'alertmanager', 'receivers', 'rules', 'prometheus', 'flux', 'stack', 'app', 'plugin', 'rule-packs', 'dashboards', 'templates', 'ha', 'network', 'rbac', 'suppressions', 'presets', 'inspect'];

/** Interfaces that are no input of a constructor or factory, or whose fields a subclass sets. */
const NOT_INPUT: Record<string, string> = {
  ProviderSecretKeys: 'what a provider subclass passes to FluxProvider, not what its caller passes',
  ValidationPluginContext: 'given by the cdk8s CLI, not by the user',
  SecretReferenceMetadata: 'read from the metadata of a Secret object (cdk8s\' ApiObjectMetadataDefinition), namespace only and by type; ISecretReference is checked by its members',
  BaseDefaultsProps: 'the part of AlertmanagerClusterProps the base-config defaults read; checked as AlertmanagerClusterProps',
  ResolvedHighAvailability: 'what resolveHighAvailability returns (@internal), not what a caller passes',
  MatcherJson: 'what Matcher.toJson() returns',
  TimeIntervalJson: 'what TimeInterval.toJson() returns',
  LabelSelectorJson: 'what NamespaceSelector.toJson() returns',
  LabelSelectorRequirementJson: 'part of what NamespaceSelector.toJson() returns',
  SecretKeySelectorJson: 'what SecretKey.toSelector() returns',
  CheckFinding: 'what AlertingChecks lists',
  RouteMatch: 'what AlertRouting.test() returns',
};
/** Fields that a subclass sets, not its caller. */
const SET_BY_SUBCLASS: Record<string, string[]> = {
  ProviderSpecInput: ['type', 'secret', 'typeProblems'],
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

/**
 * The calls that check what a caller passes: the shape checkers of lib/_util/shape.ts and the
 * helpers that call them (a pack's, a receiver's, a source's or a target's props).
 */
const CHECK_CALL = /\bcheck(Construct|ConstructArgs|Args|Props|PackProps|ReceiverProps|SourceArgs|TargetArgs)\(/;

/** Public members with parameters that check nothing themselves, and why that is safe. */
const NO_OWN_CHECK: Record<string, string> = {
  'NamespaceSelector.selects': 'a comparison: strings and maps are only compared, no argument makes it throw',
  'Route.addRoute': 'a Route (recognised by its members) is added as it is, anything else goes to new Route(options), which checks it',
  'EmailReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'MsTeamsReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'OpsgenieReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'PagerDutyReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'SlackReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'WebhookReceiver.bind': 'IReceiver.bind: AlertmanagerRouting calls it with itself, not the user',
  'AlertingValidation.validate': 'IValidation.validate: the cdk8s CLI calls it with its context, not the user',
  'RulePacks.watchdog': 'new WatchdogRulePack(props), which checks them',
  'RulePacks.alertmanager': 'new AlertmanagerRulePack(props), which checks them',
  'RulePacks.prometheus': 'new PrometheusRulePack(props), which checks them',
  'RulePacks.flux': 'new FluxRulePack(props), which checks them',
  'AlertmanagerCluster.fromExisting': 'new ExistingAlertmanager(scope, id, props), which checks them',
  'TimeInterval.businessHours': 'new TimeInterval(name, ...), which checks the name',
  'TimeInterval.weekends': 'new TimeInterval(name, ...), which checks the name',
  'Matcher.eq': 'matcher(...), which checks the arguments with checkArgs',
  'Matcher.neq': 'matcher(...), which checks the arguments with checkArgs',
  'Matcher.regex': 'matcher(...), which checks the arguments with checkArgs',
  'Matcher.notRegex': 'matcher(...), which checks the arguments with checkArgs',
  'Matcher.of': 'matcher(...), which checks the arguments with checkArgs',
};

test('every public constructor, factory and method that takes arguments checks them', () => {
  const unchecked: string[] = [];
  let seen = 0;
  for (const dir of DIRS) {
    const folder = path.join(LIB, dir);
    for (const file of fs.readdirSync(folder).filter((f) => f.endsWith('.ts'))) {
      const src = ts.createSourceFile(file, fs.readFileSync(path.join(folder, file), 'utf8'), ts.ScriptTarget.ES2022, true);
      src.forEachChild((node) => {
        if (!ts.isClassDeclaration(node) || !node.name || !node.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) { return; }
        for (const member of node.members) {
          const mods = ts.canHaveModifiers(member) ? ts.getModifiers(member) ?? [] : [];
          if (mods.some((m) => m.kind === ts.SyntaxKind.PrivateKeyword || m.kind === ts.SyntaxKind.ProtectedKeyword)) { continue; }
          let name: string;
          if (ts.isConstructorDeclaration(member)) {
            name = `new ${node.name.text}`;
          } else if (ts.isMethodDeclaration(member) && !member.name.getText(src).startsWith('_')) {
            const isStatic = mods.some((m) => m.kind === ts.SyntaxKind.StaticKeyword);
            name = `${node.name.text}${isStatic ? '.' : '#'}${member.name.getText(src)}`;
          } else {
            continue;
          }
          // members without parameters take nothing to check; abstract ones have no body
          if (member.parameters.length === 0 || !member.body) { continue; }
          seen++;
          if (!CHECK_CALL.test(member.body.getText(src)) && !NO_OWN_CHECK[name.replace('#', '.')]) {
            unchecked.push(`${name} (${dir || '.'}/${file}): checks none of its arguments (call checkArgs/checkConstruct first, or list it in NO_OWN_CHECK with the reason)`);
          }
        }
      });
    }
  }
  expect(unchecked).toEqual([]);
  // the test reads what it should: the constructors, factories and methods of every folder
  expect(seen).toBeGreaterThanOrEqual(100);
});
