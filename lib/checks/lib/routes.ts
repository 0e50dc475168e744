/**
 * The routes of an AlertmanagerConfig, read from its manifest, with their matchers parsed.
 * @module
 */
import { ModelObject } from '../../model/model-object';
import { CompiledMatcher, compileMatcher, formatMatcher, fromCrdMatcher } from '../../simulate/matchers';

/** One route of a config's tree. */
export interface ConfigRoute {
  /** The route as written. */
  readonly route: Readonly<Record<string, any>>;
  /** Its field path, e.g. `spec.route.routes[0]`. */
  readonly field: string;
  /** Its own matchers, parsed; those that do not parse are left out (the operator rejects the config). */
  readonly matchers: ReadonlyArray<CompiledMatcher & { readonly index: number; readonly text: string }>;
  /** Its own matchers and those of every route above it. */
  readonly path: readonly CompiledMatcher[];
}

function parse(list: unknown): Array<CompiledMatcher & { index: number; text: string }> {
  if (!Array.isArray(list)) { return []; }
  const out: Array<CompiledMatcher & { index: number; text: string }> = [];
  list.forEach((m, index) => {
    if (typeof m !== 'object' || m === null || typeof m.name !== 'string') { return; }
    try {
      const parsed = fromCrdMatcher(m);
      out.push({ ...compileMatcher(parsed), index, text: formatMatcher(parsed) });
    } catch {
      // an unknown matchType or an invalid regex: reported by the operator-validation checks
    }
  });
  return out;
}

/** Every route of `config`, depth first, with the matchers of the routes above it. */
export function configRoutes(config: ModelObject): ConfigRoute[] {
  const out: ConfigRoute[] = [];
  const walk = (route: unknown, field: string, above: readonly CompiledMatcher[]): void => {
    if (typeof route !== 'object' || route === null || Array.isArray(route)) { return; }
    const r = route as Record<string, any>;
    const matchers = parse(r.matchers);
    const path = [...above, ...matchers];
    out.push({ route: r, field, matchers, path });
    if (Array.isArray(r.routes)) { r.routes.forEach((c: unknown, i: number) => walk(c, `${field}.routes[${i}]`, path)); }
  };
  walk(config.manifest.spec?.route, 'spec.route', []);
  return out;
}
