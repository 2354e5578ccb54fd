// Market packs loaded on demand in wasm: the same rules, byte for byte, as the native CLI.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';

import { Preclear } from '../../web/src/preclear.mjs';
import { ROOT, requireBuilds, runNative } from '../lib/env.mjs';

let pc;
before(async () => {
  requireBuilds();
  pc = await Preclear.load({ markets: ['DE', 'US'] });
});

test('every market of the common pack has a pack to load', async () => {
  const markets = pc.markets();
  assert.ok(markets.length >= 40);
  assert.deepEqual(markets.filter((m) => m.loaded).map((m) => m.code), ['DE', 'US']);
  for (const m of markets) {
    const r = await pc.loadMarket(m.code);
    assert.equal(r.code, m.code);
    assert.match(r.hash, /^sha256:[0-9a-f]{64}$/);
  }
  assert.ok(pc.markets().every((m) => m.loaded));
});

for (const [cc, dates] of [['DE', ['2020-09-01', '2026-06-30', '2026-07-01', '2026-11-23']],
  ['US', ['2025-05-01', '2025-08-28', '2025-08-29']], ['CA', ['2026-11-23']], ['FR', ['2026-03-01']], ['CH', ['2023-12-31', '2024-01-01']]]) {
  test(`rules in force for ${cc} equal the native CLI's bytes`, async () => {
    await pc.loadMarket(cc);
    for (const d of dates) {
      const native = runNative(['data', 'rules', '--market', cc, '--as-of', d]);
      assert.equal(native.status, 0, native.stderr);
      assert.equal(pc.rulesJson(cc, { asOf: d }) + '\n', native.stdout.toString());
    }
  });
}

test('the €3 duty reaches Germany through the EU union pack', () => {
  const ids = (d) => pc.rules('DE', { asOf: d }).rules.map((r) => r.id);
  assert.ok(ids('2026-06-30').includes('EU.duty_relief_150'));
  assert.ok(!ids('2026-06-30').includes('EU.fixed_duty_3'));
  assert.ok(ids('2026-07-01').includes('EU.fixed_duty_3'));
  const vat = pc.rules('DE', { asOf: '2020-09-01' }).rules.find((r) => r.id === 'DE.vat.standard');
  assert.equal(vat.rule.rate, '16');
  assert.equal(vat.confidence, 'unverified');
});

test('damaged pack bytes are refused with a typed error', async () => {
  const good = readFileSync(`${ROOT}build/wasm/dist/packs/DE.pack`);
  await assert.rejects(pc.loadMarket(good.subarray(0, 100)), /pack_truncated/);
  await assert.rejects(pc.loadMarket(Buffer.from('<!doctype html>')), /pack_bad_magic/);
  const flipped = Buffer.from(good);
  flipped[20] ^= 0xff;
  await assert.rejects(pc.loadMarket(flipped), /pack_corrupt/);
  await assert.rejects(pc.loadMarket('XX'), /ENOENT/);
  assert.throws(() => pc.rules('JP', { asOf: '2026-01-01' }) && pc.rules('QQ'), /market_not_loaded/);
});
