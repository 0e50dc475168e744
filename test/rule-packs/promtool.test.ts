/**
 * Every shipped rule pack against the real promtool (Debian's 2.42): `promtool check rules`
 * accepts the synthesized rules, and `promtool test rules` runs the unit tests in
 * `promtool/` (input series and the alerts expected from them, annotations expanded).
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { parse, stringify } from 'yaml';
import { TOOLS, cleanup, describeWithTools, run, tempDir } from '../e2e/_harness';
import { packRuleFiles } from './_packs';

const DIR = join(__dirname, 'promtool');
const TEST_FILES = readdirSync(DIR).filter((f) => f.endsWith('.test.yaml')).sort();

/** Writes the rule files and the given unit test files into a fresh temp dir. */
function workspace(tests: Record<string, string>): string {
  const dir = tempDir('promtool-packs');
  for (const [name, content] of Object.entries(packRuleFiles())) {
    writeFileSync(join(dir, name), stringify(content));
  }
  for (const [name, content] of Object.entries(tests)) {
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

describeWithTools([TOOLS.promtool], 'rule packs with promtool 2.42', () => {
  afterAll(cleanup);

  test('promtool check rules accepts every synthesized pack', async () => {
    const dir = workspace({});
    const res = await run(TOOLS.promtool, ['check', 'rules', join(dir, 'packs.yaml'), join(dir, 'packs-default-selectors.yaml')]);
    expect(`${res.stdout}${res.stderr}`).toMatch(/SUCCESS: 18 rules found[\s\S]*SUCCESS: 18 rules found/);
    expect(res.code).toBe(0);
  });

  test.each(TEST_FILES)('promtool test rules %s', async (file) => {
    const dir = workspace({ [file]: readFileSync(join(DIR, file), 'utf8') });
    const res = await run(TOOLS.promtool, ['test', 'rules', join(dir, file)], 60_000);
    expect(`${res.stdout}${res.stderr}`).toContain('SUCCESS');
    expect(res.code).toBe(0);
  }, 90_000);

  test('a unit test with a wrong expectation fails (the tests can fail)', async () => {
    const tests = parse(readFileSync(join(DIR, 'heartbeat.test.yaml'), 'utf8'));
    tests.tests[0].alert_rule_test[0].exp_alerts[0].exp_labels.severity = 'critical';
    const dir = workspace({ 'broken.test.yaml': stringify(tests) });
    const res = await run(TOOLS.promtool, ['test', 'rules', join(dir, 'broken.test.yaml')], 60_000);
    expect(res.code).not.toBe(0);
    expect(`${res.stdout}${res.stderr}`).toMatch(/FAILED/);
  }, 90_000);
});
