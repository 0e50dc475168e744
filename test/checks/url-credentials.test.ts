import { ClusterModel, runChecks } from '../../lib/tooling';

function findings(objects: object[]) {
  return runChecks(ClusterModel.build(objects.map((value, doc) => ({ value, source: { file: 'x.yaml', doc } })))).filter((f) => f.check === 'url-credentials');
}

const config = (receiver: object) => ({
  apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name: 'c', namespace: 'monitoring' },
  spec: { route: { receiver: 'r' }, receivers: [{ name: 'r', ...receiver }] },
});

test.each([
  ['an OpsGenie apiURL with userinfo', config({ opsgenieConfigs: [{ apiURL: 'https://u:p@api.opsgenie.invalid/' }] }), /spec\.receivers\[0\]\.opsgenieConfigs\[0\]\.apiURL: the URL to api\.opsgenie\.invalid has a user name or password/],
  ['a hand-written webhook URL with a token in the query', config({ webhookConfigs: [{ url: 'https://hooks.invalid/x?token=abc' }] }), /webhookConfigs\[0\]\.url: .* carries the query parameter "token"/],
  ['an email smarthost with credentials', config({ emailConfigs: [{ to: 'a@b.invalid', smarthost: 'user:pw@smtp.invalid:587' }] }), /smarthost: the URL to smtp\.invalid:587 has a user name or password/],
  ['an Alertmanager externalUrl with userinfo', { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'am', namespace: 'monitoring' }, spec: { externalUrl: 'https://admin:pw@am.invalid' } }, /spec\.externalUrl: /],
  ['a Flux Provider address with userinfo', { apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Provider', metadata: { name: 'p', namespace: 'flux-system' }, spec: { type: 'generic', address: 'https://u:p@hooks.invalid/' } }, /spec\.address: /],
])('%s: an error that never shows the credentials', (_name, object, pattern) => {
  const [f, ...rest] = findings([object]);
  expect(rest).toEqual([]);
  expect(f.severity).toBe('error');
  expect(f.message).toMatch(pattern);
  expect(`${f.message} ${f.fix}`).not.toMatch(/u:p|user:pw|admin:pw|abc/);
});

test('URLs without credentials, and secret references, pass', () => {
  expect(findings([
    config({ webhookConfigs: [{ url: 'https://hooks.invalid/x?team=a' }, { urlSecret: { name: 's', key: 'url' } }], emailConfigs: [{ to: 'a@b.invalid', smarthost: 'smtp.invalid:587' }] }),
    { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'am', namespace: 'monitoring' }, spec: { externalUrl: 'https://am.invalid' } },
  ])).toEqual([]);
});
