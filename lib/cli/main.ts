#!/usr/bin/env node
/**
 * The `cdk8s-alerting` command line: `check`, `effective-config`, `rule-files`.
 * @module
 */
import { InputError } from '../model/read-manifests';
import { OutputFolderError } from '../output/errors';
import { CHECK_USAGE, checkCommand } from './check-command';
import { EFFECTIVE_CONFIG_USAGE, effectiveConfigCommand } from './effective-config-command';
import { CliIo, EXIT, PROCESS_IO, UsageError } from './io';
import { RULE_FILES_USAGE, ruleFilesCommand } from './rule-files-command';

export type { CliIo } from './io';

const COMMANDS: Record<string, { run: (argv: readonly string[], io: CliIo) => number; usage: string }> = {
  'check': { run: checkCommand, usage: CHECK_USAGE },
  'effective-config': { run: effectiveConfigCommand, usage: EFFECTIVE_CONFIG_USAGE },
  'rule-files': { run: ruleFilesCommand, usage: RULE_FILES_USAGE },
};

const USAGE = `usage: cdk8s-alerting <command> [options]

Commands:
  check <dir|file>...             run every check over Kubernetes YAML (exit 1 on errors)
  effective-config <dir|file>...  the alertmanager.yaml the operator generates
  rule-files <dir|file>...        each PrometheusRule as a promtool rule file

Run 'cdk8s-alerting <command> --help' for a command's options. --debug prints stack traces.`;

/**
 * Runs the CLI.
 * @param argv the arguments after the program name
 * @returns the exit code: 0 clean, 1 findings, 2 unusable input or bad usage
 */
export function main(argv: readonly string[], io: CliIo = PROCESS_IO): number {
  const debug = argv.includes('--debug');
  const [name, ...rest] = argv.filter((a) => a !== '--debug');
  if (name === undefined || name === '--help' || name === 'help') {
    io.out(USAGE);
    return name === undefined ? EXIT.UNUSABLE : EXIT.OK;
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
