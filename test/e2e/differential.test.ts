/**
 * Differential test: the simulator against the real `amtool config routes test` (0.25) on
 * label sets drawn from the example stack and from seeded random routing trees.
 */
import {
  ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS, NativeAlertmanagerConfig, receiverSlug, renderEffectiveConfig, simulateRouting,
} from '../../lib/simulate';
import { TOOLS, cleanup, describeWithTools, pool, run } from './_harness';
import { alertmanagerOf, loadExampleStack } from './_fixtures';
import { prng, randomConfig, randomLabelSets } from './_random-routes';
import { amtoolRoutes, writeAlertmanagerConfig } from './_stack';

interface Case {
  readonly source: string;
  readonly configFile: string;
  readonly config: NativeAlertmanagerConfig;
  readonly labels: Record<string, string>;
}

const SEED = 20240611;
const RANDOM_CONFIGS = 30;
const LABEL_SETS_PER_CONFIG = 10;

/** Every combination of the labels the example stack routes on. */
function exampleLabelSets(): Array<Record<string, string>> {
  const sets: Array<Record<string, string>> = [];
  for (const alertname of ['ExampleAlert', 'FluxKustomizationReconciliationfailed', 'Watchdog']) {
    for (const severity of ['warning', 'critical', 'error', 'info', undefined]) {
      for (const namespace of ['prometheus', 'prometheus-alerts', 'flux-system', undefined]) {
        for (const kind of ['Kustomization', 'HelmRelease']) {
          sets.push({ alertname, kind, ...(severity ? { severity } : {}), ...(namespace ? { namespace } : {}) });
        }
      }
    }
  }
  return sets;
}

function exampleCases(): Case[] {
  return [false, true].flatMap((withMsTeams) => {
    const manifests = loadExampleStack({ withMsTeams });
    const { config } = renderEffectiveConfig({
      alertmanager: alertmanagerOf(manifests), alertmanagerConfigs: manifests, omitIntegrations: ALERTMANAGER_0_25_UNSUPPORTED_INTEGRATIONS,
    });
    const configFile = writeAlertmanagerConfig(config);
    return exampleLabelSets().map((labels) => ({ source: `example stack${withMsTeams ? ' + msteams' : ''}`, configFile, config, labels }));
  });
}

function randomCases(): Case[] {
  const rand = prng(SEED);
  return Array.from({ length: RANDOM_CONFIGS }, (_, i) => {
    const config = randomConfig(rand);
    const configFile = writeAlertmanagerConfig(config, `random-${i}.yaml`);
    return randomLabelSets(rand, config, LABEL_SETS_PER_CONFIG).map((labels) => ({ source: `random tree #${i} (seed ${SEED})`, configFile, config, labels }));
  }).flat();
}

describeWithTools([TOOLS.amtool], 'differential: simulateRouting vs amtool config routes test 0.25', () => {
  let example: Case[];
  let random: Case[];
  beforeAll(() => {
    example = exampleCases();
    random = randomCases();
  });
  afterAll(cleanup);

  test('random trees are valid Alertmanager configs', async () => {
    const files = [...new Set(random.map((c) => c.configFile))];
    const results = await pool(4, files.map((f) => () => run(TOOLS.amtool, ['check-config', f])));
    expect(results.filter((r) => r.code !== 0).map((r) => r.stdout + r.stderr)).toStrictEqual([]);
  }, 60_000);

  test('zero disagreements over >= 300 label sets', async () => {
    const cases = [...example, ...random];
    const started = Date.now();
    const actual = await pool(4, cases.map((c) => () => amtoolRoutes(c.configFile, c.labels)));
    const disagreements = cases
      .map((c, i) => ({ c, amtool: actual[i], simulator: receiverSlug(simulateRouting(c.config, c.labels)) }))
      .filter((d) => d.amtool !== d.simulator);
    console.log(`differential: ${cases.length} label sets (${example.length} from the example stack, ${random.length} from ${RANDOM_CONFIGS} random trees), `
      + `${disagreements.length} disagreements, ${Date.now() - started} ms of amtool; `
      + `${actual.filter((a) => a.includes(',')).length} reach several receivers, ${new Set(actual).size} distinct receiver lists`);
    for (const d of disagreements.slice(0, 5)) {
      console.log(`DISAGREE ${d.c.source} ${d.c.configFile}\n  labels ${JSON.stringify(d.c.labels)}\n  amtool    ${d.amtool}\n  simulator ${d.simulator}`);
    }
    expect(cases.length).toBeGreaterThanOrEqual(300);
    expect(disagreements).toHaveLength(0);
  }, 120_000);
});
