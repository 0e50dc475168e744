/**
 * YAML that reads back as what was written, whatever reads it.
 *
 * cdk8s writes YAML with the `yaml` package in its YAML 1.1 schema: a string that a YAML 1.1
 * reader would take for something else (`yes`, `1:20`, `017`, `~`) is quoted, but one that only
 * a YAML 1.2 reader takes for a number is not: the annotation `0o17` is written bare and read
 * back as 15 by `yaml` in its default 1.2 mode, js-yaml 4 and Go's yaml.v3. Every file this
 * library writes goes through {@link faithfulYaml} (or the synth path's emitter, which writes
 * the same bytes), which adds the YAML 1.2 core schema and the readers' common extensions to
 * the strings that must be quoted. Everything else is written exactly as cdk8s writes it.
 *
 * Which readers: the `yaml` package in 1.1 and 1.2 mode, js-yaml 3 and 4, PyYAML (YAML 1.1),
 * and Go's gopkg.in/yaml.v2 and v3 (kubectl, Flux, Prometheus and Alertmanager read YAML with
 * these). Their plain-scalar rules beyond YAML 1.1 and 1.2 core: integers with a sign or `_`
 * in any base and upper-case base prefixes (Go's `strconv.ParseInt` with base 0 after the `_`
 * are removed; js-yaml 4), `_` in float exponents (Go), `=` (PyYAML's "value" tag, which its
 * safe loader refuses), and `<<` (a merge key to YAML 1.1 readers; `yaml` writes the string
 * `<<` bare on purpose, as a merge key, so its merge tag is left out here).
 *
 * Two kinds of string `yaml` itself does not read back as written, which are written
 * double-quoted instead (see {@link mustDoubleQuote}): a string of only spaces, tabs and
 * newlines with a space and a newline (written as a block scalar whose first line is taken for
 * indentation: `" \n"` reads back as `"\n"`), and a string starting with a byte order mark
 * (which a reader drops at the start of a document).
 * @module
 */
import { Document, DocumentOptions, Scalar, SchemaOptions, ScalarTag, ToStringOptions, visit } from 'yaml';

/**
 * Plain scalars that YAML 1.1 and 1.2 core leave strings but some common reader does not (see
 * the module description). Over-approximates a little (any mix of digits, `_`, one dot and an
 * exponent), which at worst quotes a string that did not need it.
 */
/** The tag list type of `yaml`'s `customTags` and `compat` options. */
type Tags = Extract<SchemaOptions['compat'], unknown[]>;

const OTHER_READERS: ScalarTag = {
  tag: 'tag:cdk8s-alerting,2026:not-a-string-elsewhere',
  default: true,
  identify: () => false,
  test: /^(?:[-+]?0[bB][0-1_]+|[-+]?0[oO][0-7_]+|[-+]?0[xX][0-9a-fA-F_]+|[-+]?(?=[._]*[0-9])[0-9_]*(?:\.[0-9_]*)?(?:[eE][-+]?_*[0-9][0-9_]*)?|=|<<)$/,
  resolve: (s: string) => s,
};

/**
 * The tags whose plain scalars are quoted on top of the YAML 1.1 schema's: YAML 1.2 core
 * (`0o17`, `1e3`) and {@link OTHER_READERS}. `yaml` quotes a string that any default tag of the
 * schema or of this `compat` list would resolve.
 */
export const NOT_STRINGS_ELSEWHERE: NonNullable<SchemaOptions['compat']> = [
  'null', 'bool', 'int', 'intHex', 'intOct', 'float', 'floatExp', 'floatNaN', OTHER_READERS,
];

/** The options cdk8s passes to `yaml` (`Yaml.stringify` in cdk8s/lib/yaml.js). */
export const CDK8S_YAML_OPTIONS = { keepUndefined: true, lineWidth: 0, version: '1.1' } as const;

/**
 * The `yaml` options of {@link faithfulYaml}: cdk8s' (YAML 1.1 schema, no line folding), no
 * merge keys, and the strings of {@link NOT_STRINGS_ELSEWHERE} quoted.
 */
export const FAITHFUL_YAML_OPTIONS = {
  lineWidth: 0,
  version: '1.1',
  // YAML 1.1's schema in `yaml` always holds the merge tag, which writes the string `<<` bare.
  customTags: (tags: Tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:merge'),
  compat: NOT_STRINGS_ELSEWHERE,
} as const;

/** The options of the synth output: {@link FAITHFUL_YAML_OPTIONS} with cdk8s' `keepUndefined`. */
export const FAITHFUL_SYNTH_OPTIONS = { ...FAITHFUL_YAML_OPTIONS, keepUndefined: true } as const;

/**
 * Whether `s` is written double-quoted because `yaml`'s own choice would not read back: only
 * spaces, tabs and newlines, with at least one space and one newline (a block scalar whose first
 * line reads as indentation), or a leading byte order mark (dropped at a document's start).
 */
export function mustDoubleQuote(s: string): boolean {
  return s.charCodeAt(0) === 0xfeff || (WHITESPACE_ONLY.test(s) && s.includes('\n') && s.includes(' '));
}
const WHITESPACE_ONLY = /^[ \t\n]*$/;

/** Options of {@link faithfulYaml}. */
export interface FaithfulYamlOptions {
  /** Write `key: null` for undefined values (as cdk8s does) instead of leaving the key out. @default false */
  readonly keepUndefined?: boolean;
  /** Write an object that occurs twice once, with an anchor and aliases. @default true */
  readonly aliasDuplicateObjects?: boolean;
}

/**
 * `value` as one YAML document, as cdk8s writes it (YAML 1.1 schema, no line folding), except
 * that every string is written so that YAML 1.1 and 1.2 readers read back the same string.
 */
export function faithfulYaml(value: unknown, options: FaithfulYamlOptions = {}): string {
  const opts: DocumentOptions & SchemaOptions & ToStringOptions & { keepUndefined?: boolean; aliasDuplicateObjects?: boolean } = {
    ...FAITHFUL_YAML_OPTIONS,
    keepUndefined: options.keepUndefined ?? false,
    aliasDuplicateObjects: options.aliasDuplicateObjects ?? true,
  };
  if (value === undefined && !opts.keepUndefined) { return ''; }
  const doc = new Document(value, opts);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' && mustDoubleQuote(node.value)) { node.type = Scalar.QUOTE_DOUBLE; }
    },
  });
  return doc.toString(opts);
}
