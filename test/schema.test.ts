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

  test('the plaintext check flags Secret data and webhook URLs', () => {
    expect(plaintextSecrets([{ kind: 'Secret', metadata: { name: 's' }, stringData: { url: 'x' } }])).toHaveLength(1);
    expect(plaintextSecrets([{ kind: 'Provider', metadata: { name: 'p' }, spec: { address: 'https://hooks.slack.com/services/T0/B0/X' } }])).toHaveLength(1);
  });
});
