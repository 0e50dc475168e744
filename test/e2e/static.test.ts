/**
 * Static checks with the real tools: every effective config passes `amtool check-config`
 * (0.25), every PrometheusRule passes `promtool check rules`.
 */
import { readdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, KubeManifest, renderEffectiveConfig, ruleFilesFrom } from '../../lib/simulate';
import { main } from '../../lib/cli/main';
import { TOOLS, cleanup, describeWithTools, run, tempDir } from './_harness';
import { alertmanagerOf, loadExampleStack } from './_fixtures';
import { writeAlertmanagerConfig, writeRuleFiles } from './_stack';

const STACKS: Record<string, KubeManifest[]> = {
  'article timers': loadExampleStack(),
  'e2e timers': loadExampleStack({ groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' }),
  'with MS Teams': loadExampleStack({ withMsTeams: true }),
};

describeWithTools([TOOLS.amtool, TOOLS.promtool], 'static checks with amtool / promtool 0.25 / 2.42', () => {
  afterAll(cleanup);

  test.each(Object.keys(STACKS))('effective config of the %s stack passes amtool check-config', async (name) => {
    const manifests = STACKS[name];
    const { config, rejected } = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS,
    });
    expect(rejected).toStrictEqual([]);
    const res = await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(config)]);
    expect(`${res.stdout}${res.stderr}`).toContain('SUCCESS');
    expect(res.code).toBe(0);
  });

  test('amtool 0.25 rejects msteams_configs (Alertmanager 0.26+) unless omitted', async () => {
    const manifests = STACKS['with MS Teams'];
    const { config } = renderEffectiveConfig({ alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests });
    const res = await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(config)]);
    expect(res.code).not.toBe(0);
    expect(`${res.stdout}${res.stderr}`).toMatch(/field msteams_configs not found/);
  });

  test('the CLI output for a synth dir passes amtool check-config', async () => {
    const synth = tempDir('synth');
    writeFileSync(join(synth, 'example.k8s.yaml'), STACKS['with MS Teams'].map((m) => stringify(m)).join('---\n'));
    const out = tempDir('out'); // outside the input: --out may not overlap it
    expect(main(['effective-config', synth, '--out', out, '--compat', '0.25'], { out: () => undefined, err: () => undefined })).toBe(0);
    const files = readdirSync(out).filter((f) => !f.startsWith('.cdk8s-alerting-')); // the folder's manifest of written files
    expect(files).toStrictEqual(['prometheus-example.alertmanager.yaml']);
    for (const f of files) {
      const res = await run(TOOLS.amtool, ['check-config', join(out, f)]);
      expect(res.code).toBe(0);
    }
  });

  test('rule groups pass promtool check rules', async () => {
    const paths = writeRuleFiles(ruleFilesFrom(STACKS['article timers']));
    expect(paths).toHaveLength(1);
    const res = await run(TOOLS.promtool, ['check', 'rules', ...paths]);
    expect(res.stdout).toMatch(/SUCCESS: 1 rules found/);
    expect(res.code).toBe(0);
  });

  test('promtool does fail on a broken expression (the check can fail)', async () => {
    const broken: KubeManifest = {
      apiVersion: 'monitoring.coreos.com/v1', kind: 'PrometheusRule', metadata: { name: 'broken', namespace: 'x' },
      spec: { groups: [{ name: 'g', rules: [{ alert: 'Broken', expr: 'vector(1' }] }] },
    };
    const res = await run(TOOLS.promtool, ['check', 'rules', ...writeRuleFiles(ruleFilesFrom([broken]))]);
    expect(res.code).not.toBe(0);
  });
});
