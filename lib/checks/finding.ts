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
}

/** `check-id: message. Fix: fix`, the text every entry point prints after the object. */
export function findingText(f: Pick<Finding, 'check' | 'message' | 'fix'>): string {
  return `${f.check}: ${f.message}. Fix: ${f.fix}`;
}
