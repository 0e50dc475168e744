import type { IConstruct } from 'constructs';
import type { ObjectSource } from '../model/model-object';

/** How serious a finding is. */
export enum Severity {
  /** Provably broken as written: the synth fails, and `check` exits 1. */
  ERROR = 'error',
  /** Probably a mistake, or broken under an assumption the finding names: printed, or fails in strict mode. */
  WARNING = 'warning',
}

/** The object a finding is about. */
export interface FindingObject {
  /** Its kind, e.g. `AlertmanagerConfig`. */
  readonly kind: string;
  /**
   * Its namespace.
   * @default - cluster-scoped
   */
  readonly namespace?: string;
  /** Its name. */
  readonly name: string;
  /** Where it came from: a construct path, or a file and document index. */
  readonly source: ObjectSource;
}

/** Why a finding does not count: who suppressed it, and the reason they gave. */
export interface FindingSuppression {
  /** The reason given with the suppression. */
  readonly reason: string;
  /**
   * Where the suppression was declared: the annotation (`annotation
   * suppress.cdk8s-alerting.io/<check>`, also written by `Suppressions.add`) or the config entry
   * (`.cdk8s-alerting.yaml suppressions[0]`).
   */
  readonly by: string;
}

/**
 * A problem found by a check over the model of the cluster.
 */
export interface Finding {
  /** The check's stable identifier, e.g. `rule-not-selected`; listed in the README. */
  readonly check: string;
  /** Error or warning. */
  readonly severity: Severity;
  /** The object the finding is about. */
  readonly object: FindingObject;
  /** What is wrong, naming the field and the value. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /**
   * The construct the finding is reported on, when the model was read from a cdk8s app.
   * @default - not read from an app
   */
  readonly construct?: IConstruct;
  /**
   * Set when a suppression with a reason covers the finding: it is still listed (as suppressed,
   * with the reason) but fails nothing, in strict mode neither.
   * @default - not suppressed
   */
  readonly suppressed?: FindingSuppression;
}

/** `check-id: message. Fix: fix`, the text every entry point prints after the object. */
export function findingText(f: Pick<Finding, 'check' | 'message' | 'fix'>): string {
  return `${f.check}: ${f.message}. Fix: ${f.fix}`;
}

/**
 * `check-id: message. Fix: fix. Suppressed because: reason` for a suppressed finding; the plain
 * {@link findingText} otherwise.
 */
export function findingTextWithSuppression(f: Pick<Finding, 'check' | 'message' | 'fix' | 'suppressed'>): string {
  return f.suppressed ? `${findingText(f)}. Suppressed because: ${f.suppressed.reason}` : findingText(f);
}

/** Whether the finding fails anything: an error, or a warning in strict mode, and not suppressed. */
export function isBlocking(f: Pick<Finding, 'severity' | 'suppressed'>, strict = false): boolean {
  return f.suppressed === undefined && (f.severity === Severity.ERROR || strict);
}
