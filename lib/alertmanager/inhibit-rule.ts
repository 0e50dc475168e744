import { Matcher } from './matcher';

/**
 * Mutes alerts (targets) while other alerts (sources) fire.
 *
 * Under the `OnNamespace` matcher strategy the operator adds `namespace="<config namespace>"`
 * to both sides.
 */
export interface InhibitRule {
  /** Matchers an alert must satisfy to mute others. */
  readonly sourceMatchers: Matcher[];
  /** Matchers an alert must satisfy to be muted. */
  readonly targetMatchers: Matcher[];
  /**
   * Labels that must be equal in source and target.
   * @default - no label needs to be equal
   */
  readonly equal?: string[];
}
