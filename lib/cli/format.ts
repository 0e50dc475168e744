/**
 * How findings are printed: `file:doc kind ns/name check-id: message. Fix: ...`, or as JSON.
 * @module
 */
import { Finding, Severity, findingText } from '../checks/finding';
import { ModelProblem } from '../model/cluster-model';
import { describeObject, describeSource } from '../model/model-object';

/** One line per finding; warnings say so before the check ID, as in a synth. */
export function findingLine(f: Finding): string {
  return `${describeSource(f.object.source)} ${describeObject(f.object)} ${f.severity === Severity.WARNING ? 'warning ' : ''}${findingText(f)}`;
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
  };
}
