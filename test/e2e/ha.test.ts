/**
 * HA drill: three Alertmanager replicas gossiping over loopback, Prometheus sending to all three.
 * As soon as the first notification has arrived, the replica that sends first (position 0: the
 * lowest peer name) is killed with SIGKILL; alert groups that start firing afterwards must still
 * reach the webhook.
 */
import { renderEffectiveConfig, ruleFilesFrom } from '../../lib/simulate';
import { Sink, TOOLS, cleanup, describeWithTools, sleep, startSink, waitFor } from './_harness';
import { LAMBDA_RECEIVER, alertmanagerOf, loadExampleStack, localSecrets } from './_fixtures';
import { AlertmanagerNode, clusterStatus, startAlertmanagers, startPrometheus } from './_stack';

/** Alerts that start firing one after another (`for:` 0s … 15s), one group each. */
const DRILL_ALERTS = [0, 3, 6, 9, 12, 15].map((seconds, i) => ({
  alert: `HADrill${i}`,
  expr: 'vector(1)',
  for: `${seconds}s`,
  labels: { severity: 'critical', namespace: 'prometheus' },
}));

describeWithTools([TOOLS.prometheus, TOOLS.alertmanager, TOOLS.timeout], 'HA drill: 3 gossiping replicas, one killed mid-run', () => {
  let webhook: Sink;
  let replicas: AlertmanagerNode[];
  afterAll(async () => {
    await cleanup();
    await webhook?.close();
  });

  test('every alert group reaches the webhook; duplicates are counted', async () => {
    const t0 = Date.now();
    webhook = await startSink('/lambda');
    const manifests = loadExampleStack({ groupWait: '1s', groupInterval: '1s', repeatInterval: '1h', extraRules: DRILL_ALERTS });
    const { config } = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, resolveSecret: localSecrets({ 'alertmanager-lambda': webhook.url, 'alertmanager-slack': webhook.url }),
    });
    replicas = await startAlertmanagers(config, 3);
    const clusterReadyMs = Date.now() - t0;

    // The replica at position 0 (lowest peer name) is the one that notifies without waiting.
    const names = await Promise.all(replicas.map(async (r) => (await clusterStatus(r)).name));
    const victim = replicas[names.indexOf([...names].sort()[0])];

    const promStarted = Date.now();
    await startPrometheus(ruleFilesFrom(manifests), replicas.map((r) => r.target));
    await waitFor('the first notification', () => webhook.received.length > 0, 30_000, 100);
    victim.proc.kill();
    const killedAt = Date.now();

    const expected = ['ExampleAlert', ...DRILL_ALERTS.map((a) => a.alert)];
    const firstArrival = new Map<string, number>();
    await waitFor(`all ${expected.length} groups at the webhook`, () => {
      for (const r of webhook.received) {
        const name = (r.body.groupLabels as Record<string, string>).alertname;
        if (!firstArrival.has(name)) { firstArrival.set(name, r.at); }
      }
      return expected.every((n) => firstArrival.has(n));
    }, 45_000, 250);
    await sleep(3000); // late duplicates from the survivors' wait stages

    const perGroup = new Map<string, number>();
    for (const r of webhook.received) {
      expect(r.body.receiver).toBe(LAMBDA_RECEIVER);
      perGroup.set(r.body.groupKey as string, (perGroup.get(r.body.groupKey as string) ?? 0) + 1);
    }
    const duplicates = webhook.received.length - perGroup.size;
    const afterKill = expected.filter((n) => (firstArrival.get(n) ?? 0) > killedAt);
    console.log(`HA drill: cluster of 3 ready in ${clusterReadyMs} ms; killed ${victim.proc.name} (position 0) ${killedAt - promStarted} ms after Prometheus started; `
      + `${perGroup.size}/${expected.length} groups delivered, ${afterKill.length} of them first delivered after the kill (${afterKill.join(', ')}); `
      + `${webhook.received.length} notifications, ${duplicates} duplicates; drill took ${Date.now() - promStarted} ms`);

    expect(perGroup.size).toBe(expected.length);
    expect(afterKill.length).toBeGreaterThan(0);
    expect(afterKill.length).toBeLessThan(expected.length);
  }, 100_000);
});
