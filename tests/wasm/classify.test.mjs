// classify() in the JS package: contract shape, answers, language parts, errors, native bytes.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';

import { GUIDANCE_LANGUAGES, Preclear } from '../../web/src/preclear.mjs';
import { AS_OF, requireBuilds, runNative } from '../lib/env.mjs';

let pc;
before(async () => {
  requireBuilds();
  pc = await Preclear.load({ guidance: true });
});

test('classify returns the design.md classification object', () => {
  const r = pc.classify("men's cotton knitted t-shirt", { id: 'c1', top: 3, asOf: AS_OF });
  assert.deepEqual(Object.keys(r), ['id', 'candidates', 'question', 'vague', 'receipt']);
  assert.equal(r.id, 'c1');
  assert.equal(r.vague, false);
  assert.equal(r.candidates[0].hs6, '610910');
  assert.equal(r.candidates[0].why.rule, 'attribute');
  assert.ok(r.candidates.length <= 3);
  assert.deepEqual(r.receipt.languages, GUIDANCE_LANGUAGES);
  assert.equal(r.receipt.edition, 'HS2022');
});

test('the same line gives the native CLI bytes', () => {
  const line = '{"id":"c2","description":"coque iPhone silicone"}';
  const native = runNative(['classify', '--top', '4', '--as-of', AS_OF], `${line}\n`).stdout.toString();
  assert.equal(pc.classifyLine(line, { top: 4, asOf: AS_OF }) + '\n', native);
});

test('an answer to the question settles the subheading', () => {
  const asked = pc.classify('t-shirt', { asOf: AS_OF });
  assert.equal(asked.question?.attribute, 'material');
  assert.ok(asked.question.options.includes('synthetic'));
  const answered = pc.classify('t-shirt', { asOf: AS_OF, answers: { material: 'synthetic' } });
  assert.equal(answered.candidates[0].hs6.slice(0, 4), '6109');
  assert.notEqual(answered.candidates[0].hs6, '610910');
});

test('vague texts and bad lines', () => {
  assert.equal(pc.classify('gift', { asOf: AS_OF }).vague_reason, 'stop_word');
  assert.equal(pc.classify('12345', { asOf: AS_OF }).vague_reason, 'no_words');
  const bad = JSON.parse(pc.classifyLine('{"description":', { asOf: AS_OF }));
  assert.equal(bad.problems[0].code, 'JSON_SYNTAX');
  assert.throws(() => pc.classifyLine('{"description":"tee"}', { top: 0, asOf: AS_OF }), /top must be 1\.\.20/);
});

test('a page can load only the languages it needs', async () => {
  const light = await Preclear.load();
  assert.throws(() => light.classify('tee'), /guidance_not_loaded/);
  const info = await light.loadGuidance({ languages: ['de'] });
  assert.deepEqual(info.languages, ['de', 'en']);
  assert.equal(light.classify('Kopfhörer kabellos', { asOf: AS_OF }).candidates[0].hs6, '851830');
  // Without the Chinese part, Chinese words are not understood.
  assert.equal(light.classify('蓝牙耳机', { asOf: AS_OF }).vague, true);
  assert.notEqual(light.classify('x', { asOf: AS_OF }).receipt.hash, pc.classify('x', { asOf: AS_OF }).receipt.hash);
});
