/**
 * The public API takes Secrets, ConfigMaps and container resources from any cdk8s-plus (27 and
 * 33 here: what we build with and what `cdk8s init` installs today) and plain objects by name,
 * and nothing in lib/ needs cdk8s-plus at run time (issue 14, item 1).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Duration, Size } from 'cdk8s';
import * as plus27 from 'cdk8s-plus-27';
import * as plus33 from 'cdk8s-plus-33';
import {
  AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, ContainerResources, Cpu, FluxKustomization, FluxReceiver, FluxReceiverType,
  ReceiverTarget, FluxSourceRef, FluxSubstituteFrom, ISecretReference, Prometheus, SecretKey, SecretReference, SlackProvider,
  SlackReceiver,
} from '../lib/tooling';
import { chart, only, synth } from './_util';

describe('Secrets from any cdk8s-plus, or by name', () => {
  test('SecretKey: cdk8s-plus-27, cdk8s-plus-33, a KubeSecret, a plain object and fromName give the same selector', () => {
    const c = chart();
    const keys = [
      SecretKey.fromSecret(plus27.Secret.fromSecretName(c, 'P27', 'slack'), 'url'),
      SecretKey.fromSecret(plus33.Secret.fromSecretName(c, 'P33', 'slack'), 'url'),
      SecretKey.fromSecret(new plus33.k8s.KubeSecret(c, 'Kube', { metadata: { name: 'slack' } }), 'url'),
      SecretKey.fromSecret({ name: 'slack' }, 'url'),
      SecretKey.fromSecret(SecretReference.fromName('slack'), 'url'),
      SecretKey.fromName('slack', 'url'),
    ];
    expect(keys.map((k) => k.toSelector())).toEqual(keys.map(() => ({ name: 'slack', key: 'url' })));
    expect(keys.map((k) => k.secretName)).toEqual(keys.map(() => 'slack'));
  });

  test('secretNamespace: the namespace of a Secret defined in the app (its own, else its chart\'s), of either cdk8s-plus; none when referenced by name', () => {
    const c = chart();
    const defined27 = new plus27.Secret(c, 'D27', { metadata: { name: 'a', namespace: 'vault' } });
    const defined33 = new plus33.Secret(c, 'D33', { metadata: { name: 'b', namespace: 'vault' } });
    const noNamespace27 = new plus27.Secret(c, 'N27', { metadata: { name: 'c' } });
    const noNamespace33 = new plus33.Secret(c, 'N33', { metadata: { name: 'c' } });
    expect(SecretKey.fromSecret(defined27, 'k').secretNamespace).toBe('vault');
    expect(SecretKey.fromSecret(defined33, 'k').secretNamespace).toBe('vault');
    expect(SecretKey.fromSecret(new plus33.k8s.KubeSecret(c, 'K', { metadata: { name: 'd', namespace: 'vault' } }), 'k').secretNamespace).toBe('vault');
    expect(SecretKey.fromSecret(noNamespace27, 'k').secretNamespace).toBe('monitoring');
    expect(SecretKey.fromSecret(noNamespace33, 'k').secretNamespace).toBe('monitoring');
    expect(SecretKey.fromSecret(plus33.Secret.fromSecretName(c, 'R', 'e'), 'k').secretNamespace).toBeUndefined();
    expect(SecretKey.fromName('f', 'k').secretNamespace).toBeUndefined();
  });

  test('a receiver with a cdk8s-plus-33 Secret synthesizes like one with a cdk8s-plus-27 Secret or a name', () => {
    const render = (url: (c: ReturnType<typeof chart>) => SecretKey) => {
      const c = chart();
      new AlertmanagerRouting(c, 'R', { name: 'r', receiver: new SlackReceiver({ name: 'slack', apiUrl: url(c), channel: '#alerts' }) });
      return synth(c);
    };
    const byName = render(() => SecretKey.fromName('alertmanager-slack', 'url'));
    expect(render((c) => SecretKey.fromSecret(plus33.Secret.fromSecretName(c, 'S', 'alertmanager-slack'), 'url'))).toEqual(byName);
    expect(render((c) => SecretKey.fromSecret(plus27.Secret.fromSecretName(c, 'S', 'alertmanager-slack'), 'url'))).toEqual(byName);
    expect(JSON.stringify(byName)).toContain('"apiURL":{"key":"url","name":"alertmanager-slack"}');
  });

  test('Flux providers, Receiver and Kustomization take a Secret of either cdk8s-plus, a plain object or SecretReference.fromName', () => {
    const c = chart('flux-system');
    new SlackProvider(c, 'Plus33', { name: 'slack-33', secret: plus33.Secret.fromSecretName(c, 'S33', 'slack-url') });
    new SlackProvider(c, 'Plain', { name: 'slack-plain', secret: { name: 'slack-url' } });
    new SlackProvider(c, 'ByName', { name: 'slack-by-name', secret: SecretReference.fromName('slack-url') });
    const am = new AlertmanagerCluster(chart(), 'Am', { name: 'main' });
    new AlertmanagerProvider(c, 'Am', { name: 'am', alertmanager: am, authSecret: SecretReference.fromName('am-auth') });
    new FluxReceiver(c, 'Hook', {
      name: 'github', type: FluxReceiverType.GITHUB, tokenSecret: plus33.Secret.fromSecretName(c, 'T', 'receiver-token'),
      resources: [ReceiverTarget.gitRepository('flux-system')], events: ['push'],
    });
    new FluxKustomization(c, 'K', {
      name: 'apps', sourceRef: FluxSourceRef.gitRepository('flux-system'), path: './apps', interval: Duration.minutes(10),
      decryption: { secret: plus33.Secret.fromSecretName(c, 'Sops', 'sops-age') },
      substituteFrom: [
        FluxSubstituteFrom.configMap(plus33.ConfigMap.fromConfigMapName(c, 'Vars', 'cluster-vars')),
        FluxSubstituteFrom.configMap({ name: 'more-vars' }, true),
        FluxSubstituteFrom.secret(SecretReference.fromName('cluster-secrets')),
      ],
    });
    const m = synth(c);
    for (const name of ['slack-33', 'slack-plain', 'slack-by-name']) {
      expect(only(m, 'Provider', name).spec.secretRef).toEqual({ name: 'slack-url' });
    }
    expect(only(m, 'Provider', 'am').spec.secretRef).toEqual({ name: 'am-auth' });
    expect(only(m, 'Receiver').spec.secretRef).toEqual({ name: 'receiver-token' });
    const k = only(m, 'Kustomization').spec;
    expect(k.decryption).toEqual({ provider: 'sops', secretRef: { name: 'sops-age' } });
    expect(k.postBuild.substituteFrom).toEqual([
      { kind: 'ConfigMap', name: 'cluster-vars' },
      { kind: 'ConfigMap', name: 'more-vars', optional: true },
      { kind: 'Secret', name: 'cluster-secrets' },
    ]);
  });

  test('fromName factories reject names Kubernetes cannot hold, naming the factory, the argument and the fix', () => {
    expect(() => SecretKey.fromName('Slack_URL', 'url')).toThrow(/^\[SecretKey\.fromName\] secretName: must be a DNS-1123 subdomain[\s\S]*\(got "Slack_URL"\)\. Fix: name the Secret/);
    expect(() => SecretKey.fromName('slack', '')).toThrow(/^\[SecretKey\.fromName\] key: must not be empty/);
    expect(() => SecretKey.fromName('', 'web hook')).toThrow(/^2 problems:\n  - \[SecretKey\.fromName\] secretName: must not be empty[\s\S]*\n  - \[SecretKey\.fromName\] key: may hold only letters/);
    expect(() => SecretReference.fromName('a'.repeat(254))).toThrow(/^\[SecretReference\.fromName\] name: must be a DNS-1123 subdomain/);
    expect(() => SecretReference.fromName(42 as any)).toThrow(/^\[SecretReference\.fromName\] name: must be a non-empty string/);
    expect(SecretReference.fromName('a.b-c')).toEqual({ name: 'a.b-c' });
  });

  test('a value without a name is still refused where a Secret belongs, and never printed', () => {
    const c = chart('flux-system');
    expect(() => new SlackProvider(c, 'P', { name: 'slack', secret: 'https://hooks.slack.com/services/T/B/x' as unknown as ISecretReference }))
      .toThrow(/secret: must be a Secret \(got a string of 38 characters\)/);
    expect(() => SecretKey.fromSecret({} as ISecretReference, 'url')).toThrow(/^\[SecretKey\.fromSecret\] secret: must be a Secret/);
  });
});

describe('container resources from any cdk8s-plus, or our own', () => {
  const resourcesOf = (resources: ContainerResources) => {
    const c = chart();
    new AlertmanagerCluster(c, 'Am', { name: 'main', resources });
    new Prometheus(c, 'P', { name: 'main', resources });
    const m = synth(c);
    return [only(m, 'Alertmanager').spec.resources, only(m, 'Prometheus').spec.resources];
  };

  test('Cpu and Size of this library, of cdk8s-plus-27 and of cdk8s-plus-33 give the same requests and limits', () => {
    const ours = resourcesOf({ cpu: { request: Cpu.millis(250), limit: Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } });
    expect(ours[0]).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { cpu: '1', memory: '1024Mi' } });
    expect(ours[1]).toEqual(ours[0]);
    const p27: plus27.ContainerResources = { cpu: { request: plus27.Cpu.millis(250), limit: plus27.Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } };
    const p33: plus33.ContainerResources = { cpu: { request: plus33.Cpu.millis(250), limit: plus33.Cpu.units(1) }, memory: { request: Size.mebibytes(256), limit: Size.gibibytes(1) } };
    expect(resourcesOf(p27)).toEqual(ours);
    expect(resourcesOf(p33)).toEqual(ours);
  });

  test('ephemeral storage is written too (cdk8s-plus has the field; it used to be dropped)', () => {
    const [am] = resourcesOf({ ephemeralStorage: { request: Size.mebibytes(100), limit: Size.gibibytes(2) } });
    expect(am).toEqual({ requests: { 'ephemeral-storage': '100Mi' }, limits: { 'ephemeral-storage': '2048Mi' } });
  });

  test('Cpu factories reject what is no amount of CPU', () => {
    expect(() => Cpu.millis(-1)).toThrow(/^\[Cpu\.millis\] amount: must be a non-negative number \(got -1\)\. Fix: pass a non-negative number of millicores/);
    expect(() => Cpu.units(Number.NaN)).toThrow(/^\[Cpu\.units\] amount: must be a non-negative number/);
    expect(Cpu.units(0.5).amount).toBe('0.5');
  });
});

test('nothing in lib/ imports cdk8s-plus (type-only imports included): users bring the version they use', () => {
  const lib = path.join(__dirname, '..', 'lib');
  const offenders: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) { walk(file); continue; }
      if (!file.endsWith('.ts')) { continue; }
      const text = fs.readFileSync(file, 'utf8');
      if (/(from\s+|require\(\s*|import\(\s*)['"]cdk8s-plus-\d+['"]/.test(text)) { offenders.push(path.relative(lib, file)); }
    }
  };
  walk(lib);
  expect(offenders).toEqual([]);
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
  const runtime = { ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies };
  expect(Object.keys(runtime).filter((d) => d.startsWith('cdk8s-plus'))).toEqual([]);
});
