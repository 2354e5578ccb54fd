// The README's landed-cost worked examples are the engine's current output, not prose that
// drifts: regenerate them with `node tests/landed/readme-examples.mjs` when rules change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';

import { NATIVE_CLI, ROOT } from '../lib/env.mjs';
import { renderExamples } from './readme-examples.mjs';

test('README shows the current worked example of every collection model', { skip: !existsSync(NATIVE_CLI) && 'native build missing' }, () => {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const blocks = renderExamples().trim().split('\n\n');
  assert.ok(blocks.length >= 24, 'twelve examples with their working');
  for (const b of blocks) assert.ok(readme.includes(b), `README is missing or has an old version of:\n${b}`);
});
