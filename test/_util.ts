import { Chart, Testing } from 'cdk8s';
import { expectSchemaValid, plaintextSecrets } from './_schema';

/** A fresh chart in namespace `monitoring`. */
export function chart(namespace = 'monitoring'): Chart {
  return new Chart(Testing.app(), 'test', { namespace });
}

/** Synthesizes `c`, checks every manifest against its CRD schema and for plaintext secrets, and returns them. */
export function synth(c: Chart): any[] {
  const manifests = Testing.synth(c);
  expectSchemaValid(manifests);
  expect(plaintextSecrets(manifests)).toEqual([]);
  return manifests;
}

/** The one manifest of `kind` (named `name`, if given). */
export function only(manifests: any[], kind: string, name?: string): any {
  const found = manifests.filter((m) => m.kind === kind && (name === undefined || m.metadata.name === name));
  if (found.length !== 1) {
    throw new Error(`expected one ${kind}${name ? ` named ${name}` : ''}, found ${found.length}`);
  }
  return found[0];
}
