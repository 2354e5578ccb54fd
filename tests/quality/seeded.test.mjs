// Seeded-defect test: a clean, realistic corpus must pass without errors, and every injected
// defect must be reported with exactly its code at exactly its path.
//
//   node --test tests/quality/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';

import { NATIVE_CLI, runNative } from '../lib/env.mjs';
import { AS_OF, KINDS, generateClean, injectDefects } from './corpus.mjs';

const COUNT = 144;
const SEED = 20261123;

// The CLI may be briefly missing while another build relinks it: wait up to two minutes.
async function waitForCli() {
  for (let i = 0; i < 24 && !existsSync(NATIVE_CLI); i++) await new Promise((r) => setTimeout(r, 5000));
  assert.ok(existsSync(NATIVE_CLI), `${NATIVE_CLI} missing: build the native preset first`);
}

function validate(lines) {
  const input = Buffer.concat(lines.flatMap((l) => [Buffer.isBuffer(l) ? l : Buffer.from(l), Buffer.from('\n')]));
  const r = runNative(['validate', '-', '--as-of', AS_OF], input);
  assert.ok(r.status === 0 || r.status === 1, `validate exited ${r.status}: ${r.stderr}`);
  const out = r.stdout.toString().split('\n').filter((l) => l.length > 0).map((l) => JSON.parse(l));
  assert.equal(out.length, lines.length, 'one result line per input line');
  return out;
}

const clean = generateClean(COUNT, SEED);

test('corpus: size, markets and determinism', () => {
  assert.ok(clean.length >= 100, `only ${clean.length} clean declarations`);
  const markets = new Set(clean.map((d) => d.destination));
  assert.ok(markets.size >= 12, `only ${markets.size} markets: ${[...markets].join(' ')}`);
  assert.deepEqual(generateClean(COUNT, SEED), clean, 'same seed, same corpus');
  assert.notDeepEqual(generateClean(COUNT, SEED + 1), clean, 'another seed, another corpus');
  console.log(`clean corpus: ${clean.length} declarations, ${markets.size} markets (${[...markets].sort().join(' ')})`);
});

test('clean declarations: no error problems', async () => {
  await waitForCli();
  const results = validate(clean.map((d) => JSON.stringify(d)));
  const bad = [];
  let warnings = 0;
  results.forEach((r, i) => {
    assert.equal(r.id, clean[i].id);
    const errors = r.problems.filter((p) => p.severity === 'error');
    warnings += r.problems.length - errors.length;
    if (errors.length || r.ok !== true) bad.push({ id: clean[i].id, regime: r.regime, errors, declaration: clean[i] });
  });
  for (const b of bad) console.log(JSON.stringify(b));
  console.log(`clean corpus: ${results.length - bad.length}/${results.length} without errors, ${warnings} warning(s)`);
  assert.equal(bad.length, 0, `${bad.length} clean declaration(s) with errors (printed above)`);
  // Warnings are allowed on clean data but must stay rare.
  assert.ok(warnings <= Math.ceil(clean.length * 0.05), `${warnings} warnings on the clean corpus`);
});

test('seeded defects: every injected defect is found at its path', async () => {
  await waitForCli();
  const defects = clean.flatMap((d) => injectDefects(d).map((x) => ({ ...x, id: d.id })));
  const results = validate(defects.map((d) => d.line));
  const perKind = Object.fromEntries(KINDS.map((k) => [k, { injected: 0, found: 0 }]));
  const missed = [];
  defects.forEach((d, i) => {
    assert.ok(perKind[d.kind], `unknown kind ${d.kind}`);
    perKind[d.kind].injected++;
    const hit = results[i].problems.some((p) => p.code === d.code && p.path === d.path);
    if (hit) perKind[d.kind].found++;
    else missed.push({ kind: d.kind, id: d.id, want: { code: d.code, path: d.path }, got: results[i].problems.map((p) => [p.code, p.path]) });
  });
  console.log('kind                     injected  found');
  for (const [k, v] of Object.entries(perKind)) console.log(`${k.padEnd(24)} ${String(v.injected).padStart(8)} ${String(v.found).padStart(6)}`);
  for (const m of missed.slice(0, 40)) console.log('MISSED', JSON.stringify(m));
  for (const [k, v] of Object.entries(perKind)) assert.ok(v.injected >= 20, `${k} injected only ${v.injected} times`);
  const total = defects.length;
  console.log(`found ${total - missed.length}/${total} (${(((total - missed.length) / total) * 100).toFixed(1)} %)`);
  assert.equal(missed.length, 0, `${missed.length} injected defect(s) not reported (first ones printed above)`);
});

test('defect lines differ from the clean line in one place only', () => {
  // Sanity of the injector itself: a parseable defect line changes one field of the original.
  for (const d of clean.slice(0, 30)) {
    for (const x of injectDefects(d)) {
      if (Buffer.isBuffer(x.line) || x.kind === 'JSON_SYNTAX') continue;
      const got = JSON.parse(x.line);
      const diff = diffPaths(d, got);
      assert.ok(diff.length >= 1 && diff.length <= 3, `${x.kind} on ${d.id} changed ${diff.join(', ')}`);
    }
  }
});

function diffPaths(a, b, path = '') {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) return [path];
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].flatMap((k) => diffPaths(a[k], b[k], `${path}/${k}`));
}
