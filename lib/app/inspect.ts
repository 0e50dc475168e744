import { IConstruct } from 'constructs';
import { modelOfApp } from '../model/from-app';
import { EffectiveConfig } from '../simulate/effective-config';
import { effectiveConfigFor } from '../simulate/from-model';
import { AlertFlow, labelFlowOf } from '../simulate/label-flow-routing';
import { RoutingMatch, simulateRouting } from '../simulate/route-simulator';
import { SecretResolver } from '../simulate/types';
import { checkArgs, kindOf, shape as s } from '../_util/shape';
import { described, Problems } from '../_util/problems';

const CLUSTER = s.like('AlertmanagerCluster', { resource: 'object' }, 'pass an AlertmanagerCluster (or a construct whose `resource` is an Alertmanager ApiObject)', { construct: true });
const OPTIONS = s.optional(s.struct('EffectiveConfigOfOptions', {
  resolveSecret: s.optional(s.func('pass a function (namespace, name, key) => value, or leave it out for placeholders')),
  omitIntegrations: s.optional(s.list(s.string(), { fix: `pass integration names, e.g. ['msteamsv2']` })),
}));

/**
 * Options of {@link effectiveConfigOf}.
 */
export interface EffectiveConfigOfOptions {
  /**
   * Returns a Secret key's value, e.g. a local URL in an end-to-end test.
   * @default - every Secret value renders as a placeholder `<secret:ns/name/key>`
   */
  readonly resolveSecret?: SecretResolver;
  /**
   * Integrations to leave out, e.g. those an older Alertmanager cannot load.
   * @default - none
   */
  readonly omitIntegrations?: readonly string[];
}

/** An Alertmanager cluster of this library, or anything that holds an Alertmanager ApiObject as `resource`. */
export interface IAlertmanagerObject extends IConstruct {
  /** The Alertmanager ApiObject. */
  readonly resource: IConstruct;
}

/**
 * The `alertmanager.yaml` prometheus-operator v0.93 generates for `cluster` from the model of
 * the app that holds it (every AlertmanagerConfig and Namespace in it, whatever made them),
 * without synthesizing files.
 */
export function effectiveConfigOf(cluster: IAlertmanagerObject, options: EffectiveConfigOfOptions = {}): EffectiveConfig {
  checkArgs('effectiveConfigOf', { cluster: [cluster, CLUSTER], options: [options, OPTIONS] });
  const { model } = modelOfApp(cluster.node.root);
  const path = cluster.resource.node.path;
  const am = model.alertmanagers.find((o) => o.source.constructPath === path);
  if (!am) {
    const problems = new Problems(cluster);
    problems.add('effectiveConfigOf(cluster)', path, 'has no Alertmanager object', 'pass an AlertmanagerCluster');
    problems.throwIfAny();
  }
  return effectiveConfigFor(model, am!, { ...options, resolveSecret: checkedResolver(cluster, options.resolveSecret) });
}

/**
 * The caller's resolver, whose answers are checked: a value that is no string would otherwise
 * fail deep in the simulation. The value may be the secret: it is described by its type only.
 */
function checkedResolver(cluster: IConstruct, resolve: SecretResolver | undefined): SecretResolver | undefined {
  if (resolve === undefined) { return undefined; }
  return (namespace, name, key) => {
    const value: unknown = resolve(namespace, name, key);
    if (value !== undefined && typeof value !== 'string') {
      const problems = new Problems(cluster);
      problems.addMessages([described('effectiveConfigOf(options.resolveSecret)', kindOf(value), `must return a string or undefined; it returned this for key ${JSON.stringify(key)} of Secret ${namespace}/${name}`,
        'return the Secret value as a string, or undefined when it is unknown')]);
      problems.throwIfAny();
    }
    return value as string | undefined;
  };
}

/**
 * Where an alert with `labels` goes in `cluster`'s effective configuration: every receiver it
 * reaches (named `<namespace>/<config>/<receiver>` as the operator names them), with its group key.
 *
 * @example
 * expect(routeAlert(stack.alertmanager, { severity: 'critical', namespace: 'payments' }).map((m) => m.receiver))
 *   .toEqual(['monitoring/main-routing/pagerduty']);
 */
export function routeAlert(cluster: IAlertmanagerObject, labels: Record<string, string>, options: EffectiveConfigOfOptions = {}): RoutingMatch[] {
  checkArgs('routeAlert', { cluster: [cluster, CLUSTER], labels: [labels, s.map(s.string(), { fix: `pass the alert's labels, e.g. { severity: 'critical', namespace: 'payments' }` })], options: [options, OPTIONS] });
  return simulateRouting(effectiveConfigOf(cluster, options).config, labels);
}

/**
 * The label flow of `cluster`: for every alerting rule (and Flux event source, and declared
 * {@link ExternalAlertSource}) whose alerts can reach it, the labels they can carry and the
 * receivers they can reach in its effective configuration.
 *
 * @example
 * const flow = alertFlowsOf(stack.alertmanager).find((f) => f.source.alertname === 'HighErrorRate');
 * expect(flow?.receivers).toEqual(['monitoring/main-routing/pagerduty']);
 */
export function alertFlowsOf(cluster: IAlertmanagerObject): AlertFlow[] {
  const { model } = modelOfApp(cluster.node.root);
  const path = cluster.resource.node.path;
  const am = model.alertmanagers.find((o) => o.source.constructPath === path);
  if (!am) { throw new Error(`[${cluster.node.path}] alertFlowsOf: no Alertmanager object at ${path}. Fix: pass an AlertmanagerCluster`); }
  return labelFlowOf(model, am);
}
