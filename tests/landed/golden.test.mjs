// Landed-cost golden files: tests/landed/golden/<MARKET>/<name>.json =
//   { cite, as_of, input: declaration (no date of its own), expected: { complete, currency,
//     totals: { customs_value, duty, tax, fees, total }, collection: { model, paid_by }, rules: [...] } }
// Each case was worked out by hand from the official rule or example its cite names and the data
// files; the native CLI must give exactly those totals, that collection model and payer, and
// explain with (at least) the listed rules. Optional expected.refund ({duty, tax, total} for
// "returned" items) and expected.inclusive ({target_total, unit_price, landed_total, reachable}
// for a "target_total") are compared too. The wasm build must give the same bytes.
//
//   node --test tests/landed/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { NATIVE_CLI, requireBuilds, runNative, runNode } from '../lib/env.mjs';

const DIR = fileURLToPath(new URL('golden/', import.meta.url));
// Collection models of design.md that the golden files must show at work.
const MODELS = ['IOSS', 'UK_POINT_OF_SALE', 'AU_LVG', 'NZ_LVG', 'NO_VOEC', 'SG_OVR', 'CH_MAIL_ORDER', 'CARRIER', 'BORDER'];

function loadCases() {
  const cases = [];
  if (!existsSync(DIR)) return cases;
  for (const market of readdirSync(DIR).sort()) {
    if (!statSync(join(DIR, market)).isDirectory()) continue;
    for (const f of readdirSync(join(DIR, market)).sort()) {
      if (f.endsWith('.json')) cases.push({ file: `${market}/${f}`, market, golden: JSON.parse(readFileSync(join(DIR, market, f), 'utf8')) });
    }
  }
  return cases;
}

const cases = loadCases();

// Runs every case through |runner|, one CLI call per as-of date; returns file -> output line.
function runAll(runner, extra = []) {
  const byDate = new Map();
  for (const c of cases) {
    if (!byDate.has(c.golden.as_of)) byDate.set(c.golden.as_of, []);
    byDate.get(c.golden.as_of).push(c);
  }
  const out = new Map();
  for (const [asOf, group] of byDate) {
    const input = group.map((c) => JSON.stringify(c.golden.input)).join('\n') + '\n';
    const r = runner(['estimate', '-', '--as-of', asOf, ...extra], input);
    assert.ok(r.status === 0 || r.status === 1, `estimate exited ${r.status}: ${r.stderr}`);
    const lines = r.stdout.toString('utf8').split('\n').filter((l) => l.length > 0);
    assert.equal(lines.length, group.length, `one line per input (as_of ${asOf})`);
    group.forEach((c, i) => out.set(c.file, lines[i]));
  }
  return out;
}

test('golden files: shape and coverage', () => {
  for (const { file, market, golden } of cases) {
    assert.equal(typeof golden.cite, 'string', `${file}: cite`);
    assert.match(golden.cite, /\bS\d+|\.json/, `${file}: cite names a source id or a data file`);
    assert.match(golden.as_of, /^\d{4}-\d{2}-\d{2}$/, `${file}: as_of`);
    assert.equal(golden.input.date, undefined, `${file}: input must not carry its own date (as_of decides)`);
    assert.equal(golden.input.destination, market, `${file}: lives under its destination`);
    const e = golden.expected;
    const keys = Object.keys(e).filter((k) => k !== 'refund' && k !== 'inclusive').sort();
    assert.deepEqual(keys, ['collection', 'complete', 'currency', 'rules', 'totals'], `${file}: expected keys`);
    assert.deepEqual(Object.keys(e.totals).sort(), ['customs_value', 'duty', 'fees', 'tax', 'total'], `${file}: totals keys`);
    for (const v of Object.values(e.totals)) assert.match(v, /^\d+(\.\d+)?$/, `${file}: decimal strings`);
  }
  assert.ok(cases.length >= 80, `only ${cases.length} golden cases`);
  const markets = new Set(cases.map((c) => c.market));
  assert.ok(markets.size >= 20, `only ${markets.size} markets`);
  const models = new Set(cases.map((c) => c.golden.expected.collection.model));
  for (const m of MODELS) assert.ok(models.has(m), `no golden case shows the ${m} collection model`);
});

test('native estimates match the golden files', { skip: !existsSync(NATIVE_CLI) && 'native build missing' }, () => {
  const out = runAll(runNative);
  const failures = [];
  for (const { file, golden } of cases) {
    const r = JSON.parse(out.get(file));
    const e = golden.expected;
    const got = {
      complete: r.complete,
      currency: r.currency,
      totals: r.totals,
      collection: r.collection && { model: r.collection.model, paid_by: r.collection.paid_by },
    };
    const want = { complete: e.complete, currency: e.currency, totals: e.totals, collection: e.collection };
    // Returns and inclusive pricing, where the case asks for them.
    if (e.refund) {
      got.refund = r.refund;
      want.refund = e.refund;
    }
    if (e.inclusive) {
      got.inclusive = r.inclusive;
      want.inclusive = e.inclusive;
    }
    const rules = new Set(r.explain.map((x) => x.rule));
    const missing = e.rules.filter((id) => !rules.has(id));
    try {
      assert.deepEqual(got, want);
      assert.deepEqual(missing, [], 'rules missing from the explanation');
      assert.equal(r.ok, true, 'the estimate must be ok');
    } catch (err) {
      failures.push(`${file}: ${err.message.split('\n').slice(0, 12).join('\n')}`);
    }
  }
  assert.deepEqual(failures, []);
});

test('the wasm build gives the same bytes for every golden input (en, de, ja)', () => {
  requireBuilds();
  for (const locale of ['en', 'de', 'ja']) {
    const native = runAll(runNative, ['--locale', locale]);
    const wasm = runAll(runNode, ['--locale', locale]);
    for (const { file } of cases) assert.equal(wasm.get(file), native.get(file), `${file} (${locale})`);
  }
});

test('lines that cannot be priced say why, natively and in wasm alike', () => {
  requireBuilds();
  const lines = [
    '{"id":"aq","destination":"AQ","currency":"EUR","items":[{"hs":"610910","quantity":1,"unit_price":"10.00"}]}',
    '{"id":"no-price","destination":"DE","currency":"EUR","items":[{"hs":"610910","quantity":1}]}',
    '{"id":"bad-fx","destination":"DE","currency":"EUR","items":[{"hs":"610910","quantity":1,"unit_price":"10.00"}],"fx":[{"from":"EUR","to":"usd","rate":"-1"}]}',
    '{"id":"two-items-target","destination":"DE","currency":"EUR","items":[{"hs":"610910","quantity":1},{"hs":"910211","quantity":1}],"target_total":"50.00"}',
    '{"id":"bad-return","destination":"DE","currency":"EUR","items":[{"hs":"610910","quantity":1,"unit_price":"10.00"}],"returned":[{"item":3,"quantity":1}]}',
    '{not json',
  ];
  const input = lines.join('\n') + '\n';
  const native = runNative(['estimate', '-', '--as-of', '2026-11-23'], input);
  const wasm = runNode(['estimate', '-', '--as-of', '2026-11-23'], input);
  assert.equal(native.status, 1);
  assert.equal(wasm.stdout.toString(), native.stdout.toString());
  const out = native.stdout.toString().trim().split('\n').map((l) => JSON.parse(l));
  const codes = out.map((r) => r.problems.map((p) => `${p.code} ${p.path}`));
  assert.deepEqual(codes, [
    ['MARKET_UNSUPPORTED /destination'],
    ['FIELD_MISSING /items/0/unit_price'],
    ['CURRENCY_UNKNOWN /fx/0/to', 'AMOUNT_INVALID /fx/0/rate'],
    ['FIELD_VALUE /items'],
    ['FIELD_VALUE /returned/0/item'],
    ['JSON_SYNTAX '],
  ]);
  for (const r of out) {
    assert.equal(r.ok, false);
    assert.equal(r.totals, null);
  }
});
