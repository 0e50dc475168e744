/**
 * `cdk8s-alerting effective-config <dir|file...>`: the configuration the operator generates for
 * each Alertmanager of the model, with Secrets as placeholders.
 * @module
 */
import { modelOfFiles } from '../model/from-files';
import { BaseConfigKind, toYaml } from '../simulate/effective-config';
import { effectiveConfigFor } from '../simulate/from-model';
import { AlertFlow, alertFlowsIn, formatLabelFlow } from '../simulate/label-flow-routing';
import { alertWorld } from '../simulate/label-flow-sources';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS } from '../simulate/receivers';
import { CliIo, EXIT, UsageError, parseArgs } from './io';
import { OutputFile, emitFiles, fileNameOf } from './output';
import { problemLine } from './format';

export const EFFECTIVE_CONFIG_USAGE = `usage: cdk8s-alerting effective-config <dir|file>... [--out <dir>] [--compat 0.25] [--label-flow]

Renders the alertmanager.yaml prometheus-operator v0.93 generates for every Alertmanager in the
YAML files, as <namespace>-<name>.alertmanager.yaml (printed, or written into --out). Secret
values are always placeholders. --compat 0.25 leaves out the integrations Alertmanager 0.25
cannot load, for amtool check-config 0.25.

Each file starts with the label flow: for every alerting rule, Flux event source and
ExternalAlertSource that sends to the Alertmanager, the labels its alerts can carry and the
receivers they can reach. --label-flow prints only that view, and writes nothing.`;

/** Comment-safe text: control characters (a newline would end the comment) escaped. */
function commentSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The label-flow view of one Alertmanager, as lines. */
function labelFlowLines(flows: readonly AlertFlow[]): string[] {
  if (flows.length === 0) { return ['no alert source of the model sends to it']; }
  return formatLabelFlow(flows);
}

/** Runs `effective-config`. */
export function effectiveConfigCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--help', '--label-flow'], ['--out', '--compat']);
  if (args.flags.has('--help')) { io.out(EFFECTIVE_CONFIG_USAGE); return EXIT.OK; }
  const compat = args.values.get('--compat');
  if (compat !== undefined && compat !== '0.25') { throw new UsageError(`--compat only knows 0.25, got ${JSON.stringify(compat)}`); }
  if (args.positional.length === 0) { throw new UsageError('effective-config needs at least one folder or file'); }
  const { model, problems } = modelOfFiles(args.positional);
  problems.forEach((p) => io.err(problemLine(p)));
  if (model.alertmanagers.length === 0) {
    // nothing to generate from: unusable input (exit 2), as for `routes`
    io.err(`no Alertmanager object in ${args.positional.join(', ')}`);
    return EXIT.UNUSABLE;
  }
  const files: OutputFile[] = [];
  const labelFlowOnly = args.flags.has('--label-flow');
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
    let flows: AlertFlow[] = [];
    try {
      flows = alertFlowsIn(am, result.config, alertWorld(model, am).sources);
    } catch {
      // a matcher that does not parse: the configuration is reported as it is, without the view
    }
    if (labelFlowOnly) {
      io.out([`Alertmanager ${commentSafe(`${am.namespace}/${am.name}`)}:`, ...labelFlowLines(flows).map((l) => `  ${commentSafe(l)}`)].join('\n'));
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
      '# label flow: the labels each source\'s alerts can carry (* any value, ? may be absent, ... other labels) and where they go',
      ...labelFlowLines(flows).map((l) => `#   ${commentSafe(l)}`),
    ].join('\n');
    files.push({ name: `${fileNameOf(am.namespace!, am.name)}.alertmanager.yaml`, text: `${header}\n${toYaml(result.config)}` });
    result.rejected.forEach((r) => io.err(`warning: the operator would reject AlertmanagerConfig ${r.name}: ${r.reason}`));
    result.dropped.forEach((d) => io.err(`warning: the operator would drop ${d.path}${d.source ? ` of AlertmanagerConfig ${d.source}` : ''}: ${d.reason}`));
  }
  if (failed) { return EXIT.FINDINGS; } // nothing written: a half-written --out is worse than none
  if (!labelFlowOnly) { emitFiles(files, args.values.get('--out'), io, args.positional); }
  return problems.length ? EXIT.UNUSABLE : EXIT.OK;
}
