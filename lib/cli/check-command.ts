/**
 * `cdk8s-alerting check <dir|file...>`: every check over a folder of YAML, such as a Flux
 * repository or a `cdk8s synth` output folder.
 * @module
 */
import { runChecks } from '../checks/engine';
import { Finding, isBlocking } from '../checks/finding';
import { modelOfFiles } from '../model/from-files';
import { readSuppressionConfig } from '../suppressions/config-file';
import { findingJson, findingLine, problemLine } from './format';
import { CliIo, EXIT, UsageError, parseArgs } from './io';

export const CHECK_USAGE = `usage: cdk8s-alerting check <dir|file>... [--format text|json] [--strict] [--allow-plaintext-secrets] [--config <file>]

Runs every check of cdk8s-alerting over the Kubernetes objects in the YAML files (folders are
searched recursively for *.yaml and *.yml). Prints one line per finding:
  file:doc kind namespace/name check-id: message. Fix: ...
Suppressed findings are listed too ("suppressed error ...", with the reason) and fail nothing.
Suppress a finding with the annotation suppress.cdk8s-alerting.io/<check-id>: "<reason>" on the
object, or in a config file given with --config:
  suppressions:
    - { id: flux-double-post, reason: "...", kind: Alert, namespace: flux-system, name: audit }
Exit codes: 0 clean (warnings allowed), 1 errors (or warnings with --strict), 2 unusable input.`;

/** Runs `check`. */
export function checkCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--strict', '--allow-plaintext-secrets', '--help'], ['--format', '--config']);
  if (args.flags.has('--help')) { io.out(CHECK_USAGE); return EXIT.OK; }
  const format = args.values.get('--format') ?? 'text';
  if (format !== 'text' && format !== 'json') { throw new UsageError(`--format must be text or json, got ${JSON.stringify(format)}`); }
  if (args.positional.length === 0) { throw new UsageError('check needs at least one folder or file'); }
  const configFile = args.values.get('--config');
  const suppressions = configFile !== undefined ? readSuppressionConfig(configFile) : [];
  const { model, problems, notes } = modelOfFiles(args.positional);
  const all = runChecks(model, { allowPlaintextSecrets: args.flags.has('--allow-plaintext-secrets'), suppressions });
  // Documents the model could not use stay "unusable input" (exit 2) unless suppressed; then
  // they are listed like any suppressed finding.
  // (invalid-object reports model.problems one to one, in order.)
  const invalid = all.filter((f) => f.check === 'invalid-object');
  const accepted = new Set(model.problems.filter((_, i) => invalid[i]?.suppressed));
  const unusable = problems.filter((p) => !accepted.has(p));
  const findings: Finding[] = all.filter((f) => f.check !== 'invalid-object' || f.suppressed);
  const strict = args.flags.has('--strict');
  const errors = findings.filter((f) => isBlocking(f, strict)).length;
  const suppressed = findings.filter((f) => f.suppressed).length;
  const warnings = findings.length - errors - suppressed;
  if (format === 'json') {
    io.out(JSON.stringify({ findings: findings.map(findingJson), problems: unusable.map((p) => ({ ...p.source, object: p.object, message: p.message })), notes }, null, 2));
  } else {
    notes.forEach((n) => io.err(`note: ${n}`));
    unusable.forEach((p) => io.out(problemLine(p)));
    findings.forEach((f) => io.out(findingLine(f)));
    io.err(`${model.objects.length} objects checked: ${errors} error(s), ${warnings} warning(s)${suppressed ? `, ${suppressed} suppressed` : ''}${unusable.length ? `, ${unusable.length} unusable document(s)` : ''}`);
  }
  if (unusable.length) { return EXIT.UNUSABLE; }
  return errors > 0 ? EXIT.FINDINGS : EXIT.OK;
}
