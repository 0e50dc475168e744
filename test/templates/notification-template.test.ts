/**
 * The default notification templates: what the receivers render into their configs, and what
 * Alertmanager makes of them. `amtool template render` (Debian's 0.25) renders every default
 * template on sample notifications (a rule pack alert, a Flux alert with its revision, a mixed
 * group, a resolved one); the output is pinned in a snapshot and its key lines asserted. A real
 * Alertmanager 0.25 then sends a Slack notification to a local stand-in, whose title and text
 * must equal amtool's rendering.
 */
import { Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { writeFileSync } from 'fs';
import { join } from 'path';
import {
  AlertmanagerCluster, AlertmanagerRouting, MatcherStrategy, MsTeamsApi, MsTeamsReceiver, NotificationTemplate, SecretKey, SlackReceiver,
} from '../../lib/tooling';
import { KubeManifest, renderEffectiveConfig } from '../../lib/simulate';
import { alertmanagerTemplateFindings } from '../../lib/validation';
import { chart, only } from '../_util';
import { expectSchemaValid } from '../_schema';
import { Sink, TOOLS, cleanup, describeWithTools, httpJson, run, startSink, tempDir, waitFor } from '../e2e/_harness';
import { localSecrets } from '../e2e/_fixtures';
import { startAlertmanagers } from '../e2e/_stack';

/** An alert as Alertmanager hands it to templates. */
interface SampleAlert {
  status: 'firing' | 'resolved';
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** `template.Data` as amtool reads it from --template.data. */
function notification(alerts: SampleAlert[], groupLabels: Record<string, string>): Record<string, unknown> {
  const common = (key: 'labels' | 'annotations') => Object.fromEntries(Object.entries(alerts[0][key])
    .filter(([k, v]) => alerts.every((a) => a[key][k] === v)));
  return {
    receiver: 'monitoring/main-routing/slack',
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts: alerts.map((a, i) => ({
      ...a,
      startsAt: '2025-01-01T00:00:00Z',
      endsAt: a.status === 'resolved' ? '2025-01-01T00:10:00Z' : '0001-01-01T00:00:00Z',
      generatorURL: '',
      fingerprint: `f${i}`,
    })),
    groupLabels,
    commonLabels: common('labels'),
    commonAnnotations: common('annotations'),
    externalURL: 'http://alertmanager.monitoring:9093',
  };
}

const REVISION = 'main@sha1:0123456789abcdef0123456789abcdef01234567';

/** The Flux alertmanager provider's alert, with the event's revision metadata as a label. */
const FLUX_EVENT: SampleAlert = {
  status: 'firing',
  labels: {
    alertname: 'FluxKustomizationReconciliationfailed', severity: 'error', reason: 'ReconciliationFailed',
    kind: 'Kustomization', name: 'podinfo', namespace: 'apps', reportingcontroller: 'kustomize-controller', revision: REVISION,
  },
  annotations: { message: 'Kustomization/apps/podinfo dry-run failed: Deployment/apps/podinfo invalid' },
};

const SAMPLES: Record<string, Record<string, unknown>> = {
  'a rule pack alert': notification([{
    status: 'firing',
    labels: { alertname: 'AlertmanagerFailedToSendAlerts', severity: 'warning', integration: 'webhook', job: 'alertmanager-main', namespace: 'monitoring', pod: 'alertmanager-main-0' },
    annotations: {
      summary: 'An Alertmanager fails to deliver notifications to an integration.',
      description: 'Alertmanager monitoring/alertmanager-main-0 failed to deliver 50% of its notifications to webhook in the last 5 minutes.',
      runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedtosendalerts',
    },
  }], { alertname: 'AlertmanagerFailedToSendAlerts', namespace: 'monitoring' }),
  'a Flux alert': notification([FLUX_EVENT], { alertname: FLUX_EVENT.labels.alertname, namespace: 'apps', name: 'podinfo' }),
  'a mixed group': notification([
    {
      status: 'firing',
      labels: { alertname: 'FluxReconciliationFailed', severity: 'warning', kind: 'HelmRelease', name: 'redis', namespace: 'apps' },
      annotations: { summary: 'A Flux object fails to reconcile.', description: 'HelmRelease apps/redis has not been ready for 10m.', runbook_url: 'https://fluxcd.io/flux/cheatsheets/troubleshooting/' },
    },
    {
      status: 'resolved',
      labels: { alertname: 'FluxReconciliationFailed', severity: 'warning', kind: 'Kustomization', name: 'podinfo', namespace: 'apps' },
      annotations: { summary: 'A Flux object fails to reconcile.', description: 'Kustomization apps/podinfo has not been ready for 10m.', runbook_url: 'https://fluxcd.io/flux/cheatsheets/troubleshooting/' },
    },
  ], { alertname: 'FluxReconciliationFailed', namespace: 'apps' }),
  'a resolved alert without annotations': notification([
    { status: 'resolved', labels: { alertname: 'ExampleAlert', severity: 'warning', namespace: 'my-cluster-namespace' }, annotations: {} },
  ], { alertname: 'ExampleAlert' }),
};

const TEMPLATES = {
  standard: NotificationTemplate.standard(),
  'with commitUrl': NotificationTemplate.standard({ commitUrl: 'https://github.com/acme/fleet/commit/' }),
};

describe('NotificationTemplate', () => {
  test('standard() fills Slack and Teams titles and texts; alertmanagerDefault() leaves them to Alertmanager', () => {
    const std = NotificationTemplate.standard();
    for (const t of [std.slackTitle, std.slackText, std.teamsTitle, std.teamsText]) {
      expect(t).toMatch(/\{\{/);
    }
    expect(std.slackText).toContain('.Annotations.runbook_url');
    const none = NotificationTemplate.alertmanagerDefault();
    expect([none.slackTitle, none.slackText, none.teamsTitle, none.teamsText]).toStrictEqual([undefined, undefined, undefined, undefined]);
  });

  test('the library\'s template parser finds nothing in them, for Alertmanager 0.25 (errors or warnings)', () => {
    for (const t of Object.values(TEMPLATES)) {
      for (const text of [t.slackTitle, t.slackText, t.teamsTitle, t.teamsText]) {
        expect(alertmanagerTemplateFindings(text!, { version: 'v0.25.0' })).toStrictEqual([]);
      }
    }
  });

  test('bad commitUrl and empty custom templates are clear errors', () => {
    expect(() => NotificationTemplate.standard({ commitUrl: 'github.com/acme' })).toThrow(/\[NotificationTemplate.standard\] commitUrl: must be an http\(s\) URL .*got "github.com\/acme"/);
    expect(() => NotificationTemplate.standard({ commitUrl: 'https://x/{{ .Foo }}' })).toThrow(/commitUrl/);
    expect(() => NotificationTemplate.custom('', 'x')).toThrow(/\[NotificationTemplate.custom\] title: must not be empty .*Fix: e.g. '{{ .CommonLabels.alertname }}'/);
  });
});

describe('receivers use the standard templates by default', () => {
  function receiversOf(...receivers: Array<SlackReceiver | MsTeamsReceiver>): any[] {
    const c = chart();
    const am = new AlertmanagerCluster(c, 'AM', { name: 'main' });
    new AlertmanagerRouting(c, 'Routing', { name: 'routing', alertmanager: am, receiver: receivers[0], receivers: receivers.slice(1) });
    // Not synth(): its plaintext heuristic flags every URL, and commitUrl is a public one.
    const manifests = Testing.synth(c);
    expectSchemaValid(manifests);
    return only(manifests, 'AlertmanagerConfig', 'routing').spec.receivers;
  }
  const key = (name: string) => SecretKey.fromSecret(kplus.Secret.fromSecretName(chart(), name, name), 'url');

  test('Slack and Teams (both APIs) get the standard title and text', () => {
    const std = NotificationTemplate.standard();
    const [slack, workflows, connector] = receiversOf(
      new SlackReceiver({ apiUrl: key('slack') }),
      new MsTeamsReceiver({ name: 'workflows', webhookUrl: key('teams') }),
      new MsTeamsReceiver({ name: 'connector', webhookUrl: key('teams'), api: MsTeamsApi.CONNECTOR }),
    );
    expect(slack.slackConfigs[0]).toStrictEqual(expect.objectContaining({ title: std.slackTitle, text: std.slackText }));
    expect(workflows.msteamsv2Configs[0]).toStrictEqual(expect.objectContaining({ title: std.teamsTitle, text: std.teamsText }));
    expect(connector.msteamsConfigs[0]).toStrictEqual(expect.objectContaining({ title: std.teamsTitle, text: std.teamsText }));
  });

  test('title and text override the template; alertmanagerDefault() leaves both unset', () => {
    const [own, plain] = receiversOf(
      new SlackReceiver({ name: 'own', apiUrl: key('slack'), template: NotificationTemplate.standard({ commitUrl: 'https://github.com/acme/fleet/commit/' }), title: '{{ .CommonLabels.alertname }}' }),
      new SlackReceiver({ name: 'plain', apiUrl: key('slack'), template: NotificationTemplate.alertmanagerDefault() }),
    );
    expect(own.slackConfigs[0].title).toBe('{{ .CommonLabels.alertname }}');
    expect(own.slackConfigs[0].text).toContain('https://github.com/acme/fleet/commit/');
    expect(plain.slackConfigs[0]).not.toHaveProperty('title');
    expect(plain.slackConfigs[0]).not.toHaveProperty('text');
  });

  test('a template that is not a NotificationTemplate is a clear error', () => {
    expect(() => new SlackReceiver({ apiUrl: key('slack'), template: 'slack' as never }))
      .toThrow(/\[SlackReceiver "slack"\] template: must be a NotificationTemplate .*Fix: use NotificationTemplate.standard\(\)/);
    expect(() => new SlackReceiver({ apiUrl: key('slack'), template: { slackText: 42 } as never }))
      .toThrow(/template: must be a NotificationTemplate/);
  });
});

/** Renders `text` with amtool on `data`. */
async function amtoolRender(text: string, data: Record<string, unknown>): Promise<string> {
  const dir = tempDir('amtool-template');
  writeFileSync(join(dir, 'data.json'), JSON.stringify(data));
  writeFileSync(join(dir, 'none.tmpl'), '');
  const res = await run(TOOLS.amtool, ['template', 'render', `--template.glob=${join(dir, 'none.tmpl')}`, `--template.text=${text}`, `--template.data=${join(dir, 'data.json')}`]);
  if (res.code !== 0) { throw new Error(`amtool template render failed (${res.code}): ${res.stderr}`); }
  return res.stdout;
}

describeWithTools([TOOLS.amtool], 'default templates rendered by amtool 0.25', () => {
  afterAll(cleanup);

  const cases = Object.entries(TEMPLATES).flatMap(([tname, t]) => Object.keys(SAMPLES).map((s) => [tname, s, t] as const));

  test.each(cases)('%s templates on %s', async (_tname, sample, template) => {
    const data = SAMPLES[sample];
    const rendered = {
      slackTitle: await amtoolRender(template.slackTitle!, data),
      slackText: await amtoolRender(template.slackText!, data),
      teamsTitle: await amtoolRender(template.teamsTitle!, data),
      teamsText: await amtoolRender(template.teamsText!, data),
    };
    expect(rendered).toMatchSnapshot();
    // The same content for both chat tools; only the markup differs.
    expect(rendered.teamsTitle).toBe(rendered.slackTitle);
    expect(rendered.teamsText.replace(/\*\*/g, '*').replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<$2|$1>').replace(/\n+/g, '\n'))
      .toBe(rendered.slackText.replace(/\n+/g, '\n'));
    // No line is left empty by a missing annotation (only the blank line between alerts).
    expect(rendered.slackText).not.toMatch(/\n\n\n/);
  });

  test('a rule pack alert: status, alertname, severity, summary, description and runbook link', async () => {
    const slack = await amtoolRender(TEMPLATES.standard.slackText!, SAMPLES['a rule pack alert']);
    expect(slack.split('\n')).toStrictEqual([
      '*FIRING* AlertmanagerFailedToSendAlerts | severity: warning',
      'An Alertmanager fails to deliver notifications to an integration.',
      'Alertmanager monitoring/alertmanager-main-0 failed to deliver 50% of its notifications to webhook in the last 5 minutes.',
      '<https://runbooks.prometheus-operator.dev/runbooks/alertmanager/alertmanagerfailedtosendalerts|Runbook>',
      '',
    ]);
    expect(await amtoolRender(TEMPLATES.standard.slackTitle!, SAMPLES['a rule pack alert'])).toBe('[FIRING:1] AlertmanagerFailedToSendAlerts (monitoring)');
  });

  test('a Flux alert: its message, the object and the Git revision, linked to the commit with commitUrl', async () => {
    const plain = await amtoolRender(TEMPLATES.standard.slackText!, SAMPLES['a Flux alert']);
    expect(plain).toContain('Kustomization/apps/podinfo dry-run failed');
    expect(plain).toContain(`Object: Kustomization apps/podinfo | revision: ${REVISION}\n`);
    const linked = await amtoolRender(TEMPLATES['with commitUrl'].slackText!, SAMPLES['a Flux alert']);
    expect(linked).toContain(`revision: <https://github.com/acme/fleet/commit/0123456789abcdef0123456789abcdef01234567|${REVISION}>`);
    const teams = await amtoolRender(TEMPLATES['with commitUrl'].teamsText!, SAMPLES['a Flux alert']);
    expect(teams).toContain(`revision: [${REVISION}](https://github.com/acme/fleet/commit/0123456789abcdef0123456789abcdef01234567)`);
  });

  test('a resolved notification says so in the title and each alert', async () => {
    const data = SAMPLES['a resolved alert without annotations'];
    expect(await amtoolRender(TEMPLATES.standard.slackTitle!, data)).toBe('[RESOLVED] ExampleAlert (my-cluster-namespace)');
    expect(await amtoolRender(TEMPLATES.standard.slackText!, data)).toBe('*RESOLVED* ExampleAlert | severity: warning\n');
    expect(await amtoolRender(TEMPLATES.standard.slackTitle!, SAMPLES['a mixed group'])).toBe('[FIRING:1] FluxReconciliationFailed (apps)');
  });
});

describeWithTools([TOOLS.alertmanager, TOOLS.amtool, TOOLS.timeout], 'default Slack template through a real Alertmanager 0.25', () => {
  let slack: Sink;
  afterAll(async () => {
    await cleanup();
    await slack?.close();
  });

  test('the Slack stand-in receives the title and text amtool renders', async () => {
    slack = await startSink('/slack');
    const c = chart();
    // Flux labels its alerts with the object's namespace: the routing in the Alertmanager's namespace must see them.
    const alertmanager = new AlertmanagerCluster(c, 'AM', { name: 'main', matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE });
    new AlertmanagerRouting(c, 'Routing', {
      name: 'routing',
      alertmanager,
      receiver: new SlackReceiver({ apiUrl: SecretKey.fromSecret(kplus.Secret.fromSecretName(c, 'Slack', 'alertmanager-slack'), 'url'), template: TEMPLATES['with commitUrl'] }),
      groupBy: ['alertname', 'namespace', 'name'],
      groupWait: Duration.seconds(1),
      groupInterval: Duration.seconds(1),
      repeatInterval: Duration.hours(1),
    });
    const manifests = Testing.synth(c) as KubeManifest[];
    const { config, rejected } = renderEffectiveConfig({ alertmanager: only(manifests, 'Alertmanager'), alertmanagerConfigs: manifests, resolveSecret: localSecrets({ 'alertmanager-slack': slack.url }) });
    expect(rejected).toStrictEqual([]);
    const [am] = await startAlertmanagers(config, 1);
    const { status, labels, annotations } = FLUX_EVENT;
    expect((await httpJson('POST', `${am.url}/api/v2/alerts`, [{ labels, annotations, startsAt: new Date().toISOString() }])).status).toBe(200);
    const hit = await waitFor(() => `a notification at the Slack stand-in\n${am.proc.log()}`, () => slack.received[0], 20_000);
    const attachment = (hit.body.attachments as Array<{ title: string; text: string }>)[0];
    const data = notification([{ status, labels, annotations }], { alertname: labels.alertname, namespace: labels.namespace, name: labels.name });
    expect(attachment.title).toBe(await amtoolRender(TEMPLATES['with commitUrl'].slackTitle!, data));
    expect(attachment.text).toBe(await amtoolRender(TEMPLATES['with commitUrl'].slackText!, data));
    expect(attachment.text).toContain('Object: Kustomization apps/podinfo | revision: <https://github.com/acme/fleet/commit/');
  }, 60_000);
});
