/**
 * Process and network plumbing for the end-to-end tests: loopback only, explicit ports,
 * temp dirs, bounded run time, and every child killed (afterAll + process exit).
 */
import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { IncomingMessage, Server, createServer, request } from 'http';
import { AddressInfo, createServer as createNetServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';

/** The real binaries the e2e tests drive (Debian's packages). */
export const TOOLS = {
  prometheus: 'prometheus', promtool: 'promtool', alertmanager: 'prometheus-alertmanager', amtool: 'amtool',
  /** coreutils `timeout`, which bounds every server's lifetime. */
  timeout: 'timeout',
} as const;

/**
 * Whether every named binary is on PATH. Locally a missing binary skips the suite with a loud
 * warning; under `CI=true` it throws, so CI cannot pass by skipping.
 */
export function haveTools(...names: string[]): boolean {
  const missing = names.filter((n) => spawnSync('sh', ['-c', `command -v ${n}`]).status !== 0);
  if (missing.length === 0) { return true; }
  const msg = `e2e: missing binaries ${missing.join(', ')} (Debian: apt-get install prometheus prometheus-alertmanager)`;
  if (process.env.CI === 'true') { throw new Error(`${msg}; CI=true, so this is a failure, not a skip`); }
  console.warn(`\n!!!!! ${msg}: SKIPPING these tests !!!!!\n`);
  return false;
}

/** `describe`, or `describe.skip` when the binaries are missing (see {@link haveTools}). */
export function describeWithTools(names: string[], title: string, body: () => void): void {
  (haveTools(...names) ? describe : describe.skip)(title, body);
}

/** A free TCP port on 127.0.0.1 (bound and released; the caller passes it explicitly). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createNetServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

const tempDirs = new Set<string>();

/** A fresh temp dir, removed by {@link cleanup}. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cdk8s-alerting-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

/** A running child process and its captured output. */
export interface Proc {
  readonly name: string;
  readonly child: ChildProcess;
  /** stdout + stderr so far. */
  log(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process group is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL the whole process group at once (a crash). */
  kill(): void;
}

const procs = new Set<Proc>();

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) { return; }
  try { process.kill(-pid, signal); } catch { /* already gone */ }
}

process.once('exit', () => {
  for (const p of procs) { killGroup(p.child.pid, 'SIGKILL'); }
  for (const d of tempDirs) { rmSync(d, { recursive: true, force: true }); }
});

/**
 * Starts `cmd` under coreutils `timeout` (so it dies after `maxSeconds` even if this process
 * is killed), in its own process group, output captured.
 */
export function startProcess(name: string, cmd: string, args: readonly string[], maxSeconds = 120): Proc {
  const child = spawn(TOOLS.timeout, ['-k', '5', String(maxSeconds), cmd, ...args], { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const proc: Proc = {
    name,
    child,
    log: () => output,
    stop: async (graceMs = 3000) => {
      if (child.exitCode === null && child.signalCode === null) {
        killGroup(child.pid, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child.pid, 'SIGKILL'), graceMs);
        await exited;
        clearTimeout(timer);
      }
      procs.delete(proc);
    },
    kill: () => killGroup(child.pid, 'SIGKILL'),
  };
  procs.add(proc);
  return proc;
}

/** Stops every process started here and removes every temp dir. Call from `afterAll`. */
export async function cleanup(): Promise<void> {
  await Promise.all([...procs].map((p) => p.stop()));
  for (const d of tempDirs) { rmSync(d, { recursive: true, force: true }); }
  tempDirs.clear();
}

/**
 * Polls `check` until it returns a value other than `undefined`/`false`, or throws after
 * `timeoutMs`; `what` may be a function, evaluated on failure (e.g. to include a process log).
 */
export async function waitFor<T>(what: string | (() => string), check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs: number, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v !== undefined && v !== false) { return v; }
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs}ms waiting for ${typeof what === 'function' ? what() : what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
    }
    await sleep(intervalMs);
  }
}

/** Resolves after `ms`. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** A minimal HTTP client for loopback JSON APIs. */
export async function httpJson(method: string, url: string, body?: unknown): Promise<{ status: number; json: unknown; text: string }> {
  return new Promise((resolve, reject) => {
    const data = body === undefined ? undefined : JSON.stringify(body);
    const req = request(url, { method, headers: data ? { 'content-type': 'application/json' } : {}, timeout: 5000 }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString(); });
      res.on('end', () => {
        let json: unknown;
        try { json = JSON.parse(text); } catch { json = undefined; }
        resolve({ status: res.statusCode ?? 0, json, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out`)));
    req.on('error', reject);
    if (data) { req.write(data); }
    req.end();
  });
}

/** A request received by a {@link Sink}. */
export interface Received {
  readonly path: string;
  readonly body: Record<string, unknown>;
  readonly at: number;
}

/** A local HTTP server standing in for a notification endpoint (Lambda webhook, Slack). */
export interface Sink {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** Starts a sink on 127.0.0.1 that records every POSTed JSON body and answers 200 `ok`. */
export async function startSink(path: string): Promise<Sink> {
  const received: Received[] = [];
  const server: Server = createServer((req: IncomingMessage, res) => {
    let text = '';
    req.on('data', (d: Buffer) => { text += d.toString(); });
    req.on('end', () => {
      try { received.push({ path: req.url ?? '', body: JSON.parse(text) as Record<string, unknown>, at: Date.now() }); } catch { /* not JSON */ }
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${path}`,
    received,
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

/** Runs a binary with a time limit; resolves with its exit code and output (never rejects on exit code). */
export function run(cmd: string, args: readonly string[], timeoutMs = 10_000): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, [...args], { timeout: timeoutMs }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

/** Runs `tasks` with at most `limit` in flight; results keep the input order. */
export async function pool<T>(limit: number, tasks: ReadonlyArray<() => Promise<T>>): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}
