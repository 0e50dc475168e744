import { createHash } from 'crypto';
import { ApiObject, Duration, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { parseAllDocuments } from 'yaml';
import {
  ClusterModel, FluxKustomization, FluxReceiver, FluxReceiverType, FluxSourceKind, FluxSourceRef, ReceiverTarget, runChecks,
} from '../lib/tooling';
import { WebhookReceiverChart } from '../examples/webhook-receiver';
import { chart, only, synth } from './_util';

const token = (c: ReturnType<typeof chart>, name = 'receiver-token') => kplus.Secret.fromSecretName(c, `T${Math.random()}`, name);

describe('FluxReceiver', () => {
  test('a GitHub receiver for the bootstrap repository and a Kustomization, token by reference', () => {
    // GIVEN
    const c = chart('flux-system');
    const k = new FluxKustomization(c, 'K', { name: 'apps', interval: Duration.minutes(10), sourceRef: FluxSourceRef.gitRepository('flux-system') });
    // WHEN
    const r = new FluxReceiver(c, 'R', {
      name: 'github-receiver', type: FluxReceiverType.GITHUB, events: ['ping', 'push'], tokenSecret: token(c), interval: Duration.hours(1),
      resources: [ReceiverTarget.gitRepository('flux-system'), ReceiverTarget.kustomization(k), ReceiverTarget.allOf(FluxSourceKind.HELM_RELEASE, { team: 'a' }, 'team-a')],
    });
    const m = synth(c);
    // THEN
    expect(only(m, 'Receiver')).toEqual({
      apiVersion: 'notification.toolkit.fluxcd.io/v1',
      kind: 'Receiver',
      metadata: { name: 'github-receiver', namespace: 'flux-system' },
      spec: {
        type: 'github',
        events: ['ping', 'push'],
        interval: '1h',
        secretRef: { name: 'receiver-token' },
        resources: [
          { kind: 'GitRepository', name: 'flux-system' },
          { kind: 'Kustomization', name: 'apps', namespace: 'flux-system' },
          { kind: 'HelmRelease', name: '*', namespace: 'team-a', matchLabels: { team: 'a' } },
        ],
      },
    });
    expect(ApiObject.of(r).kind).toBe('Receiver');
    expect(r.secretKeys).toEqual(['token']);
    expect(JSON.stringify(m)).not.toMatch(/s3cr3t/);
  });

  test('the webhook path is Flux\'s formula: /hook/ + sha256(token + name + namespace)', () => {
    const c = chart('flux-system');
    const r = new FluxReceiver(c, 'R', { name: 'github-receiver', type: FluxReceiverType.GITHUB, tokenSecret: token(c), resources: [ReceiverTarget.gitRepository('flux-system')] });
    const expected = `/hook/${createHash('sha256').update('s3cr3tgithub-receiverflux-system').digest('hex')}`;
    expect(r.webhookPathFor('s3cr3t')).toBe(expected);
    expect(FluxReceiver.webhookPath('s3cr3t', 'github-receiver', 'flux-system')).toBe(expected);
    expect(expected).toMatch(/^\/hook\/[0-9a-f]{64}$/);
    // a different namespace or token is a different path
    expect(FluxReceiver.webhookPath('s3cr3t', 'github-receiver', 'other')).not.toBe(expected);
    expect(r.webhookPathField).toBe('.status.webhookPath');
    expect(r.webhookPathCommand).toBe("kubectl -n flux-system get receivers.notification.toolkit.fluxcd.io github-receiver -o jsonpath='{.status.webhookPath}'");
  });

  test('GCR reads token, email and audience; the secret-key-missing check sees Receivers', () => {
    const c = chart('flux-system');
    const r = new FluxReceiver(c, 'R', { name: 'gcr', type: FluxReceiverType.GCR, tokenSecret: token(c, 'gcr-token'), resources: [ReceiverTarget.imageRepository('app')] });
    expect(r.secretKeys).toEqual(['token', 'email', 'audience']);
    const yaml = `apiVersion: v1
kind: Secret
metadata: { name: gcr-token, namespace: flux-system }
data: { token: eA== }
---
apiVersion: notification.toolkit.fluxcd.io/v1
kind: Receiver
metadata: { name: gcr, namespace: flux-system }
spec: { type: gcr, secretRef: { name: gcr-token }, resources: [{ kind: ImageRepository, name: app }] }
`;
    const model = ClusterModel.build(parseAllDocuments(yaml).map((d, doc) => ({ value: d.toJS(), source: { file: 'x.yaml', doc } })));
    const findings = runChecks(model).filter((f) => f.check === 'secret-key-missing');
    expect(findings).toHaveLength(1);
    expect(findings[0].message).toMatch(/email/);
    expect(findings[0].message).toMatch(/audience/);
  });

  test('the example synthesizes a GitHub and a Harbor receiver, schema-valid', () => {
    const m = synth(new WebhookReceiverChart(Testing.app(), 'webhooks'));
    expect(m.filter((o) => o.kind === 'Receiver').map((o) => [o.metadata.name, o.spec.type, o.spec.secretRef.name])).toEqual([
      ['github-receiver', 'github', 'github-receiver-token'],
      ['harbor-receiver', 'harbor', 'harbor-receiver-token'],
    ]);
    expect(m).toMatchSnapshot();
  });

  test('clear errors for bad props, all at once', () => {
    const c = chart('flux-system');
    expect(() => new FluxReceiver(c, 'R', {
      type: 'github-app' as FluxReceiverType,
      tokenSecret: undefined as any,
      resources: [],
      events: [''],
      interval: Duration.millis(0),
    })).toThrow(/5 problems:[\s\S]*\[test\/R\] type: is not a receiver type[\s\S]*tokenSecret: must be a Secret[\s\S]*resources: a Receiver needs at least one object[\s\S]*events\[0\]: must be a non-empty event type[\s\S]*interval: must be a positive/);
    expect(() => new FluxReceiver(c, 'R2', {
      type: FluxReceiverType.GENERIC, tokenSecret: token(c),
      resources: [ReceiverTarget.of('Deployment' as FluxSourceKind, 'x'), ReceiverTarget.allOf(FluxSourceKind.KUSTOMIZATION, {}), ReceiverTarget.gitRepository('a', 'Bad_NS')],
    })).toThrow(/3 problems:[\s\S]*resources\[0\]\.kind: is not a kind a Receiver can reconcile[\s\S]*resources\[1\]\.matchLabels: with name "\*" and no labels[\s\S]*resources\[2\]\.namespace/);
    // a target is recognised by its members (kind and name), not by its class
    expect(() => new FluxReceiver(c, 'R3', { type: FluxReceiverType.GENERIC, tokenSecret: token(c), resources: [{ name: 'x' } as any] }))
      .toThrow(/^\[test\/R3\] resources\[0\]: must be a ReceiverTarget \(got \{"name":"x"\}\)\. Fix: use ReceiverTarget\.gitRepository/);
    new FluxReceiver(c, 'R4', { type: FluxReceiverType.GENERIC, tokenSecret: token(c), resources: [{ kind: 'GitRepository', name: 'x' } as any] });
  });
});
