import { ConversionContext, convertReceiver, snakeCase } from '../../lib/simulate/receivers';

const ctx: ConversionContext = { namespace: 'ns', resolve: (ref, field) => (/url$/.test(field) ? `https://${ref.name}.invalid/${ref.key}@${field}` : `${ref.name}/${ref.key}@${field}`) };
const secret = (name: string, key = 'k') => ({ name, key });

describe('receiver conversion', () => {
  test('camelCase → snake_case keeps acronyms together', () => {
    expect(['sendResolved', 'apiURL', 'clientURL', 'callbackId', 'requireTLS', 'msteamsv2Configs', 'enableHttp2', 'messageThreadID'].map(snakeCase))
      .toStrictEqual(['send_resolved', 'api_url', 'client_url', 'callback_id', 'require_tls', 'msteamsv2_configs', 'enable_http2', 'message_thread_id']);
  });

  test('webhook: urlSecret wins over url, sendResolved/maxAlerts mapped, httpConfig converted', () => {
    const out = convertReceiver('n', {
      name: 'x',
      webhookConfigs: [{
        url: 'http://ignored', urlSecret: secret('hook', 'url'), sendResolved: false, maxAlerts: 5,
        httpConfig: { authorization: { credentials: secret('tok') }, basicAuth: { username: secret('u'), password: secret('p') }, proxyURL: 'http://proxy', proxyUrl: 'http://other', followRedirects: true },
      }],
    }, ctx);
    expect(out).toStrictEqual({
      name: 'n',
      webhook_configs: [{
        url: 'https://hook.invalid/url@url',
        send_resolved: false,
        max_alerts: 5,
        http_config: {
          authorization: { type: 'Bearer', credentials: 'tok/k@credentials' },
          basic_auth: { username: 'u/k@username', password: 'p/k@password' },
          proxy_url: 'http://proxy',
          follow_redirects: true,
        },
      }],
    });
  });

  test('slack, msteams, email, pagerduty, opsgenie, discord', () => {
    const out = convertReceiver('n', {
      name: 'x',
      slackConfigs: [{ apiURL: secret('slack', 'url'), channel: '#c', fields: [{ title: 't', value: 'v', short: true }] }],
      msteamsConfigs: [{ webhookUrl: secret('teams', 'url'), title: 'T', sendResolved: true }],
      emailConfigs: [{ to: 'a@b', authPassword: secret('mail'), headers: [{ key: 'Subject', value: 'S' }], requireTLS: true, tlsConfig: { insecureSkipVerify: true, ca: { secret: secret('ca', 'ca.crt') } } }],
      pagerdutyConfigs: [{ routingKey: secret('pd'), details: [{ key: 'a', value: 'b' }], pagerDutyLinkConfigs: [{ href: 'https://x', alt: 'x' }], clientURL: 'https://c' }],
      opsgenieConfigs: [{ apiKey: secret('og'), responders: [{ type: 'team', name: 'ops' }], details: [{ key: 'k', value: 'v' }] }],
      discordConfigs: [{ apiURL: secret('discord', 'url') }],
    }, ctx);
    expect(out).toStrictEqual({
      name: 'n',
      opsgenie_configs: [{ api_key: 'og/k@api_key', responders: [{ type: 'team', name: 'ops' }], details: { k: 'v' } }],
      pagerduty_configs: [{ routing_key: 'pd/k@routing_key', details: { a: 'b' }, links: [{ href: 'https://x', text: 'x' }], client_url: 'https://c' }],
      slack_configs: [{ api_url: 'https://slack.invalid/url@api_url', channel: '#c', fields: [{ title: 't', value: 'v', short: true }] }],
      email_configs: [{
        to: 'a@b', auth_password: 'mail/k@auth_password', headers: { Subject: 'S' }, require_tls: true,
        tls_config: { insecure_skip_verify: true, ca_file: '/etc/alertmanager/certs/0_ns_ca_ca.crt' },
      }],
      discord_configs: [{ webhook_url: 'https://discord.invalid/url@webhook_url' }],
      msteams_configs: [{ webhook_url: 'https://teams.invalid/url@webhook_url', title: 'T', send_resolved: true }],
    });
  });

  test('map-valued fields keep their keys', () => {
    const out = convertReceiver('n', { name: 'x', snsConfigs: [{ topicARN: 'arn', attributes: { myKey: 'v' }, sigv4: { region: 'eu', accessKey: secret('aws', 'id'), secretKey: secret('aws', 'secret'), roleArn: 'r' } }] }, ctx);
    expect(out.sns_configs).toStrictEqual([{ topic_arn: 'arn', attributes: { myKey: 'v' }, sigv4: { region: 'eu', access_key: 'aws/id@access_key', secret_key: 'aws/secret@secret_key', role_arn: 'r' } }]);
    const unpaired = convertReceiver('n', { name: 'x', snsConfigs: [{ topicARN: 'arn', sigv4: { accessKey: secret('aws', 'id') } }] }, ctx);
    expect(unpaired.sns_configs).toStrictEqual([{ topic_arn: 'arn', sigv4: {} }]); // the operator copies the keys only as a pair
  });

  test('an empty receiver is just a name (a black hole)', () => {
    expect(convertReceiver('n', { name: 'x' }, ctx)).toStrictEqual({ name: 'n' });
  });
});
