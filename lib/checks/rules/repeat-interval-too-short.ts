import { ClusterModel } from '../../model/cluster-model';
import { ModelObject, describeObject } from '../../model/model-object';
import { durationToMs, isDuration } from '../../simulate/durations';
import { Check, Issue } from '../check';
import { Severity } from '../finding';
import { alertmanagersLoading, isBaseConfig } from '../lib/alertmanagers';

/** Alertmanager's `DefaultRouteOpts` (dispatch/route.go): the root route's timers when unset. */
const DEFAULT_GROUP_INTERVAL = '5m';
const DEFAULT_REPEAT_INTERVAL = '4h';

/** A timer in effect on a route, and where its value comes from. */
interface Timer {
  readonly value: string;
  readonly ms: number;
  /** e.g. `set here`, `inherited from spec.route`. */
  readonly from: string;
}

/** A timer a route sets: a valid, non-zero duration (the operator drops zero ones: inherited). */
function own(route: Record<string, unknown>, field: 'groupInterval' | 'repeatInterval'): string | undefined {
  const v = route[field];
  return typeof v === 'string' && isDuration(v) && durationToMs(v) > 0 ? v : undefined;
}

function timer(value: string, from: string): Timer {
  return { value, ms: durationToMs(value), from };
}

/** The timers the top route of `config` inherits, once per distinct root route that loads it. */
function rootTimers(model: ClusterModel, config: ModelObject): Array<{ group: Timer; repeat: Timer }> {
  const defaults = (why: string) => ({
    group: timer(DEFAULT_GROUP_INTERVAL, why),
    repeat: timer(DEFAULT_REPEAT_INTERVAL, why),
  });
  if (model.alertmanagers.some((am) => isBaseConfig(am, config))) {
    return [defaults('Alertmanager\'s default for the root route')];
  }
  const loading = alertmanagersLoading(model, config);
  if (loading.length === 0) {
    return [defaults('inherited from the root route: assumed Alertmanager\'s default, as no Alertmanager in the input loads this config')];
  }
  const out = new Map<string, { group: Timer; repeat: Timer }>();
  for (const am of loading) {
    const baseName = am.manifest.spec?.alertmanagerConfiguration?.name;
    const base = typeof baseName === 'string' ? model.find(config.group, 'AlertmanagerConfig', am.namespace, baseName) : undefined;
    let t: { group: Timer; repeat: Timer };
    if (base) {
      const route = (base.manifest.spec?.route ?? {}) as Record<string, unknown>;
      const g = own(route, 'groupInterval');
      const r = own(route, 'repeatInterval');
      const where = `set by ${describeObject(base)} spec.route, the root route of ${describeObject(am)}`;
      const dflt = `Alertmanager's default for the root route of ${describeObject(am)}`;
      t = {
        group: g ? timer(g, where) : timer(DEFAULT_GROUP_INTERVAL, dflt),
        repeat: r ? timer(r, where) : timer(DEFAULT_REPEAT_INTERVAL, dflt),
      };
    } else {
      t = defaults(`inherited from the root route of ${describeObject(am)}: assumed Alertmanager's default (its base configuration Secret may set another)`);
    }
    out.set(`${t.group.ms}/${t.repeat.ms}`, out.get(`${t.group.ms}/${t.repeat.ms}`) ?? t);
  }
  return [...out.values()];
}

function walk(route: unknown, field: string, group: Timer, repeat: Timer, out: Array<{ field: string; group: Timer; repeat: Timer }>): void {
  if (typeof route !== 'object' || route === null || Array.isArray(route)) { return; }
  const r = route as Record<string, unknown>;
  const g = own(r, 'groupInterval');
  const rep = own(r, 'repeatInterval');
  const effGroup = g ? timer(g, 'set here') : group;
  const effRepeat = rep ? timer(rep, 'set here') : repeat;
  if ((g || rep) && effRepeat.ms < effGroup.ms) { out.push({ field, group: effGroup, repeat: effRepeat }); }
  const inherited = (t: Timer) => (t.from === 'set here' ? { ...t, from: `inherited from ${field}` } : t);
  if (Array.isArray(r.routes)) {
    r.routes.forEach((c: unknown, i: number) => walk(c, `${field}.routes[${i}]`, inherited(effGroup), inherited(effRepeat), out));
  }
}

export const repeatIntervalTooShort: Check = {
  id: 'repeat-interval-too-short',
  severity: Severity.WARNING,
  title: 'A repeatInterval shorter than the groupInterval in effect',
  description: 'Alertmanager sends a group\'s notifications only at its `group_interval` ticks, so a `repeat_interval` shorter than the `group_interval` in effect does not repeat sooner: the reminder comes at the next group interval (Alertmanager >= 0.26 logs "repeat_interval is less than group_interval" at load). Both values are inherited from the parent route when unset, down from the root route (5m and 4h by default). A warning: Alertmanager accepts it, but it does not do what it says. When the value comes from a root route outside the model (the Alertmanager\'s base configuration Secret), the message says it assumed the default.',
  failing: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route:
    receiver: hook
    groupInterval: 10m
    routes:
      - matchers: [{ name: severity, value: critical, matchType: "=" }]
        repeatInterval: 5m
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  fixed: `apiVersion: monitoring.coreos.com/v1alpha1
kind: AlertmanagerConfig
metadata: { name: team, namespace: monitoring }
spec:
  route:
    receiver: hook
    groupInterval: 5m
    routes:
      - matchers: [{ name: severity, value: critical, matchType: "=" }]
        repeatInterval: 30m
  receivers: [{ name: hook, webhookConfigs: [{ urlSecret: { name: hook, key: url } }] }]
`,
  run({ model }) {
    const issues: Issue[] = [];
    for (const config of model.alertmanagerConfigs) {
      const seen = new Set<string>();
      for (const root of rootTimers(model, config)) {
        const found: Array<{ field: string; group: Timer; repeat: Timer }> = [];
        walk(config.manifest.spec?.route, 'spec.route', root.group, root.repeat, found);
        for (const { field, group, repeat } of found) {
          const message = `${field}: repeatInterval ${repeat.value} (${repeat.from}) is shorter than groupInterval ${group.value} (${group.from}); Alertmanager repeats only at group intervals, so notifications repeat every ${group.value}, not every ${repeat.value}`;
          if (seen.has(message)) { continue; }
          seen.add(message);
          issues.push({
            object: config,
            message,
            fix: `make repeatInterval at least ${group.value} (the usual is hours, e.g. 4h), or set a shorter groupInterval on this route`,
          });
        }
      }
    }
    return issues;
  },
};
