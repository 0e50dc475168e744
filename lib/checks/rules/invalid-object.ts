import { ModelObject } from '../../model/model-object';
import { Check } from '../check';
import { Severity } from '../finding';

export const invalidObject: Check = {
  id: 'invalid-object',
  severity: Severity.ERROR,
  title: 'An object the checks cannot read',
  description: 'A document that is not a Kubernetes object (no `apiVersion`, `kind` or `metadata.name`), or a field the checks read that has the wrong type (an Alertmanager whose `spec` is a string). The API server rejects such an object, and no other check can say anything about it. `cdk8s-alerting check` counts it as unusable input (exit 2) unless it is suppressed.',
  failing: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: apps, namespace: monitoring }
spec:
  groups: "apps: [{ alert: Down, expr: up == 0 }]"
`,
  fixed: `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata: { name: apps, namespace: monitoring }
spec:
  groups: [{ name: apps, rules: [{ alert: Down, expr: up == 0 }] }]
`,
  run({ model }) {
    return model.problems.map((p) => {
      // Not in the model: a stand-in with what could be read, so the finding names the object
      // and its suppression annotations apply.
      const object: ModelObject = {
        apiVersion: '',
        group: '',
        kind: p.identity?.kind ?? '?',
        namespace: p.identity?.namespace,
        name: p.identity?.name ?? p.object ?? '?',
        labels: {},
        annotations: p.annotations ?? {},
        manifest: {},
        source: p.source,
      };
      return {
        object,
        message: `${p.object ?? 'a document'}: ${p.message}`,
        fix: 'give the field the type the CRD defines',
      };
    });
  },
};
