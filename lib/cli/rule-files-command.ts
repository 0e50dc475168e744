/**
 * `cdk8s-alerting rule-files <dir|file...>`: each PrometheusRule's groups as the rule file the
 * operator mounts, for `promtool check rules`.
 * @module
 */
import { modelOfFiles } from '../model/from-files';
import { problemLine } from './format';
import { CliIo, EXIT, UsageError, parseArgs } from './io';
import { emitFiles, fileNameOf } from './output';
import { faithfulYaml } from '../yaml/faithful';

export const RULE_FILES_USAGE = `usage: cdk8s-alerting rule-files <dir|file>... [--out <dir>]

Writes each PrometheusRule's {groups} as <namespace>-<name>.yaml (printed, or into --out), as
the operator mounts them, for promtool check rules.`;

/** Runs `rule-files`. */
export function ruleFilesCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--help'], ['--out']);
  if (args.flags.has('--help')) { io.out(RULE_FILES_USAGE); return EXIT.OK; }
  if (args.positional.length === 0) { throw new UsageError('rule-files needs at least one folder or file'); }
  const { model, problems } = modelOfFiles(args.positional);
  problems.forEach((p) => io.err(problemLine(p)));
  const files = model.prometheusRules.map((r) => ({
    name: `${fileNameOf(r.namespace!, r.name)}.yaml`,
    text: faithfulYaml({ groups: [...(r.manifest.spec?.groups ?? [])] }),
  }));
  emitFiles(files, args.values.get('--out'), io, args.positional);
  return problems.length ? EXIT.UNUSABLE : EXIT.OK;
}
