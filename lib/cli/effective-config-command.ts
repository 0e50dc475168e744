/**
 * `cdk8s-alerting effective-config <dir|file...>`: the configuration the operator generates for
 * each Alertmanager of the model, with Secrets as placeholders.
 * @module
 */
import { modelOfFiles } from '../model/from-files';
import { BaseConfigKind, toYaml } from '../simulate/effective-config';
import { effectiveConfigFor } from '../simulate/from-model';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS } from '../simulate/receivers';
import { CliIo, EXIT, UsageError, parseArgs } from './io';
import { OutputFile, emitFiles, fileNameOf } from './output';
import { problemLine } from './format';

export const EFFECTIVE_CONFIG_USAGE = `usage: cdk8s-alerting effective-config <dir|file>... [--out <dir>] [--compat 0.25]

Renders the alertmanager.yaml prometheus-operator v0.93 generates for every Alertmanager in the
YAML files, as <namespace>-<name>.alertmanager.yaml (printed, or written into --out). Secret
values are always placeholders. --compat 0.25 leaves out the integrations Alertmanager 0.25
cannot load, for amtool check-config 0.25.`;

/** Runs `effective-config`. */
export function effectiveConfigCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--help'], ['--out', '--compat']);
  if (args.flags.has('--help')) { io.out(EFFECTIVE_CONFIG_USAGE); return EXIT.OK; }
  const compat = args.values.get('--compat');
  if (compat !== undefined && compat !== '0.25') { throw new UsageError(`--compat only knows 0.25, got ${JSON.stringify(compat)}`); }
  if (args.positional.length === 0) { throw new UsageError('effective-config needs at least one folder or file'); }
  const { model, problems } = modelOfFiles(args.positional);
  problems.forEach((p) => io.err(problemLine(p)));
  if (model.alertmanagers.length === 0) {
    io.err(`no Alertmanager object in ${args.positional.join(', ')}`);
    return EXIT.FINDINGS;
  }
  const files: OutputFile[] = [];
  let failed = false;
  for (const am of model.alertmanagers) {
    let result;
    try {
      result = effectiveConfigFor(model, am, { omitIntegrations: compat ? ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS : [] });
    } catch (e) {
      io.err(`Alertmanager ${am.namespace}/${am.name}: ${(e as Error).message}`);
      failed = true;
      continue;
    }
    // Names are quoted: a name holding a newline must not end the comment.
    const q = (s: string) => JSON.stringify(s).slice(1, -1);
    const base = result.base;
    const header = [
      `# Effective configuration of Alertmanager ${q(`${am.namespace}/${am.name}`)} (secrets are placeholders)`,
      `# generated for Alertmanager ${q(result.version)}; base: ${base.kind === BaseConfigKind.SECRET ? 'Secret' : 'AlertmanagerConfig'} ${q(`${base.namespace}/${base.name}`)}${base.isDefault ? ' (the operator\'s default)' : ''}`,
      `# merged: ${result.selected.map(q).join(', ') || 'none'}`,
      ...result.rejected.map((r) => `# REJECTED by the operator: ${q(r.name)}: ${q(r.reason)}`),
      ...result.dropped.map((d) => `# DROPPED by the operator: ${q(d.path)}${d.source ? ` (from ${q(d.source)})` : ''}: ${q(d.reason)}`),
      ...result.assumptions.map((a) => `# assumed: ${q(a)}`),
      ...result.omitted.map((o) => `# omitted for Alertmanager ${compat}: ${q(o.receiver)} ${q(o.integration)}`),
    ].join('\n');
    files.push({ name: `${fileNameOf(am.namespace!, am.name)}.alertmanager.yaml`, text: `${header}\n${toYaml(result.config)}` });
    result.rejected.forEach((r) => io.err(`warning: the operator would reject AlertmanagerConfig ${r.name}: ${r.reason}`));
    result.dropped.forEach((d) => io.err(`warning: the operator would drop ${d.path}${d.source ? ` of AlertmanagerConfig ${d.source}` : ''}: ${d.reason}`));
  }
  if (failed) { return EXIT.FINDINGS; } // nothing written: a half-written --out is worse than none
  emitFiles(files, args.values.get('--out'), io, args.positional);
  return problems.length ? EXIT.UNUSABLE : EXIT.OK;
}
