#!/usr/bin/env node
/**
 * `node dist/lib/simulate/cli.js effective-config <synth-dir> [--out <dir>] [--compat 0.25]`
 *
 * Reads every manifest under the synth dir, renders the configuration the operator would
 * generate for each Alertmanager CR and writes `<out>/<ns>-<name>.alertmanager.yaml` (or prints
 * them, without `--out`). Secrets appear as placeholders. `--compat 0.25` omits the integrations
 * Alertmanager 0.25 cannot load, so the files pass `amtool check-config` 0.25.
 *
 * `node dist/lib/simulate/cli.js rule-files <synth-dir> [--out <dir>]` writes each
 * PrometheusRule's `{groups}` as `<ns>-<name>.yaml`, for `promtool check rules`.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { namespaceOf, renderEffectiveConfig, toYaml } from './effective-config';
import { loadManifests, namespaceLabelsFrom } from './manifests';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS } from './receivers';
import { ruleFilesFrom } from './rule-files';
import { KubeManifest } from './types';

const USAGE = 'usage: cli.js effective-config <synth-dir> [--out <dir>] [--compat 0.25]\n       cli.js rule-files <synth-dir> [--out <dir>]';

/** Where the CLI writes: lines of output and of diagnostics. */
export interface CliIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
}

/**
 * Runs the CLI.
 * @param argv the arguments after the script name
 * @returns the exit code
 */
export function main(argv: readonly string[], io: CliIo = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }): number {
  const [command, dir, ...rest] = argv;
  if ((command !== 'effective-config' && command !== 'rule-files') || !dir) {
    io.err(USAGE);
    return 2;
  }
  let outDir: string | undefined;
  let compat: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--out' && rest[i + 1]) { outDir = rest[i + 1]; } else if (command === 'effective-config' && rest[i] === '--compat' && rest[i + 1] === '0.25') { compat = '0.25'; } else {
      io.err(`unknown or incomplete option '${rest[i]}'\n${USAGE}`);
      return 2;
    }
  }
  const manifests = loadManifests(dir);
  if (outDir) { mkdirSync(outDir, { recursive: true }); }
  const emit = (fileName: string, text: string) => {
    if (outDir) {
      writeFileSync(join(outDir, fileName), text);
      io.out(join(outDir, fileName));
    } else {
      io.out(`--- # ${fileName}\n${text}`);
    }
  };
  if (command === 'rule-files') {
    ruleFilesFrom(manifests).forEach((f) => emit(f.fileName, stringify(f.content)));
    return 0;
  }
  return effectiveConfigs(manifests, dir, compat, emit, io);
}

function effectiveConfigs(manifests: readonly KubeManifest[], dir: string, compat: string | undefined, emit: (fileName: string, text: string) => void, io: CliIo): number {
  const alertmanagers = manifests.filter((m) => m.kind === 'Alertmanager');
  if (alertmanagers.length === 0) {
    io.err(`no Alertmanager manifest under ${dir}`);
    return 1;
  }
  for (const am of alertmanagers) {
    const result = renderEffectiveConfig({
      alertmanager: am,
      alertmanagerConfigs: manifests,
      namespaceLabels: namespaceLabelsFrom(manifests),
      omitIntegrations: compat ? ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS : [],
    });
    const fileName = `${namespaceOf(am)}-${am.metadata.name}.alertmanager.yaml`;
    const header = [
      `# Effective configuration of Alertmanager ${namespaceOf(am)}/${am.metadata.name} (secrets are placeholders)`,
      `# merged: ${result.selected.join(', ') || 'none'}`,
      ...result.rejected.map((r) => `# REJECTED by the operator: ${r.name}: ${r.reason}`),
      ...result.omitted.map((o) => `# omitted for Alertmanager ${compat}: ${o.receiver} ${o.integration}`),
    ].join('\n');
    emit(fileName, `${header}\n${toYaml(result.config)}`);
    result.rejected.forEach((r) => io.err(`warning: the operator would reject AlertmanagerConfig ${r.name}: ${r.reason}`));
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
