#!/usr/bin/env node
// HS guidance evaluation on the development set (tests/hs/devset): top-1 and top-3 accuracy at
// 2, 4 and 6 digits, abstention (vague) rate, and per-query latency in this process.
//
//   node tests/hs/eval.mjs [--split tune|frozen|all] [--engine native|wasm] [--misses N] [--json]
//
// The native engine runs build/native/bin/preclear classify once over the whole split; the wasm
// engine runs in this process and also times each query. The frozen split is never used for
// tuning: report it, don't fit on it.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = fileURLToPath(new URL('../../', import.meta.url));

export function readSplit(split) {
  const files = split === 'all' ? ['tune', 'frozen'] : [split];
  return files.flatMap((f) =>
    readFileSync(`${here}devset/${f}.ndjson`, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)));
}

const AS_OF = '2026-11-23';

export function classifyNative(items, { top = 3, bin = `${root}build/native/bin/preclear` } = {}) {
  const input = items.map((it) => JSON.stringify({ id: it.id, description: it.description })).join('\n') + '\n';
  const r = spawnSync(bin, ['classify', '--top', String(top), '--as-of', AS_OF], { input, maxBuffer: 1 << 28 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`preclear classify failed: ${r.stderr}`);
  return r.stdout.toString('utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
}

export async function classifyWasm(items, { top = 3 } = {}) {
  const { Preclear } = await import('../../web/src/preclear.mjs');
  const pc = await Preclear.load();
  const t = process.hrtime.bigint();
  await pc.loadGuidance();
  const loadMs = Number(process.hrtime.bigint() - t) / 1e6;
  const out = [];
  const ms = [];
  for (const it of items) {
    const t0 = process.hrtime.bigint();
    const line = pc.classifyLine({ id: it.id, description: it.description }, { top, asOf: AS_OF });
    ms.push(Number(process.hrtime.bigint() - t0) / 1e6);
    out.push(JSON.parse(line));
  }
  return { results: out, ms, loadMs };
}

export function score(items, results) {
  const n = items.length;
  const hits = { top1: { 2: 0, 4: 0, 6: 0 }, top3: { 2: 0, 4: 0, 6: 0 } };
  let vague = 0;
  const misses = [];
  items.forEach((it, i) => {
    const r = results[i];
    if (r.vague) vague++;
    const codes = r.candidates.map((c) => c.hs6);
    for (const d of [2, 4, 6]) {
      const want = it.hs6.slice(0, d);
      if (codes.length && codes[0].slice(0, d) === want) hits.top1[d]++;
      if (codes.slice(0, 3).some((c) => c.slice(0, d) === want)) hits.top3[d]++;
    }
    if (!codes.length || codes[0] !== it.hs6) misses.push({ id: it.id, description: it.description, want: it.hs6, got: codes, vague: r.vague });
  });
  const pct = (k) => Math.round((1000 * k) / n) / 10;
  return {
    items: n,
    top1: { 2: pct(hits.top1[2]), 4: pct(hits.top1[4]), 6: pct(hits.top1[6]) },
    top3: { 2: pct(hits.top3[2]), 4: pct(hits.top3[4]), 6: pct(hits.top3[6]) },
    abstention: pct(vague),
    misses,
  };
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
}

async function main() {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
  };
  const split = opt('--split', 'all');
  const engine = opt('--engine', 'native');
  const showMisses = Number(opt('--misses', '0'));
  const items = readSplit(split);
  let results;
  let latency = null;
  if (engine === 'wasm') {
    const w = await classifyWasm(items);
    results = w.results;
    const s = [...w.ms].sort((a, b) => a - b);
    latency = { p50_ms: percentile(s, 0.5), p90_ms: percentile(s, 0.9), p99_ms: percentile(s, 0.99), max_ms: s[s.length - 1], load_ms: w.loadMs };
  } else {
    results = classifyNative(items);
  }
  const s = score(items, results);
  if (args.includes('--json')) {
    process.stdout.write(JSON.stringify({ split, engine, ...s, misses: undefined, latency }) + '\n');
    return;
  }
  const f = (o) => `${o[2].toFixed(1)}% / ${o[4].toFixed(1)}% / ${o[6].toFixed(1)}%`;
  console.log(`hs guidance on devset ${split} (${s.items} items, engine ${engine})`);
  console.log(`  top-1 at 2/4/6 digits: ${f(s.top1)}`);
  console.log(`  top-3 at 2/4/6 digits: ${f(s.top3)}`);
  console.log(`  abstained (vague):     ${s.abstention.toFixed(1)}%`);
  if (latency) {
    console.log(`  latency per query:     p50 ${latency.p50_ms.toFixed(3)} ms, p90 ${latency.p90_ms.toFixed(3)} ms, p99 ${latency.p99_ms.toFixed(3)} ms, max ${latency.max_ms.toFixed(3)} ms`);
    console.log(`  guidance load:         ${latency.load_ms.toFixed(0)} ms (all languages)`);
  }
  for (const m of s.misses.slice(0, showMisses)) {
    console.log(`  miss ${m.id} ${m.want} <- ${JSON.stringify(m.description)} got ${m.got.join(',') || (m.vague ? 'vague' : '-')}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
