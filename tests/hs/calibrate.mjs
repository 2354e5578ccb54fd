#!/usr/bin/env node
// Fits the HS guidance calibration (datasets/hs/guidance.json "calibration") on the TUNE split
// only: p(top-1 right) = sigmoid(coverage_w * coverage + margin_w * share + bias), by grid
// search on log loss. Prints the fitted values and the reliability table; --write stores them.
//
//   node tests/hs/calibrate.mjs [--write]
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const tune = `${root}tests/hs/devset/tune.ndjson`;
const want = new Map(readFileSync(tune, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)).map((x) => [x.id, x.hs6]));
const r = spawnSync(`${root}build/native/tests/preclear_hs_bench`, ['--features', tune], { maxBuffer: 1 << 26 });
if (r.status !== 0) throw new Error(`preclear_hs_bench failed: ${r.stderr}`);
const rows = r.stdout.toString().split('\n').filter(Boolean).map((l) => JSON.parse(l))
  .filter((x) => !x.vague)
  .map((x) => ({ cov: x.coverage, share: x.share, y: x.candidates[0] === want.get(x.id) ? 1 : 0 }));

const sig = (z) => 1 / (1 + Math.exp(-z));
function loss(a, b, c) {
  let l = 0;
  for (const x of rows) {
    const p = Math.min(1 - 1e-6, Math.max(1e-6, sig(a * x.cov + b * x.share + c)));
    l -= x.y ? Math.log(p) : Math.log(1 - p);
  }
  return l / rows.length;
}
let best = { l: Infinity };
for (let a = 0; a <= 8; a += 0.25)
  for (let b = 0; b <= 8; b += 0.25)
    for (let c = -10; c <= 2; c += 0.25) {
      const l = loss(a, b, c);
      if (l < best.l) best = { l, a, b, c };
    }
console.log(`tune items used: ${rows.length}; coverage ${best.a}, margin ${best.b}, bias ${best.c}; log loss ${best.l.toFixed(4)}`);
// Reliability: predicted vs observed top-1 accuracy in score bands.
const bands = [0, 0.3, 0.5, 0.7, 0.85, 1.01];
for (let i = 0; i + 1 < bands.length; i++) {
  const inBand = rows.filter((x) => {
    const p = sig(best.a * x.cov + best.b * x.share + best.c);
    return p >= bands[i] && p < bands[i + 1];
  });
  if (!inBand.length) continue;
  const mean = inBand.reduce((s, x) => s + sig(best.a * x.cov + best.b * x.share + best.c), 0) / inBand.length;
  const obs = inBand.reduce((s, x) => s + x.y, 0) / inBand.length;
  console.log(`  score ${bands[i].toFixed(2)}-${Math.min(1, bands[i + 1]).toFixed(2)}: ${inBand.length} items, mean score ${mean.toFixed(2)}, right ${obs.toFixed(2)}`);
}
if (process.argv.includes('--write')) {
  const path = `${root}datasets/hs/guidance.json`;
  const g = JSON.parse(readFileSync(path, 'utf8'));
  g.calibration = { power: g.calibration.power, coverage: best.a, margin: best.b, bias: best.c };
  writeFileSync(path, JSON.stringify(g, null, 2) + '\n');
  console.log(`wrote ${path}`);
}
