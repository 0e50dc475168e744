/**
 * A small writer of Mermaid `flowchart` text: safe labels, stable node ids, subgraphs and
 * classes. Internal to lib/diagram (the public API is {@link AlertFlowDiagram}).
 *
 * Written by hand: the Mermaid package itself (the reference, used once to check the output,
 * see test/diagram) needs a browser DOM even to parse, and the text format is small.
 * @module
 */
import { createHash } from 'crypto';

/** Node shapes used by the alert-flow diagram (Mermaid's bracket pairs around a quoted label). */
export enum NodeShape {
  RECTANGLE = 'rectangle',
  ROUNDED = 'rounded',
  STADIUM = 'stadium',
  HEXAGON = 'hexagon',
  PARALLELOGRAM = 'parallelogram',
}

const BRACKETS: Record<NodeShape, [string, string]> = {
  [NodeShape.RECTANGLE]: ['[', ']'],
  [NodeShape.ROUNDED]: ['(', ')'],
  [NodeShape.STADIUM]: ['([', '])'],
  [NodeShape.HEXAGON]: ['{{', '}}'],
  [NodeShape.PARALLELOGRAM]: ['[/', '/]'],
};

/**
 * One line of label text, safe inside a quoted Mermaid label: the characters Mermaid or the
 * HTML it renders would read (`"`, `#`, `<`, `>`, `&`, backtick, `|`, and `:` unless white space
 * follows) become Mermaid entity codes (`#quot;`, `#35;`...), and control characters (a newline in a name) are shown escaped
 * (`\n`, its backslash an entity too), so a value can never end the label, the line or the statement.
 */
export function escapeLabelText(s: string): string {
  let out = '';
  const chars = Array.from(s);
  for (const [i, ch] of chars.entries()) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      // Mermaid rewrites `style…:<non-space>…#…;` and `classDef…` anywhere on a line (to keep
      // colours out of its entity pass), which would eat a `;` of a label: a colon followed by
      // anything but white space is an entity too.
      case ':': out += i + 1 < chars.length && /\s/.test(chars[i + 1]) ? ':' : '#58;'; break;
      case '#': out += '#35;'; break;
      case '"': out += '#quot;'; break;
      case '<': out += '#lt;'; break;
      case '>': out += '#gt;'; break;
      case '&': out += '#amp;'; break;
      case '`': out += '#96;'; break;
      case '|': out += '#124;'; break;
      // Mermaid draws a `\n` in a label as a line break: a backslash is an entity, so a name
      // holding a backslash or a newline shows as written (`\n`, not a break)
      case '\\': out += '#92;'; break;
      case '\n': out += '#92;n'; break;
      case '\r': out += '#92;r'; break;
      case '\t': out += '#92;t'; break;
      default:
        // control characters, and the Unicode line and paragraph separators
        out += c < 0x20 || c === 0x7f || c === 0x2028 || c === 0x2029 ? `#92;u${c.toString(16).padStart(4, '0')}` : ch;
    }
  }
  return out;
}

/** A quoted label of several lines (`<br/>` between them). */
export function quotedLabel(lines: readonly string[]): string {
  return `"${lines.map(escapeLabelText).join('<br/>')}"`;
}

interface NodeSpec {
  readonly key: string;
  readonly base: string;
  readonly shape: NodeShape;
  readonly lines: readonly string[];
  readonly group?: string;
}

interface EdgeSpec {
  readonly from: string;
  readonly to: string;
  readonly label?: string;
  readonly dotted: boolean;
}

/**
 * Node ids from identities. The id is the readable base (letters, digits and `_`); when two
 * identities share a base (`a-b` and `a.b`), each gets a suffix from a hash of its own identity,
 * so ids depend on nothing but the identity and whether another identity shares its base.
 */
function assignIds(nodes: readonly NodeSpec[]): Map<string, string> {
  const keysByBase = new Map<string, Set<string>>();
  for (const n of nodes) { keysByBase.set(n.base, (keysByBase.get(n.base) ?? new Set()).add(n.key)); }
  const ids = new Map<string, string>();
  for (const n of nodes) {
    const shared = (keysByBase.get(n.base)?.size ?? 0) > 1;
    ids.set(n.key, shared ? `${n.base}_${createHash('sha256').update(n.key).digest('hex').slice(0, 8)}` : n.base);
  }
  return ids;
}

/** `s` as id text: ASCII letters and digits kept, anything else `_` (runs collapsed). */
export function idText(s: string): string {
  const t = s.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return t === '' ? 'x' : t;
}

/**
 * A Mermaid flowchart being built. Nodes are named by identity keys (any string); ids are
 * assigned when the text is rendered.
 */
export class Flowchart {
  private readonly nodes = new Map<string, NodeSpec>();
  private readonly edges: EdgeSpec[] = [];
  private readonly edgeKeys = new Set<string>();
  private readonly groups: Array<{ key: string; title: string }> = [];
  private readonly classes = new Map<string, { style: string; members: Set<string> }>();

  /**
   * Adds a node once (a second call with the same key keeps the first).
   * @param key the identity, unique in the chart
   * @param base the readable id, e.g. `am_monitoring_main`
   */
  public node(key: string, base: string, shape: NodeShape, lines: readonly string[], group?: string): string {
    if (!this.nodes.has(key)) { this.nodes.set(key, { key, base: idText(base), shape, lines, group }); }
    return key;
  }

  /** Whether a node with this key exists. */
  public has(key: string): boolean { return this.nodes.has(key); }

  /** Adds an edge once; `label` is shown on the arrow. */
  public edge(from: string, to: string, label?: string, dotted = false): void {
    const k = JSON.stringify([from, to, label ?? '', dotted]);
    if (this.edgeKeys.has(k)) { return; }
    this.edgeKeys.add(k);
    this.edges.push({ from, to, label, dotted });
  }

  /** A subgraph for the nodes added with `group: key`. */
  public group(key: string, title: string): string {
    if (!this.groups.some((g) => g.key === key)) { this.groups.push({ key, title }); }
    return key;
  }

  /** Declares a class with its style (`classDef`). */
  public defineClass(name: string, style: string): void {
    if (!this.classes.has(name)) { this.classes.set(name, { style, members: new Set() }); }
  }

  /** Puts a node in a class. */
  public addClass(node: string, name: string): void {
    this.classes.get(name)?.members.add(node);
  }

  /** Whether a node is in a class. */
  public hasClass(node: string, name: string): boolean {
    return this.classes.get(name)?.members.has(node) ?? false;
  }

  /** The id a node key renders as. */
  public idOf(key: string): string {
    const id = assignIds([...this.nodes.values()]).get(key);
    if (id === undefined) { throw new Error(`no node ${key}`); }
    return id;
  }

  /** The flowchart text, `flowchart LR` first, one statement per line. */
  public render(header: readonly string[] = []): string {
    const nodes = [...this.nodes.values()];
    const ids = assignIds(nodes);
    const groupIds = new Map<string, string>();
    const taken = new Set(ids.values());
    for (const g of this.groups) {
      let id = `${idText(g.key)}_group`;
      for (let i = 2; taken.has(id); i++) { id = `${idText(g.key)}_group${i}`; }
      taken.add(id);
      groupIds.set(g.key, id);
    }
    const nodeLine = (n: NodeSpec, indent: string) => {
      const [open, close] = BRACKETS[n.shape];
      return `${indent}${ids.get(n.key)}${open}${quotedLabel(n.lines)}${close}`;
    };
    const out = ['flowchart LR', ...header.map((h) => `  %% ${h.replace(/[\r\n]+/g, ' ')}`)];
    for (const n of nodes) {
      if (n.group === undefined || !groupIds.has(n.group)) { out.push(nodeLine(n, '  ')); }
    }
    for (const g of this.groups) {
      const members = nodes.filter((n) => n.group === g.key);
      if (members.length === 0) { continue; }
      out.push(`  subgraph ${groupIds.get(g.key)}[${quotedLabel([g.title])}]`);
      members.forEach((n) => out.push(nodeLine(n, '    ')));
      out.push('  end');
    }
    for (const e of this.edges) {
      const from = ids.get(e.from);
      const to = ids.get(e.to);
      if (from === undefined || to === undefined) { throw new Error(`edge to an unknown node: ${e.from} -> ${e.to}`); }
      const arrow = e.dotted ? '-.->' : '-->';
      out.push(`  ${from} ${arrow}${e.label !== undefined ? `|${quotedLabel([e.label])}|` : ''} ${to}`);
    }
    for (const [name, c] of this.classes) {
      out.push(`  classDef ${name} ${c.style}`);
      const members = [...c.members].map((k) => ids.get(k)).filter((id): id is string => id !== undefined);
      if (members.length) { out.push(`  class ${members.join(',')} ${name}`); }
    }
    return `${out.join('\n')}\n`;
  }
}
