#!/usr/bin/env node
/**
 * `node dist/lib/simulate/cli.js effective-config <synth-dir> [--out <dir>] [--compat 0.25]`
 *
 * Reads every manifest under the synth dir, renders the configuration the operator would
 * generate for each Alertmanager CR and writes `<out>/<ns>-<name>.alertmanager.yaml` (or prints
 * them, without `--out`). Secrets appear as placeholders. `--compat 0.25` omits the integrations
 * Alertmanager 0.25 cannot load, so the files pass `amtool check-config` 0.25.
 *
 * @module
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { namespaceOf, renderEffectiveConfig, toYaml } from './effective-config';
import { loadManifests, namespaceLabelsFrom } from './manifests';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS } from './receivers';

const USAGE = 'usage: cli.js effective-config <synth-dir> [--out <dir>] [--compat 0.25]';

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
  if (command !== 'effective-config' || !dir) {
    io.err(USAGE);
    return 2;
  }
  let outDir: string | undefined;
  let compat: string | undefined;
  for (let i = 0; i < rest.length; i += 2) {
    if (rest[i] === '--out' && rest[i + 1]) { outDir = rest[i + 1]; } else if (rest[i] === '--compat' && rest[i + 1] === '0.25') { compat = '0.25'; } else {
      io.err(`unknown or incomplete option '${rest[i]}'\n${USAGE}`);
      return 2;
    }
  }
  const manifests = loadManifests(dir);
  const alertmanagers = manifests.filter((m) => m.kind === 'Alertmanager');
  if (alertmanagers.length === 0) {
    io.err(`no Alertmanager manifest under ${dir}`);
    return 1;
  }
  if (outDir) { mkdirSync(outDir, { recursive: true }); }
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
    const text = `${header}\n${toYaml(result.config)}`;
    if (outDir) {
      writeFileSync(join(outDir, fileName), text);
      io.out(join(outDir, fileName));
    } else {
      io.out(`--- # ${fileName}\n${text}`);
    }
    result.rejected.forEach((r) => io.err(`warning: the operator would reject AlertmanagerConfig ${r.name}: ${r.reason}`));
  }
  return 0;
}

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
