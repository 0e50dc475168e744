/**
 * The fleet's configuration and its repository layout. Nothing here loads the construct
 * library, so the benchmark's baselines (`bench/`) can share it.
 */
import * as fs from 'fs';
import * as path from 'path';
import * as YAML from 'yaml';
import type { RulePack } from './rule-packs';

/** The Alertmanager and Prometheus namespace of every cluster. */
export const MONITORING_NAMESPACE = 'monitoring';
/** Where Flux runs, and where its Provider, Alert and Kustomizations live. */
export const FLUX_NAMESPACE = 'flux-system';

/**
 * A team on a cluster: a namespace with its own receivers, routes and rules.
 */
export interface TeamConfig {
  /** The team's name, e.g. `payments`; also the file `team-<name>.yaml`. */
  readonly name: string;
  /**
   * The namespace the team's workloads, routing config, rules and Secrets live in.
   * @default - the team's name
   */
  readonly namespace?: string;
  /**
   * The Secret (in the team's namespace) whose key `url` holds the Slack webhook URL.
   * @default 'alertmanager-slack'
   */
  readonly slackSecret?: string;
  /**
   * The Secret (in the team's namespace) whose key `routing-key` holds a PagerDuty routing
   * key. Critical alerts page when it is set.
   * @default - the team is not paged; critical alerts go to Slack
   */
  readonly pagerDutySecret?: string;
  /**
   * The team's own rule packs, in addition to the shared workload pack.
   * @default - none
   */
  readonly rules?: RulePack[];
}

/**
 * One cluster of the fleet.
 */
export interface ClusterConfig {
  /** The cluster's name: the directory `clusters/<name>` and the external label `cluster`. */
  readonly name: string;
  /**
   * More external labels, e.g. `{ environment: 'production' }`.
   * @default - only `cluster`
   */
  readonly externalLabels?: { [key: string]: string };
  /**
   * Alertmanager replicas.
   * @default 3
   */
  readonly alertmanagerReplicas?: number;
  /**
   * Prometheus replicas.
   * @default 2
   */
  readonly prometheusReplicas?: number;
  /**
   * The URL people reach this cluster's Alertmanager at (links in notifications).
   * @default - the operator's default
   */
  readonly alertmanagerUrl?: string;
  /** The teams on this cluster. */
  readonly teams: TeamConfig[];
}

/** The namespace of a team. */
export function teamNamespace(team: TeamConfig): string {
  return team.namespace ?? team.name;
}

/** `clusters/<cluster>` under `outdir`. */
export function clusterDir(outdir: string, cluster: string): string {
  return path.join(outdir, 'clusters', cluster);
}

/** Where Flux finds a cluster's alerting manifests, relative to the repository root. */
export function alertingPath(cluster: string): string {
  return `./clusters/${cluster}/alerting`;
}

/** Checks cluster names: DNS labels (they name a directory and a label value), each once. */
export function checkClusterNames(clusters: readonly ClusterConfig[]): void {
  const names = new Set<string>();
  for (const c of clusters) {
    if (typeof c.name !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(c.name) || c.name.length > 63) {
      throw new Error(`cluster name ${JSON.stringify(c.name)} must be a DNS label: it names a directory and a label value. Fix: use at most 63 lower case letters, digits and '-'`);
    }
    if (names.has(c.name)) {
      throw new Error(`cluster ${JSON.stringify(c.name)} is listed twice. Fix: give each cluster its own name`);
    }
    names.add(c.name);
  }
}

/** A kustomize `kustomization.yaml` listing `resources`, with `#` comment lines first. */
export function kustomizationYaml(resources: readonly string[], comment: readonly string[] = []): string {
  const head = comment.map((l) => `# ${l}\n`).join('');
  // The options cdk8s' Yaml.stringify uses, so every YAML file of the layout looks alike.
  return head + YAML.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: [...resources] },
    { keepUndefined: true, lineWidth: 0, version: '1.1' });
}

/**
 * Writes a cluster's two kustomization.yaml files once its manifests are on disk:
 * `alerting/kustomization.yaml` listing every YAML file there, and (unless `fluxSystem` is
 * false) `clusters/<c>/kustomization.yaml` listing the bootstrap directory and
 * `alerting-sync.yaml`.
 * @returns the files written and listed, absolute
 */
export function writeKustomizations(outdir: string, cluster: string, fluxSystem: string | false): string[] {
  const dir = clusterDir(outdir, cluster);
  const alerting = path.join(dir, 'alerting');
  const files = fs.readdirSync(alerting).filter((f) => f.endsWith('.yaml') && f !== 'kustomization.yaml').sort();
  fs.writeFileSync(path.join(alerting, 'kustomization.yaml'), kustomizationYaml(files));
  const written = [...files, 'kustomization.yaml'].map((f) => path.join(alerting, f));
  written.push(path.join(dir, 'alerting-sync.yaml'));
  if (fluxSystem !== false) {
    fs.writeFileSync(path.join(dir, 'kustomization.yaml'), kustomizationYaml([fluxSystem, 'alerting-sync.yaml'], [
      `Applied by the Kustomization '${fluxSystem}' (flux bootstrap --path=clusters/${cluster}).`,
      'It lists alerting-sync.yaml but not alerting/, which the Kustomization \'alerting\' applies:',
      'without this file Flux would apply alerting/ twice. List any other manifests of this directory here.',
    ]));
    written.push(path.join(dir, 'kustomization.yaml'));
  }
  return written;
}

const PAYMENTS: TeamConfig = { name: 'payments', pagerDutySecret: 'alertmanager-pagerduty' };
const CHECKOUT: TeamConfig = { name: 'checkout', pagerDutySecret: 'alertmanager-pagerduty' };
const SEARCH: TeamConfig = { name: 'search', slackSecret: 'search-slack' };

/** The example fleet: two production clusters and a staging cluster that pages nobody. */
export const FLEET: ClusterConfig[] = [
  {
    name: 'prod-eu-west-1',
    externalLabels: { environment: 'production', region: 'eu-west-1' },
    alertmanagerUrl: 'https://alertmanager.prod-eu-west-1.example.com',
    teams: [PAYMENTS, CHECKOUT, SEARCH],
  },
  {
    name: 'prod-us-east-1',
    externalLabels: { environment: 'production', region: 'us-east-1' },
    alertmanagerUrl: 'https://alertmanager.prod-us-east-1.example.com',
    teams: [PAYMENTS, CHECKOUT],
  },
  {
    name: 'staging',
    externalLabels: { environment: 'staging' },
    alertmanagerReplicas: 1,
    prometheusReplicas: 1,
    teams: [{ name: 'payments' }, { name: 'checkout' }, SEARCH],
  },
];
