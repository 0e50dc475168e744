import { Names } from 'cdk8s';
import { Construct } from 'constructs';
import { Problems } from '../_util/problems';
import { checkConstruct, known, shape as s } from '../_util/shape';
import { AlertmanagerCluster } from '../alertmanager/alertmanager-cluster';
import { declareExternalObject } from '../hook/app-hook';
import { EXTERNAL_ALERT_SOURCE_API_VERSION, EXTERNAL_ALERT_SOURCE_KIND } from '../simulate/label-flow-sources';
import { checkLabelName } from '../validation';

/**
 * Props of {@link ExternalAlertSource}.
 */
export interface ExternalAlertSourceProps {
  /**
   * The name findings and the label-flow view give it, e.g. `kube-prometheus-stack`.
   * @default - a name generated from the construct path
   */
  readonly name?: string;
  /**
   * The names of the alerts it sends.
   * @default - any alert name
   */
  readonly alertNames?: string[];
  /**
   * The labels its alerts may carry, each with the values it may have (`'*'`: any value).
   * Only these labels, unless `otherLabels` is true.
   * @default - any labels, with any values
   */
  readonly labels?: { [name: string]: string[] };
  /**
   * Whether its alerts may carry labels other than those in `labels`, with any value.
   * @default false
   */
  readonly otherLabels?: boolean;
  /**
   * The Alertmanager it sends to.
   * @default - every Alertmanager of the app
   */
  readonly alertmanager?: AlertmanagerCluster;
}

const PROPS = s.struct('ExternalAlertSourceProps', {
  name: s.optional(s.string({ nonEmpty: true, fix: `name the source, e.g. 'kube-prometheus-stack'` })),
  alertNames: s.optional(s.list(s.string(), { fix: `list the alert names, e.g. ['KubePodCrashLooping'], or leave alertNames out for any name` })),
  labels: s.optional(s.map(s.list(s.string()), { fix: `pass label names with their values, e.g. { severity: ['warning', 'critical'], namespace: ['*'] }` })),
  otherLabels: s.optional(s.boolean()),
  alertmanager: s.optional(known.alertmanager),
});

/**
 * Alerts that reach an Alertmanager from outside the app: a Prometheus whose rules live in
 * another repository (kube-prometheus-stack's default rules, say), Grafana, a script.
 *
 * Nothing is synthesized. The checks count these alerts among the sources of the Alertmanager:
 * a route for them is not reported as one that no alert reaches, and findings that depend on
 * what the app cannot see become warnings that name this source. For `cdk8s-alerting check`
 * and the validation plugin, write the same declaration as a YAML document of kind
 * `ExternalAlertSource` (see the README), outside the folders Flux applies.
 *
 * @example
 * new ExternalAlertSource(chart, 'KubePrometheus', {
 *   name: 'kube-prometheus-stack',
 *   alertNames: ['KubePodCrashLooping', 'KubeNodeNotReady'],
 *   labels: { severity: ['warning', 'critical'], namespace: ['*'] },
 * });
 */
export class ExternalAlertSource extends Construct {
  /** The name findings give it. */
  public readonly name: string;

  constructor(scope: Construct, id: string, props: ExternalAlertSourceProps = {}) {
    // on the app or any construct: it declares, it synthesizes nothing
    checkConstruct('ExternalAlertSource', scope, id, props, PROPS, { inChart: false });
    super(scope, id);
    const problems = new Problems(this);
    for (const [label, values] of Object.entries(props.labels ?? {})) {
      problems.addMessages(checkLabelName('labels', label));
      if (!Array.isArray(values) || values.length === 0 || values.some((v) => typeof v !== 'string' || v === '')) {
        problems.add(`labels.${label}`, values, 'must be a list of non-empty values', `list the values, or ['*'] for any value`);
      }
    }
    if (props.alertNames && (props.alertNames.length === 0 || props.alertNames.some((n) => typeof n !== 'string' || n === ''))) {
      problems.add('alertNames', props.alertNames, 'must list at least one non-empty alert name', 'list the alert names, or leave alertNames unset for any name');
    }
    if (props.otherLabels !== undefined && props.labels === undefined) {
      problems.add('otherLabels', props.otherLabels, 'only applies with labels (without labels, any label may be present)', 'set labels, or leave otherLabels unset');
    }
    problems.throwIfAny();
    this.name = props.name ?? Names.toDnsLabel(this);
    declareExternalObject(this, {
      apiVersion: EXTERNAL_ALERT_SOURCE_API_VERSION,
      kind: EXTERNAL_ALERT_SOURCE_KIND,
      metadata: { name: this.name },
      spec: {
        ...(props.alertNames ? { alertNames: [...props.alertNames] } : {}),
        ...(props.labels ? { labels: Object.fromEntries(Object.entries(props.labels).map(([k, v]) => [k, [...v]])) } : {}),
        ...(props.otherLabels !== undefined ? { otherLabels: props.otherLabels } : {}),
        ...(props.alertmanager ? { alertmanager: { name: props.alertmanager.name, namespace: props.alertmanager.namespace } } : {}),
      },
    });
  }
}
