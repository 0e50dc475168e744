/**
 * The one engine behind every entry point (synth, `cdk8s-alerting check`, the cdk8s validation
 * plugin): runs every check over a model of the cluster.
 * @module
 */
import { ClusterModel } from '../model/cluster-model';
import { Check, CheckContext, CheckOptions } from './check';
import { Finding } from './finding';
import { CHECKS } from './rules';
import { RawFinding, applySuppressions } from './suppressions';

/**
 * Runs `checks` (default: all) over `model`. Findings come in check order, then in the order
 * of the model's objects, so the same objects give the same list whatever they were read from;
 * the findings about suppressions come last.
 *
 * Findings that a suppression covers (the `suppress.cdk8s-alerting.io/<check>` annotation on
 * the object, or `options.suppressions`) carry `suppressed` and fail nothing.
 */
export function runChecks(model: ClusterModel, options: CheckOptions = {}, checks: readonly Check[] = CHECKS): Finding[] {
  const memo = new Map<string, unknown>();
  const ctx: CheckContext = {
    model,
    options,
    memo: <V>(key: string, compute: () => V): V => {
      if (!memo.has(key)) { memo.set(key, compute()); }
      return memo.get(key) as V;
    },
  };
  const raw: RawFinding[] = [];
  for (const check of checks) {
    for (const issue of check.run(ctx)) {
      const o = issue.object;
      raw.push({
        finding: {
          check: check.id,
          severity: issue.severity ?? check.severity,
          object: { kind: o.kind, namespace: o.namespace, name: o.name, source: o.source },
          message: issue.message,
          fix: issue.fix,
        },
        annotations: o.annotations ?? {},
      });
    }
  }
  return applySuppressions(model, raw, {
    knownIds: new Set(CHECKS.map((c) => c.id)),
    ranIds: new Set(checks.map((c) => c.id)),
    rules: options.suppressions ?? [],
  });
}

/** The check with this ID, if there is one. */
export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}
