/**
 * `cdk8s-alerting check <dir|file...>`: every check over a folder of YAML, such as a Flux
 * repository or a `cdk8s synth` output folder.
 * @module
 */
import { runChecks } from '../checks/engine';
import { Severity } from '../checks/finding';
import { modelOfFiles } from '../model/from-files';
import { findingJson, findingLine, problemLine } from './format';
import { CliIo, EXIT, UsageError, parseArgs } from './io';

export const CHECK_USAGE = `usage: cdk8s-alerting check <dir|file>... [--format text|json] [--strict] [--allow-plaintext-secrets]

Runs every check of cdk8s-alerting over the Kubernetes objects in the YAML files (folders are
searched recursively for *.yaml and *.yml). Prints one line per finding:
  file:doc kind namespace/name check-id: message. Fix: ...
Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with --strict), 2 unusable input.`;

/** Runs `check`. */
export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--strict', '--allow-plaintext-secrets', '--help'], ['--format']);
  if (args.flags.has('--help')) { io.out(CHECK_USAGE); return EXIT.OK; }
  const format = args.values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') { throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`); }
  if (args.positional.length === 0) { throw new UsageError('check needs at least one folder or file'); }
  const { model, problems, notes } = modelOfFiles(args.positional);
  const findings = runChecks(model, { allowPlaintextSecrets: args.flags.has('--allow-plaintext-secrets') });
  const strict = args.flags.has('--strict');
  const errors = findings.filter((f) => f.severity === Severity.ERROR || strict).length;
  const warnings = findings.length - errors;
  if (format === 'json') {
    io.out(JSON.stringify({ findings: findings.map(findingJson), problems: problems.map((p) => ({ ...p.source, object: p.object, message: p.message })), notes }, null, 2));
  } else {
    notes.forEach((n) => io.err(`note: ${n}`));
    problems.forEach((p) => io.out(problemLine(p)));
    findings.forEach((f) => io.out(findingLine(f)));
    io.err(`${model.objects.length} objects checked: ${errors} error(s), ${warnings} warning(s)${problems.length ? `, ${problems.length} unusable document(s)` : ''}`);
  }
  if (problems.length) { return EXIT.UNUSABLE; }
  return errors > 0 ? EXIT.FINDINGS : EXIT.OK;
}
