import { Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import {
  AlertmanagerRouting, EmailReceiver, IReceiver, LambdaWebhookReceiver, MsTeamsApi, MsTeamsReceiver, NotificationTemplate, OpsgenieReceiver,
  PagerDutyReceiver, SecretKey, SlackReceiver, WebhookReceiver,
} from '../lib/tooling';
import { chart, only, synth } from './_util';

function render(make: (key: (k: string) => SecretKey) => IReceiver): any {
  const c = chart();
  const secret = kplus.Secret.fromSecretName(c, 'Secret', 'alerting');
  new AlertmanagerRouting(c, 'R', { name: 'r', receiver: make((k) => SecretKey.fromSecret(secret, k)) });
  return only(synth(c), 'AlertmanagerConfig').spec.receivers[0];
}

/** The receivers' default title and text (test/templates covers what they render). */
const STD = NotificationTemplate.standard();

describe('receivers', () => {
  test('LambdaWebhookReceiver: the URL and bearer token come from Secret keys', () => {
    const r = render((key) => new LambdaWebhookReceiver({ url: key('url'), bearerToken: key('token'), maxAlerts: 10, timeout: Duration.seconds(10) }));
    expect(r).toEqual({
      name: 'lambda-webhook',
      webhookConfigs: [{
        urlSecret: { name: 'alerting', key: 'url' },
        sendResolved: true,
        maxAlerts: 10,
        timeout: '10s',
        httpConfig: { authorization: { type: 'Bearer', credentials: { name: 'alerting', key: 'token' } } },
      }],
    });
    expect(r).toMatchSnapshot();
  });

  test('SlackReceiver', () => {
    expect(render((key) => new SlackReceiver({ apiUrl: key('slack'), channel: '#alerts', sendResolved: false }))).toEqual({
      name: 'slack', slackConfigs: [{ apiURL: { name: 'alerting', key: 'slack' }, channel: '#alerts', title: STD.slackTitle, text: STD.slackText, sendResolved: false }],
    });
  });

  test('MsTeamsReceiver: Workflows (msteamsv2) by default, connectors on request', () => {
    expect(render((key) => new MsTeamsReceiver({ webhookUrl: key('teams') }))).toEqual({
      name: 'msteams', msteamsv2Configs: [{ webhookURL: { name: 'alerting', key: 'teams' }, title: STD.teamsTitle, text: STD.teamsText, sendResolved: true }],
    });
    expect(render((key) => new MsTeamsReceiver({ webhookUrl: key('teams'), api: MsTeamsApi.CONNECTOR }))).toEqual({
      name: 'msteams', msteamsConfigs: [{ webhookUrl: { name: 'alerting', key: 'teams' }, title: STD.teamsTitle, text: STD.teamsText, sendResolved: true }],
    });
  });

  test('EmailReceiver: the SMTP password comes from a Secret key', () => {
    expect(render((key) => new EmailReceiver({ to: ['a@example.com', 'b@example.com'], smarthost: 'smtp.example.com:587', authUsername: 'am', authPassword: key('smtp') }))).toEqual({
      name: 'email',
      emailConfigs: [{ to: 'a@example.com, b@example.com', smarthost: 'smtp.example.com:587', authUsername: 'am', authPassword: { name: 'alerting', key: 'smtp' }, sendResolved: true }],
    });
  });

  test('PagerDutyReceiver and OpsgenieReceiver', () => {
    expect(render((key) => new PagerDutyReceiver({ routingKey: key('pd'), severity: 'critical' }))).toEqual({
      name: 'pagerduty', pagerdutyConfigs: [{ routingKey: { name: 'alerting', key: 'pd' }, severity: 'critical', sendResolved: true }],
    });
    expect(render((key) => new OpsgenieReceiver({ apiKey: key('og'), priority: 'P1' }))).toEqual({
      name: 'opsgenie', opsgenieConfigs: [{ apiKey: { name: 'alerting', key: 'og' }, priority: 'P1', sendResolved: true }],
    });
  });

  test.each([
    ['WebhookReceiver', () => new WebhookReceiver({ name: 'w', url: undefined as any }), /\[WebhookReceiver "w"\] url: is required, since a receiver with no destination drops every notification/],
    ['LambdaWebhookReceiver', () => new LambdaWebhookReceiver({ url: 'https://lambda.example/' as any }), /url: must be a SecretKey, so the value stays out of Git \(got a string of 23 characters\)/],
    ['SlackReceiver', () => new SlackReceiver({ apiUrl: undefined as any }), /\[SlackReceiver "slack"\] apiUrl: is required/],
    ['MsTeamsReceiver', () => new MsTeamsReceiver({ webhookUrl: undefined as any }), /webhookUrl: is required/],
    ['EmailReceiver', () => new EmailReceiver({ to: [] }), /\[EmailReceiver "email"\] to: is required/],
    ['EmailReceiver address', () => new EmailReceiver({ to: ['not an address'] }), /not e-mail addresses/],
    ['PagerDutyReceiver', () => new PagerDutyReceiver({ routingKey: undefined as any }), /routingKey: is required/],
    ['OpsgenieReceiver', () => new OpsgenieReceiver({ apiKey: undefined as any }), /apiKey: is required/],
  ])('%s without a destination is rejected with the fix', (_name, make, message) => {
    expect(make).toThrow(message);
    expect(make).toThrow(/Fix: /);
  });

  test('a receiver needs a name', () => {
    expect(() => new WebhookReceiver({ name: ' ', url: undefined as any })).toThrow(/name: must be a non-empty string without leading or trailing spaces \(got " "\)/);
  });
});

describe('receiver templates', () => {
  const key = (k: string): SecretKey => SecretKey.fromSecret(kplus.Secret.fromSecretName(chart(), 'S', 'alerting'), k);

  test('GIVEN Slack, Teams, PagerDuty and Opsgenie templates Alertmanager renders THEN they are accepted and written as given', () => {
    const title = '[{{ .Status | toUpper }}{{ if eq .Status "firing" }}:{{ .Alerts.Firing | len }}{{ end }}] {{ .CommonLabels.alertname }}';
    const text = '{{ range .Alerts }}*{{ .Labels.severity }}* {{ .Annotations.summary }}\n{{ end }}';
    const r = render((k) => new SlackReceiver({ apiUrl: k('slack'), title, text }));
    expect(r.slackConfigs[0]).toMatchObject({ title, text });
    expect(() => new MsTeamsReceiver({ webhookUrl: key('t'), title, text })).not.toThrow();
    expect(() => new PagerDutyReceiver({ routingKey: key('p'), description: title, severity: '{{ .CommonLabels.severity }}' })).not.toThrow();
    expect(() => new OpsgenieReceiver({ apiKey: key('o'), priority: '{{ if eq .CommonLabels.severity "critical" }}P1{{ else }}P3{{ end }}' })).not.toThrow();
  });

  test('GIVEN a Slack title with $labels (a Prometheus variable) and a text with an undefined function THEN both are reported at once, with the fix', () => {
    expect(() => new SlackReceiver({ apiUrl: key('s'), title: '{{ $labels.alertname }}', text: '{{ .Status | upper }}' }))
      .toThrow(/^2 problems:\n {2}- \[SlackReceiver "slack"\] title: template error at line 1, column 4: undefined variable "\$labels"[\s\S]*use \.CommonLabels[\s\S]*- \[SlackReceiver "slack"\] text: .*function "upper" not defined[\s\S]*did you mean "toUpper"\?/);
  });

  test('GIVEN an unclosed {{ if }} in a Teams text or a PagerDuty description THEN the constructor refuses it', () => {
    expect(() => new MsTeamsReceiver({ webhookUrl: key('t'), text: '{{ if .CommonAnnotations.summary }}{{ .CommonAnnotations.summary }}' }))
      .toThrow(/^\[MsTeamsReceiver "msteams"\] text: template error .*unexpected EOF.*Fix: add the missing \{\{ end \}\}/);
    expect(() => new PagerDutyReceiver({ routingKey: key('p'), description: '{{ .CommonLabels.alertname ' })).toThrow(/description: template error .*unclosed action/);
    expect(() => new OpsgenieReceiver({ apiKey: key('o'), priority: '{{ else }}' })).toThrow(/priority: template error .*unexpected \{\{else\}\}/);
  });
});
