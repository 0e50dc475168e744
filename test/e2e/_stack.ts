/**
 * Real Alertmanager and Prometheus on 127.0.0.1, configured from rendered manifests.
 */
import { writeFileSync } from 'fs';
import { join } from 'path';
import { stringify } from 'yaml';
import { NativeAlertmanagerConfig, RuleFile, toYaml } from '../../lib/simulate';
import { openMetricsEscape } from '../../lib/simulate/matchers';
import { Proc, TOOLS, freePort, httpJson, run, startProcess, tempDir, waitFor } from './_harness';

/** A running Alertmanager. */
export interface AlertmanagerNode {
  readonly proc: Proc;
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `127.0.0.1:<port>`, for Prometheus' `static_configs`. */
  readonly target: string;
}

/** Timers for clustered replicas: fast gossip so a drill fits in seconds. */
const CLUSTER_FLAGS = [
  '--cluster.gossip-interval=50ms',
  '--cluster.pushpull-interval=1s',
  '--cluster.settle-timeout=2s',
  '--cluster.peer-timeout=1s',
  '--cluster.probe-interval=200ms',
  '--cluster.probe-timeout=100ms',
  '--cluster.reconnect-interval=1s',
];

/**
 * Starts `replicas` Alertmanagers running `config`. One replica runs with clustering disabled
 * (`--cluster.listen-address=`); more form a gossip cluster over loopback, each peering with
 * the others. Resolves when every replica's API answers (and, clustered, sees all peers).
 */
export async function startAlertmanagers(config: NativeAlertmanagerConfig, replicas: number): Promise<AlertmanagerNode[]> {
  const dir = tempDir('am');
  const configFile = join(dir, 'alertmanager.yaml');
  writeFileSync(configFile, toYaml(config));
  const webPorts = await Promise.all(Array.from({ length: replicas }, freePort));
  const meshPorts = await Promise.all(Array.from({ length: replicas }, freePort));
  const nodes = webPorts.map((port, i): AlertmanagerNode => {
    const cluster = replicas === 1
      ? ['--cluster.listen-address=']
      : [
        `--cluster.listen-address=127.0.0.1:${meshPorts[i]}`,
        `--cluster.advertise-address=127.0.0.1:${meshPorts[i]}`,
        ...meshPorts.filter((_, j) => j !== i).map((p) => `--cluster.peer=127.0.0.1:${p}`),
        ...CLUSTER_FLAGS,
      ];
    const proc = startProcess(`alertmanager-${i}`, TOOLS.alertmanager, [
      `--config.file=${configFile}`,
      `--storage.path=${tempDir(`am-data-${i}`)}`,
      `--web.listen-address=127.0.0.1:${port}`,
      ...cluster,
    ]);
    return { proc, url: `http://127.0.0.1:${port}`, target: `127.0.0.1:${port}` };
  });
  await Promise.all(nodes.map((n) => waitFor(() => `${n.proc.name} to be ready\n${n.proc.log()}`, async () => {
    const status = await clusterStatus(n);
    return replicas === 1 || (status.peers.length === replicas && status.status === 'ready');
  }, 20_000)));
  return nodes;
}

/** `cluster` of `GET /api/v2/status`. */
export async function clusterStatus(node: AlertmanagerNode): Promise<{ name: string; status: string; peers: Array<{ name: string }> }> {
  const res = await httpJson('GET', `${node.url}/api/v2/status`);
  const cluster = (res.json as { cluster?: { name?: string; status?: string; peers?: Array<{ name: string }> } } | undefined)?.cluster;
  if (res.status !== 200 || !cluster) { throw new Error(`status ${res.status}`); }
  return { name: cluster.name ?? '', status: cluster.status ?? '', peers: cluster.peers ?? [] };
}

/** A group of `GET /api/v2/alerts/groups`. */
export interface AlertGroup {
  readonly labels: Record<string, string>;
  readonly receiver: { readonly name: string };
  readonly alerts: ReadonlyArray<{ readonly labels: Record<string, string> }>;
}

/** The alert groups an Alertmanager holds. */
export async function alertGroups(node: AlertmanagerNode): Promise<AlertGroup[]> {
  const res = await httpJson('GET', `${node.url}/api/v2/alerts/groups`);
  return (res.json as AlertGroup[] | undefined) ?? [];
}

/** A running Prometheus. */
export interface PrometheusNode {
  readonly proc: Proc;
  readonly url: string;
}

/**
 * Starts Prometheus evaluating `ruleFiles` every second and sending alerts to every target
 * (`--rules.alert.resend-delay=1s`). No scrape jobs.
 */
export async function startPrometheus(ruleFiles: readonly RuleFile[], alertmanagerTargets: readonly string[]): Promise<PrometheusNode> {
  const dir = tempDir('prom');
  const rulePaths = writeRuleFiles(ruleFiles);
  const configFile = join(dir, 'prometheus.yml');
  writeFileSync(configFile, stringify({
    global: { evaluation_interval: '1s', scrape_interval: '1m' },
    rule_files: rulePaths,
    alerting: { alertmanagers: [{ api_version: 'v2', timeout: '2s', static_configs: [{ targets: [...alertmanagerTargets] }] }] },
  }));
  const port = await freePort();
  const proc = startProcess('prometheus', TOOLS.prometheus, [
    `--config.file=${configFile}`,
    `--storage.tsdb.path=${join(dir, 'data')}`,
    `--web.listen-address=127.0.0.1:${port}`,
    '--rules.alert.resend-delay=1s',
  ]);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(() => `prometheus to be ready\n${proc.log()}`, async () => (await httpJson('GET', `${url}/-/ready`)).status === 200, 20_000);
  return { proc, url };
}

/** Writes rule files into a temp dir and returns their paths (for promtool). */
export function writeRuleFiles(ruleFiles: readonly RuleFile[]): string[] {
  const dir = tempDir('rules');
  return ruleFiles.map((f) => {
    const path = join(dir, f.fileName);
    writeFileSync(path, stringify(f.content));
    return path;
  });
}

/** Writes a config into a temp dir and returns its path (for amtool). */
export function writeAlertmanagerConfig(config: NativeAlertmanagerConfig, name = 'alertmanager.yaml'): string {
  const path = join(tempDir('amcfg'), name);
  writeFileSync(path, toYaml(config));
  return path;
}

/**
 * The receivers `amtool config routes test` resolves for `labels` (its comma-joined output line).
 * @throws Error when amtool fails
 */
export async function amtoolRoutes(configFile: string, labels: Readonly<Record<string, string>>): Promise<string> {
  const args = Object.entries(labels).map(([k, v]) => `${k}="${openMetricsEscape(v)}"`);
  const res = await run(TOOLS.amtool, ['config', 'routes', 'test', `--config.file=${configFile}`, ...args]);
  if (res.code !== 0) { throw new Error(`amtool failed (${res.code}) on ${configFile} ${args.join(' ')}: ${res.stderr}`); }
  return res.stdout.trim().split('\n')[0];
}
