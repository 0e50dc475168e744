/**
 * The synthesized first-article example (examples/first-article.ts), through the real tools:
 * amtool / promtool checks, simulator vs amtool on its label space, and delivery on loopback
 * with the example's timers shortened.
 */
import { Testing } from 'cdk8s';
import {
  ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, KubeManifest, receiverSlug, renderEffectiveConfig, ruleFilesFrom, simulateRouting,
} from '../../lib/simulate';
import { FirstArticleChart } from '../../examples/first-article';
import { Received, Sink, TOOLS, cleanup, describeWithTools, httpJson, pool, run, startSink, waitFor } from './_harness';
import { alertmanagerOf, fluxAlertPayload, localSecrets, shortenTimers } from './_fixtures';
import { alertGroups, amtoolRoutes, startAlertmanagers, startPrometheus, writeAlertmanagerConfig, writeRuleFiles } from './_stack';

function synth(): KubeManifest[] {
  return Testing.synth(new FirstArticleChart(Testing.app(), 'first-article')) as KubeManifest[];
}

describeWithTools([TOOLS.amtool, TOOLS.promtool], 'first-article example: static checks and differential', () => {
  afterAll(cleanup);

  test('its effective config passes amtool check-config; its rules pass promtool', async () => {
    const manifests = synth();
    const result = renderEffectiveConfig({ alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS });
    expect(result.rejected).toStrictEqual([]);
    expect(result.selected.length).toBeGreaterThan(0);
    expect((await run(TOOLS.amtool, ['check-config', writeAlertmanagerConfig(result.config)])).code).toBe(0);
    const rules = await run(TOOLS.promtool, ['check', 'rules', ...writeRuleFiles(ruleFilesFrom(manifests))]);
    expect(rules.stdout).toMatch(/SUCCESS/);
    expect(rules.code).toBe(0);
  });

  test('the simulator agrees with amtool on its label space', async () => {
    const manifests = synth();
    const { config } = renderEffectiveConfig({ alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS });
    const file = writeAlertmanagerConfig(config);
    const sets: Array<Record<string, string>> = [];
    for (const alertname of ['ExampleAlert', 'FluxKustomizationReconciliationfailed', 'FluxHelmReleaseUpgradefailed', 'Watchdog', 'InfoInhibitor', 'AlertmanagerClusterDown', 'FluxReconciliationFailed', 'Other']) {
      for (const severity of ['warning', 'critical', 'error', 'info', undefined]) {
        for (const namespace of ['my-cluster-namespace', 'prometheus', 'prometheus-alerts', undefined]) {
          sets.push({ alertname, ...(severity ? { severity } : {}), ...(namespace ? { namespace } : {}) });
        }
      }
    }
    const actual = await pool(4, sets.map((labels) => () => amtoolRoutes(file, labels)));
    const disagreements = sets.filter((labels, i) => receiverSlug(simulateRouting(config, labels)) !== actual[i]);
    console.log(`first-article differential: ${sets.length} label sets, ${disagreements.length} disagreements`);
    expect(disagreements).toStrictEqual([]);
  }, 120_000); // 160 amtool runs; generous for a loaded machine
});

describeWithTools([TOOLS.prometheus, TOOLS.alertmanager, TOOLS.timeout], 'first-article example: end to end on loopback', () => {
  let lambda: Sink;
  afterAll(async () => {
    await cleanup();
    await lambda?.close();
  });

  test('ExampleAlert and a Flux alert reach the Lambda stand-in under the predicted receivers and group keys', async () => {
    const t0 = Date.now();
    lambda = await startSink('/lambda');
    const manifests = shortenTimers(synth(), { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' });
    const { config, rejected } = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, resolveSecret: localSecrets({ alertmanager: lambda.url }),
    });
    expect(rejected).toStrictEqual([]);
    const [am] = await startAlertmanagers(config, 1);
    await startPrometheus(ruleFilesFrom(manifests), [am.target]);
    const [flux] = fluxAlertPayload('prometheus-alerts', 'apps') as Array<{ labels: Record<string, string> }>;
    // kustomize-controller's event metadata `kustomize.toolkit.fluxcd.io/revision` arrives as label `revision`
    flux.labels.revision = 'main@sha1:0123456789abcdef0123456789abcdef01234567';
    expect((await httpJson('POST', `${am.url}/api/v2/alerts`, [flux])).status).toBe(200);

    const byAlertname = (name: string) => (r: Received) => (r.body.alerts as Array<{ labels: Record<string, string> }>).some((a) => a.labels.alertname === name);
    for (const name of ['ExampleAlert', flux.labels.alertname]) {
      const hit = await waitFor(`${name} at the Lambda stand-in`, () => lambda.received.find(byAlertname(name)), 30_000);
      const labels = (hit.body.alerts as Array<{ labels: Record<string, string> }>)[0].labels;
      const predicted = simulateRouting(config, labels);
      expect(predicted).toHaveLength(1);
      expect(hit.body.receiver).toBe(predicted[0].receiver);
      expect(hit.body.groupKey).toBe(predicted[0].groupKey);
    }
    // The webhook payload has no template: what the Lambda renders is what the alert carries.
    const alertOf = (name: string) => (lambda.received.find(byAlertname(name))!.body.alerts as Array<{ status: string; labels: Record<string, string>; annotations: Record<string, string> }>)[0];
    expect(alertOf('ExampleAlert')).toMatchObject({
      status: 'firing',
      labels: { alertname: 'ExampleAlert', severity: 'warning', namespace: 'my-cluster-namespace' },
      annotations: { summary: expect.stringMatching(/\S/) },
    });
    expect(alertOf(flux.labels.alertname)).toMatchObject({
      status: 'firing',
      labels: { severity: 'error', kind: 'Kustomization', name: 'apps', namespace: 'prometheus-alerts', revision: flux.labels.revision },
      annotations: { message: expect.stringContaining('reconciliation failed') },
    });
    // The shipped Watchdog fires in this Prometheus too; the base configuration sends it to null, not to the Lambda.
    // (its rule group is evaluated on its own schedule: wait until Alertmanager holds it)
    const watchdogGroups = await waitFor(() => `Watchdog in Alertmanager\n${am.proc.log()}`, async () => {
      const groups = (await alertGroups(am)).filter((g) => g.alerts.some((a) => a.labels.alertname === 'Watchdog'));
      return groups.length > 0 ? groups : undefined;
    }, 30_000);
    expect(watchdogGroups.map((g) => g.receiver.name)).toStrictEqual(['prometheus/example-base/null']);
    expect(lambda.received.some(byAlertname('Watchdog'))).toBe(false);
    console.log(`first-article e2e: both alerts delivered ${Date.now() - t0} ms after start`);
  }, 60_000);
});
