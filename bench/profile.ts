/**
 * Summarizes a V8 CPU profile (`node --cpu-prof`): the functions with the most self time,
 * and time by package. `node dist/bench/profile.js <file.cpuprofile> [top]`.
 */
import * as fs from 'fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: number[];
}

/** Where a script comes from: a package, the library, or node itself. */
function origin(url: string): string {
  const nm = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (nm) { return nm[1]; }
  const dist = /\/dist\/(lib|imports|examples|bench)\//.exec(url);
  if (dist) { return dist[1] === 'lib' ? 'cdk8s-alerting lib' : dist[1]; }
  return url.startsWith('node:') ? 'node' : url === '' ? '(vm: gc, idle, program)' : url;
}

/** The hottest functions (self time) and the time per origin, as text. */
export function summarizeProfile(file: string, top = 25): string {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFunction = new Map<string, number>();
  const byOrigin = new Map<string, number>();
  let total = 0;
  for (const [id, us] of self) {
    const f = byId.get(id)!.callFrame;
    const short = f.url.replace(/.*node_modules\//, '').replace(/.*\/dist\//, '');
    const key = `${f.functionName || '(anonymous)'}  ${short}:${f.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
    byOrigin.set(origin(f.url), (byOrigin.get(origin(f.url)) ?? 0) + us);
    total += us;
  }
  const rows = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n)
    .map(([k, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms ${(100 * us / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  return `self time by origin (total ${(total / 1000).toFixed(0)} ms):\n${rows(byOrigin, 15)}\n\nhottest functions (self time):\n${rows(byFunction, top)}`;
}

if (require.main === module) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    process.stderr.write('usage: node dist/bench/profile.js <file.cpuprofile> [top]\n');
    process.exit(2);
  }
  process.stdout.write(`${summarizeProfile(file, Number(top ?? 25))}\n`);
}

/**
 * Inclusive time (ms) under each of `functions` (by function name), each sample counted once
 * per function even when it recurses.
 */
export function inclusiveTimes(file: string, functions: readonly string[]): Map<string, number> {
  const p = JSON.parse(fs.readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  const parent = new Map<number, number>();
  for (const n of p.nodes) { for (const c of n.children ?? []) { parent.set(c, n.id); } }
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const wanted = new Set(functions);
  const out = new Map<string, number>(functions.map((f) => [f, 0]));
  p.samples.forEach((id, i) => {
    const us = p.timeDeltas[i] ?? 0;
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const name = byId.get(cur)!.callFrame.functionName;
      if (wanted.has(name) && !seen.has(name)) {
        seen.add(name);
        out.set(name, out.get(name)! + us / 1000);
      }
    }
  });
  return out;
}
