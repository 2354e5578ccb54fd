// Landed-cost properties over seeded random carts in 27 markets (native CLI; the wasm build must
// print the same bytes for all of them):
// - totals are the sums of the lines, and total = duty + tax + fees;
// - the result does not depend on the order of the items;
// - adding an item never lowers duty or tax, except where the bigger cart crosses a value limit
//   that switches the duty method: the EU's flat duty per tariff line gives way to the tariff
//   (and its EUR 10 waiver) above EUR 150, Japan's simplified rates give way to the general
//   tariff above JPY 200,000, a flat in-lieu charge ends. The two explanations then differ in
//   method. Carts for this property carry no shipping: transport cost is apportioned over the
//   items by value, so a new low-rate item legitimately takes part of the freight (and of the
//   duty on it) away from a high-rate one.
//
//   node --test tests/landed/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

import { NATIVE_CLI, ROOT, requireBuilds, runNative, runNode } from '../lib/env.mjs';

const MARKETS = {
  DE: 'EUR', FR: 'EUR', IT: 'EUR', ES: 'EUR', NL: 'EUR', PL: 'PLN', SE: 'SEK', RO: 'RON', GB: 'GBP', US: 'USD',
  CA: 'CAD', AU: 'AUD', NZ: 'NZD', NO: 'NOK', SG: 'SGD', CH: 'CHF', JP: 'JPY', KR: 'KRW', CN: 'CNY', IN: 'INR',
  ZA: 'ZAR', TR: 'TRY', IL: 'ILS', SA: 'SAR', AE: 'AED', MX: 'MXN', BR: 'BRL',
};
const SCHEMES = { DE: 'IOSS', FR: 'IOSS', IT: 'IOSS', ES: 'IOSS', NL: 'IOSS', PL: 'IOSS', SE: 'IOSS', RO: 'IOSS', GB: 'UK_VAT', AU: 'AU_GST', NZ: 'NZ_GST', NO: 'NO_VOEC', SG: 'SG_OVR', CH: 'CH_VAT' };
const ZERO_DECIMALS = new Set(['JPY', 'KRW']);
const GOODS = JSON.parse(readFileSync(`${ROOT}datasets/tariffs/ecommerce-goods.json`, 'utf8')).goods.map((g) => g.hs);
const DATES = ['2025-06-15', '2026-06-30', '2026-07-01', '2026-11-23'];

// xorshift64*: the same carts on every run.
function rng(seed) {
  let s = BigInt(seed) || 1n;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return Number(((s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn) >> 11n) / 2 ** 53;
  };
}

function item(r, currency) {
  const big = ZERO_DECIMALS.has(currency) ? 150 : 1;
  const cents = Math.floor(r() * 12000) + 50;
  const price = ZERO_DECIMALS.has(currency) ? String(Math.floor((cents * big) / 100) + 1) : (cents / 100).toFixed(2);
  return {
    description: 'test goods',
    hs: GOODS[Math.floor(r() * GOODS.length)],
    quantity: 1 + Math.floor(r() * 3),
    unit_price: price,
    origin: ['CN', 'DE', 'US', 'VN', 'GB'][Math.floor(r() * 5)],
    net_mass_kg: (0.1 + Math.floor(r() * 20) / 10).toFixed(1),
  };
}

function cart(r, n) {
  const codes = Object.keys(MARKETS);
  const destination = codes[Math.floor(r() * codes.length)];
  const currency = MARKETS[destination];
  const decl = {
    id: `p-${n}`,
    date: DATES[Math.floor(r() * DATES.length)],
    destination,
    currency,
    shipping: ZERO_DECIMALS.has(currency) ? '900' : (Math.floor(r() * 1500) / 100).toFixed(2),
    insurance: '0',
    mode: r() < 0.5 ? 'postal' : 'courier',
    transaction: r() < 0.85 ? 'B2C' : 'C2C',
    incoterm: r() < 0.5 ? 'DDP' : 'DAP',
    seller: { name: 'Seller', address: { country: 'CN' }, registrations: [] },
    buyer: { name: 'Buyer', address: { country: destination, region: ['ON', 'QC', 'BC', 'AB'][Math.floor(r() * 4)] } },
    items: [],
  };
  if (SCHEMES[destination] && r() < 0.6) decl.seller.registrations.push({ scheme: SCHEMES[destination], number: 'X1' });
  const k = 1 + Math.floor(r() * 3);
  for (let i = 0; i < k; i++) decl.items.push(item(r, currency));
  return decl;
}

function estimate(decls) {
  const r = runNative(['estimate', '-', '--as-of', '2026-11-23'], decls.map((d) => JSON.stringify(d)).join('\n') + '\n');
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  return r.stdout.toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
}

const cents = (s) => {
  const [a, b = ''] = s.split('.');
  return BigInt(a + b.padEnd(4, '0'));
};

const skip = !existsSync(NATIVE_CLI) && 'native build missing';
const r = rng(20261123);
const carts = Array.from({ length: 300 }, (_, i) => cart(r, i));

test('totals are the sums of the lines', { skip }, () => {
  for (const e of estimate(carts)) {
    assert.equal(e.ok, true, JSON.stringify(e.problems));
    for (const k of ['customs_value', 'duty', 'tax', 'fees', 'total']) {
      const sum = e.lines.reduce((s, l) => s + cents(l[k]), 0n);
      assert.equal(sum, cents(e.totals[k]), `${e.id} ${k}`);
    }
    assert.equal(cents(e.totals.duty) + cents(e.totals.tax) + cents(e.totals.fees), cents(e.totals.total), e.id);
    for (const l of e.lines) assert.equal(cents(l.duty) + cents(l.tax) + cents(l.fees), cents(l.total), `${e.id} line ${l.item}`);
  }
});

test('results do not depend on item order', { skip }, () => {
  const reversed = carts.map((d) => ({ ...d, items: [...d.items].reverse() }));
  const a = estimate(carts);
  const b = estimate(reversed);
  for (let i = 0; i < carts.length; i++) {
    assert.deepEqual(b[i].totals, a[i].totals, carts[i].id);
    assert.equal(b[i].complete, a[i].complete, carts[i].id);
    assert.deepEqual(b[i].collection, a[i].collection, carts[i].id);
    const strip = (lines) => lines.map(({ item: _, ...rest }) => JSON.stringify(rest)).sort();
    assert.deepEqual(strip(b[i].lines), strip(a[i].lines), carts[i].id);
  }
});

test('adding an item never lowers duty or tax (except where the duty method switches)', { skip }, () => {
  const r2 = rng(7);
  const base = carts.map((d) => ({ ...d, shipping: '0', insurance: '0' }));
  const bigger = base.map((d) => ({ ...d, items: [...d.items, item(r2, d.currency)] }));
  const a = estimate(base);
  const b = estimate(bigger);
  // The duty method of an estimate: flat amounts, in-lieu charges and the schedules used.
  const method = (e) => e.explain
    .filter((x) => x.key === 'EXPLAIN_DUTY_FIXED' || x.key === 'EXPLAIN_IN_LIEU' || /^[A-Z]{2,3}-[A-Z0-9-]+:/.test(x.rule))
    .map((x) => (x.key === 'EXPLAIN_DUTY_RATE' ? x.rule.split(':')[0] : x.key));
  let switched = 0;
  for (let i = 0; i < base.length; i++) {
    if (!a[i].complete || !b[i].complete) continue;  // a lower bound says nothing here
    const lower = cents(b[i].totals.duty) < cents(a[i].totals.duty) || cents(b[i].totals.tax) < cents(a[i].totals.tax);
    if (!lower) continue;
    const ma = new Set(method(a[i]));
    const mb = new Set(method(b[i]));
    const same = ma.size === mb.size && [...ma].every((m) => mb.has(m));
    assert.ok(!same, `${base[i].id}: duty or tax went down without a method switch\n${JSON.stringify(a[i].totals)}\n${JSON.stringify(b[i].totals)}`);
    switched++;
  }
  assert.ok(switched < base.length / 4, `too many method switches (${switched})`);
});

test('the wasm build gives the same bytes for every property cart', () => {
  requireBuilds();
  const r2 = rng(7);
  const all = carts.concat(carts.map((d) => ({ ...d, id: `${d.id}+`, items: [...d.items, item(r2, d.currency)] })));
  const input = all.map((d) => JSON.stringify(d)).join('\n') + '\n';
  const native = runNative(['estimate', '-', '--as-of', '2026-11-23'], input);
  const wasm = runNode(['estimate', '-', '--as-of', '2026-11-23'], input);
  assert.equal(native.stdout.toString().split('\n').length, all.length + 1);
  assert.ok(wasm.stdout.equals(native.stdout), 'native and wasm estimates differ');
});
