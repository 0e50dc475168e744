import { Duration } from 'cdk8s';
import { AlertmanagerConfigSpecRoute, AlertmanagerConfigSpecRouteMatchers } from '../../imports/monitoring-alertmanagerconfigs-monitoring.coreos.com';
import { optDuration } from '../_util/duration';
import { checkArgs, fits, known, shape as s } from '../_util/shape';
import { IReceiver } from '../receivers/receiver';
import { Matcher } from './matcher';
import { TimeInterval } from './time-interval';

/**
 * Matching, grouping and timing shared by the top route ({@link AlertmanagerRoutingProps})
 * and nested routes ({@link RouteOptions}).
 */
export interface BaseRouteOptions {
  /**
   * Matchers an alert must satisfy; all must match.
   * @default - the route matches every alert that reaches it
   */
  readonly matchers?: Matcher[];

  /**
   * Labels that group alerts into one notification. `['...']` groups by every label.
   * @default - the parent's grouping (none on the top route: one group for everything)
   */
  readonly groupBy?: string[];

  /**
   * How long to wait before the first notification of a new group.
   * @default - the parent's, 30s at the root
   */
  readonly groupWait?: Duration;

  /**
   * How long to wait before notifying about new alerts in a group already notified.
   * @default - the parent's, 5m at the root
   */
  readonly groupInterval?: Duration;

  /**
   * How long to wait before repeating a notification that is still firing.
   * @default - the parent's, 4h at the root
   */
  readonly repeatInterval?: Duration;

  /**
   * Whether matching continues with the next sibling route after this one matched.
   * @default false
   */
  readonly continue?: boolean;

  /**
   * Intervals during which notifications are muted.
   * @default - never muted
   */
  readonly muteTimeIntervals?: TimeInterval[];

  /**
   * Intervals outside which notifications are muted.
   * @default - always active
   */
  readonly activeTimeIntervals?: TimeInterval[];

  /**
   * Nested routes, tried in order.
   * @default - no nested routes
   */
  readonly routes?: Route[];
}

/**
 * Options of a nested route.
 */
export interface RouteOptions extends BaseRouteOptions {
  /**
   * The receiver of the alerts this route matches.
   * @default - the parent route's receiver
   */
  readonly receiver?: IReceiver;
}

/**
 * The shape of {@link RouteOptions}, for the routing's props too.
 * @internal
 */
export const ROUTE_OPTION_FIELDS = {
  receiver: s.optional(known.receiver),
  matchers: s.optional(s.list(known.matcher)),
  groupBy: s.optional(s.list(s.string(), { fix: `pass label names, e.g. ['alertname', 'namespace']` })),
  groupWait: s.optional(s.duration()),
  groupInterval: s.optional(s.duration()),
  repeatInterval: s.optional(s.duration()),
  continue: s.optional(s.boolean()),
  muteTimeIntervals: s.optional(s.list(known.timeInterval)),
  activeTimeIntervals: s.optional(s.list(known.timeInterval)),
  routes: s.optional(s.list(known.route)),
};
/** @internal */
export const ROUTE_OPTIONS = s.struct('RouteOptions', ROUTE_OPTION_FIELDS);

/**
 * A node of the routing tree. Nested routes can be added after construction.
 */
export class Route {
  private readonly children: Route[];

  constructor(public readonly options: RouteOptions = {}) {
    checkArgs('Route', { options: [options, ROUTE_OPTIONS] });
    this.children = [...(options.routes ?? [])];
  }

  /** Adds a nested route and returns it. */
  public addRoute(options: RouteOptions): Route {
    // a Route is recognised by its members, not instanceof: a second copy of the library must pass too
    const route = fits(known.route, options) ? options as unknown as Route : new Route(options);
    this.children.push(route);
    return route;
  }

  /** The nested routes, in order. */
  public get routes(): Route[] {
    return [...this.children];
  }

  /** This route and every route below it, depth first. */
  public walk(): Route[] {
    return [this, ...this.children.flatMap((c) => c.walk())];
  }

  /**
   * The v1alpha1 route object (`AlertmanagerConfigSpecRoute` of `imports/`; typed `any`
   * because the generated CRD types are not part of the jsii API).
   */
  public toJson(): any {
    const o = this.options;
    const route: AlertmanagerConfigSpecRoute = {
      receiver: o.receiver?.name,
      groupBy: o.groupBy,
      groupWait: optDuration(o.groupWait),
      groupInterval: optDuration(o.groupInterval),
      repeatInterval: optDuration(o.repeatInterval),
      matchers: o.matchers?.length ? o.matchers.map((m) => m.toJson() as unknown as AlertmanagerConfigSpecRouteMatchers) : undefined,
      continue: o.continue,
      muteTimeIntervals: o.muteTimeIntervals?.map((t) => t.name),
      activeTimeIntervals: o.activeTimeIntervals?.map((t) => t.name),
      routes: this.children.length ? this.children.map((c) => stripUndefined(c.toJson())) : undefined,
    };
    return route;
  }
}

/** Nested routes are typed `any` in the CRD import, so their undefined fields must go here. */
function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
