/**
 * The operator conformance suite's machinery: reads the cases (test/conformance/cases/*.yaml),
 * turns each into Kubernetes objects, renders our effective configuration, and compares it
 * SEMANTICALLY with the expectation written from prometheus-operator v0.93's own generation
 * tests (pkg/alertmanager/amcfg_test.go and its testdata/*.golden).
 *
 * A case file is a YAML list of cases:
 *
 * ```yaml
 * - name: skeleton base, simple CR          # the Go test case's name
 *   test: TestGenerateConfig                # the Go test function
 *   golden: skeleton_base_simple_CR.golden  # its golden file (or `error: true`)
 *   version: 0.22.2                         # spec.version (the Go test's amVersion)
 *   strategy: None                          # alertmanagerConfigMatcherStrategy.type
 *   base: |                                 # alertmanager.yaml of the config Secret
 *     route: {receiver: "null"}
 *     receivers: [{name: "null"}]
 *   alertmanagerConfiguration: {name: …, global: {…}}  # the base AlertmanagerConfig (the
 *                                           # Alertmanager then lives in that CR's namespace)
 *   alertmanager: {namespace: …, spec: {…}} # more of the Alertmanager
 *   configs: {<ns>/<name>: <spec>}          # AlertmanagerConfig objects
 *   secrets: {<ns>/<name>: {key: value}}    # Secret objects (stringData)
 *   configMaps: {<ns>/<name>: {key: value}} # ConfigMap objects
 *   ok: true|false                          # instead of golden/error, for Go tests that only
 *                                           # assert success (TestCheckAlertmanagerConfig)
 *   expect:
 *     config: {…}        # the golden output, or
 *     failure: <regex>   # the operator fails the reconciliation, or
 *     rejected: [<ns>/<name>, …]   # CRs the operator skips (with config: and no others), or
 *     accepted: [<ns>/<name>, …]   # CRs the operator does not skip (alone: only the verdict counts)
 *   note: …              # how the case maps onto the Go test, when it is not one to one
 *   knownDifference: …   # why we still differ; the suite then checks that we DO differ
 * ```
 *
 * @module
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import {
  KubeManifest, OperatorReconcileError, formatMatcher, parseMatchers, renderEffectiveConfig,
} from '../../lib/simulate';
import { secretValue } from '../../lib/simulate/base-config';
import { durationToMs, isDuration } from '../../lib/simulate/durations';

/** One conformance case, as written in a case file. */
export interface ConformanceCase {
  readonly name: string;
  readonly test: string;
  readonly golden?: string;
  readonly error?: boolean;
  readonly ok?: boolean;
  readonly version?: string;
  readonly strategy?: string;
  readonly base?: string;
  readonly alertmanagerConfiguration?: { readonly name: string; readonly global?: Record<string, unknown> };
  readonly alertmanager?: { readonly namespace?: string; readonly spec?: Record<string, unknown> };
  readonly configs?: Readonly<Record<string, Record<string, unknown>>>;
  readonly secrets?: Readonly<Record<string, Record<string, string>>>;
  readonly configMaps?: Readonly<Record<string, Record<string, string>>>;
  readonly expect: {
    readonly config?: unknown;
    readonly failure?: string;
    readonly rejected?: readonly string[];
    readonly accepted?: readonly string[];
  };
  readonly note?: string;
  readonly knownDifference?: string;
  /** The file it was read from. */
  readonly file: string;
}

export const CASES_DIR = join(__dirname, 'cases');

/** Every case of every case file, in file order. */
export function loadCases(): ConformanceCase[] {
  return readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).sort().flatMap((file) => {
    // YAML anchors and merge keys (`<<: *x`) let a file share objects between its cases.
    const cases = parse(readFileSync(join(CASES_DIR, file), 'utf8'), { merge: true, maxAliasCount: -1 }) as Array<Omit<ConformanceCase, 'file'>>;
    return cases.map((c) => ({ ...c, file }));
  });
}

/** The Alertmanager's namespace in the Go tests (`alertmanager-namespace`), unless the case says otherwise. */
const AM_NAMESPACE = 'alertmanager-namespace';

function split(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** The Kubernetes objects of a case. */
export function objectsOf(c: ConformanceCase): { alertmanager: KubeManifest; objects: KubeManifest[] } {
  const baseKey = c.alertmanagerConfiguration && Object.keys(c.configs ?? {}).find((k) => split(k)[1] === c.alertmanagerConfiguration!.name);
  const namespace = c.alertmanager?.namespace ?? (baseKey ? split(baseKey)[0] : AM_NAMESPACE);
  const alertmanager: KubeManifest = {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'Alertmanager',
    metadata: { name: 'main', namespace },
    spec: {
      ...(c.version ? { version: c.version } : {}),
      alertmanagerConfigSelector: {},
      alertmanagerConfigNamespaceSelector: {},
      ...(c.strategy ? { alertmanagerConfigMatcherStrategy: { type: c.strategy } } : {}),
      ...(c.alertmanagerConfiguration ? { alertmanagerConfiguration: c.alertmanagerConfiguration } : {}),
      ...(c.alertmanager?.spec ?? {}),
    },
  };
  const objects: KubeManifest[] = [];
  if (c.base !== undefined) {
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'alertmanager-main', namespace }, stringData: { 'alertmanager.yaml': c.base } } as KubeManifest);
  }
  for (const [key, spec] of Object.entries(c.configs ?? {})) {
    const [ns, name] = split(key);
    objects.push({ apiVersion: 'monitoring.coreos.com/v1alpha1', kind: 'AlertmanagerConfig', metadata: { name, namespace: ns }, spec });
  }
  for (const [key, data] of Object.entries(c.secrets ?? {})) {
    const [ns, name] = split(key);
    objects.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, stringData: data } as KubeManifest);
  }
  for (const [key, data] of Object.entries(c.configMaps ?? {})) {
    const [ns, name] = split(key);
    objects.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: ns }, data } as KubeManifest);
  }
  return { alertmanager, objects };
}

/** What we produce for a case: a configuration or a reconciliation failure, and the CRs skipped on the way. */
export type Outcome = { readonly rejected: readonly string[] } & ({ readonly config: unknown } | { readonly failure: string });

/** Renders a case with every Secret and ConfigMap value resolved (the Go tests compare real values). */
export function outcomeOf(c: ConformanceCase): Outcome {
  const { alertmanager, objects } = objectsOf(c);
  const find = (kind: string, ns: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name);
  try {
    const result = renderEffectiveConfig({
      alertmanager,
      alertmanagerConfigs: objects,
      revealSecrets: true,
      resolveSecret: (ns, name, key) => {
        const s = find('Secret', ns, name);
        return s ? secretValue(s, key) : undefined;
      },
      resolveConfigMap: (ns, name, key) => (find('ConfigMap', ns, name) as { data?: Record<string, string> } | undefined)?.data?.[key],
    });
    return { config: JSON.parse(JSON.stringify(result.config)), rejected: result.rejected.map((r) => r.name) };
  } catch (e) {
    if (e instanceof OperatorReconcileError) { return { failure: e.message, rejected: e.rejected.map((r) => r.name) }; }
    throw e;
  }
}

/** Booleans whose Alertmanager default is true: `false` is meaningful there. */
const DEFAULT_TRUE = new Set(['send_resolved', 'follow_redirects', 'enable_http2', 'require_tls', 'smtp_require_tls']);
const DURATIONS = new Set(['group_wait', 'group_interval', 'repeat_interval', 'resolve_timeout', 'timeout', 'retry', 'expire', 'reopen_duration']);
const MATCHER_LISTS = new Set(['matchers', 'source_matchers', 'target_matchers']);
const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function rangeOf(v: string, resolve: (s: string) => string): string {
  const [a, b] = (v.includes(':') ? v.split(':') : [v, v]).map((x) => resolve(x.trim()));
  return a === b ? a : `${a}:${b}`;
}

function canonicalMatcher(m: string): string {
  try {
    return parseMatchers(m).map(formatMatcher).join(',');
  } catch {
    return m;
  }
}

/**
 * The semantic form of a configuration value: what Alertmanager would read the same way is
 * written the same way. Empty values and defaults are removed (an absent `false`, empty string,
 * list or map), durations become milliseconds, matchers are re-formatted, time interval ranges
 * use one spelling, and `global.resolve_timeout: 5m` (Alertmanager's default) is removed.
 */
export function normalise(v: unknown, key = ''): unknown {
  if (v === null || v === undefined || v === '') { return undefined; }
  if (Array.isArray(v)) {
    let items = v.map((x) => normalise(x, key)).filter((x) => x !== undefined);
    if (MATCHER_LISTS.has(key)) { items = items.map((x) => (typeof x === 'string' ? canonicalMatcher(x) : x)); }
    if (key === 'weekdays') { items = items.map((x) => rangeOf(String(x), (d) => (/^\d+$/.test(d) ? WEEKDAYS[Number(d)] : d.toLowerCase()))); }
    if (key === 'months') { items = items.map((x) => rangeOf(String(x), (m) => (MONTHS.includes(m.toLowerCase()) ? String(MONTHS.indexOf(m.toLowerCase()) + 1) : String(Number(m))))); }
    if (key === 'days_of_month' || key === 'years') { items = items.map((x) => rangeOf(String(x), (d) => String(Number(d)))); }
    return items.length ? items : undefined;
  }
  if (typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const n = normalise(x, k);
      if (n === undefined) { continue; }
      if (n === false && !DEFAULT_TRUE.has(k)) { continue; }
      out[k] = n;
    }
    if (key === 'global' && out.resolve_timeout === durationToMs('5m')) { delete out.resolve_timeout; }
    return Object.keys(out).length ? out : undefined;
  }
  if (typeof v === 'string' && DURATIONS.has(key) && isDuration(v)) { return durationToMs(v); }
  return v;
}

/** The differences between two normalised values, as `path: expected → actual` lines. */
export function differences(expected: unknown, actual: unknown, path = ''): string[] {
  if (JSON.stringify(expected) === JSON.stringify(actual)) { return []; }
  const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
  if (Array.isArray(expected) && Array.isArray(actual) && expected.length === actual.length) {
    return expected.flatMap((e, i) => differences(e, actual[i], `${path}[${i}]`));
  }
  if (isObj(expected) && isObj(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((k) => differences(expected[k], actual[k], path ? `${path}.${k}` : k));
  }
  return [`${path || '(root)'}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}

/** How a case compares: the differences between the expectation and our outcome (empty: agree). */
export function compare(c: ConformanceCase): string[] {
  const outcome = outcomeOf(c);
  if (c.expect.config === undefined && c.expect.failure === undefined) {
    // Only the verdict on some CRs: the merge that follows does not matter.
    return [
      ...(c.expect.rejected ?? []).filter((n) => !outcome.rejected.includes(n)).map((n) => `expected ${n} to be rejected, it was accepted`),
      ...(c.expect.accepted ?? []).filter((n) => outcome.rejected.includes(n)).map((n) => `expected ${n} to be accepted, it was rejected`),
    ];
  }
  if (c.expect.failure !== undefined) {
    if (!('failure' in outcome)) { return [`expected the operator to fail (${c.expect.failure}), we generated a configuration${outcome.rejected.length ? ` (rejected: ${outcome.rejected.join(', ')})` : ''}`]; }
    return new RegExp(c.expect.failure).test(outcome.failure) ? [] : [`failure reason: expected /${c.expect.failure}/, got ${JSON.stringify(outcome.failure)}`];
  }
  if ('failure' in outcome) { return [`expected a configuration, the operator would fail: ${outcome.failure}`]; }
  if (!('config' in outcome)) { return ['no configuration']; }
  const diffs = differences(normalise(c.expect.config), normalise(outcome.config));
  const rejected = [...(c.expect.rejected ?? [])].sort();
  if (JSON.stringify(rejected) !== JSON.stringify([...outcome.rejected].sort())) {
    diffs.push(`rejected: expected ${JSON.stringify(rejected)}, got ${JSON.stringify(outcome.rejected)}`);
  }
  return diffs;
}
