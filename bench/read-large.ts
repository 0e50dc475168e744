/**
 * Time and peak memory of `readManifests` (lib/model/read-manifests.ts) on one large
 * multi-document YAML file of ordinary manifests:
 *
 *     npm run build && npx tsc -p bench/tsconfig.json && node dist/bench/read-large.js [MB]
 *
 * Writes a file of about `MB` megabytes (default 50) into a fresh temporary directory (removed
 * afterwards): Deployments, Services, PrometheusRules and ConfigMaps, whose block scalars hold
 * `---` lines (indented, so they are content, not document starts). Each reading runs in a
 * fresh `node` process, so `maxRSS` is the reading's own peak. It checks that every document
 * was read, none is a problem, and the values are right (a sample is compared with what
 * `yaml`'s `parseAllDocuments` makes of the same text).
 *
 * Environment: BENCH_COMPARE=1 also times the old reader (`loadManifests` of
 * lib/simulate/manifests.ts, `parseAllDocuments` on the whole file), which takes several
 * times longer and over 1.5 GB for 50 MB.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

/** Manifest `i` of the generated file, as YAML. */
export function manifest(i: number): string {
  switch (i % 4) {
    case 0: return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-${i}
  namespace: team-${i % 17}
  labels:
    app.kubernetes.io/name: app-${i}
    app.kubernetes.io/part-of: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: app-${i}}
  template:
    metadata:
      labels:
        app: app-${i}
    spec:
      containers:
        - name: main
          image: "registry.example.com/app:${i}.0.1"
          args: ["--port=8080", "--log-level=info"]
          ports:
            - containerPort: 8080
              name: http
          resources:
            limits: {cpu: 500m, memory: 256Mi}
`;
    case 1: return `apiVersion: monitoring.coreos.com/v1
kind: PrometheusRule
metadata:
  name: rules-${i}
  namespace: team-${i % 17}
spec:
  groups:
    - name: app.rules
      rules:
        - alert: HighErrorRate
          expr: |
            sum(rate(http_requests_total{job="app-${i}",code=~"5.."}[5m]))
              / sum(rate(http_requests_total{job="app-${i}"}[5m])) > 0.05
          for: 10m
          labels:
            severity: critical
          annotations:
            summary: "High error rate on {{ $labels.job }}"
`;
    case 2: return `# config ${i}
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg-${i}
data:
  config.yaml: |
    ---
    key: value-${i}
    list:
      - a
      - b
`;
    default: return `apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
  namespace: team-${i % 17}
spec:
  ports:
    - port: 80
      targetPort: http
  selector:
    app: app-${i}
`;
  }
}

/** Writes about `bytes` bytes of manifests to `file`; returns the number of documents. */
export function writeManifests(file: string, bytes: number): number {
  const fd = fs.openSync(file, 'w');
  let size = 0;
  let count = 0;
  let chunk: string[] = [];
  while (size < bytes) {
    const doc = (count > 0 ? '---\n' : '') + manifest(count++);
    size += Buffer.byteLength(doc);
    chunk.push(doc);
    if (chunk.length >= 1000) { fs.writeSync(fd, chunk.join('')); chunk = []; }
  }
  fs.writeSync(fd, chunk.join(''));
  fs.closeSync(fd);
  return count;
}

interface Measurement { readonly ms: number; readonly maxRssMb: number; readonly documents: number; readonly problems: number; readonly sampleOk: boolean }

/** In the child process: reads `file` with `reader` and prints one JSON line. */
function child(reader: string, file: string, expected: number): void {
  const t0 = performance.now();
  let documents: unknown[];
  let problems = 0;
  if (reader === 'new') {
    const { readManifests } = require('../lib/model/read-manifests') as typeof import('../lib/model/read-manifests');
    const result = readManifests([file]);
    documents = result.documents.map((d) => d.value);
    problems = result.problems.length;
  } else {
    const { loadManifests } = require('../lib/simulate/manifests') as typeof import('../lib/simulate/manifests');
    documents = loadManifests(path.dirname(file));
  }
  const ms = performance.now() - t0;
  // compare a sample with parseAllDocuments of the same documents' text
  const { parseAllDocuments } = require('yaml') as typeof import('yaml');
  const picks = [0, 1, 2, 3, Math.floor(expected / 2), expected - 1];
  const sampleOk = documents.length === expected && picks.every((i) => {
    const want = parseAllDocuments(manifest(i))[0].toJS();
    return JSON.stringify(documents[i]) === JSON.stringify(want);
  });
  const m: Measurement = { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, documents: documents.length, problems, sampleOk };
  process.stdout.write(`${JSON.stringify(m)}\n`);
}

function measure(reader: string, file: string, expected: number): Measurement | string {
  const run = spawnSync(process.execPath, [__filename, 'child', reader, file, String(expected)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) { return `exit ${run.status ?? run.signal}: ${(run.stderr || '').trim().split('\n').slice(-3).join(' ')}`; }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measurement;
}

function main(): void {
  const mb = Number(process.argv[2] ?? 50);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-large-'));
  try {
    const file = path.join(dir, 'manifests.yaml');
    const expected = writeManifests(file, mb * 1024 * 1024);
    const size = fs.statSync(file).size;
    console.log(`${path.basename(file)}: ${(size / 1024 / 1024).toFixed(1)} MiB, ${expected} documents; node ${process.version}, ${os.cpus().length} CPUs`);
    const readers = process.env.BENCH_COMPARE === '1' ? ['new', 'old'] : ['new'];
    for (const reader of readers) {
      const m = measure(reader, file, expected);
      const name = reader === 'new' ? 'readManifests' : 'loadManifests (old)';
      if (typeof m === 'string') { console.log(`${name}: failed, ${m}`); process.exitCode = 1; continue; }
      const ok = m.documents === expected && m.problems === 0 && m.sampleOk;
      console.log(`${name}: ${(m.ms / 1000).toFixed(1)} s, peak RSS ${Math.round(m.maxRssMb)} MB, ${(size / 1024 / 1024 / (m.ms / 1000)).toFixed(1)} MiB/s, ` +
        `${m.documents} documents, ${m.problems} problems, values ${m.sampleOk ? 'match' : 'DIFFER'}${ok ? '' : '  <-- WRONG'}`);
      if (!ok) { process.exitCode = 1; }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === 'child') {
  child(process.argv[3], process.argv[4], Number(process.argv[5]));
} else if (require.main === module) {
  main();
}
