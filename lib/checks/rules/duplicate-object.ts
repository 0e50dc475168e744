import { describeObject } from '../../model/model-object';
import { Check } from '../check';
import { Severity } from '../finding';

export const duplicateObject: Check = {
  id: 'duplicate-object',
  severity: Severity.ERROR,
  title: 'Two objects with the same kind, namespace and name',
  description: 'Kubernetes keeps one object per kind, namespace and name: whichever is applied last silently replaces the other. The checks read the first one.',
  failing: `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: monitoring }
data: { a: "1" }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: monitoring }
data: { b: "2" }
`,
  fixed: `apiVersion: v1
kind: ConfigMap
metadata: { name: settings, namespace: monitoring }
data: { a: "1", b: "2" }
`,
  run({ model }) {
    return model.duplicates.map(({ object }) => ({
      object,
      message: `${describeObject(object)} is defined twice; Kubernetes keeps only one, so one silently replaces the other`,
      fix: 'give each object its own name, or merge them',
    }));
  },
};
