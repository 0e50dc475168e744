/**
 * The effective configuration of each Alertmanager, computed once per check run and shared by
 * the checks: the configuration, or the reconciliation failure the operator would hit.
 * @module
 */
import { ModelObject } from '../../model/model-object';
import { EffectiveConfig, OperatorReconcileError } from '../../simulate/effective-config';
import { effectiveConfigFor } from '../../simulate/from-model';
import { CheckContext } from '../check';

/** What the operator makes of an Alertmanager of the model. */
export interface EffectiveOutcome {
  /** The generated configuration, when the operator generates one. */
  readonly effective?: EffectiveConfig;
  /** Why the reconciliation fails, when it does. */
  readonly failure?: OperatorReconcileError;
  /** Any other error (e.g. two AlertmanagerConfigs with one identity): reported by other checks. */
  readonly error?: Error;
}

/** The effective configuration of `am`, memoised for the run. */
export function effectiveOutcome(ctx: Pick<CheckContext, 'model' | 'memo'>, am: ModelObject): EffectiveOutcome {
  return ctx.memo(`effective-outcome:${am.namespace}/${am.name}`, (): EffectiveOutcome => {
    try {
      return { effective: effectiveConfigFor(ctx.model, am) };
    } catch (e) {
      return e instanceof OperatorReconcileError ? { failure: e } : { error: e as Error };
    }
  });
}
