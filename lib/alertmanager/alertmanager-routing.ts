import { ApiObject, Chart, Duration, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import {
  AlertmanagerConfig, AlertmanagerConfigSpec, AlertmanagerConfigSpecInhibitRulesSourceMatch, AlertmanagerConfigSpecInhibitRulesTargetMatch,
} from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { durationProblems } from '../_util/duration';
import { checkObjectMeta, defaultName, DefaultNameRule, objectMeta } from '../_util/metadata';
import { message, Problems } from '../_util/problems';
import { checkArgs, checkConstruct, known, metaFields, shape as s } from '../_util/shape';
import { attachToApp, perSynth } from '../hook/app-hook';
import { checkMatchers } from '../_util/matchers';
import { IReceiver } from '../receivers/receiver';
import { InhibitRule } from './inhibit-rule';
import { BaseRouteOptions, Route, RouteOptions, ROUTE_OPTION_FIELDS, ROUTE_OPTIONS } from './route';
import { TimeInterval, timeIntervalProblems } from './time-interval';
import type { IAlertmanager } from './alertmanager-cluster';

/**
 * Props of {@link AlertmanagerRouting}.
 *
 * The route fields are those of the top route: it becomes a first-level route of the
 * Alertmanager configuration, and the operator forces `continue: true` on it, so `continue`
 * cannot be set to false here.
 */
export interface AlertmanagerRoutingProps extends BaseRouteOptions {
  /**
   * The AlertmanagerConfig's name.
   * @default - the construct id without `routing`, `alertmanager`, `config`, kebab-cased
   * (`PlatformRouting` → `platform`), else `<alertmanager>-routing` (README "Default names")
   */
  readonly name?: string;

  /**
   * The AlertmanagerConfig's namespace. Secrets the receivers read must live here.
   * @default - the chart's namespace, else the Alertmanager's
   */
  readonly namespace?: string;

  /**
   * Extra labels on the AlertmanagerConfig.
   * @default - only the labels the Alertmanager selects
   */
  readonly labels?: { [key: string]: string };

  /**
   * The Alertmanager that runs this routing: an {@link AlertmanagerCluster}, whose config
   * selector and namespace selector are derived from the configs attached to it, or an existing
   * one (`AlertmanagerCluster.fromExisting`), whose selector labels this config gets.
   * @default - not attached; call `alertmanager.addRouting(this)` later
   */
  readonly alertmanager?: IAlertmanager;

  /** The receiver of the top route. */
  readonly receiver: IReceiver;

  /**
   * Inhibit rules.
   * @default - none
   */
  readonly inhibitRules?: InhibitRule[];

  /**
   * Receivers to declare besides those the routes use.
   * @default - only the receivers the routes use
   */
  readonly receivers?: IReceiver[];
}

const INHIBIT_RULE = s.struct('InhibitRule', {
  sourceMatchers: s.list(known.matcher), targetMatchers: s.list(known.matcher),
  equal: s.optional(s.list(s.string(), { fix: `pass label names, e.g. ['namespace', 'alertname']` })),
});
const ROUTING_PROPS = s.struct('AlertmanagerRoutingProps', {
  ...metaFields, ...ROUTE_OPTION_FIELDS,
  // receiver is required: checked with the other values below, so a missing one is reported with them
  receiver: s.optional(known.receiver),
  alertmanager: s.optional(known.alertmanager), inhibitRules: s.optional(s.list(INHIBIT_RULE)), receivers: s.optional(s.list(known.receiver)),
});

/**
 * Routes alerts to receivers: an AlertmanagerConfig (`monitoring.coreos.com/v1alpha1`).
 *
 * Receivers, inhibit rules and nested routes can be added after construction. Every
 * receiver a route uses is declared automatically.
 */
export class AlertmanagerRouting extends Construct {
  /** The generated AlertmanagerConfig. */
  public readonly resource: ApiObject;
  /** The top route. */
  public readonly route: Route;
  /** The AlertmanagerConfig's namespace. */
  public readonly namespace: string;
  /** The Alertmanager this routing is attached to, if any. */
  public alertmanager?: IAlertmanager;

  private readonly extraReceivers: IReceiver[] = [];
  private readonly inhibitions: InhibitRule[] = [];

  constructor(scope: Construct, id: string, props: AlertmanagerRoutingProps) {
    checkConstruct('AlertmanagerRouting', scope, id, props, ROUTING_PROPS);
    super(scope, id);
    const problems = new Problems(this);
    this.namespace = props.namespace ?? Chart.of(this).namespace ?? props.alertmanager?.namespace ?? 'default';
    checkObjectMeta(problems, props.name, this.namespace, props.labels);
    if (!props.receiver || typeof (props.receiver as IReceiver).bind !== 'function') {
      problems.add('receiver', props.receiver, 'the top route needs a receiver object', `pass e.g. receiver: new LambdaWebhookReceiver({ url: SecretKey.fromSecret(secret, 'url') })`);
    }
    if (props.continue === false) {
      problems.add('continue', props.continue, 'the operator forces continue: true on the top route of every AlertmanagerConfig', 'leave continue unset; use nested routes to stop matching');
    }
    const { name: _n, namespace: _ns, labels: _l, alertmanager: _a, inhibitRules: _i, receivers: _r, continue: _c, ...top } = props;
    this.route = new Route(top);
    problems.addMessages(routeProblems(this.route, 'route'));
    problems.addMessages(intervalProblems(this.route.walk()));
    (props.inhibitRules ?? []).forEach((r, i) => problems.addMessages(inhibitProblems(r, `inhibitRules[${i}]`)));
    problems.throwIfAny();

    this.inhibitions.push(...(props.inhibitRules ?? []));
    this.extraReceivers.push(...(props.receivers ?? []));

    this.resource = new AlertmanagerConfig(this, 'Resource', {
      metadata: objectMeta(props.name ?? defaultName(this, id, routingName(props.alertmanager)), this.namespace, props.labels),
      spec: Lazy.any({ produce: () => this.renderSpec() }),
    });

    // Routes and inhibit rules can change after construction; check them again before synth.
    this.node.addValidation({ validate: () => perSynth(this, this, () => this.validateLate()) });
    attachToApp(this);

    if (props.alertmanager) {
      props.alertmanager.addRouting(this);
    }
  }

  /** The AlertmanagerConfig's name. */
  public get name(): string {
    return this.resource.name;
  }

  /** The labels on the AlertmanagerConfig, including those its Alertmanager selects. */
  public get labels(): { [key: string]: string } {
    return { ...this.resource.metadata.toJson().labels };
  }

  /** Adds a nested route to the top route and returns it. */
  public addRoute(options: RouteOptions): Route {
    checkArgs(this, { 'addRoute(options)': [options, ROUTE_OPTIONS] });
    const route = this.route.addRoute(options);
    const problems = new Problems(this);
    problems.addMessages(routeProblems(route, `route.routes[${this.route.routes.length - 1}]`));
    problems.addMessages(intervalProblems(route.walk()));
    problems.throwIfAny();
    return route;
  }

  /** Declares a receiver that no route uses yet. */
  public addReceiver(receiver: IReceiver): void {
    checkArgs(this, { 'addReceiver(receiver)': [receiver, known.receiver] });
    this.extraReceivers.push(receiver);
  }

  /** Adds an inhibit rule. */
  public addInhibitRule(rule: InhibitRule): void {
    checkArgs(this, { 'addInhibitRule(rule)': [rule, INHIBIT_RULE] });
    const problems = new Problems(this);
    problems.addMessages(inhibitProblems(rule, `inhibitRules[${this.inhibitions.length}]`));
    problems.throwIfAny();
    this.inhibitions.push(rule);
  }

  /** Every receiver: those the routes use, then those added explicitly, each once. */
  public get receivers(): IReceiver[] {
    const all = [...this.route.walk().map((r) => r.options.receiver), ...this.extraReceivers];
    return [...new Set(all.filter((r): r is IReceiver => r !== undefined))];
  }

  /** Every time interval the routes use, each once. */
  public get timeIntervals(): TimeInterval[] {
    const all = this.route.walk().flatMap((r) => [...(r.options.muteTimeIntervals ?? []), ...(r.options.activeTimeIntervals ?? [])]);
    return [...new Set(all)];
  }

  /** The inhibit rules. */
  public get inhibitRules(): InhibitRule[] {
    return [...this.inhibitions];
  }

  private renderSpec(): AlertmanagerConfigSpec {
    const intervals = this.timeIntervals;
    return {
      route: this.route.toJson(),
      receivers: this.receivers.map((r) => r.bind(this)),
      inhibitRules: this.inhibitions.length ? this.inhibitions.map((r) => ({
        sourceMatch: r.sourceMatchers.map((m) => m.toJson() as unknown as AlertmanagerConfigSpecInhibitRulesSourceMatch),
        targetMatch: r.targetMatchers.map((m) => m.toJson() as unknown as AlertmanagerConfigSpecInhibitRulesTargetMatch),
        equal: r.equal,
      })) : undefined,
      muteTimeIntervals: intervals.length ? intervals.map((t) => t.toJson()) : undefined,
    };
  }

  private validateLate(): string[] {
    const problems: string[] = [];
    const names = new Map<string, IReceiver>();
    for (const r of this.receivers) {
      const seen = names.get(r.name);
      if (seen && seen !== r) {
        problems.push(`receivers: two different receivers are named ${JSON.stringify(r.name)}; the operator rejects the whole AlertmanagerConfig. Fix: give each receiver its own name`);
      }
      names.set(r.name, r);
    }
    const intervalNames = new Map<string, TimeInterval>();
    for (const t of this.timeIntervals) {
      const seen = intervalNames.get(t.name);
      if (seen && seen !== t) {
        problems.push(`muteTimeIntervals: two different time intervals are named ${JSON.stringify(t.name)}. Fix: give each interval its own name`);
      }
      intervalNames.set(t.name, t);
    }
    problems.push(...routeProblems(this.route, 'route'));
    problems.push(...intervalProblems(this.route.walk()));
    return problems;
  }
}

/** Value checks of the time intervals `routes` use, each interval once. */
function intervalProblems(routes: Route[]): string[] {
  const intervals = new Set(routes.flatMap((r) => [...(r.options.muteTimeIntervals ?? []), ...(r.options.activeTimeIntervals ?? [])]));
  return [...intervals].flatMap((t) => timeIntervalProblems(t, `timeIntervals[${JSON.stringify(t.name)}]`));
}

/** Value checks of a route and the routes below it. */
function routeProblems(route: Route, field: string): string[] {
  const problems: string[] = [];
  const o = route.options;
  const add = (f: string, value: unknown, problem: string, fix: string) => problems.push(message(f, value, problem, fix));
  const durations: Array<[string, Duration | undefined]> = [
    ['groupWait', o.groupWait], ['groupInterval', o.groupInterval], ['repeatInterval', o.repeatInterval],
  ];
  for (const [name, d] of durations) {
    problems.push(...durationProblems(`${field}.${name}`, d, name !== 'groupWait'));
  }
  problems.push(...checkMatchers(`${field}.matchers`, o.matchers ?? []));
  const groupBy = o.groupBy ?? [];
  const dupes = groupBy.filter((g, i) => groupBy.indexOf(g) !== i);
  if (dupes.length) {
    add(`${field}.groupBy`, groupBy, `repeats ${JSON.stringify([...new Set(dupes)])}; the operator rejects the config`, 'list each label once');
  }
  if (groupBy.includes('...') && groupBy.length > 1) {
    add(`${field}.groupBy`, groupBy, `'...' groups by every label and must stand alone`, `use groupBy: ['...'] or list the labels`);
  }
  route.routes.forEach((c, i) => problems.push(...routeProblems(c, `${field}.routes[${i}]`)));
  return problems;
}

function inhibitProblems(rule: InhibitRule, field: string): string[] {
  const problems = [
    ...checkMatchers(`${field}.sourceMatchers`, rule.sourceMatchers ?? []),
    ...checkMatchers(`${field}.targetMatchers`, rule.targetMatchers ?? []),
  ];
  if (!rule.sourceMatchers?.length || !rule.targetMatchers?.length) {
    problems.push(`${field}: needs at least one source and one target matcher, or it mutes every alert (got ${rule.sourceMatchers?.length ?? 0} source, ${rule.targetMatchers?.length ?? 0} target). Fix: e.g. sourceMatchers: [Matcher.eq('severity', 'critical')], targetMatchers: [Matcher.eq('severity', 'warning')]`);
  }
  return problems;
}


/**
 * The AlertmanagerConfig's default name (README "Default names"): the id says what it routes
 * (`platform`, `team-a`); an id that only says "routing" gives `<alertmanager>-routing`, the
 * name AlertingStack gives its routing.
 */
function routingName(alertmanager: IAlertmanager | undefined): DefaultNameRule {
  return { drop: ['alertmanager', 'routing', 'config'], fallback: alertmanager ? `${alertmanager.name}-routing` : 'routing' };
}
