import { ModelObject } from '../../model/model-object';
import { Check, Issue } from '../check';
import { Severity } from '../finding';

function key(namespace: string, name: string): string {
  return `${namespace}/${name}`;
}

/** The Kustomizations each one depends on (`dependsOn[].namespace` defaults to its own). */
function edges(k: ModelObject): string[] {
  const deps = k.manifest.spec?.dependsOn;
  return (Array.isArray(deps) ? deps : [])
    .filter((d: any) => typeof d?.name === 'string')
    .map((d: any) => key(typeof d.namespace === 'string' && d.namespace !== '' ? d.namespace : k.namespace!, d.name));
}

export const fluxDependsOnCycle: Check = {
  id: 'flux-depends-on-cycle',
  severity: Severity.ERROR,
  title: 'Kustomizations that depend on each other in a cycle',
  description: 'kustomize-controller applies a Kustomization only when every Kustomization in its `dependsOn` is ready. When the dependencies form a cycle (a Kustomization that depends on itself, or A on B and B on A), none of them is ever ready, so none is ever applied, and each reports "dependency not ready" forever.',
  failing: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: infra, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  dependsOn: [{ name: apps }]
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  dependsOn: [{ name: infra }]
`,
  fixed: `apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: infra, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
---
apiVersion: kustomize.toolkit.fluxcd.io/v1
kind: Kustomization
metadata: { name: apps, namespace: flux-system }
spec:
  interval: 10m
  prune: true
  sourceRef: { kind: GitRepository, name: flux-system }
  dependsOn: [{ name: infra }]
`,
  run({ model }) {
    const byKey = new Map(model.kustomizations.map((k) => [key(k.namespace!, k.name), k] as const));
    const graph = new Map([...byKey].map(([k, o]) => [k, edges(o)] as const));
    // Tarjan's strongly connected components: each component with a cycle is reported once, on each member.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      idx.set(v, index); low.set(v, index); index++;
      stack.push(v); onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) { continue; } // outside the model: it cannot close a cycle we can see
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) {
          low.set(v, Math.min(low.get(v)!, idx.get(w)!));
        }
      }
      if (low.get(v) === idx.get(v)) {
        const component: string[] = [];
        let w: string;
        do { w = stack.pop()!; onStack.delete(w); component.push(w); } while (w !== v);
        if (component.length > 1 || (graph.get(v) ?? []).includes(v)) { cycles.push(component.reverse()); }
      }
    };
    for (const v of graph.keys()) { if (!idx.has(v)) { visit(v); } }
    const issues: Issue[] = [];
    for (const cycle of cycles) {
      const path = orderCycle(cycle, graph);
      for (const member of cycle) {
        issues.push({
          object: byKey.get(member)!,
          message: cycle.length === 1
            ? 'spec.dependsOn names this Kustomization itself: it waits for itself to be ready, so it is never applied'
            : `spec.dependsOn closes a cycle ${path.join(' → ')} → ${path[0]}: each waits for the next to be ready, so none is ever applied`,
          fix: 'remove one dependency of the cycle (usually the one from the lower layer, e.g. infrastructure, to the upper, e.g. apps)',
        });
      }
    }
    return issues;
  },
};

/** The members of a cycle in dependency order, starting from the first. */
function orderCycle(members: string[], graph: ReadonlyMap<string, readonly string[]>): string[] {
  const set = new Set(members);
  const out = [members[0]];
  while (out.length < members.length) {
    const next = (graph.get(out[out.length - 1]) ?? []).find((w) => set.has(w) && !out.includes(w));
    if (!next) { break; }
    out.push(next);
  }
  return out;
}
