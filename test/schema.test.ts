import { plaintextSecrets, schemaErrors } from './_schema';

describe('the CRD schema check used by every test', () => {
  const am = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'a', namespace: 'm' }, spec: { replicas: 3 } };

  test('accepts a valid object', () => {
    expect(schemaErrors([am])).toEqual([]);
  });

  test('rejects a field typo', () => {
    expect(schemaErrors([{ ...am, spec: { replica: 3 } }]).join()).toMatch(/replica/);
  });

  test('rejects a wrong type and an unknown enum value', () => {
    expect(schemaErrors([{ ...am, spec: { replicas: 'three' } }])).toHaveLength(1);
    expect(schemaErrors([{ apiVersion: 'notification.toolkit.fluxcd.io/v1beta3', kind: 'Alert', metadata: { name: 'a' }, spec: { providerRef: { name: 'p' }, eventSeverity: 'warn', eventSources: [{ kind: 'Kustomization', name: '*' }] } }])).toHaveLength(1);
  });

  test('rejects API versions that are no longer served', () => {
    expect(schemaErrors([{ apiVersion: 'notification.toolkit.fluxcd.io/v1beta2', kind: 'Alert', metadata: { name: 'a' }, spec: {} }]).join()).toMatch(/no schema validator/);
  });

  test('core kinds (kubernetes-models validators) reject wrong types and values', () => {
    expect(schemaErrors([{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 9094, protocol: 'UDPX' }] }] } }]).join()).toMatch(/protocol/);
    expect(schemaErrors([{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r' }, rules: [{ verbs: 'get' }] }]).join()).toMatch(/verbs must be array/);
    expect(schemaErrors([{ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: { maxUnavailable: true } }])).toHaveLength(1);
    expect(schemaErrors([{ apiVersion: 'policy/v1beta1', kind: 'PodDisruptionBudget', metadata: { name: 'p' }, spec: {} }]).join()).toMatch(/no schema validator/);
  });

  test('the validator bug on storage.volumeClaimTemplate is ignored, a real error there is not', () => {
    const storage = (spec: unknown) => ({ ...am, spec: { storage: { volumeClaimTemplate: { spec } } } });
    expect(schemaErrors([storage({ resources: { requests: { storage: '1Gi' } } })])).toEqual([]);
    expect(schemaErrors([storage({ accessModes: 'ReadWriteOnce' })]).join()).toMatch(/accessModes/);
  });

  test('the plaintext check flags Secret data and webhook URLs', () => {
    expect(plaintextSecrets([{ kind: 'Secret', metadata: { name: 's' }, stringData: { url: 'x' } }])).toHaveLength(1);
    expect(plaintextSecrets([{ kind: 'Provider', metadata: { name: 'p' }, spec: { address: 'https://hooks.slack.com/services/T0/B0/X' } }])).toHaveLength(1);
  });
});
