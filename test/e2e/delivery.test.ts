/**
 * End to end on 127.0.0.1: real Prometheus 2.42 → real Alertmanager 0.25 running the effective
 * config → local stand-ins for the Lambda webhook and Slack.
 */
import { EffectiveConfig, receiverSlug, renderEffectiveConfig, ruleFilesFrom, simulateRouting } from '../../lib/simulate';
import { Received, Sink, TOOLS, cleanup, describeWithTools, httpJson, sleep, startSink, waitFor } from './_harness';
import {
  FLUX_NAMESPACE, LAMBDA_RECEIVER, NULL_RECEIVER, SLACK_RECEIVER, alertmanagerOf, fluxAlertPayload, loadExampleStack, localSecrets,
} from './_fixtures';
import { AlertmanagerNode, alertGroups, startAlertmanagers, startPrometheus } from './_stack';

const TIMERS = { groupWait: '1s', groupInterval: '1s', repeatInterval: '1h' };

/** The receivers holding an alert with these labels, per the Alertmanager API, in simulator order. */
async function receiversHolding(am: AlertmanagerNode, labels: Record<string, string>): Promise<string[]> {
  const same = (a: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(labels).sort());
  return (await alertGroups(am)).filter((g) => g.alerts.some((a) => same(a.labels))).map((g) => g.receiver.name);
}

function mentioning(sink: Sink, text: string): Received | undefined {
  return sink.received.find((r) => JSON.stringify(r.body).includes(text));
}

function mentions(sink: Sink, text: string): boolean {
  return mentioning(sink, text) !== undefined;
}

describeWithTools([TOOLS.prometheus, TOOLS.alertmanager, TOOLS.timeout], 'end to end: Prometheus → Alertmanager → stand-ins', () => {
  let lambda: Sink;
  let slack: Sink;
  let am: AlertmanagerNode;
  let rendered: EffectiveConfig;
  const started = Date.now();

  beforeAll(async () => {
    lambda = await startSink('/lambda');
    slack = await startSink('/slack');
    const manifests = loadExampleStack(TIMERS);
    rendered = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests),
      alertmanagerConfigs: manifests,
      resolveSecret: localSecrets({ 'alertmanager-lambda': lambda.url, 'alertmanager-slack': slack.url }),
    });
    expect(rendered.rejected).toStrictEqual([]);
    [am] = await startAlertmanagers(rendered.config, 1);
    await startPrometheus(ruleFilesFrom(manifests), [am.target]);
  }, 60_000);

  afterAll(async () => {
    await cleanup();
    await Promise.all([lambda?.close(), slack?.close()]);
    console.log(`e2e delivery: ${Date.now() - started} ms including process start-up`);
  });

  test('the vector(1) alert reaches the Lambda stand-in, grouped by alertname', async () => {
    const t0 = Date.now();
    const hit = await waitFor('ExampleAlert at the Lambda stand-in', () => mentioning(lambda, 'ExampleAlert'), 30_000);
    console.log(`e2e: vector(1) → Lambda stand-in after ${Date.now() - t0} ms`);
    const body = hit.body as { receiver: string; groupKey: string; groupLabels: Record<string, string>; alerts: Array<{ labels: Record<string, string> }> };
    expect(body.receiver).toBe(LAMBDA_RECEIVER);
    expect(body.groupLabels).toStrictEqual({ alertname: 'ExampleAlert' });
    // The simulator predicts the very group key Alertmanager computed.
    const [predicted] = simulateRouting(rendered.config, body.alerts[0].labels);
    expect(body.groupKey).toBe(predicted.groupKey);
    expect(receiverSlug(simulateRouting(rendered.config, body.alerts[0].labels))).toBe(LAMBDA_RECEIVER);
    expect(mentions(slack, 'ExampleAlert')).toBe(false);
  }, 40_000);

  test("a Flux alert, POSTed as Flux's alertmanager provider does, reaches the predicted receiver", async () => {
    const [alert] = fluxAlertPayload(FLUX_NAMESPACE, 'apps') as Array<{ labels: Record<string, string> }>;
    const predicted = simulateRouting(rendered.config, alert.labels);
    expect(predicted.map((p) => p.receiver)).toStrictEqual([SLACK_RECEIVER]);

    const res = await httpJson('POST', `${am.url}/api/v2/alerts`, [alert]);
    expect(res.status).toBe(200);

    await waitFor('the Flux alert at the Slack stand-in', () => mentions(slack, 'FluxKustomizationReconciliationfailed'), 15_000);
    expect(await receiversHolding(am, alert.labels)).toStrictEqual(predicted.map((p) => p.receiver));
    const groups = (await alertGroups(am)).filter((g) => g.receiver.name === SLACK_RECEIVER);
    expect(groups.map((g) => g.labels)).toContainEqual(predicted[0].groupLabels);
    expect(mentioning(slack, 'FluxKustomizationReconciliationfailed')?.body.channel).toBe('#flux');
    expect(mentions(lambda, 'FluxKustomizationReconciliationfailed')).toBe(false);
  }, 30_000);

  test('a Flux alert for a namespace no route admits reaches nobody', async () => {
    // GIVEN an excluded alert and a control alert sent together
    const [excluded] = fluxAlertPayload('flux-system', 'excluded-app') as Array<{ labels: Record<string, string> }>;
    const [control] = fluxAlertPayload(FLUX_NAMESPACE, 'control-app') as Array<{ labels: Record<string, string> }>;
    expect(receiverSlug(simulateRouting(rendered.config, excluded.labels))).toBe(NULL_RECEIVER);
    expect((await httpJson('POST', `${am.url}/api/v2/alerts`, [excluded, control])).status).toBe(200);

    // WHEN the control alert has been delivered and 5 more group_wait + group_interval rounds pass
    await waitFor('the control alert at the Slack stand-in', () => mentions(slack, 'control-app'), 15_000);
    await sleep(5 * 2000);

    // THEN Alertmanager holds the excluded alert only under the null receiver, and no stand-in saw it
    expect(await receiversHolding(am, excluded.labels)).toStrictEqual([NULL_RECEIVER]);
    expect(mentions(slack, 'excluded-app')).toBe(false);
    expect(mentions(lambda, 'excluded-app')).toBe(false);
  }, 40_000);
});
