/**
 * `cdk8s-alerting diagram <dir|file...>`: the alert flow of the YAML files as a Mermaid
 * flowchart (see lib/diagram).
 * @module
 */
import { AlertFlowDiagram } from '../diagram/alert-flow-diagram';
import { modelOfFiles } from '../model/from-files';
import { problemLine } from './format';
import { CliIo, EXIT, UsageError, parseArgs } from './io';

export const DIAGRAM_USAGE = `usage: cdk8s-alerting diagram <dir|file>... [--format mermaid|markdown] [--max-alert-names <n>]

Prints the alert flow of the Kubernetes objects in the YAML files (folders are searched
recursively for *.yaml and *.yml) as a Mermaid flowchart: PrometheusRules (their alert names)
-> Prometheus -> Alertmanager -> the routes of its effective configuration -> receivers, and
Flux event sources -> Flux Alerts -> Providers (-> Alertmanager). Parts no alert can reach are
drawn dashed red (class unreachable), objects referenced but not in the input dashed grey
(missing), receivers without integrations grey (drop); each is listed on stderr with the reason.
--format markdown wraps the chart in a \`\`\`mermaid block, which GitHub renders.
--max-alert-names: alert names listed per PrometheusRule (default 8).
Exit codes: 0 drawn (unreachable parts are drawn, not failed: use check to gate), 2 unusable
input or bad usage.`;

/** Runs `diagram`. */
export function diagramCommand(argv: readonly string[], io: CliIo): number {
  const args = parseArgs(argv, ['--help'], ['--format', '--max-alert-names']);
  if (args.flags.has('--help')) { io.out(DIAGRAM_USAGE); return EXIT.OK; }
  const format = args.values.get('--format') ?? 'mermaid';
  if (format !== 'mermaid' && format !== 'markdown') { throw new UsageError(`--format must be mermaid or markdown, got ${JSON.stringify(format)}`); }
  const max = args.values.get('--max-alert-names');
  if (max !== undefined && !/^[1-9][0-9]*$/.test(max)) { throw new UsageError(`--max-alert-names must be a positive whole number, got ${JSON.stringify(max)}`); }
  if (args.positional.length === 0) { throw new UsageError('diagram needs at least one folder or file'); }
  const { model, problems } = modelOfFiles(args.positional);
  problems.forEach((p) => io.err(problemLine(p)));
  const diagram = AlertFlowDiagram.fromModel(model, { maxAlertNames: max !== undefined ? Number(max) : undefined });
  io.out((format === 'markdown' ? diagram.markdown() : diagram.mermaid()).replace(/\n$/, ''));
  diagram.highlights.forEach((h) => io.err(`${h.className}: ${h.subject}: ${h.reason}`));
  return problems.length ? EXIT.UNUSABLE : EXIT.OK;
}
