import { IConstruct } from 'constructs';

/** How serious a finding is. */
export enum Severity {
  /** The stack cannot deliver as written: the synth fails. */
  ERROR = 'error',
  /** Probably a mistake: printed once per synth, or fails the synth in strict mode. */
  WARNING = 'warning',
}

/**
 * A problem found by an app-wide wiring check, attached to the construct it is about.
 */
export interface Finding {
  /** The construct the finding is reported on. */
  readonly construct: IConstruct;
  /** Error or warning. */
  readonly severity: Severity;
  /** The check's identifier, e.g. `rule-not-selected`; listed in the README. */
  readonly check: string;
  /** What is wrong, with the field, the value and the fix. */
  readonly message: string;
}
