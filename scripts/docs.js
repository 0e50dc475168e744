#!/usr/bin/env node
/**
 * `npm run docs`: writes API.md from the TSDoc comments of the public API (`lib/index.ts`).
 * `npm run docs:check` (`--check`): regenerates to a temporary file and fails when API.md
 * differs, so a stale API.md fails CI.
 *
 * How: TypeDoc (pinned devDependency, options in typedoc.json) converts the project, and
 * this script renders TypeDoc's JSON model (`serializer.projectToObject`) to one Markdown
 * file. Why not typedoc-plugin-markdown: it is not installed (it would be one more
 * devDependency with its own release cycle), it writes one file per symbol by default, and
 * its output format changes between its versions, which would make `docs:check` fail on
 * upgrades for no change of ours. The JSON model is TypeDoc's documented serialization
 * format; rendering it here gives a single, deterministic API.md (no source line numbers,
 * no dates), grouped by the directory of `lib/` each symbol comes from.
 */
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'API.md');

const K = {
  Enum: 8, EnumMember: 16, Variable: 32, Function: 64, Class: 128, Interface: 256, Constructor: 512,
  Property: 1024, Method: 2048, Accessor: 262144, TypeAlias: 2097152,
};

/** Section of API.md per directory of lib/, in this order; other directories follow alphabetically. */
const SECTIONS = [
  ['common', 'Common'], ['alertmanager', 'Alertmanager'], ['receivers', 'Receivers'], ['rules', 'Rules'],
  ['prometheus', 'Prometheus'], ['flux', 'Flux'], ['rule-packs', 'Rule packs'], ['templates', 'Notification templates'],
  ['dashboards', 'Dashboards'], ['stack', 'Composition'], ['app', 'App'],
  ['checks', 'Checks'], ['simulate', 'Simulation'], ['validation', 'Validation'],
];

async function generate() {
  const td = await import('typedoc');
  const app = await td.Application.bootstrapWithPlugins({}, [new td.TypeDocReader(), new td.TSConfigReader()]);
  const project = await app.convert();
  if (!project) { throw new Error('TypeDoc could not convert the project; run npx typedoc --logLevel Info for details'); }
  const json = app.serializer.projectToObject(project, ROOT);
  const version = require(path.join(ROOT, 'node_modules', 'typedoc', 'package.json')).version;
  return render(json, version);
}

function render(project, typedocVersion) {
  const byId = new Map();
  const index = (r) => { byId.set(r.id, r); (r.children ?? []).forEach(index); };
  (project.children ?? []).forEach(index);
  const documented = new Set((project.children ?? []).map((c) => c.id));

  const anchor = (name) => name.toLowerCase().replace(/[^a-z0-9_ -]/g, '').replace(/ /g, '-');
  const sectionOf = (r) => {
    // Paths are relative to TypeDoc's basePath (lib/ or the repository root, by version).
    const file = (r.sources?.[0]?.fileName ?? '').replace(/^lib\//, '');
    const m = /^([^/]+)\//.exec(file);
    return m ? m[1] : 'common';
  };
  const sections = new Map();
  for (const r of project.children ?? []) {
    const s = sectionOf(r);
    if (!sections.has(s)) { sections.set(s, []); }
    sections.get(s).push(r);
  }
  const known = new Map(SECTIONS);
  const order = [...SECTIONS.map(([k]) => k).filter((k) => sections.has(k)), ...[...sections.keys()].filter((k) => !known.has(k)).sort()];
  const symbolAnchors = new Set((project.children ?? []).map((c) => anchor(c.name)));
  // A section named like a symbol (Prometheus) would take the symbol's anchor.
  const title = (k) => {
    const t = known.get(k) ?? k.charAt(0).toUpperCase() + k.slice(1);
    return symbolAnchors.has(anchor(t)) ? `${t} (area)` : t;
  };
  const KIND_ORDER = [K.Class, K.Interface, K.Enum, K.Function, K.TypeAlias, K.Variable];
  const sortTop = (a, b) => (KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)) || a.name.localeCompare(b.name);

  // ---- types and comments
  const link = (name, id) => (typeof id === 'number' && documented.has(id) ? `[${name}](#${anchor(name)})` : name);
  const wrap = (t, s) => (['union', 'intersection', 'conditional'].includes(t.type) ? `(${s})` : s);

  function type(t) {
    if (!t) { return 'unknown'; }
    switch (t.type) {
      case 'intrinsic': return t.name;
      case 'literal': return t.value === null ? 'null' : typeof t.value === 'object' ? `${t.value.negative ? '-' : ''}${t.value.value}n` : JSON.stringify(t.value);
      case 'reference': {
        const args = t.typeArguments?.length ? `<${t.typeArguments.map(type).join(', ')}>` : '';
        return `${link(t.name, t.target)}${args}`;
      }
      case 'array': return `${wrap(t.elementType, type(t.elementType))}[]`;
      case 'union': return t.types.map(type).join(' | ');
      case 'intersection': return t.types.map(type).join(' & ');
      case 'tuple': return `[${(t.elements ?? []).map(type).join(', ')}]`;
      case 'namedTupleMember': return `${t.name}${t.isOptional ? '?' : ''}: ${type(t.element)}`;
      case 'optional': return `${type(t.elementType)}?`;
      case 'rest': return `...${type(t.elementType)}`;
      case 'typeOperator': return `${t.operator} ${type(t.target)}`;
      case 'query': return `typeof ${type(t.queryType)}`;
      case 'indexedAccess': return `${type(t.objectType)}[${type(t.indexType)}]`;
      case 'predicate': return t.targetType ? `${t.asserts ? 'asserts ' : ''}${t.name} is ${type(t.targetType)}` : `asserts ${t.name}`;
      case 'conditional': return `${type(t.checkType)} extends ${type(t.extendsType)} ? ${type(t.trueType)} : ${type(t.falseType)}`;
      case 'templateLiteral': return `\`${t.head}${t.tail.map(([x, s]) => `\${${type(x)}}${s}`).join('')}\``;
      case 'mapped': return `{ [${t.parameter} in ${type(t.parameterType)}]: ${type(t.templateType)} }`;
      case 'reflection': return reflectionType(t.declaration);
      default: return t.name ?? t.type;
    }
  }

  function reflectionType(d) {
    if (d.signatures?.length) {
      const s = d.signatures[0];
      return `(${params(s)}) => ${type(s.type)}`;
    }
    const parts = [];
    for (const i of d.indexSignatures ?? (d.indexSignature ? [d.indexSignature] : [])) {
      parts.push(`[${i.parameters.map((p) => `${p.name}: ${type(p.type)}`).join(', ')}]: ${type(i.type)}`);
    }
    for (const c of d.children ?? []) {
      parts.push(`${c.flags?.isReadonly ? 'readonly ' : ''}${c.name}${c.flags?.isOptional ? '?' : ''}: ${c.signatures ? reflectionType(c) : type(c.type)}`);
    }
    return parts.length ? `{ ${parts.join('; ')} }` : '{}';
  }

  function params(sig) {
    return (sig.parameters ?? []).map((p) => `${p.flags?.isRest ? '...' : ''}${p.name}${p.flags?.isOptional || p.defaultValue !== undefined ? '?' : ''}: ${type(p.type)}`).join(', ');
  }

  function parts(ps) {
    return (ps ?? []).map((p) => {
      if (p.kind === 'code') { return p.text; }
      if (p.kind === 'inline-tag') {
        const text = (p.text || '').trim() || (typeof p.target === 'number' ? byId.get(p.target)?.name : '') || '';
        const topId = typeof p.target === 'number' ? topLevelOf(p.target) : undefined;
        return topId !== undefined ? `[${text}](#${anchor(byId.get(topId).name)})` : `\`${text}\``;
      }
      return p.text;
    }).join('');
  }

  // Inline-tag targets may be members; link to the documented top-level symbol holding them.
  const parentOf = new Map();
  const walkParents = (r) => (r.children ?? []).forEach((c) => { parentOf.set(c.id, r.id); walkParents(c); });
  (project.children ?? []).forEach(walkParents);
  function topLevelOf(id) {
    let cur = id;
    while (cur !== undefined && !documented.has(cur)) { cur = parentOf.get(cur); }
    return cur;
  }

  const summary = (c) => parts(c?.summary).trim();
  const tag = (c, name) => c?.blockTags?.filter((b) => b.tag === name) ?? [];
  function defaultOf(c) {
    const d = tag(c, '@default')[0];
    if (!d) { return ''; }
    const raw = parts(d.content).trim().replace(/^```\w*\n?/, '').replace(/\n?```$/, '').trim();
    if (raw.startsWith('- ')) { return raw.slice(2); }
    return raw ? `\`${raw}\`` : '';
  }
  const cell = (s) => s.replace(/\r?\n\s*\n/g, '<br><br>').replace(/\r?\n/g, ' ').replace(/\|/g, '\\|').trim();
  const codeCell = (s) => `<code>${s.replace(/&/g, '&amp;').replace(/\|/g, '&#124;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</code>`;
  // Types in tables: Markdown links do not work inside <code>, so render links as plain names there.
  const typeCell = (t) => type(t).replace(/\[([^\]]+)\]\(#[^)]+\)/g, '$1').replace(/\s*\n\s*/g, ' ').replace(/`/g, '');

  function blockNotes(c) {
    const out = [];
    for (const d of tag(c, '@deprecated')) { out.push(`> **Deprecated.** ${parts(d.content).trim()}`, ''); }
    for (const r of tag(c, '@remarks')) { out.push(parts(r.content).trim(), ''); }
    for (const e of tag(c, '@example')) {
      const text = parts(e.content).trim();
      out.push('Example:', '', text.startsWith('```') ? text : `\`\`\`ts\n${text}\n\`\`\``, '');
    }
    for (const s of tag(c, '@see')) { out.push(`See: ${parts(s.content).trim()}`, ''); }
    for (const t of tag(c, '@throws')) { out.push(`Throws: ${parts(t.content).trim()}`, ''); }
    return out;
  }

  function signatureBlock(name, sig, isConstructor) {
    const ret = isConstructor ? '' : `: ${type(sig.type).replace(/\[([^\]]+)\]\(#[^)]+\)/g, '$1')}`;
    const plainParams = params(sig).replace(/\[([^\]]+)\]\(#[^)]+\)/g, '$1');
    const out = ['```ts', `${isConstructor ? 'new ' : ''}${name}(${plainParams})${ret}`, '```', ''];
    const s = summary(sig.comment);
    if (s) { out.push(s, ''); }
    const ps = (sig.parameters ?? []).filter((p) => summary(p.comment) || p.defaultValue !== undefined);
    if (ps.length) {
      out.push(...ps.map((p) => {
        const dflt = p.defaultValue !== undefined && p.defaultValue !== '...' ? `default \`${p.defaultValue}\`` : '';
        const text = cell(summary(p.comment));
        return `- \`${p.name}\`: ${text && dflt ? `${text} (${dflt})` : text || dflt}`;
      }), '');
    }
    const r = tag(sig.comment, '@returns')[0];
    if (r) { out.push(`Returns: ${parts(r.content).trim()}`, ''); }
    out.push(...blockNotes(sig.comment));
    return out;
  }

  const isExternalInherited = (m) => m.inheritedFrom && (typeof m.inheritedFrom.target !== 'number' || !byId.has(m.inheritedFrom.target));
  const bySource = (a, b) => {
    const sa = a.sources?.[0] ?? {};
    const sb = b.sources?.[0] ?? {};
    return (sa.fileName ?? '').localeCompare(sb.fileName ?? '') || (sa.line ?? 0) - (sb.line ?? 0) || a.name.localeCompare(b.name);
  };
  const memberType = (m) => (m.kind === K.Accessor ? m.getSignature?.type : m.type);
  const memberComment = (m) => m.comment ?? m.getSignature?.comment ?? m.signatures?.[0]?.comment;
  const heritage = (label, ts) => (ts?.length ? `${label} ${ts.map((t) => type(t)).join(', ')}` : '');

  function renderClass(c) {
    const out = [];
    const members = (c.children ?? []).filter((m) => !isExternalInherited(m));
    const ctor = members.find((m) => m.kind === K.Constructor);
    if (ctor?.signatures?.length && !ctor.flags?.isPrivate) {
      out.push(`**Constructor**${ctor.flags?.isProtected ? ' (protected: for subclasses)' : ''}`, '');
      for (const s of ctor.signatures) { out.push(...signatureBlock(c.name, s, true)); }
    }
    const props = members.filter((m) => m.kind === K.Property || m.kind === K.Accessor).sort(bySource);
    for (const isStatic of [true, false]) {
      const ps = props.filter((p) => !!p.flags?.isStatic === isStatic);
      if (!ps.length) { continue; }
      out.push(isStatic ? '**Static properties**' : '**Properties**', '', '| Name | Type | Description |', '| --- | --- | --- |');
      for (const p of ps) {
        const ro = p.flags?.isReadonly || (p.kind === K.Accessor && !p.setSignature) ? ' (read-only)' : '';
        const prot = p.flags?.isProtected ? ' (protected)' : '';
        out.push(`| \`${p.name}\`${p.flags?.isOptional ? '?' : ''} | ${codeCell(typeCell(memberType(p)))} | ${cell(summary(memberComment(p)))}${ro}${prot} |`);
      }
      out.push('');
    }
    const methods = members.filter((m) => m.kind === K.Method).sort((a, b) => (Number(!!b.flags?.isStatic) - Number(!!a.flags?.isStatic)) || a.name.localeCompare(b.name));
    if (methods.length) {
      out.push('**Methods**', '');
      for (const m of methods) {
        for (const s of m.signatures ?? []) {
          out.push(`#### ${c.name}${m.flags?.isStatic ? '.' : '.prototype.'}${m.name}${m.flags?.isProtected ? ' (protected)' : ''}`, '');
          out.push(...signatureBlock(`${m.flags?.isStatic ? `${c.name}.` : ''}${m.name}`, s, false));
        }
      }
    }
    const inherited = (c.children ?? []).some(isExternalInherited);
    if (inherited && c.extendedTypes?.length) {
      out.push(`Also has the members of ${c.extendedTypes.map((t) => `\`${t.name}\``).join(', ')} (e.g. \`node\`).`, '');
    }
    return out;
  }

  function renderInterface(i) {
    const out = [];
    const ext = (i.extendedTypes ?? []).filter((t) => !(typeof t.target === 'number' && byId.has(t.target)));
    const props = (i.children ?? []).filter((m) => !isExternalInherited(m)).sort((a, b) => (a.inheritedFrom ? 1 : 0) - (b.inheritedFrom ? 1 : 0) || bySource(a, b));
    const fields = props.filter((m) => m.kind === K.Property || m.kind === K.Accessor);
    if (fields.length) {
      out.push('| Property | Type | Default | Description |', '| --- | --- | --- | --- |');
      for (const p of fields) {
        const c = memberComment(p);
        const req = p.flags?.isOptional ? '' : ' **(required)**';
        out.push(`| \`${p.name}\`${p.flags?.isOptional ? '?' : ''} | ${codeCell(typeCell(memberType(p)))} | ${cell(defaultOf(c))} | ${cell(summary(c))}${req} |`);
      }
      out.push('');
    }
    for (const m of props.filter((x) => x.kind === K.Method)) {
      for (const s of m.signatures ?? []) {
        out.push(`#### ${i.name}.${m.name}`, '', ...signatureBlock(m.name, s, false));
      }
    }
    if (ext.length) { out.push(`Also takes the properties of ${ext.map((t) => `\`${t.name}\``).join(', ')}.`, ''); }
    return out;
  }

  function renderEnum(e) {
    const out = ['| Member | Value | Description |', '| --- | --- | --- |'];
    for (const m of (e.children ?? []).slice().sort(bySource)) {
      out.push(`| \`${m.name}\` | ${codeCell(typeCell(m.type))} | ${cell(summary(m.comment))} |`);
    }
    out.push('');
    return out;
  }

  const sourceFile = (r) => {
    const f = r.sources?.[0]?.fileName ?? '';
    return f.startsWith('lib/') ? f : `lib/${f}`;
  };
  const KIND_NAME = { [K.Class]: 'class', [K.Interface]: 'interface', [K.Enum]: 'enum', [K.Function]: 'function', [K.TypeAlias]: 'type', [K.Variable]: 'const' };

  function renderSymbol(r) {
    const out = [`### ${r.name}`, ''];
    const flags = [r.flags?.isAbstract ? 'abstract ' : ''].join('');
    const heads = [heritage('extends', r.extendedTypes), heritage('implements', r.implementedTypes)].filter(Boolean).join(', ');
    out.push(`*${flags}${KIND_NAME[r.kind] ?? 'symbol'}*${heads ? ` — ${heads}` : ''} · \`${sourceFile(r)}\``, '');
    const comment = r.comment ?? r.signatures?.[0]?.comment;
    const s = summary(comment);
    if (s && r.kind !== K.Function) { out.push(s, ''); }
    if (r.kind !== K.Function) { out.push(...blockNotes(r.comment)); }
    switch (r.kind) {
      case K.Class: out.push(...renderClass(r)); break;
      case K.Interface: out.push(...renderInterface(r)); break;
      case K.Enum: out.push(...renderEnum(r)); break;
      case K.Function: for (const sig of r.signatures ?? []) { out.push(...signatureBlock(r.name, sig, false)); } break;
      case K.TypeAlias: out.push('```ts', `type ${r.name} = ${type(r.type).replace(/\[([^\]]+)\]\(#[^)]+\)/g, '$1')}`, '```', ''); break;
      case K.Variable: out.push('```ts', `const ${r.name}: ${type(r.type).replace(/\[([^\]]+)\]\(#[^)]+\)/g, '$1')}${r.defaultValue !== undefined && String(r.defaultValue).length < 80 ? ` = ${r.defaultValue}` : ''}`, '```', ''); break;
      default: break;
    }
    return out;
  }

  const lines = [
    '# API reference',
    '',
    `<!-- Generated by \`npm run docs\` (scripts/docs.js, TypeDoc ${typedocVersion}) from the TSDoc comments of lib/index.ts. Do not edit: \`npm run docs:check\` fails when this file is stale. -->`,
    '',
    'Everything `cdk8s-alerting` exports, grouped by area. Props tables list each property with its type, its default (`@default`) and what it does.',
    '',
  ];
  for (const k of order) {
    const list = sections.get(k).slice().sort(sortTop);
    lines.push(`- **${title(k)}**: ${list.map((r) => `[${r.name}](#${anchor(r.name)})`).join(', ')}`);
  }
  lines.push('');
  for (const k of order) {
    lines.push(`## ${title(k)}`, '');
    for (const r of sections.get(k).slice().sort(sortTop)) { lines.push(...renderSymbol(r)); }
  }
  return `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

async function main() {
  const check = process.argv.includes('--check');
  const staleChecks = require('./checks-doc').run(check);
  if (staleChecks.length) {
    process.stderr.write(`${staleChecks.join(', ')} stale: they differ from lib/checks/rules. Run npm run docs and commit.\n`);
    process.exitCode = 1;
  }
  const staleDiagram = require('./diagram-doc').run(check);
  if (staleDiagram.length) {
    process.stderr.write(`${staleDiagram.join(', ')} stale: it differs from what AlertFlowDiagram draws for examples/first-article.ts. Run npm run docs and commit.\n`);
    process.exitCode = 1;
  }
  const text = await generate();
  if (!check) {
    fs.writeFileSync(OUT, text);
    process.stdout.write(`wrote ${path.relative(process.cwd(), OUT)} (${text.split('\n').length} lines)\n`);
    return;
  }
  const tmp = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-alerting-docs-')), 'API.md');
  fs.writeFileSync(tmp, text);
  const current = fs.existsSync(OUT) ? fs.readFileSync(OUT, 'utf8') : '';
  fs.rmSync(path.dirname(tmp), { recursive: true, force: true });
  if (current === text) {
    process.stdout.write('API.md is up to date\n');
    return;
  }
  const a = current.split('\n');
  const b = text.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) { i++; }
  process.stderr.write(`API.md is stale: it differs from the TSDoc from line ${i + 1}:\n  API.md:    ${a[i] ?? '(end of file)'}\n  generated: ${b[i] ?? '(end of file)'}\nRun npm run docs and commit API.md.\n`);
  process.exitCode = 1;
}

main().catch((e) => {
  process.stderr.write(`${e.stack ?? e}\n`);
  process.exitCode = 1;
});
