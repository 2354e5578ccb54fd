// The JS package (web/src/preclear.mjs) on the wasm build, under Node.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, describe, test } from 'node:test';

import { PROBLEM_CODES, Preclear, ProblemCode } from '../../web/src/preclear.mjs';
import { AS_OF, ROOT, SAMPLE, requireBuilds, run, runNative } from '../lib/env.mjs';

let pc;
before(async () => {
  requireBuilds();
  pc = await Preclear.load({ guidance: true });  // as natively: DQ-05 reads with the HS guidance
});

describe('Preclear.validate', () => {
  test('returns the design.md result object', () => {
    const r = pc.validate({ id: 'a1', regime: 'WCO-GENERIC', destination: 'DE', currency: 'EUR', items: [] }, { asOf: AS_OF });
    const native = JSON.parse(runNative(['validate', '--as-of', AS_OF], '{"id":"a1","regime":"WCO-GENERIC","destination":"DE","currency":"EUR","items":[]}\n').stdout);
    assert.deepEqual(r, {
      id: 'a1',
      ok: false,
      regime: 'WCO-GENERIC',
      problems: [{
        code: 'FIELD_MISSING', severity: 'error', path: '/items', rule: 'DQ-01',
        message: 'This field is required but missing or empty. Fill it in. At least 1 entry is needed.',
        args: { min_items: 1 },
      }],
      receipt: { ruleset: 'preclear', hash: native.receipt.hash, as_of: '2026-11-22', guidance: native.receipt.guidance },
    });
    assert.match(r.receipt.hash, /^sha256:[0-9a-f]{64}$/);
    assert.match(r.receipt.guidance, /^sha256:[0-9a-f]{64}$/, 'the HS guidance DQ-05 read with');
  });

  test('object, JSON text and bytes give the same result', () => {
    const decl = { destination: 'UK', currency: 'GBP', items: [{ description: 'mug', quantity: 1, unit_price: '9.99' }] };
    const a = pc.validateLine(decl, { asOf: AS_OF });
    const b = pc.validateLine(JSON.stringify(decl), { asOf: AS_OF });
    const c = pc.validateLine(new TextEncoder().encode(JSON.stringify(decl)), { asOf: AS_OF });
    assert.equal(a, b);
    assert.equal(a, c);
    assert.deepEqual(JSON.parse(a).problems.map((p) => [p.code, p.path, p.args]), [
      ['COUNTRY_UNKNOWN', '/destination', { value: 'UK', suggestion: 'GB' }],
    ]);
  });

  test('invalid UTF-8 bytes reach the core unchanged', () => {
    const bytes = Buffer.from('{"id":"caf\xe9"}', 'latin1');
    const r = JSON.parse(pc.validateLine(bytes, { asOf: AS_OF }));
    assert.deepEqual(r.problems.map((p) => [p.code, p.args]), [['TEXT_ENCODING', { offset: 10 }]]);
  });

  test('lone surrogates in JS strings become U+FFFD, never lost characters', () => {
    const r = pc.validate({ id: 'x\uD800y', destination: 'DE', currency: 'EUR', items: [{ description: 'a\uDC00b', quantity: 1, unit_price: '1.00' }] }, { asOf: AS_OF });
    // JSON.stringify escapes lone surrogates (\ud800), which strict JSON parsing rejects.
    assert.deepEqual(r.problems.map((p) => p.code), ['JSON_SYNTAX']);
    const viaText = pc.validate('{"id":"x\uD800y","destination":"DE","currency":"EUR","items":[{"description":"mug","quantity":1,"unit_price":"1.00"}]}', { asOf: AS_OF });
    assert.equal(viaText.id, 'x\uFFFDy');
  });

  test('as-of date comes from the caller and is checked', () => {
    const line = '{"regime":"WCO-GENERIC","destination":"HR","currency":"HRK","items":[{"description":"ceramic mug","quantity":1,"unit_price":"1.00"}]}';
    assert.equal(pc.validate(line, { asOf: '2020-05-01' }).ok, true);
    assert.deepEqual(pc.validate(line, { asOf: '2026-11-22' }).problems.map((p) => p.code), ['CURRENCY_UNKNOWN']);
    assert.throws(() => pc.validate(line, { asOf: '2026-02-30' }), /as_of_invalid/);
  });

  test('1 MB strings and huge amounts', () => {
    const big = 'cotton shirt '.repeat(80660);  // ~1 MB
    const r = pc.validate({ regime: 'WCO-GENERIC', destination: 'DE', currency: 'EUR', items: [{ description: big, quantity: 1, unit_price: '99999999999999999999999999999999.99' }] }, { asOf: AS_OF });
    assert.deepEqual(r.problems.map((p) => [p.code, p.args.reason]), [['VALUE_IMPLAUSIBLE', 'high']]);
    const r2 = pc.validate(`{"regime":"WCO-GENERIC","destination":"DE","currency":"EUR","items":[{"description":"ceramic mug","quantity":1,"unit_price":"1${'0'.repeat(40)}"}]}`, { asOf: AS_OF });
    assert.deepEqual(r2.problems.map((p) => [p.code, p.args.reason]), [['AMOUNT_INVALID', 'out_of_range']]);
  });
});

describe('one code list', () => {
  test('the generated TypeScript enum is up to date', () => {
    const r = run(process.execPath, [`${ROOT}scripts/gen-codes.mjs`, '--check']);
    assert.equal(r.status, 0, r.stderr);
  });

  test('the wasm core and the JS enum list the same codes', () => {
    assert.deepEqual(pc.problemCodes(), PROBLEM_CODES.map((c) => ({ ...c })));
    assert.equal(ProblemCode.JSON_SYNTAX, 'JSON_SYNTAX');
    assert.equal(Object.keys(ProblemCode).length, PROBLEM_CODES.length);
  });
});

describe('versions and text', () => {
  test('ICU 72.1 and the pack are reported', () => {
    const v = pc.version();
    const native = JSON.parse(runNative(['version']).stdout);
    assert.deepEqual(v, native);
    assert.equal(v.icu, '72.1');
  });

  test('ICU text primitives in wasm', () => {
    assert.deepEqual(pc.text('Crème BRÛLÉE Straße, ＡＢＣ'), {
      valid: true,
      fold: 'crème brûlée strasse, abc',
      words: ['Crème', 'BRÛLÉE', 'Straße', 'ＡＢＣ'],
      ascii: 'Creme BRULEE Strasse, ABC',
    });
    assert.deepEqual(pc.text(Buffer.from([0x61, 0xc0, 0x80])), { valid: false, offset: 1 });
  });
});

describe('samples', () => {
  test('the bundled sample validates identically in wasm and natively', () => {
    const lines = readFileSync(SAMPLE).toString().split('\n').filter(Boolean);
    const wasm = lines.map((l) => pc.validateLine(l, { asOf: AS_OF }) + '\n').join('');
    const native = runNative(['validate', SAMPLE, '--as-of', AS_OF]);
    assert.equal(native.status, 1);
    assert.equal(wasm, native.stdout.toString());
  });
});
