import { ApiObject, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { KubeSecret } from 'cdk8s-plus-27/lib/imports/k8s';
import { Construct } from 'constructs';
import { AlertmanagerCluster, AlertmanagerRouting, SecretKey, SlackReceiver, findingsOf } from '../../lib/tooling';

/** The checks read objects, whatever made them: each of these makes the same Secret. */
const MAKERS: Record<string, (scope: Construct) => kplus.ISecret> = {
  'cdk8s-plus Secret': (scope) => new kplus.Secret(scope, 'slack', { metadata: { name: 'slack' }, stringData: { url: 'https://hooks.slack.invalid/x' } }),
  'raw KubeSecret': (scope) => {
    new KubeSecret(scope, 'slack', { metadata: { name: 'slack' }, stringData: { url: 'https://hooks.slack.invalid/x' } });
    return kplus.Secret.fromSecretName(scope, 'ref', 'slack');
  },
  'plain ApiObject': (scope) => {
    new ApiObject(scope, 'slack', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'slack' }, data: { url: Buffer.from('https://hooks.slack.invalid/x').toString('base64') } } as never);
    return kplus.Secret.fromSecretName(scope, 'ref', 'slack');
  },
};

describe.each(Object.keys(MAKERS))('a plaintext Slack Secret made as a %s', (maker) => {
  function app(allow: boolean, withKey = 'url') {
    const a = Testing.app();
    if (allow) { a.node.setContext('cdk8s-alerting:allowPlaintextSecrets', true); }
    const c = new Chart(a, 'c', { namespace: 'monitoring' });
    const secret = MAKERS[maker](c);
    const am = new AlertmanagerCluster(c, 'Am', { name: 'main' });
    new AlertmanagerRouting(c, 'R', { alertmanager: am, receiver: new SlackReceiver({ apiUrl: SecretKey.fromSecret(secret, withKey), channel: '#a' }) });
    return { a, c };
  }

  test('fails the synth with secret-plaintext, naming the Secret and never its value', () => {
    const { c } = app(false);
    let message = '';
    try { Testing.synth(c); } catch (e) { message = (e as Error).message; }
    expect(message).toMatch(/\] secret-plaintext: Secret monitoring\/slack holds the values of \["url"\]/);
    expect(message).not.toContain('hooks.slack.invalid');
  });

  test('passes with the opt-in', () => {
    expect(() => Testing.synth(app(true).c)).not.toThrow();
  });

  test('a missing key is found in it too', () => {
    const { a } = app(true, 'webhook');
    expect(findingsOf(a).map((f) => f.check)).toEqual(['secret-key-missing']);
  });
});
