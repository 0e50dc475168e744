#!/usr/bin/env node
/**
 * The `cdk8s-alerting` command line: `check`, `effective-config`, `rule-files`, `routes`, `diagram`.
 * Usage texts name the program `cdk8s-alerting` (the package's bin), never the script's file.
 * @module
 */
import { InputError } from '../model/read-manifests';
import { OutputFolderError } from '../output/errors';
import { CHECK_USAGE, checkCommand } from './check-command';
import { EFFECTIVE_CONFIG_USAGE, effectiveConfigCommand } from './effective-config-command';
import { DIAGRAM_USAGE, diagramCommand } from './diagram-command';
import { CliIo, EXIT, PROCESS_IO, UsageError } from './io';
import { ROUTES_USAGE, routesCommand } from './routes-command';
import { RULE_FILES_USAGE, ruleFilesCommand } from './rule-files-command';

export type { CliIo } from './io';

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => number; usage: string }> = {
  'check': { run: checkCommand, usage: CHECK_USAGE },
  'effective-config': { run: effectiveConfigCommand, usage: EFFECTIVE_CONFIG_USAGE },
  'rule-files': { run: ruleFilesCommand, usage: RULE_FILES_USAGE },
  'routes': { run: routesCommand, usage: ROUTES_USAGE },
  'diagram': { run: diagramCommand, usage: DIAGRAM_USAGE },
};

const USAGE = `usage: cdk8s-alerting <command> [options]

Commands:
  check <dir|file>...             run every check over Kubernetes YAML (exit 1 on errors)
  effective-config <dir|file>...  the alertmanager.yaml the operator generates
  rule-files <dir|file>...        each PrometheusRule as a promtool rule file
  routes [show] <dir|file>...     the routing tree, as amtool config routes show prints it
  routes test <dir|file>... <label>=<value>...
                                  the receivers an alert reaches, as amtool config routes test
  diagram <dir|file>...           the alert flow as a Mermaid flowchart

Run 'cdk8s-alerting <command> --help' for a command's options. --debug prints stack traces.
Exit codes: 0 clean, 1 findings, 2 unusable input or bad usage.`;

/**
 * Runs the CLI.
 * @param argv the arguments after the program name
 * @returns the exit code: 0 clean, 1 findings, 2 unusable input or bad usage
 */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  const debug = argv.includes('--debug');
  // -h is --help everywhere (no command takes -h otherwise)
  const [name, ...rest] = argv.filter((a) => a !== '--debug').map((a) => (a === '-h' ? '--help' : a));
  if (name === undefined) {
    io.err(USAGE);
    return EXIT.UNUSABLE;
  }
  if (name === '--help' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && !COMMANDS[topic]) {
      io.err(`unknown command ${JSON.stringify(topic)}\n${USAGE}`);
      return EXIT.UNUSABLE;
    }
    io.out(topic !== undefined ? COMMANDS[topic].usage : USAGE);
    return EXIT.OK;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return EXIT.UNUSABLE;
  }
  try {
    return command.run(rest, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`cdk8s-alerting ${name}: ${e.message}\n${command.usage}`);
      return EXIT.UNUSABLE;
    }
    if (e instanceof InputError || e instanceof OutputFolderError) {
      io.err(`cdk8s-alerting ${name}: ${e.message}`);
      return EXIT.UNUSABLE;
    }
    io.err(`cdk8s-alerting ${name}: ${(e as Error)?.message ?? String(e)}${debug ? `\n${(e as Error)?.stack ?? ''}` : ' (run with --debug for details)'}`);
    return EXIT.UNUSABLE;
  }
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
