// Golden files per regime: tests/golden/<REGIME>/<name>.json =
//   { cite, as_of, input: declaration, expected: { ok, regime, problems: [{code, severity, path, rule, args}] } }
// Each input runs through the native CLI with its as_of; ok, regime and the problems (without
// message) must match exactly, in order. Messages and the receipt are not compared (the receipt's
// as_of must still be the file's as_of, since the inputs carry no date of their own).
//
//   node --test tests/golden/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { NATIVE_CLI, runNative } from '../lib/env.mjs';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const REGIMES = ['EU-H7', 'GB', 'US-2026', 'AU', 'NZ', 'CA', 'NO-VOEC', 'SG', 'CH', 'WCO-GENERIC'];

function loadCases() {
  const cases = [];
  for (const dir of readdirSync(DIR).sort()) {
    if (!statSync(join(DIR, dir)).isDirectory()) continue;
    for (const f of readdirSync(join(DIR, dir)).sort()) {
      if (!f.endsWith('.json')) continue;
      const file = `${dir}/${f}`;
      cases.push({ file, dir, golden: JSON.parse(readFileSync(join(DIR, file), 'utf8')) });
    }
  }
  return cases;
}

const cases = loadCases();

async function waitForCli() {
  for (let i = 0; i < 24 && !existsSync(NATIVE_CLI); i++) await new Promise((r) => setTimeout(r, 5000));
  assert.ok(existsSync(NATIVE_CLI), `${NATIVE_CLI} missing: build the native preset first`);
}

test('golden files: shape and coverage', () => {
  for (const { file, dir, golden } of cases) {
    assert.equal(typeof golden.cite, 'string', `${file}: cite`);
    assert.match(golden.cite, /\bS\d+|DQ-\d\d|\.json/, `${file}: cite names a source id, rule id or data file`);
    assert.match(golden.as_of, /^\d{4}-\d{2}-\d{2}$/, `${file}: as_of`);
    assert.equal(typeof golden.input, 'object', `${file}: input`);
    assert.equal(golden.input.date, undefined, `${file}: input must not carry its own date (as_of decides)`);
    const e = golden.expected;
    assert.deepEqual(Object.keys(e).sort(), ['ok', 'problems', 'regime'], `${file}: expected keys`);
    assert.equal(e.regime, dir, `${file}: lives under its regime`);
    assert.equal(e.ok, !e.problems.some((p) => p.severity === 'error'), `${file}: ok iff no error`);
    for (const p of e.problems) assert.deepEqual(Object.keys(p).sort(), ['args', 'code', 'path', 'rule', 'severity'], `${file}: problem keys`);
  }
  for (const r of REGIMES) {
    const n = cases.filter((c) => c.dir === r).length;
    assert.ok(n >= 3, `${r}: only ${n} golden case(s)`);
  }
  // The same parcel before and after the EU 2026 changes, and under GB, US 2026 and AU.
  const same = cases.filter((c) => c.file.includes('same-parcel'));
  const byRegime = new Map(same.map((c) => [`${c.dir}@${c.golden.as_of}`, c.golden.expected]));
  for (const k of ['EU-H7@2026-06-30', 'EU-H7@2026-11-23', 'GB@2026-11-23', 'US-2026@2026-11-23', 'AU@2026-11-23']) {
    assert.ok(byRegime.has(k), `same-parcel case missing: ${k}`);
  }
  assert.notDeepEqual(byRegime.get('EU-H7@2026-06-30'), byRegime.get('EU-H7@2026-11-23'), 'EU-H7 before/after must differ');
  const items = same.map((c) => JSON.stringify(c.golden.input.items.map(({ description, quantity, origin, net_mass_kg, gtin }) => ({ description, quantity, origin, net_mass_kg, gtin }))));
  assert.equal(new Set(items).size, 1, 'same-parcel cases carry the same goods');
  console.log(`golden: ${cases.length} files; ${REGIMES.map((r) => `${r} ${cases.filter((c) => c.dir === r).length}`).join(', ')}`);
});

for (const { file, golden } of cases) {
  test(`golden ${file}`, async () => {
    await waitForCli();
    const r = runNative(['validate', '-', '--as-of', golden.as_of], `${JSON.stringify(golden.input)}\n`);
    assert.ok(r.status === 0 || r.status === 1, `validate exited ${r.status}: ${r.stderr}`);
    const lines = r.stdout.toString().split('\n').filter((l) => l.length > 0);
    assert.equal(lines.length, 1);
    const got = JSON.parse(lines[0]);
    assert.equal(got.receipt.as_of, golden.as_of, 'receipt as_of');
    assert.equal(r.status, got.ok ? 0 : 1, 'exit code follows ok');
    const actual = {
      ok: got.ok,
      regime: got.regime,
      problems: got.problems.map(({ code, severity, path, rule, args }) => ({ code, severity, path, rule, args })),
    };
    assert.deepEqual(actual, golden.expected, `${file} (${golden.cite})`);
  });
}
