import { IConstruct } from 'constructs';
import { currentFindingsOf, isStrict } from '../checks/app-checks';
import { Finding, findingText, isBlocking, Severity } from '../checks/finding';
import { describeSource } from '../model/model-object';
import { checkArgs, shape as s } from '../_util/shape';

/**
 * One finding of the checks, as {@link AlertingChecks} lists it.
 */
export interface CheckFinding {
  /** The check's stable identifier, e.g. `rule-not-selected` (README, "Checks"). */
  readonly checkId: string;
  /** Error or warning. */
  readonly severity: Severity;
  /** The kind of the object the finding is about, e.g. `AlertmanagerConfig`. */
  readonly kind: string;
  /**
   * The object's namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** The object's name. */
  readonly name: string;
  /** Where the object came from: its construct path, or a file and document index. */
  readonly source: string;
  /** What is wrong, naming the field and the value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The reason of the suppression that covers the finding.
   * @default - not suppressed
   */
  readonly suppressedBecause?: string;
  /** Whether the finding fails the synth: an unsuppressed error (or warning, in strict mode). */
  readonly blocking: boolean;
  /** `check-id: message. Fix: fix`, as the synth prints it after the object. */
  readonly text: string;
}

/**
 * The findings of every check over the Kubernetes objects of the app that holds a construct,
 * whatever made them, as `cdk8s synth` reports them: for tests in any jsii language (assert
 * that a finding fires, or that none blocks). Each call checks the app as it is then. TypeScript
 * users also have `findingsOf` of `cdk8s-alerting/tooling`, which returns the full findings.
 *
 * @example
 * expect(AlertingChecks.of(app).blocking).toEqual([]);
 */
export class AlertingChecks {
  /** Runs every check over the app that holds `scope` (a cdk8s App, Chart or any construct of it). */
  public static of(scope: IConstruct): AlertingChecks {
    checkArgs('AlertingChecks.of', { scope: [scope, s.like('construct', { node: 'object' }, 'pass a cdk8s App, Chart or construct', { construct: true })] });
    const strict = isStrict(scope.node.root);
    // computed now, not from the synth's cache: the app may have changed since the last call
    return new AlertingChecks(currentFindingsOf(scope).map((f) => toCheckFinding(f, strict)));
  }

  private constructor(
    /** Every finding, suppressed ones included: by check, then by object (the synth prints them grouped by construct). */
    public readonly findings: CheckFinding[],
  ) {}

  /** The findings that fail the synth. */
  public get blocking(): CheckFinding[] {
    return this.findings.filter((f) => f.blocking);
  }

  /** The findings of one check, e.g. `secret-plaintext`. */
  public findingsOf(checkId: string): CheckFinding[] {
    checkArgs('AlertingChecks.findingsOf', { checkId: [checkId, s.string({ nonEmpty: true, fix: `pass a check id such as 'secret-plaintext' (README, "Checks")` })] });
    return this.findings.filter((f) => f.checkId === checkId);
  }
}

function toCheckFinding(f: Finding, strict: boolean): CheckFinding {
  return {
    checkId: f.check,
    severity: f.severity,
    kind: f.object.kind,
    namespace: f.object.namespace,
    name: f.object.name,
    source: describeSource(f.object.source),
    message: f.message,
    fix: f.fix,
    suppressedBecause: f.suppressed?.reason,
    blocking: isBlocking(f, strict),
    text: findingText(f),
  };
}
