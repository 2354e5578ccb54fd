// HS guidance parity: every description of the development set (tune and frozen), their
// mutations (case, accents, cut words, typos, answers) and broken lines through the native and
// wasm CLIs, compared byte for byte. Scores are floating point: this is where a libm or
// compiler difference would show.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { before, test } from 'node:test';

import { AS_OF, ROOT, requireBuilds, runNative, runNode } from '../lib/env.mjs';
import { mulberry32 } from './generate.mjs';

before(requireBuilds);

function devset() {
  return ['tune', 'frozen'].flatMap((f) =>
    readFileSync(`${ROOT}tests/hs/devset/${f}.ndjson`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
}

// The dev set's descriptions plus seeded variants and lines a caller might get wrong.
function lines(seed) {
  const rnd = mulberry32(seed);
  const out = [];
  const answers = [{ material: 'cotton' }, { material: 'synthetic' }, { construction: 'woven' }, { gender: 'women' },
    { power: 'battery' }, { material: 'no-such-value' }];
  for (const it of devset()) {
    out.push(JSON.stringify({ id: it.id, description: it.description }));
    const words = it.description.split(' ');
    const r = rnd();
    let variant = it.description;
    if (r < 0.25) variant = it.description.toUpperCase();
    else if (r < 0.5) variant = words.slice(0, Math.max(1, words.length - 1)).join(' ');
    else if (r < 0.75) {
      const i = Math.floor(rnd() * it.description.length);
      variant = it.description.slice(0, i) + it.description.slice(i + 1);  // a letter lost
    } else variant = `${it.description} for kids`;
    const line = { id: `${it.id}v`, description: variant };
    if (rnd() < 0.3) line.answers = answers[Math.floor(rnd() * answers.length)];
    out.push(JSON.stringify(line));
  }
  out.push('{"id":"bad-1","description":', '[]', '{"id":"bad-2"}', '{"id":"bad-3","description":7}',
    '{"id":"bad-4","description":"tee","answers":"cotton"}', '{"id":"v-1","description":"gift"}',
    '{"id":"v-2","description":"SKU-88231-B"}', '{"id":"v-3","description":"   "}', '');
  return out;
}

test('native and wasm classify print identical bytes over the dev set and its variants', () => {
  const input = lines(20261123).join('\n') + '\n';
  const dir = mkdtempSync(`${tmpdir()}/preclear-hs-parity-`);
  writeFileSync(`${dir}/in.ndjson`, input);
  const args = ['classify', `${dir}/in.ndjson`, '--top', '5', '--as-of', AS_OF];
  const native = runNative(args);
  const wasm = runNode(args);
  assert.equal(native.stderr, '');
  assert.equal(wasm.stderr, '');
  assert.equal(native.status, 1, 'broken lines make the exit status 1');
  assert.equal(wasm.status, 1);
  const n = native.stdout.toString().split('\n');
  const w = wasm.stdout.toString().split('\n');
  assert.equal(n.length, input.split('\n').length, 'one result line per input line');
  for (let i = 0; i < n.length; i++) assert.equal(w[i], n[i], `line ${i + 1} differs`);
  assert.ok(native.stdout.equals(wasm.stdout));
});

test('the same parity holds for other locales (question labels, problem messages)', () => {
  const input = lines(7).slice(0, 300).join('\n') + '\n';
  for (const locale of ['fr', 'de', 'zh', 'ja']) {
    const args = ['classify', '-', '--top', '3', '--locale', locale, '--as-of', AS_OF];
    const native = runNative(args, input);
    const wasm = runNode(args, input);
    assert.ok(native.stdout.equals(wasm.stdout), `locale ${locale}`);
  }
});
