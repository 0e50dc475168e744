/**
 * Suppressions: a finding that the user accepts, with a reason, is still listed (as suppressed)
 * but fails nothing.
 *
 * One format on the objects, whatever declares it: the annotation
 * `suppress.cdk8s-alerting.io/<check-id>: <reason>`. `Suppressions.add(construct, ...)` writes it
 * on every Kubernetes object under the construct, so `cdk8s-alerting check` on the synthesized
 * folder sees exactly what the synth saw. Suppressions that are not on the objects come from
 * the CLI's `--config` file or the plugin's properties ({@link SuppressionRule}).
 *
 * A suppression that names no check, has no reason, or suppresses nothing is itself reported
 * (`suppression-invalid`, `suppression-unused`).
 * @module
 */
import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';
import { ModelObject, describeObject } from '../model/model-object';
import { ClusterModel } from '../model/cluster-model';
import { SuppressionRule } from './check';
import { Finding, FindingObject, Severity } from './finding';

/** The prefix of the suppression annotations; the check ID follows it. */
export const SUPPRESS_ANNOTATION_PREFIX = 'suppress.cdk8s-alerting.io/';

/** The check IDs about suppressions themselves. */
export const SUPPRESSION_INVALID = 'suppression-invalid';
export const SUPPRESSION_UNUSED = 'suppression-unused';

/** The annotation key that suppresses check `id`. */
export function suppressionAnnotation(id: string): string {
  return `${SUPPRESS_ANNOTATION_PREFIX}${id}`;
}

/** A finding before suppressions, with the annotations of the object it is about. */
export interface RawFinding {
  readonly finding: Finding;
  readonly annotations: Readonly<Record<string, string>>;
}

/** What {@link applySuppressions} needs to know about the checks. */
export interface SuppressionContext {
  /** Every check ID of the library (a suppression of any other ID is invalid). */
  readonly knownIds: ReadonlySet<string>;
  /** The IDs of the checks that ran (only their suppressions can be found unused). */
  readonly ranIds: ReadonlySet<string>;
  /** Suppressions declared outside the objects. */
  readonly rules: readonly SuppressionRule[];
}

interface AnnotationGroup {
  readonly id: string;
  readonly reason: string;
  readonly objects: ModelObject[];
  used: boolean;
}

/** Closest known ID by edit distance, for a did-you-mean. */
function closest(id: string, known: ReadonlySet<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const d = editDistance(id, k);
    if (d < bestDistance) { best = k; bestDistance = d; }
  }
  return best !== undefined && bestDistance <= Math.max(2, Math.floor(id.length / 4)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length];
}

/** `*` as any run of characters, everything else literal. */
function globMatches(pattern: string | undefined, value: string | undefined): boolean {
  if (pattern === undefined) { return true; }
  if (value === undefined) { return pattern === '*'; }
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(value);
}

function ruleMatches(rule: SuppressionRule, o: FindingObject): boolean {
  return (rule.kind === undefined || rule.kind === o.kind) && globMatches(rule.namespace, o.namespace) && globMatches(rule.name, o.name);
}

function ruleWhere(rule: SuppressionRule): string {
  return `${rule.file ?? 'configuration'} ${rule.field ?? 'suppressions'}`;
}

function ruleObject(rule: SuppressionRule): FindingObject {
  // Named by its check ID; the message starts with its field (`suppressions[0]`).
  return { kind: 'Suppression', name: rule.id, source: { file: rule.file ?? '(configuration)', doc: 0 } };
}

function toFindingObject(o: ModelObject): FindingObject {
  return { kind: o.kind, namespace: o.namespace, name: o.name, source: o.source };
}

/** Why a declared suppression cannot apply, or `undefined` when it can. */
function invalidity(id: string, reason: string, knownIds: ReadonlySet<string>): { message: string; fix: string } | undefined {
  if (!knownIds.has(id)) {
    const near = closest(id, knownIds);
    return {
      message: `names check "${id}", which does not exist${near ? ` (did you mean "${near}"?)` : ''}, so it suppresses nothing`,
      fix: near ? `write "${near}"` : 'use a check ID from the checks table in the README (docs/checks.md), or remove the suppression',
    };
  }
  if (reason.trim() === '') {
    return { message: `of "${id}" has no reason, so it suppresses nothing`, fix: 'say why the finding is acceptable, e.g. "the info Alert feeds the audit channel on purpose"' };
  }
  return undefined;
}

/**
 * Marks the findings that a suppression covers, and adds the findings about the suppressions
 * themselves: {@link SUPPRESSION_INVALID} (unknown check, no reason) and
 * {@link SUPPRESSION_UNUSED} (suppresses nothing), which may be suppressed in turn.
 *
 * Annotations with the same check and reason count as one suppression (a construct's
 * suppression is written on every object under it): it is unused when it suppresses nothing
 * on any of them, and then reported once, on the first of them.
 */
export function applySuppressions(model: ClusterModel, raw: readonly RawFinding[], ctx: SuppressionContext): Finding[] {
  const rulesUsed = new Set<SuppressionRule>();
  const groups = new Map<string, AnnotationGroup>();
  const meta: RawFinding[] = [];

  // Every suppression annotation in the model: invalid ones are reported, valid ones grouped.
  const annotated: Array<{ object: ModelObject | FindingObject; annotations: Readonly<Record<string, string>> }> = [
    ...model.objects.map((o) => ({ object: o, annotations: o.annotations })),
    ...model.duplicates.map(({ object }) => ({ object, annotations: object.annotations })),
    ...model.problems.filter((p) => p.annotations).map((p) => ({
      object: { kind: p.identity?.kind ?? '?', namespace: p.identity?.namespace, name: p.identity?.name ?? p.object ?? '?', source: p.source } as FindingObject,
      annotations: p.annotations ?? {},
    })),
  ];
  for (const { object, annotations } of annotated) {
    for (const [key, value] of Object.entries(annotations)) {
      if (!key.startsWith(SUPPRESS_ANNOTATION_PREFIX)) { continue; }
      const id = key.slice(SUPPRESS_ANNOTATION_PREFIX.length);
      const bad = invalidity(id, value, ctx.knownIds);
      if (bad) {
        if (ctx.ranIds.has(SUPPRESSION_INVALID)) {
          meta.push({
            finding: {
              check: SUPPRESSION_INVALID, severity: Severity.ERROR, object: 'manifest' in object ? toFindingObject(object) : object,
              message: `metadata.annotations["${key}"]: the suppression ${bad.message}`, fix: bad.fix,
            },
            annotations,
          });
        }
        continue;
      }
      if (!('manifest' in object)) { continue; } // an unusable document: its suppressions count, but are never "unused"
      const groupKey = `${id}\u0000${value.trim()}`;
      const group = groups.get(groupKey) ?? { id, reason: value.trim(), objects: [], used: false };
      group.objects.push(object);
      groups.set(groupKey, group);
    }
  }
  for (const [i, rule] of ctx.rules.entries()) {
    const bad = invalidity(rule.id, rule.reason ?? '', ctx.knownIds);
    if (bad && ctx.ranIds.has(SUPPRESSION_INVALID)) {
      meta.push({ finding: { check: SUPPRESSION_INVALID, severity: Severity.ERROR, object: ruleObject(rule), message: `${rule.field ?? `suppressions[${i}]`}: the suppression ${bad.message}`, fix: bad.fix }, annotations: {} });
    }
  }

  const suppress = (r: RawFinding): Finding => {
    const f = r.finding;
    const key = suppressionAnnotation(f.check);
    const reason = r.annotations[key];
    if (reason !== undefined && !invalidity(f.check, reason, ctx.knownIds)) {
      const group = groups.get(`${f.check}\u0000${reason.trim()}`);
      if (group) { group.used = true; }
      return { ...f, suppressed: { reason: reason.trim(), by: `annotation ${key}` } };
    }
    const rule = ctx.rules.find((x) => x.id === f.check && !invalidity(x.id, x.reason ?? '', ctx.knownIds) && ruleMatches(x, f.object));
    if (rule) {
      rulesUsed.add(rule);
      return { ...f, suppressed: { reason: rule.reason.trim(), by: ruleWhere(rule) } };
    }
    return f;
  };

  const findings = raw.map(suppress);

  // Unused suppressions, for checks that ran. Suppressions of the suppression checks are exempt.
  const exempt = (id: string) => id === SUPPRESSION_INVALID || id === SUPPRESSION_UNUSED || !ctx.ranIds.has(id);
  if (ctx.ranIds.has(SUPPRESSION_UNUSED)) {
    for (const g of groups.values()) {
      if (g.used || exempt(g.id)) { continue; }
      const [first, ...others] = g.objects;
      meta.push({
        finding: {
          check: SUPPRESSION_UNUSED, severity: Severity.WARNING, object: toFindingObject(first),
          message: `metadata.annotations["${suppressionAnnotation(g.id)}"]: the suppression ("${g.reason}") suppresses nothing: ${g.id} reports nothing on ${describeObject(first)}${others.length ? ` nor on the ${others.length} other object(s) with the same suppression` : ''}`,
          fix: `remove the annotation (or the Suppressions.add call that writes it), or move it to the object ${g.id} reports on`,
        },
        annotations: first.annotations,
      });
    }
    for (const [i, rule] of ctx.rules.entries()) {
      if (rulesUsed.has(rule) || exempt(rule.id) || invalidity(rule.id, rule.reason ?? '', ctx.knownIds)) { continue; }
      const target = [rule.kind, rule.namespace, rule.name].some((x) => x !== undefined)
        ? ` on the objects it names (${[rule.kind ? `kind ${rule.kind}` : '', rule.namespace ? `namespace ${rule.namespace}` : '', rule.name ? `name ${rule.name}` : ''].filter(Boolean).join(', ')})`
        : '';
      meta.push({
        finding: {
          check: SUPPRESSION_UNUSED, severity: Severity.WARNING, object: ruleObject(rule),
          message: `${rule.field ?? `suppressions[${i}]`}: the suppression of ${rule.id} ("${rule.reason.trim()}") suppresses nothing: ${rule.id} reports nothing${target}`,
          fix: 'remove the entry, or correct its kind, namespace and name',
        },
        annotations: {},
      });
    }
  }
  return [...findings, ...meta.map(suppress)];
}

// ---- suppressions declared on constructs (Suppressions.add), written as annotations

/** The suppressions declared on constructs, per app root, then per construct. */
const declared = new WeakMap<IConstruct, Map<IConstruct, Map<string, string>>>();
/** The annotations this library wrote on each ApiObject (never overwrite the user's own). */
const written = new WeakMap<ApiObject, Map<string, string>>();

/**
 * Records that findings of `id` on every object under `scope` are suppressed with `reason`,
 * and writes the annotations on the ApiObjects under it now; objects added later are annotated
 * by {@link annotateSuppressions} before the checks read the app.
 * @internal
 */
export function declareSuppression(scope: IConstruct, id: string, reason: string): void {
  const root = scope.node.root;
  const perRoot = declared.get(root) ?? new Map<IConstruct, Map<string, string>>();
  declared.set(root, perRoot);
  const own = perRoot.get(scope) ?? new Map<string, string>();
  own.set(id, reason);
  perRoot.set(scope, own);
  annotateSuppressions(root, scope);
}

/** The suppressions declared on `scope` itself (not inherited), by check ID. @internal */
export function declaredSuppressions(scope: IConstruct): ReadonlyMap<string, string> {
  return declared.get(scope.node.root)?.get(scope) ?? new Map();
}

/**
 * Writes `suppress.cdk8s-alerting.io/<id>: <reason>` on every ApiObject under `under` (default:
 * the whole app) for the suppressions declared on it or above it; the innermost declaration
 * wins. An annotation the user set on the object with a different value is kept.
 * @internal
 */
export function annotateSuppressions(root: IConstruct, under: IConstruct = root): void {
  const perRoot = declared.get(root);
  if (!perRoot || perRoot.size === 0) { return; }
  for (const c of under.node.findAll()) {
    if (!ApiObject.isApiObject(c)) { continue; }
    const wanted = new Map<string, string>();
    for (const s of c.node.scopes) {
      for (const [id, reason] of perRoot.get(s) ?? []) { wanted.set(id, reason); }
    }
    if (wanted.size === 0) { continue; }
    const obj = c as ApiObject;
    const mine = written.get(obj) ?? new Map<string, string>();
    written.set(obj, mine);
    const current = (obj.metadata.toJson().annotations ?? {}) as Record<string, string>;
    for (const [id, reason] of wanted) {
      const key = suppressionAnnotation(id);
      if (current[key] !== undefined && mine.get(key) !== current[key]) { continue; } // the user's own annotation
      obj.metadata.addAnnotation(key, reason);
      mine.set(key, reason);
    }
  }
}
