/**
 * What a check is: one file per check, with a stable ID, a severity, and a failing and a fixed
 * example that the docs show and the tests run in both directions.
 * @module
 */
import type { ClusterModel } from '../model/cluster-model';
import type { ModelObject } from '../model/model-object';
import type { Severity } from './finding';

/** Options every entry point passes to the checks. */
export interface CheckOptions {
  /**
   * Whether Secrets whose values are in the manifests are allowed.
   * @default false
   */
  readonly allowPlaintextSecrets?: boolean;
  /**
   * Suppressions from outside the objects (the CLI's `--config` file, the plugin's properties),
   * in addition to the `suppress.cdk8s-alerting.io/<check>` annotations on the objects.
   * @default - only the annotations
   */
  readonly suppressions?: readonly SuppressionRule[];
}

/**
 * A suppression declared outside the objects: findings of check `id` on the objects it names
 * (all of them when it names none) are listed as suppressed, with `reason`.
 */
export interface SuppressionRule {
  /** The check ID, e.g. `flux-double-post`. */
  readonly id: string;
  /** Why the findings are accepted; required, printed with every suppressed finding. */
  readonly reason: string;
  /**
   * Only objects of this kind, e.g. `Alert`.
   * @default - any kind
   */
  readonly kind?: string;
  /**
   * Only objects in this namespace; `*` in it matches any run of characters.
   * @default - any namespace
   */
  readonly namespace?: string;
  /**
   * Only objects with this name; `*` in it matches any run of characters.
   * @default - any name
   */
  readonly name?: string;
  /**
   * The file the rule was read from, named by the findings about the rule itself.
   * @default - not read from a file
   */
  readonly file?: string;
  /**
   * Where in that file (or in the plugin's properties), e.g. `suppressions[0]`.
   * @default - `suppressions`
   */
  readonly field?: string;
}

/** What a check sees: the model, the options and a memo shared by the checks of one run. */
export interface CheckContext {
  readonly model: ClusterModel;
  readonly options: CheckOptions;
  /** Computes `compute()` once per run for `key` (e.g. an Alertmanager's effective config). */
  memo<V>(key: string, compute: () => V): V;
}

/** One problem a check reports, before the engine adds the check's ID and the object's identity. */
export interface Issue {
  /** The object the problem is about. */
  readonly object: ModelObject;
  /** What is wrong, naming the field and the value; no trailing period. */
  readonly message: string;
  /** How to fix it; no trailing period. */
  readonly fix: string;
  /**
   * Overrides the check's severity for this issue (e.g. a warning where the problem is not provable).
   * @default - the check's severity
   */
  readonly severity?: Severity;
}

/** A check over the model of the cluster. */
export interface Check {
  /** Stable ID, kebab-case, e.g. `config-not-selected`. */
  readonly id: string;
  /** The severity of its findings (an issue may lower it). */
  readonly severity: Severity;
  /** One line: what the check catches. */
  readonly title: string;
  /** Why it matters: what the controllers do with such YAML. */
  readonly description: string;
  /** A minimal input (YAML, several documents) on which the check fires. */
  readonly failing: string;
  /** The same input, fixed: the check stays quiet. */
  readonly fixed: string;
  /** Runs the check. */
  run(ctx: CheckContext): Issue[];
}
