/**
 * A fleet of clusters, each with its own alerting stack, written as a Flux repository.
 *
 * `npm run synth:fleet` writes, for every cluster `<c>` of {@link FLEET}:
 *
 * ```text
 * clusters/<c>/kustomization.yaml       flux-system + alerting-sync.yaml (see below)
 * clusters/<c>/alerting-sync.yaml       the Flux Kustomization `alerting`, path ./clusters/<c>/alerting
 * clusters/<c>/alerting/kustomization.yaml
 * clusters/<c>/alerting/monitoring.yaml Alertmanager, Prometheus, platform rules and routing
 * clusters/<c>/alerting/flux.yaml       Flux errors posted to the Alertmanager
 * clusters/<c>/alerting/team-<t>.yaml   one file per team: its routing and its rules
 * ```
 *
 * Per cluster: Prometheus' external label `cluster` (and Flux events' `cluster` metadata),
 * its own teams, namespaces and receivers. The rule packs (`rule-packs.ts`, the library's
 * shipped packs) are shared by every cluster. Secrets are only referenced by name (`kplus.Secret.fromSecretName`): they
 * are created in the cluster by SOPS, Sealed Secrets or External Secrets.
 *
 * Why `clusters/<c>/kustomization.yaml`: `flux bootstrap --path=clusters/<c>` creates a
 * Kustomization `flux-system` for that path. Without a kustomization.yaml there,
 * kustomize-controller generates one that takes in every subdirectory holding a
 * kustomization.yaml, so `alerting/` would be applied twice, by `flux-system` and by
 * `alerting`, and the two would fight over (and prune) the same objects. The generated file
 * lists the bootstrap directory and `alerting-sync.yaml` only. If `clusters/<c>` holds
 * other manifests, list them there as well (or pass `fluxSystem: false` and maintain that
 * file yourself).
 *
 * One App per cluster (and one for its `alerting-sync.yaml`): the app-wide wiring checks
 * (does a Prometheus select this PrometheusRule? does the Alertmanager load this config?)
 * look at everything in an App, and objects of different clusters must not satisfy each
 * other's checks. Each cluster's manifests come from an `AlertingApp`, which runs every
 * check once per synth, writes nothing when one fails, and swaps the new `alerting/`
 * directory in whole, so the files of a removed team do not linger. {@link writeFleet}
 * builds and writes one cluster at a time, so memory does not grow with the fleet.
 */
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { Construct } from 'constructs';
import {
  AlertingApp, AlertmanagerCluster, AlertmanagerProvider, AlertmanagerRouting, FluxErrorAlert, FluxKustomization, FluxSourceRef,
  Matcher, MatcherStrategy, NamespaceSelector, PagerDutyReceiver, Prometheus, PrometheusRules, Route,
  RuleGroup, SecretKey, SlackReceiver, WebhookReceiver,
} from '../../lib';
import {
  alertingPath, checkClusterNames, ClusterConfig, clusterDir, FLEET, FLUX_NAMESPACE, MONITORING_NAMESPACE,
  teamNamespace, writeKustomizations,
} from './config';
import { defaultPacks, RulePack, workloadPack } from './rule-packs';

export * from './config';
export * from './rule-packs';
export * from './synthetic';

/**
 * Options of {@link buildFleet}.
 */
export interface FleetOptions {
  /** The root of the Flux repository layout; `clusters/` is written below it. */
  readonly outdir: string;
  /**
   * The rule packs every cluster ships.
   * @default defaultPacks()
   */
  readonly packs?: RulePack[];
  /**
   * The GitRepository the alerting Kustomizations read.
   * @default 'flux-system'
   */
  readonly gitRepository?: string;
  /**
   * How often the alerting Kustomizations reconcile.
   * @default Duration.minutes(10)
   */
  readonly interval?: Duration;
  /**
   * The directory `flux bootstrap` wrote into `clusters/<c>`, listed in the generated
   * `clusters/<c>/kustomization.yaml`; `false` writes no such file.
   * @default 'flux-system'
   */
  readonly fluxSystem?: string | false;
}

/** The charts of one cluster. */
export interface ClusterCharts {
  /** Alertmanager, Prometheus, the shared rule packs and the platform routing. */
  readonly monitoring: Chart;
  /** Flux errors to Alertmanager. */
  readonly flux: Chart;
  /** One chart per team. */
  readonly teams: Chart[];
  /** The Alertmanager. */
  readonly alertmanager: AlertmanagerCluster;
  /** The Prometheus. */
  readonly prometheus: Prometheus;
  /** The platform routing config. */
  readonly routing: AlertmanagerRouting;
}

/** One cluster of a built fleet: its config, its two Apps and their charts. */
export interface FleetCluster {
  readonly config: ClusterConfig;
  /** Synthesizes to `clusters/<c>/alerting`. */
  readonly app: AlertingApp;
  /** Synthesizes `clusters/<c>/alerting-sync.yaml`. */
  readonly syncApp: App;
  readonly charts: ClusterCharts;
  /** The Flux Kustomization that applies `clusters/<c>/alerting`. */
  readonly kustomization: FluxKustomization;
}

/** A fleet ready to synthesize with {@link synthFleet}. */
export interface Fleet {
  readonly outdir: string;
  readonly fluxSystem: string | false;
  readonly clusters: FleetCluster[];
}

/** Fresh rule groups for one cluster, one per pack. */
export function packGroups(packs: readonly RulePack[]): RuleGroup[] {
  return packs.map((p) => new RuleGroup(p.name, { interval: p.interval, alertingRules: [...p.rules] }));
}

function secretKey(scope: Construct, id: string, secretName: string, key: string): SecretKey {
  return SecretKey.fromSecret(kplus.Secret.fromSecretName(scope, id, secretName), key);
}

/**
 * Builds one cluster's alerting charts into `app`: `monitoring`, `flux` and `team-<t>`.
 * @param app the App the charts go into (one per cluster, see the module description)
 * @param cluster the cluster
 * @param packs the rule packs shared by the fleet
 */
export function buildCluster(app: App, cluster: ClusterConfig, packs: readonly RulePack[] = defaultPacks()): ClusterCharts {
  const teamNamespaces = cluster.teams.map(teamNamespace);

  // --- monitoring: Alertmanager, Prometheus, the shared packs, the platform routing.
  const monitoring = new Chart(app, 'monitoring', { namespace: MONITORING_NAMESPACE });
  // The dead man's switch: the base configuration routes the always-firing Watchdog to it.
  const deadMansSwitch = new WebhookReceiver({
    name: 'deadmans-switch',
    url: secretKey(monitoring, 'DeadMansSwitchSecret', 'deadmans-switch', 'url'),
  });
  const alertmanager = new AlertmanagerCluster(monitoring, 'Alertmanager', {
    name: 'main',
    replicas: cluster.alertmanagerReplicas ?? 3,
    externalUrl: cluster.alertmanagerUrl,
    // Flux alerts carry the namespace of the failed object; the platform routing (in the
    // Alertmanager's namespace) must see them all. Team configs stay confined to their namespace.
    matcherStrategy: MatcherStrategy.ON_NAMESPACE_EXCEPT_FOR_ALERTMANAGER_NAMESPACE,
    resolveTimeout: Duration.minutes(5),
    // Besides Watchdog, the base configuration carries the default inhibit rules (critical
    // mutes warning and info, InfoInhibitor mutes info, per alertname and namespace).
    heartbeatReceiver: deadMansSwitch,
    heartbeatInterval: Duration.minutes(1),
  });
  const prometheus = new Prometheus(monitoring, 'Prometheus', {
    name: 'main',
    replicas: cluster.prometheusReplicas ?? 2,
    alertmanager,
    externalLabels: { ...cluster.externalLabels, cluster: cluster.name },
    ruleNamespaceSelector: NamespaceSelector.names(MONITORING_NAMESPACE, ...teamNamespaces),
  });
  new PrometheusRules(monitoring, 'PlatformRules', {
    name: 'platform-rules',
    prometheus,
    groups: packGroups(packs),
  });

  const platformSlack = new SlackReceiver({
    name: 'platform-slack',
    apiUrl: secretKey(monitoring, 'PlatformSlackSecret', 'alertmanager-slack', 'url'),
    channel: `#alerts-${cluster.name}`,
  });
  const platformPager = new PagerDutyReceiver({
    name: 'platform-pagerduty',
    routingKey: secretKey(monitoring, 'PlatformPagerDutySecret', 'alertmanager-pagerduty', 'routing-key'),
  });
  const routing = new AlertmanagerRouting(monitoring, 'PlatformRouting', {
    name: 'platform',
    alertmanager,
    receiver: platformSlack,
    // Team namespaces have their own routing configs; the heartbeat alerts are the base configuration's.
    matchers: [
      ...(teamNamespaces.length ? [Matcher.notRegex('namespace', teamNamespaces.join('|'))] : []),
      Matcher.notRegex('alertname', 'Watchdog|InfoInhibitor'),
    ],
    groupBy: ['alertname', 'namespace'],
    routes: [
      new Route({
        receiver: platformSlack,
        matchers: [Matcher.regex('alertname', 'Flux.+'), Matcher.eq('severity', 'error')],
        groupBy: ['alertname', 'namespace', 'name'],
      }),
      new Route({ receiver: platformPager, matchers: [Matcher.eq('severity', 'critical')] }),
    ],
  });

  // --- flux: error events of Flux objects, in flux-system and the team namespaces.
  const flux = new Chart(app, 'flux', { namespace: FLUX_NAMESPACE });
  const provider = new AlertmanagerProvider(flux, 'Provider', { name: 'alertmanager', alertmanager });
  new FluxErrorAlert(flux, 'Errors', {
    name: 'flux-errors',
    provider,
    sourceNamespaces: [FLUX_NAMESPACE, ...teamNamespaces],
    // The alertmanager provider turns metadata into labels: Flux alerts skip Prometheus, so
    // they get the cluster label here.
    eventMetadata: { cluster: cluster.name },
  });

  // --- one chart per team: its routing config and its rules, in its namespace.
  const teams = cluster.teams.map((team) => {
    const namespace = teamNamespace(team);
    const chart = new Chart(app, `team-${team.name}`, { namespace });
    const slack = new SlackReceiver({
      name: 'slack',
      apiUrl: secretKey(chart, 'SlackSecret', team.slackSecret ?? 'alertmanager-slack', 'url'),
      channel: `#${team.name}-alerts`,
    });
    const routes: Route[] = [];
    if (team.pagerDutySecret) {
      const pager = new PagerDutyReceiver({
        name: 'pagerduty',
        routingKey: secretKey(chart, 'PagerDutySecret', team.pagerDutySecret, 'routing-key'),
      });
      // Page, and post to Slack as well.
      routes.push(new Route({ receiver: pager, matchers: [Matcher.eq('severity', 'critical')], continue: true }));
    }
    routes.push(new Route({ receiver: slack, matchers: [Matcher.eq('severity', 'info')], repeatInterval: Duration.hours(24) }));
    new AlertmanagerRouting(chart, 'Routing', {
      name: team.name,
      alertmanager,
      receiver: slack,
      groupBy: ['alertname', 'service'],
      routes,
    });
    new PrometheusRules(chart, 'Rules', {
      name: `${team.name}-rules`,
      prometheus,
      groups: packGroups([workloadPack(namespace), ...(team.rules ?? [])]),
    });
    return chart;
  });

  return { monitoring, flux, teams, alertmanager, prometheus, routing };
}

/**
 * Builds every cluster of the fleet, each in its own App (see the module description).
 * Nothing is written until {@link synthFleet}.
 */
export function buildFleet(clusters: readonly ClusterConfig[], options: FleetOptions): Fleet {
  checkClusterNames(clusters);
  const packs = options.packs ?? defaultPacks();
  return {
    outdir: options.outdir,
    fluxSystem: options.fluxSystem ?? 'flux-system',
    clusters: clusters.map((config) => {
      const dir = clusterDir(options.outdir, config.name);
      const app = new AlertingApp({ outdir: path.join(dir, 'alerting'), outputFileExtension: '.yaml' });
      const charts = buildCluster(app, config, packs);
      // Not an AlertingApp: that would replace clusters/<c> as a whole, alerting/ included.
      const syncApp = new App({ outdir: dir, outputFileExtension: '.yaml' });
      const sync = new Chart(syncApp, 'alerting-sync', { namespace: FLUX_NAMESPACE });
      const kustomization = new FluxKustomization(sync, 'Alerting', {
        name: 'alerting',
        interval: options.interval ?? Duration.minutes(10),
        retryInterval: Duration.minutes(2),
        timeout: Duration.minutes(3),
        sourceRef: FluxSourceRef.gitRepository(options.gitRepository ?? 'flux-system'),
        path: alertingPath(config.name),
        prune: true,
      });
      return { config, app, syncApp, charts, kustomization };
    }),
  };
}

/**
 * Writes the fleet: each cluster's manifests, its Flux Kustomization and the
 * kustomization.yaml files. A cluster's `alerting/` directory is replaced whole, so files of
 * removed teams do not linger.
 * @returns the files written, relative to the fleet's outdir, sorted
 */
export function synthFleet(fleet: Fleet): string[] {
  const written: string[] = [];
  for (const c of fleet.clusters) {
    // AlertingApp checks everything once, then swaps the new directory in whole: files of
    // removed teams do not linger, and a failed check leaves the previous files in place.
    c.app.synth();
    c.syncApp.synth();
    written.push(...writeKustomizations(fleet.outdir, c.config.name, fleet.fluxSystem));
  }
  return written.map((f) => path.relative(fleet.outdir, f).split(path.sep).join('/')).sort();
}

/**
 * Builds and writes the fleet one cluster at a time: the same files as
 * `synthFleet(buildFleet(clusters, options))`, but only one cluster's constructs are in
 * memory at once, so memory stays flat however large the fleet (and the checks' caches
 * stay warm between a cluster's constructors and its synth).
 * @returns the files written, relative to `options.outdir`, sorted
 */
export function writeFleet(clusters: readonly ClusterConfig[], options: FleetOptions): string[] {
  checkClusterNames(clusters);
  return clusters.flatMap((c) => synthFleet(buildFleet([c], options))).sort();
}

if (require.main === module) {
  // `cdk8s synth` sets CDK8S_OUTDIR (from --output); a direct run writes to cdk8s.out/fleet.
  const outdir = process.env.CDK8S_OUTDIR ?? path.join('cdk8s.out', 'fleet');
  writeFleet(FLEET, { outdir });
}
