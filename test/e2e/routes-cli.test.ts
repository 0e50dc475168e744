/**
 * `cdk8s-alerting routes show|test` against the real `amtool config routes show|test` (0.25),
 * byte for byte, on the first-article example and the example stack: amtool reads the
 * configuration `cdk8s-alerting effective-config --compat 0.25` writes for the same folder.
 */
import { mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Testing } from 'cdk8s';
import { stringify } from 'yaml';
import { FirstArticleChart } from '../../examples/first-article';
import { main } from '../../lib/cli/main';
import { KubeManifest } from '../../lib/simulate';
import { TOOLS, cleanup, describeWithTools, pool, run, tempDir } from './_harness';
import { loadExampleStack } from './_fixtures';

/** Runs the CLI in process; stdout as a process would write it (a newline after each line). */
function cli(...argv: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(argv, { out: (l) => { stdout += `${l}\n`; }, err: (l) => { stderr += `${l}\n`; } });
  return { code, stdout, stderr };
}

interface Stack {
  readonly name: string;
  /** The folder of YAML the CLI reads. */
  readonly dir: string;
  /** The effective configuration amtool reads. */
  readonly configFile: string;
}

function stack(name: string, manifests: readonly KubeManifest[]): Stack {
  const root = tempDir(`routes-${name}`);
  const dir = join(root, 'manifests');
  mkdirSync(dir);
  writeFileSync(join(dir, `${name}.k8s.yaml`), manifests.map((m) => stringify(m)).join('---\n'));
  const out = join(root, 'effective');
  const written = cli('effective-config', dir, '--compat', '0.25', '--out', out);
  if (written.code !== 0) { throw new Error(`effective-config failed: ${written.stderr}`); }
  return { name, dir, configFile: join(out, 'prometheus-example.alertmanager.yaml') };
}

async function amtool(args: readonly string[]): Promise<{ code: number; stdout: string }> {
  const res = await run(TOOLS.amtool, ['config', 'routes', ...args], 20_000);
  return { code: res.code, stdout: res.stdout };
}

/** Label arguments as a user types them for both tools. */
function labelSets(): string[][] {
  const sets: string[][] = [];
  for (const alertname of ['ExampleAlert', 'FluxKustomizationReconciliationfailed', 'Watchdog', 'AlertmanagerClusterDown', 'Other']) {
    for (const severity of ['warning', 'critical', 'error', undefined]) {
      for (const namespace of ['my-cluster-namespace', 'prometheus', 'prometheus-alerts', undefined]) {
        sets.push([`alertname=${alertname}`, ...(severity ? [`severity=${severity}`] : []), ...(namespace ? [`namespace="${namespace}"`] : [])]);
      }
    }
  }
  // no labels at all; quoting and escapes; a value holding '=' and ','; HelmRelease reaches the Teams route
  sets.push([], ['alertname="Flux\\"Quoted\\""', 'severity="error"', 'namespace=prometheus-alerts'], ['alertname=FluxX', 'msg="a=b,c"', 'severity=error', 'kind=HelmRelease', 'namespace=prometheus-alerts']);
  return sets;
}

describeWithTools([TOOLS.amtool], 'routes show / routes test = amtool config routes show / test (0.25)', () => {
  let stacks: Stack[];
  beforeAll(() => {
    stacks = [
      stack('first-article', Testing.synth(new FirstArticleChart(Testing.app(), 'first-article')) as KubeManifest[]),
      stack('example', loadExampleStack({ withMsTeams: true })),
    ];
  });
  afterAll(cleanup);

  test('routes show prints the tree amtool prints', async () => {
    for (const s of stacks) {
      const expected = await amtool(['show', `--config.file=${s.configFile}`]);
      expect(expected.code).toBe(0);
      expect(expected.stdout).toMatch(/^Routing tree:\n\.\n└── default-route {2}receiver: /);
      const actual = cli('routes', 'show', s.dir);
      expect({ stack: s.name, ...actual, stderr: undefined }).toStrictEqual({ stack: s.name, code: 0, stdout: expected.stdout, stderr: undefined });
      expect(cli('routes', s.dir).stdout).toBe(expected.stdout); // show is the default, as in amtool
    }
  }, 60_000);

  test('routes test prints the receivers amtool prints, with and without --tree, on every label set', async () => {
    const cases = stacks.flatMap((s) => labelSets().flatMap((labels) => [[], ['--tree']].map((flags) => ({ s, args: [...flags, ...labels] }))));
    const expected = await pool(4, cases.map((c) => () => amtool(['test', `--config.file=${c.s.configFile}`, ...c.args])));
    const differences = cases
      .map((c, i) => ({ stack: c.s.name, args: c.args, amtool: expected[i], ours: cli('routes', 'test', c.s.dir, ...c.args) }))
      .filter((d) => d.amtool.code !== d.ours.code || d.amtool.stdout !== d.ours.stdout);
    const several = expected.filter((e) => /,/.test(e.stdout.trim().split('\n').pop() ?? '')).length;
    console.log(`routes test: ${cases.length} runs compared with amtool (${cases.length / 2} label sets x with/without --tree), ${several} reach several receivers, ${differences.length} differences`);
    expect(differences.slice(0, 3)).toStrictEqual([]);
    expect(several).toBeGreaterThan(0);
  }, 180_000);

  test('--verify.receivers: same output and exit code as amtool, matching or not', async () => {
    const s = stacks[1];
    const labels = ['alertname=FluxX', 'severity=error', 'kind=HelmRelease', 'namespace=prometheus-alerts'];
    const right = 'prometheus-alerts/flux-alerts/msteams';
    for (const verify of [right, 'prometheus/example-base/null', `${right},prometheus/example-base/null`]) {
      const expected = await amtool(['test', `--config.file=${s.configFile}`, `--verify.receivers=${verify}`, ...labels]);
      const actual = cli('routes', 'test', s.dir, `--verify.receivers=${verify}`, ...labels);
      expect({ verify, code: actual.code, stdout: actual.stdout }).toStrictEqual({ verify, code: expected.code, stdout: expected.stdout });
    }
    expect(cli('routes', 'test', s.dir, '--verify.receivers', 'nobody', ...labels).code).toBe(1);
  }, 60_000);
});
