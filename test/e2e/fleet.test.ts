/**
 * The fleet example through the real tools: each cluster's effective Alertmanager config
 * passes `amtool check-config`, and the shared rule packs and team rules pass
 * `promtool check rules`.
 */
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import { Chart, Testing } from 'cdk8s';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, effectiveConfigOf, KubeManifest, ruleFilesFrom } from '../../lib/tooling';
import { buildFleet } from '../../examples/fleet/main';
import { FLEET } from '../../examples/fleet/config';
import { TOOLS, cleanup, describeWithTools, run } from './_harness';
import { writeAlertmanagerConfig, writeRuleFiles } from './_stack';

describeWithTools([TOOLS.amtool, TOOLS.promtool], 'fleet example: static checks with the real tools', () => {
  afterAll(cleanup);
  const fleet = buildFleet(FLEET, { outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'fleet-e2e-')) });

  test.each(fleet.clusters.map((c) => [c.config.name, c] as const))('cluster %s: effective config passes amtool, rules pass promtool', async (_name, cluster) => {
    const { config, rejected } = effectiveConfigOf(cluster.charts.alertmanager, { omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS });
    expect(rejected).toStrictEqual([]);
    const am = await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(config)]);
    expect(`${am.stdout}${am.stderr}`).toContain('SUCCESS');
    expect(am.code).toBe(0);

    const manifests = cluster.app.node.children.filter((c): c is Chart => c instanceof Chart).flatMap((c) => Testing.synth(c) as KubeManifest[]);
    const files = ruleFilesFrom(manifests);
    expect(files.length).toBeGreaterThan(1);
    const rules = await run(TOOLS.promtool, ['check', 'rules', ...writeRuleFiles(files)], 30_000);
    expect(rules.stdout).toMatch(/SUCCESS/);
    expect(rules.code).toBe(0);
  });
});
