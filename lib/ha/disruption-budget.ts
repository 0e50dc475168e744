import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { kubePodDisruptionBudget } from '../_util/kube-objects';
import { checkObjectMeta, defaultName, objectMeta } from '../_util/metadata';
import { Problems } from '../_util/problems';
import { checkConstruct, metaFields, shape as s } from '../_util/shape';

/**
 * Props of {@link DisruptionBudget}.
 */
export interface DisruptionBudgetProps {
  /**
   * The PodDisruptionBudget's name.
   * @default - the construct id, kebab-cased (`WebBudget` → `web-budget`); AlertmanagerCluster
   * and Prometheus name theirs `alertmanager-<name>` and `prometheus-<name>` (README "Default names")
   */
  readonly name?: string;
  /** The namespace of the pods. */
  readonly namespace: string;
  /** The labels of the pods it protects (all of them must match). */
  readonly selector: { [key: string]: string };
  /**
   * How many of the pods a voluntary eviction (a node drain) may take down at once.
   * 0 blocks every drain until someone deletes the budget.
   * @default 1
   */
  readonly maxUnavailable?: number;
}

const PROPS = s.struct('DisruptionBudgetProps', {
  name: metaFields.name,
  namespace: s.string({ fix: `pass the pods' namespace, e.g. 'monitoring'` }),
  // an empty selector is reported with the other problems
  selector: s.map(s.string(), { fix: `name the pods' labels, e.g. { 'app.kubernetes.io/name': 'alertmanager', alertmanager: 'main' }` }),
  // types only: the value is checked with the other problems
  maxUnavailable: s.optional(s.number()),
});

/**
 * A PodDisruptionBudget (`policy/v1`) with `maxUnavailable`, so a node drain evicts one replica
 * of an Alertmanager or Prometheus at a time. {@link AlertmanagerCluster} and
 * {@link Prometheus} create one for their pods; use this for pods of your own.
 *
 * Emitted with cdk8s core's `ApiObject` (no cdk8s-plus needed at run time).
 */
export class DisruptionBudget extends Construct {
  /** The generated PodDisruptionBudget. */
  public readonly resource: ApiObject;
  /** The `maxUnavailable`. */
  public readonly maxUnavailable: number;

  constructor(scope: Construct, id: string, props: DisruptionBudgetProps) {
    checkConstruct('DisruptionBudget', scope, id, props, PROPS);
    super(scope, id);
    const problems = new Problems(this);
    checkObjectMeta(problems, props.name, props.namespace, props.selector);
    if (!props.selector || Object.keys(props.selector).length === 0) {
      problems.add('selector', props.selector, 'an empty selector protects every pod of the namespace', `name the pods' labels, e.g. { 'app.kubernetes.io/name': 'alertmanager', alertmanager: 'main' }`);
    }
    const maxUnavailable = props.maxUnavailable ?? 1;
    if (!Number.isInteger(maxUnavailable) || maxUnavailable < 0) {
      problems.add('maxUnavailable', props.maxUnavailable, 'must be a whole number of at least 0', 'use 1 (the default)');
    }
    problems.throwIfAny();
    this.maxUnavailable = maxUnavailable;
    this.resource = kubePodDisruptionBudget(this, 'Resource', objectMeta(props.name ?? defaultName(this, id, { fallback: 'pdb' }), props.namespace), {
      maxUnavailable,
      selector: { matchLabels: { ...props.selector } },
    });
  }

  /** The PodDisruptionBudget's name. */
  public get name(): string {
    return this.resource.name;
  }
}
