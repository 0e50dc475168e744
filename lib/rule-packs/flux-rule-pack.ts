import { Duration } from 'cdk8s';
import { Matcher } from '../alertmanager/matcher';
import { durationProblems } from '../_util/duration';
import { selectorProblems, series } from '../_util/series-selector';
import { known, shape as s } from '../_util/shape';
import { AlertSeverity, checkPackProps, RULE_PACK_OPTION_FIELDS, RulePack, RulePackOptions, spoken } from './rule-pack';

const TROUBLESHOOTING = 'https://fluxcd.io/flux/cheatsheets/troubleshooting/';
const RESUME = 'https://fluxcd.io/flux/cmd/flux_resume/';

/** The Flux kinds that fetch artifacts (sources), as `customresource_kind` values. */
const SOURCE_KINDS = ['GitRepository', 'OCIRepository', 'HelmRepository', 'HelmChart', 'Bucket', 'ImageRepository'];

/**
 * Props of {@link FluxRulePack}.
 */
export interface FluxRulePackProps extends RulePackOptions {
  /**
   * Label matchers added to every `gotk_resource_info` selector, e.g. `[Matcher.eq('job', 'kube-state-metrics')]`.
   * @default - every `gotk_resource_info` series
   */
  readonly selector?: Matcher[];

  /**
   * How long a Kustomization, HelmRelease or other non-source object must stay not ready
   * before `FluxReconciliationFailed` fires.
   * @default Duration.minutes(10)
   */
  readonly notReadyFor?: Duration;

  /**
   * How long a source (GitRepository, OCIRepository, HelmRepository, HelmChart, Bucket,
   * ImageRepository) must stay not ready before `FluxSourceNotReady` fires. Sources fail
   * briefly when a Git host or registry hiccups.
   * @default Duration.minutes(15)
   */
  readonly sourceNotReadyFor?: Duration;

  /**
   * How long an object may stay suspended before `FluxResourceSuspended` fires.
   * @default Duration.hours(24)
   */
  readonly suspendedFor?: Duration;
}

const PROPS = s.struct('FluxRulePackProps', {
  ...RULE_PACK_OPTION_FIELDS,
  selector: s.optional(s.list(known.matcher)),
  notReadyFor: s.optional(s.duration()),
  sourceNotReadyFor: s.optional(s.duration()),
  suspendedFor: s.optional(s.duration()),
});

/**
 * Flux reconciliation (group `flux.rules`), from the `gotk_resource_info` metric that
 * kube-state-metrics' custom resource state exports for Flux objects, as configured in
 * fluxcd/flux2-monitoring-example (labels `customresource_kind`, `exported_namespace`, `name`,
 * `ready`, `suspended`). The alerts carry the object as `kind`, `namespace` and `name`
 * labels, as the alerts of Flux's own alertmanager provider do, so the same routes and
 * notification templates serve both. Alerts:
 *
 * - `FluxReconciliationFailed` (warning): a Kustomization, HelmRelease or other non-source
 *   object that is not suspended has been `Ready=False` for `notReadyFor`.
 * - `FluxSourceNotReady` (warning): a source has been `Ready=False` for `sourceNotReadyFor`.
 * - `FluxResourceSuspended` (warning): an object has been suspended for `suspendedFor`, so
 *   Git changes no longer reach the cluster.
 */
export class FluxRulePack extends RulePack {
  constructor(props: FluxRulePackProps = {}) {
    checkPackProps('FluxRulePack', 'flux.rules', props, PROPS);
    const p = props;
    const problems = [
      ...selectorProblems('selector', p.selector),
      ...durationProblems('notReadyFor', p.notReadyFor, true),
      ...durationProblems('sourceNotReadyFor', p.sourceNotReadyFor, true),
      ...durationProblems('suspendedFor', p.suspendedFor, true),
    ];
    const timers = problems.length ? { notReady: Duration.minutes(10), source: Duration.minutes(15), suspended: Duration.hours(24) } : {
      notReady: p.notReadyFor ?? Duration.minutes(10),
      source: p.sourceNotReadyFor ?? Duration.minutes(15),
      suspended: p.suspendedFor ?? Duration.hours(24),
    };
    super('flux.rules', fluxRules(problems.length ? [] : p.selector ?? [], timers), p, problems);
  }
}

function fluxRules(sel: Matcher[], t: { notReady: Duration; source: Duration; suspended: Duration }) {
  const info = (...extra: string[]) => [
    'max by (customresource_kind, exported_namespace, name) (',
    `  ${series('gotk_resource_info', sel, ...extra)}`,
    ') > 0',
  ].join('\n');
  const sources = SOURCE_KINDS.join('|');
  // The object's namespace is in exported_namespace (namespace is kube-state-metrics' own).
  const objectLabels = { namespace: '{{ $labels.exported_namespace }}', kind: '{{ $labels.customresource_kind }}' };
  const object = '{{ $labels.customresource_kind }} {{ $labels.exported_namespace }}/{{ $labels.name }}';
  return [
    {
      alert: 'FluxReconciliationFailed',
      expr: info('ready="False"', 'suspended!="true"', `customresource_kind!~"${sources}"`),
      for: t.notReady,
      labels: { severity: AlertSeverity.WARNING, ...objectLabels },
      annotations: {
        summary: 'A Flux object fails to reconcile.',
        description: `${object} has not been ready for ${spoken(t.notReady)}: what Git holds is not applied. flux get ${'{{ $labels.customresource_kind | toLower }}'} ${'{{ $labels.name }}'} -n ${'{{ $labels.exported_namespace }}'} shows why.`,
        runbook_url: TROUBLESHOOTING,
      },
    },
    {
      alert: 'FluxSourceNotReady',
      expr: info('ready="False"', 'suspended!="true"', `customresource_kind=~"${sources}"`),
      for: t.source,
      labels: { severity: AlertSeverity.WARNING, ...objectLabels },
      annotations: {
        summary: 'A Flux source cannot fetch its artifact.',
        description: `${object} has not been ready for ${spoken(t.source)}: new revisions do not reach the cluster. Check the URL, the credentials Secret and the network path.`,
        runbook_url: TROUBLESHOOTING,
      },
    },
    {
      alert: 'FluxResourceSuspended',
      expr: info('suspended="true"'),
      for: t.suspended,
      labels: { severity: AlertSeverity.WARNING, ...objectLabels },
      annotations: {
        summary: 'A Flux object has been suspended for a long time.',
        description: `${object} has been suspended for ${spoken(t.suspended)}, so changes in Git do not reach the cluster. Resume it with flux resume, or delete it if it is no longer wanted.`,
        runbook_url: RESUME,
      },
    },
  ];
}
