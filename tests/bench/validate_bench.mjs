#!/usr/bin/env node
// validate/cli/generated_mix: lines per second through the native CLI and the wasm CLI on the
// same input, run alternately in one process so machine noise hits both (report the ratio).
//
//   node tests/bench/validate_bench.mjs [lines=20000] [rounds=3]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';

import { AS_OF, requireBuilds, runNative, runNode } from '../lib/env.mjs';
import { generate } from '../parity/generate.mjs';

requireBuilds();
const lines = Number(process.argv[2] ?? 20000);
const rounds = Number(process.argv[3] ?? 3);
// The 1 MB lines dominate otherwise; keep them, but measure the typical mix too.
const all = generate(lines, 99);
const typical = all.filter((l) => l.length < 4096);
const dir = mkdtempSync(`${tmpdir()}/preclear-bench-`);
const sets = { generated_mix: all, typical_lines: typical };

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
console.log(`validate benchmark: ${rounds} alternating rounds, median wall time (process start included)`);
for (const [name, set] of Object.entries(sets)) {
  const file = `${dir}/${name}.ndjson`;
  const input = Buffer.concat(set.flatMap((l) => [l, Buffer.from('\n')]));
  writeFileSync(file, input);
  const t = { native: [], wasm: [] };
  for (let r = 0; r < rounds; r++) {
    for (const [k, fn] of [['native', runNative], ['wasm', runNode]]) {
      const t0 = performance.now();
      fn(['validate', file, '--as-of', AS_OF]);
      t[k].push(performance.now() - t0);
    }
  }
  const n = median(t.native);
  const w = median(t.wasm);
  const mb = input.length / 1e6;
  console.log(`validate/cli/${name}: ${set.length} lines, ${mb.toFixed(1)} MB`);
  console.log(`  native ${n.toFixed(0)} ms (${(set.length / n * 1000).toFixed(0)} lines/s, ${(mb / n * 1000).toFixed(1)} MB/s)`);
  console.log(`  wasm   ${w.toFixed(0)} ms (${(set.length / w * 1000).toFixed(0)} lines/s, ${(mb / w * 1000).toFixed(1)} MB/s)`);
  console.log(`  wasm/native time ratio ${(w / n).toFixed(2)}`);
}
