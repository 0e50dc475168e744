import { describeObject, describeSource, ModelObject } from '../../model/model-object';
import { Check } from '../check';
import { Severity } from '../finding';

export const duplicateObject: Check = {
  id: 'duplicate-object',
  severity: Severity.ERROR,
  title: 'Two objects with the same kind, namespace and name',
  description: 'Kubernetes keeps one object per kind, namespace and name: whichever is applied last silently replaces the other. The checks read the first one. Constructs given no `name` are named after their id (README "Default names"), so two of one kind with the same id in one namespace meet here: the finding names both construct paths.',
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
    return model.duplicates.map(({ object, first }) => {
      const a = first.source.constructPath;
      const b = object.source.constructPath;
      const bothConstructs = a !== undefined && b !== undefined && !first.source.file && !object.source.file;
      return {
        object,
        message: `${describeObject(object)} is defined twice, by ${origin(first)} and by ${origin(object)}; Kubernetes keeps only one, so one silently replaces the other`,
        fix: bothConstructs
          // Constructs without a `name` are named after their id and role (README "Default names"),
          // so two of the same kind with the same id in one namespace meet here.
          ? `pass a different \`name\` to one of them (e.g. name: '${suggestion(object.name, b!)}'): without one, a construct names its object after its id (README "Default names"); or merge them`
          : 'give each object its own name, or merge them',
      };
    });
  },
};

/** Where an object came from: the construct (the L2 construct, not its `Resource` child), or the file and document. */
function origin(o: ModelObject): string {
  const { constructPath, file } = o.source;
  if (file === undefined && constructPath !== undefined) { return `construct ${constructPath.replace(/\/Resource$/, '')}`; }
  return describeSource(o.source);
}

/** A name for the second object: its name prefixed by its parent construct's id, as a DNS label. */
function suggestion(name: string, constructPath: string): string {
  const parts = constructPath.replace(/\/Resource$/, '').split('/');
  const parent = (parts.length >= 2 ? parts[parts.length - 2] : 'other')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'other';
  return name.startsWith(`${parent}-`) ? `${name}-2` : `${parent}-${name}`.slice(0, 63).replace(/-+$/, '');
}
