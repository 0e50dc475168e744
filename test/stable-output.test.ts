/**
 * Synthesizing the same app twice gives byte-identical YAML: no timestamps, random names,
 * map-order or cache effects. Each run loads the library afresh (`jest.isolateModules`), as
 * a new `cdk8s synth` process would, except where a run deliberately reuses warm caches.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

type FleetModule = typeof import('../examples/fleet/main');

const dirs: string[] = [];
function tmp(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-stable-'));
  dirs.push(d);
  return d;
}
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Every file under `dir` with its content, by relative path. */
function snapshot(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) { walk(p); } else { out.set(path.relative(dir, p), fs.readFileSync(p)); }
    }
  };
  walk(dir);
  return out;
}

function expectIdentical(a: Map<string, Buffer>, b: Map<string, Buffer>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [file, bytes] of a) {
    // Compare as text first for a readable diff, then as bytes.
    expect(`${file}\n${b.get(file)!.toString('utf8')}`).toEqual(`${file}\n${bytes.toString('utf8')}`);
    expect(b.get(file)!.equals(bytes)).toBe(true);
  }
}

/** Runs `examples/main.ts` (the `npm run synth` app) in a fresh module registry. */
function synthExamples(): Map<string, Buffer> {
  const outdir = tmp();
  const saved = process.env.CDK8S_OUTDIR;
  process.env.CDK8S_OUTDIR = outdir;
  try {
    jest.isolateModules(() => { require('../examples/main'); });
  } finally {
    if (saved === undefined) { delete process.env.CDK8S_OUTDIR; } else { process.env.CDK8S_OUTDIR = saved; }
  }
  return snapshot(outdir);
}

function freshFleetModule(): FleetModule {
  let mod: FleetModule | undefined;
  jest.isolateModules(() => { mod = require('../examples/fleet/main'); });
  return mod!;
}

describe('stable output', () => {
  test('the article examples synthesize to the same bytes twice', () => {
    const first = synthExamples();
    expect([...first.keys()].sort()).toEqual(['first-article.k8s.yaml', 'second-article.k8s.yaml']);
    expectIdentical(first, synthExamples());
  });

  test('the example fleet synthesizes to the same bytes twice, cold and warm', () => {
    const cold = freshFleetModule();
    const a = tmp();
    cold.synthFleet(cold.buildFleet(cold.FLEET, { outdir: a }));
    // Same module instance: the PromQL and regex caches are warm now.
    const b = tmp();
    cold.synthFleet(cold.buildFleet(cold.FLEET, { outdir: b }));
    // Another fresh instance, as a second `cdk8s synth` process would load it.
    const other = freshFleetModule();
    const c = tmp();
    other.synthFleet(other.buildFleet(other.FLEET, { outdir: c }));

    const first = snapshot(a);
    expect(first.size).toBe(cold.FLEET.length * 3 + cold.FLEET.reduce((n, cl) => n + cl.teams.length + 2, 0));
    expectIdentical(first, snapshot(b));
    expectIdentical(first, snapshot(c));
  });

  test('synthesizing the same fleet object again rewrites the same bytes', () => {
    const mod = freshFleetModule();
    const outdir = tmp();
    const fleet = mod.buildFleet(mod.syntheticFleet(3, { teams: 4, rulesPerTeam: 6 }), { outdir });
    mod.synthFleet(fleet);
    const first = snapshot(outdir);
    mod.synthFleet(fleet);
    expectIdentical(first, snapshot(outdir));
  });
});
