// `preclear data ...` on the real datasets and on a deliberately broken copy.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { before, test } from 'node:test';

import { ROOT, requireBuilds, runNative } from '../lib/env.mjs';

before(requireBuilds);

const data = (...args) => runNative(['data', ...args]);

test('data check passes on the datasets', () => {
  const r = data('check');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout.toString(), /hs: 96 chapters, 1228 headings, 5612 subheadings/);
});

test('data info lists ≥ 40 markets and the HS 2022 counts', () => {
  const info = JSON.parse(data('info').stdout);
  assert.ok(info.markets.length >= 40, `${info.markets.length} markets`);
  assert.equal(info.hs_edition, '2022');
  assert.equal(info.hs_subheadings, 5612);
  assert.equal(info.hs_headings, 1228);
  assert.equal(info.hs_chapters, 96);
  assert.match(info.hash, /^sha256:[0-9a-f]{64}$/);
  const codes = info.markets.map((m) => m.code);
  for (const cc of ['AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU', 'IE', 'IT', 'LT',
    'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK', 'GB', 'US', 'CA', 'AU', 'NZ', 'JP', 'CH', 'NO', 'SG', 'BR']) {
    assert.ok(codes.includes(cc), `market ${cc}`);
  }
  assert.deepEqual(info.markets.find((m) => m.code === 'DE'), { code: 'DE', name: 'Germany', currency: 'EUR' });
});

test('data hs lists each level in code order', () => {
  for (const [level, count] of [['2', 96], ['4', 1228], ['6', 5612]]) {
    const lines = data('hs', '--level', level).stdout.toString().trimEnd().split('\n');
    assert.equal(lines.length, count);
    assert.ok(lines.every((l) => l.length === Number(level) && /^\d+$/.test(l)));
    assert.deepEqual(lines, [...lines].sort());
  }
  const six = data('hs', '--level', '6').stdout.toString().split('\n');
  assert.ok(six.includes('851713'), 'smartphones (HS 2022)');
  assert.ok(!six.includes('851712'), 'deleted by HS 2022');
  assert.ok(!six.some((c) => c.startsWith('77')), 'chapter 77 is reserved');
});

test('the HS 6 code set equals the public HS 2022 reference (when ../shared is present)', (t) => {
  const ref = `${ROOT}../shared/reference/harmonized-system.csv`;
  if (!existsSync(ref)) return t.skip('reference not available');
  const codes = new Set();
  for (const line of readFileSync(ref, 'utf8').split('\n').slice(1)) {
    const m = line.match(/^[^,]*,(\d{6}),/);
    if (m && m[1] !== '999999') codes.add(m[1]);
  }
  const ours = data('hs', '--level', '6').stdout.toString().trimEnd().split('\n');
  assert.deepEqual(ours, [...codes].sort());
});

test('diff: the EU €3 duty replaces the €150 relief on 2026-07-01 (DE)', () => {
  const r = JSON.parse(data('diff', '--from', '2026-06-30', '--to', '2026-07-01', '--market', 'DE', '--json').stdout);
  const ids = r.changes.map((c) => `${c.change} ${c.id}`);
  assert.deepEqual(ids, ['removed EU.duty_relief_150', 'added EU.fixed_duty_3']);
  const added = r.changes[1].after;
  assert.equal(added.rule.amount, '3.00');
  assert.equal(added.rule.per, 'distinct_tariff_line');
  assert.equal(added.effective_from, '2026-07-01');
  const text = data('diff', '--from', '2026-06-30', '--to', '2026-07-01', '--market', 'DE').stdout.toString();
  assert.match(text, /^DE \+ EU\.fixed_duty_3$/m);
  assert.match(text, /^DE - EU\.duty_relief_150$/m);
});

test('diff: US de minimis ends on 2025-08-29', () => {
  const r = JSON.parse(data('diff', '--from', '2025-08-28', '--to', '2025-08-30', '--market', 'US', '--json').stdout);
  const dm = r.changes.find((c) => c.id === 'US.de_minimis');
  assert.ok(dm, JSON.stringify(r.changes.map((c) => c.id)));
  assert.equal(dm.change, 'changed');
  assert.equal(dm.before.rule.amount, '800.00');
  assert.equal(dm.before.effective_to, '2025-08-29');
  assert.equal(dm.after.rule.amount, '0.00');
});

test('diff across all markets and with nothing to report', () => {
  const all = JSON.parse(data('diff', '--from', '2026-06-30', '--to', '2026-07-01', '--json').stdout);
  const eu3 = all.changes.filter((c) => c.id === 'EU.fixed_duty_3').map((c) => c.market);
  assert.equal(eu3.length, 27, 'every EU member inherits the €3 duty');
  const none = data('diff', '--from', '2026-11-01', '--to', '2026-11-01', '--market', 'DE');
  assert.match(none.stdout.toString(), /no rule changes/);
});

test('data check reports broken data with the file and the reason', () => {
  const dir = mkdtempSync(`${tmpdir()}/preclear-data-`);
  cpSync(`${ROOT}datasets`, dir, { recursive: true });
  const de = JSON.parse(readFileSync(`${dir}/markets/DE.json`, 'utf8'));
  de.rules.push({ ...de.rules[de.rules.length - 2], effective_from: '2022-01-01' });  // overlaps a period
  de.rules.push({ id: 'DE.broken', kind: 'vat_rate', rate: '10', effective_from: '2026-13-01', effective_to: null,
    confidence: 'verified', source: ['S999'] });
  writeFileSync(`${dir}/markets/DE.json`, JSON.stringify(de));
  // A file that breaks its schema is reported and goes no further.
  const fr = JSON.parse(readFileSync(`${dir}/markets/FR.json`, 'utf8'));
  fr.rules.push({ id: 'FR.broken', kind: 'vat_rate', rate: 'ten', effective_from: '2026-01-01', effective_to: null,
    confidence: 'sure', source: ['S1'] });
  writeFileSync(`${dir}/markets/FR.json`, JSON.stringify(fr));
  writeFileSync(`${dir}/hs/chapters/99.json`, '{"edition":"HS2022"');
  const h7 = JSON.parse(readFileSync(`${dir}/regimes/eu-h7.json`, 'utf8'));
  const gtin = h7.required.concat(h7.elements).find((e) => e.path === '/items/*/gtin' && e.format?.examples);
  gtin.format.examples.valid.push('ABC');  // an example the pattern rejects
  writeFileSync(`${dir}/regimes/eu-h7.json`, JSON.stringify(h7));
  const r = data('check', '--datasets', dir);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /DE\.json: rule DE\.vat\.standard: periods overlap at 2022-01-01/);
  assert.match(r.stderr, /FR\.json: \/rules\/\d+\/rate: "ten" does not match/);
  assert.match(r.stderr, /FR\.json: \/rules\/\d+\/confidence: "sure" is not one of/);
  assert.match(r.stderr, /unknown source id "S999"/);
  assert.match(r.stderr, /99\.json: not valid JSON/);
  assert.match(r.stderr, /eu-h7\.json EU-H7 \w+\[\d+\]: valid example "ABC" does not match/);
  assert.match(r.stderr, /DE\.json rules\[\d+\]: effective_from must be YYYY-MM-DD/);
});

test('data build writes packs that the loader accepts', () => {
  const out = mkdtempSync(`${tmpdir()}/preclear-packs-`);
  const r = data('build', '--out', out);
  assert.equal(r.status, 0, r.stderr);
  const ledger = readFileSync(`${ROOT}datasets/fingerprints.csv`, 'utf8');
  const common = readFileSync(`${out}/common.pack`);
  assert.equal(common.subarray(0, 8).toString(), 'PRECLEAR');
  assert.match(ledger, new RegExp(`^default/common,${common.length},`, 'm'));
  assert.ok(existsSync(`${out}/markets/DE.pack`));
  assert.ok(existsSync(`${out}/guidance/core.pack`) && existsSync(`${out}/guidance/zh.pack`), 'HS guidance: core and language parts');
  assert.ok(!existsSync(`${out}/markets/EU.pack`), 'a union has no pack of its own');
});

// The importer on a USITC HTS JSON sample we wrote ourselves (same row shape as the public
// export): exact output; the schedule then replaces US-HTS in a copy of the datasets, which
// checks and builds, and the market pack built from it prices a parcel with the imported rate.
test('data import-tariff turns a USITC HTS export into a duty schedule', async () => {
  const args = ['import-tariff', '--format', 'usitc-hts', '--in', `${ROOT}tests/data/usitc-hts-sample.json`, '--id', 'US-HTS',
    '--market', 'US', '--currency', 'USD', '--source', 'S52', '--effective-from', '2026-01-01', '--title', 'Sample of the HTS, column 1 General'];
  const r = data(...args);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.toString(), readFileSync(`${ROOT}tests/data/usitc-hts-sample.expected.json`, 'utf8'));
  assert.match(r.stderr, /15 lines read, 9 subheadings, 2 estimates, 1 rates not read/);
  const doc = JSON.parse(r.stdout);
  // 8.5 % is the rate of two of the three leather-footwear lines; the spread is in the note.
  assert.deepEqual(doc.rates.find((x) => x.hs === '640399').duty, { ad_valorem: '8.5' });
  assert.equal(doc.rates.find((x) => x.hs === '640399').estimate, true);
  // A proof liter is half a liter of pure alcohol: 23.7 cents each -> USD 0.474 per litre of alcohol.
  assert.deepEqual(doc.rates.find((x) => x.hs === '220840').duty, { specific: { amount: '0.474', per: 'litre_alcohol' } });
  assert.ok(!doc.rates.some((x) => x.hs.startsWith('99')), 'chapter 99 national provisions are not HS');

  const dir = mkdtempSync(`${tmpdir()}/preclear-import-`);
  cpSync(`${ROOT}datasets`, dir, { recursive: true });
  // The sample covers a handful of codes: keep the full schedule's rates for the rest.
  const full = JSON.parse(readFileSync(`${dir}/tariffs/schedules/US-HTS.json`, 'utf8'));
  const imported = new Set(doc.rates.map((x) => x.hs));
  doc.rates = doc.rates.concat(full.rates.filter((x) => !imported.has(x.hs)));
  doc.additional = full.additional;
  writeFileSync(`${dir}/tariffs/schedules/US-HTS.json`, JSON.stringify(doc, null, 2));
  assert.equal(data('check', '--datasets', dir).status, 0);
  const out = mkdtempSync(`${tmpdir()}/preclear-import-packs-`);
  assert.equal(data('build', '--datasets', dir, '--out', out).status, 0);
  assert.ok(existsSync(`${out}/markets/US.pack`));
  // The built market pack prices a parcel with the imported rates (wasm build, pack as bytes).
  const { Preclear } = await import('../../web/src/preclear.mjs');
  const pc = await Preclear.load();
  await pc.loadMarket(readFileSync(`${out}/markets/US.pack`));
  const e = pc.estimate({ id: 'imp', destination: 'US', currency: 'USD', mode: 'courier', items: [
    { description: 'leather shoes', hs: '640399', quantity: 1, unit_price: '100.00', origin: 'VN' }] }, { asOf: '2026-11-23' });
  assert.equal(e.totals.duty, '8.50');
  assert.ok(e.explain.some((x) => x.rule === 'US-HTS:640399' && x.confidence === 'verified'));
});

test('usage errors exit 2', () => {
  assert.equal(data('import-tariff', '--format', 'csv', '--in', 'x').status, 2);
  assert.equal(data().status, 2);
  assert.equal(data('hs').status, 2);
  assert.equal(data('diff', '--from', '2026-02-30', '--to', '2026-03-01').status, 2);
  assert.equal(data('diff', '--from', '2026-01-01', '--to', '2026-03-01', '--market', 'XX').status, 2);
  assert.equal(data('frob').status, 2);
});
