#!/usr/bin/env node
// Checks datasets/hs/ against the public-domain HS 2022 reference in ../shared/reference (only
// present on the team's machines; the project never needs it): the code set must be exactly
// HS 2022, and our own-words titles must not copy the reference descriptions.
//
//   node scripts/check-hs-reference.mjs [NN ...]     (default: every chapter file present)
// Exit 0 clean, 1 problems found, 3 reference not available.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const refPath = `${root}../shared/reference/harmonized-system.csv`;
if (!existsSync(refPath)) {
  console.log('reference not available; skipped');
  process.exit(3);
}

function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

const [header, ...data] = parseCsv(readFileSync(refPath, 'utf8'));
const col = Object.fromEntries(header.map((h, i) => [h, i]));
const ref = new Map();
for (const r of data) {
  if (r[col.section] === 'TOTAL') continue;
  ref.set(r[col.hscode], { level: Number(r[col.level]), text: r[col.description], section: r[col.section] });
}

const norm = (s) => s.toLowerCase().normalize('NFKD').replace(/[^a-z0-9 ]+/g, ' ').replace(/\s+/g, ' ').trim();
const words = (s) => norm(s).split(' ').filter(Boolean);
function sharedRun(a, b, n) {
  const wa = words(a);
  const grams = new Set();
  const wb = words(b);
  for (let i = 0; i + n <= wb.length; i++) grams.add(wb.slice(i, i + n).join(' '));
  for (let i = 0; i + n <= wa.length; i++) if (grams.has(wa.slice(i, i + n).join(' '))) return wa.slice(i, i + n).join(' ');
  return null;
}

const dir = `${root}datasets/hs/chapters`;
const wanted = process.argv.slice(2);
const files = readdirSync(dir).filter((f) => /^\d\d\.json$/.test(f)).filter((f) => !wanted.length || wanted.includes(f.slice(0, 2)));
let problems = 0;
const seen = new Set();
const report = (msg) => { problems++; console.log(msg); };
for (const f of files) {
  const doc = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
  const ch = doc.chapter;
  if (`${ch}.json` !== f) report(`${f}: chapter field ${ch}`);
  const nodes = [{ code: ch, title: doc.title }];
  for (const h of doc.headings ?? []) {
    nodes.push({ code: h.code, title: h.title });
    if (!h.code?.startsWith(ch)) report(`${f}: heading ${h.code} outside chapter`);
    for (const s of h.subheadings ?? []) {
      nodes.push({ code: s.code, title: s.title });
      if (!s.code?.startsWith(h.code)) report(`${f}: subheading ${s.code} outside heading ${h.code}`);
    }
  }
  if (ref.get(ch)?.section !== doc.section) report(`${f}: section ${doc.section}, reference says ${ref.get(ch)?.section}`);
  for (const n of nodes) {
    seen.add(n.code);
    const r = ref.get(n.code);
    if (!r) { report(`${f}: ${n.code} is not an HS 2022 code`); continue; }
    if (typeof n.title !== 'string' || n.title.trim() === '') { report(`${f}: ${n.code} has no title`); continue; }
    if (n.title.length > 120) report(`${f}: ${n.code} title longer than 120 characters (${n.title.length})`);
    if (norm(n.title) === norm(r.text)) report(`${f}: ${n.code} title equals the reference description`);
    const run = sharedRun(n.title, r.text, 6);
    if (run) report(`${f}: ${n.code} title shares a 6-word run with the reference: "${run}"`);
  }
  // Every reference code of these chapters must be present.
  for (const [code] of ref) {
    if (code.startsWith(ch) && !seen.has(code)) report(`${f}: missing ${code}`);
  }
}
const chapters = [...ref].filter(([, r]) => r.level === 2).length;
console.log(`${files.length} chapter files checked (reference: ${chapters} chapters); ${problems} problem(s)`);
process.exit(problems ? 1 : 0);
