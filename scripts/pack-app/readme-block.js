// The pack test's reader of the README's quick start: `node readme-block.js README.md <name>`
// prints the code block between `<!-- quick-start:<name> -->` and `<!-- /quick-start:<name> -->`
// exactly as it is written (the fence lines removed), so the test replays what the README says.
'use strict';
const fs = require('fs');

const [file, name] = process.argv.slice(2);
const text = fs.readFileSync(file, 'utf8');
const open = `<!-- quick-start:${name} -->`;
const close = `<!-- /quick-start:${name} -->`;
const start = text.indexOf(open);
const end = text.indexOf(close);
if (start < 0 || end < start) {
  console.error(`${file}: no block between ${open} and ${close}`);
  process.exit(1);
}
if (text.indexOf(open, start + 1) >= 0) {
  console.error(`${file}: ${open} appears twice`);
  process.exit(1);
}
// A block inside a list item is indented: the fence's indentation is taken off every line.
const m = /^\s*?\n?([ \t]*)```[a-z]*\n([\s\S]*?)\n[ \t]*```\s*$/.exec(text.slice(start + open.length, end));
if (!m) {
  console.error(`${file}: the text between ${open} and ${close} is not one fenced code block`);
  process.exit(1);
}
const indent = m[1];
const lines = m[2].split('\n').map((l) => (l.startsWith(indent) ? l.slice(indent.length) : l));
process.stdout.write(`${lines.join('\n')}\n`);
