#!/usr/bin/env node
// Writes an NDJSON benchmark corpus: the seeded-defect corpus (clean declarations and every
// injected defect) repeated with fresh ids up to N lines.  node tests/bench/make_corpus.mjs N > FILE
import { generateClean, injectDefects } from '../quality/corpus.mjs';

const n = Number(process.argv[2] ?? 100000);
const base = [];
for (const decl of generateClean(144, 20261123)) {
  base.push(Buffer.from(JSON.stringify(decl)));
  for (const d of injectDefects(decl)) base.push(Buffer.isBuffer(d.line) ? d.line : Buffer.from(d.line));
}
const out = [];
for (let i = 0; i < n; i++) out.push(base[i % base.length], Buffer.from('\n'));
process.stdout.write(Buffer.concat(out));
