/**
 * How findings are printed: `file:doc kind ns/name check-id: message. Fix: ...`, or as JSON.
 * @module
 */
import { Finding, Severity, findingTextWithSuppression } from '../checks/finding';
import { ModelProblem } from '../model/cluster-model';
import { describeObject, describeSource } from '../model/model-object';

/**
 * One line per finding; warnings say so before the check ID, as in a synth, and suppressed
 * findings say `suppressed <severity>` and end with the reason.
 */
export function findingLine(f: Finding): string {
  const prefix = f.suppressed ? `suppressed ${f.severity} ` : f.severity === Severity.WARNING ? 'warning ' : '';
  return `${describeSource(f.object.source)} ${describeObject(f.object)} ${prefix}${findingTextWithSuppression(f)}`;
}

/** One line per unusable input. */
export function problemLine(p: ModelProblem): string {
  return `${describeSource(p.source)}${p.object ? ` ${p.object}` : ''}: ${p.message}`;
}

/** A finding as JSON, for CI annotations. */
export function findingJson(f: Finding): Record<string, unknown> {
  return {
    check: f.check,
    severity: f.severity,
    kind: f.object.kind,
    namespace: f.object.namespace,
    name: f.object.name,
    file: f.object.source.file,
    doc: f.object.source.doc,
    constructPath: f.object.source.constructPath,
    message: f.message,
    fix: f.fix,
    suppressed: f.suppressed ? { reason: f.suppressed.reason, by: f.suppressed.by } : undefined,
  };
}
