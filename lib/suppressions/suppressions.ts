/**
 * Suppressions in the style of cdk-nag: accept a finding of one check on a construct (and
 * everything below it) or on the whole app, with a reason.
 * @module
 */
import { IConstruct } from 'constructs';
import { declareSuppression, declaredSuppressions, suppressionAnnotation } from '../checks/suppressions';
import { runChecksIn } from '../hook/app-hook';
import { Problems } from '../_util/problems';
import { checkArgs, fits, known, shape as s } from '../_util/shape';

/** One suppression: the check whose findings are accepted, and why. */
export interface Suppression {
  /** The check ID, e.g. `flux-double-post` (the checks table in the README lists them all). */
  readonly id: string;
  /**
   * Why the findings are acceptable. Required and not empty: it is printed with every
   * suppressed finding, and written into the YAML.
   */
  readonly reason: string;
}

/** A check ID's syntax: it becomes the name part of an annotation key. */
const CHECK_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

const SUPPRESSIONS = s.list(s.struct('Suppression', {
  // types only: the syntax of the ID and an empty reason are checked with the other problems
  id: s.string({ fix: 'use an ID from the checks table in the README, e.g. flux-double-post' }),
  reason: s.string({ fix: 'give a reason, e.g. "the audit channel wants every event"' }),
}), { fix: `pass a list of suppressions, e.g. [{ id: 'flux-double-post', reason: 'the audit channel wants every event' }]` });
const ID = s.string({ fix: 'use an ID from the checks table in the README, e.g. flux-double-post' });

/**
 * Suppresses findings, with a reason, on constructs or on the whole app.
 *
 * ```ts
 * Suppressions.add(auditAlert, [{ id: 'flux-double-post', reason: 'the audit channel wants every event' }]);
 * Suppressions.add(app, [{ id: 'secret-plaintext', reason: 'test cluster, throw-away webhook' }]);
 * ```
 *
 * A suppression is written on every Kubernetes object under the construct as the annotation
 * `suppress.cdk8s-alerting.io/<check-id>: <reason>` (objects created after the call are
 * annotated when the app is checked, before anything is written), so `cdk8s-alerting check`
 * on the synthesized folder reports the same as the synth. Findings of that check on those
 * objects are still listed, as suppressed with the reason, and fail nothing. A suppression that
 * names no check is reported as `suppression-invalid` (an error), one that suppresses nothing as
 * `suppression-unused` (a warning). The innermost construct's reason wins for an object.
 */
export class Suppressions {
  /**
   * Suppresses the findings of each check in `suppressions` on every object under `scope`
   * (an ApiObject, any construct, a Chart, or the App for the whole app).
   * @throws Error naming the construct path when an ID is not a check ID's syntax or a reason is empty
   */
  public static add(scope: IConstruct, suppressions: Suppression[]): void {
    if (!fits(known.construct, scope)) {
      // no construct path to name: name the method, and report the suppressions' problems too
      checkArgs('Suppressions.add', { scope: [scope, known.construct], suppressions: [suppressions, SUPPRESSIONS] });
    }
    checkArgs(scope, { 'Suppressions.add: suppressions': [suppressions, SUPPRESSIONS] });
    const problems = new Problems(scope);
    suppressions.forEach((s, i) => {
      if (!CHECK_ID.test(s.id)) {
        problems.add(`Suppressions.add: suppressions[${i}].id`, s.id, 'is not a check ID (kebab-case, e.g. flux-double-post)', 'use an ID from the checks table in the README');
      }
      if (s.reason.trim() === '') {
        problems.add(`Suppressions.add: suppressions[${i}].reason`, s.reason, 'must say why the finding is acceptable', 'give a reason, e.g. "the audit channel wants every event"');
      }
    });
    problems.throwIfAny();
    for (const s of suppressions) { declareSuppression(scope, s.id, s.reason.trim()); }
    runChecksIn(scope.node.root);
  }

  /** The suppressions declared on `scope` itself with {@link Suppressions.add} (not those of the constructs above it). */
  public static of(scope: IConstruct): Suppression[] {
    checkArgs('Suppressions.of', { scope: [scope, known.construct] });
    return [...declaredSuppressions(scope)].map(([id, reason]) => ({ id, reason }));
  }

  /** The annotation that suppresses check `id` on an object: `suppress.cdk8s-alerting.io/<id>`. */
  public static annotationKey(id: string): string {
    checkArgs('Suppressions.annotationKey', { id: [id, ID] });
    return suppressionAnnotation(id);
  }

  private constructor() {}
}
