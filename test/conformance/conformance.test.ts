/**
 * Operator conformance: prometheus-operator v0.93's own tests of the configuration it generates
 * (pkg/alertmanager amcfg_test.go: every case of TestInitializeFromAlertmanagerConfig,
 * TestGenerateConfig*, TestSanitize*, TestHTTPClientConfig, TestTimeInterval, TestLoadConfig,
 * TestConvertHTTPConfig; operator_test.go: TestCheckAlertmanagerConfig,
 * TestProvisionAlertmanagerConfiguration), translated into Kubernetes objects in cases/*.yaml,
 * with the golden outputs written as expectations. Our effective configuration must equal them
 * semantically.
 *
 * A case marked `knownDifference` documents where we still differ, and why: the suite checks
 * that it still differs, so that fixing it forces the case to be updated.
 */
import { ConformanceCase, compare, loadCases } from './_harness';

const cases = loadCases();
const results = new Map<ConformanceCase, string[]>();

afterAll(() => {
  const agree = [...results.entries()].filter(([c, d]) => !c.knownDifference && d.length === 0).length;
  const known = [...results.keys()].filter((c) => c.knownDifference).length;
  process.stdout.write(`\nconformance: ${agree}/${results.size} cases agree with prometheus-operator v0.93, ${known} known difference${known === 1 ? '' : 's'}\n`);
});

test('every case names its Go test and golden file (or its expected error or verdict), and names are unique per test', () => {
  const seen = new Set<string>();
  for (const c of cases) {
    expect({ name: c.name, test: c.test, has: !!(c.golden || c.error || c.ok !== undefined) }).toStrictEqual({ name: c.name, test: expect.stringMatching(/^Test/), has: true });
    expect({ c: `${c.test}/${c.name}`, duplicate: seen.has(`${c.test}/${c.name}`) }).toStrictEqual({ c: `${c.test}/${c.name}`, duplicate: false });
    seen.add(`${c.test}/${c.name}`);
    expect(c.expect.config !== undefined || c.expect.failure !== undefined || (c.expect.rejected ?? c.expect.accepted) !== undefined).toBe(true);
  }
  expect(cases.length).toBeGreaterThan(50);
});

describe.each([...new Set(cases.map((c) => c.test))])('%s', (goTest) => {
  test.each(cases.filter((c) => c.test === goTest).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const diffs = compare(c);
    results.set(c, diffs);
    if (c.knownDifference) {
      // A known difference must still differ: when it is fixed, move the case to the agreeing ones.
      expect({ knownDifference: c.knownDifference, stillDiffers: diffs.length > 0 }).toStrictEqual({ knownDifference: c.knownDifference, stillDiffers: true });
    } else {
      expect(diffs).toStrictEqual([]);
    }
  });
});
