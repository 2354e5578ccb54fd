// The demo page in headless Chromium (Debian's package), served by the real `preclear serve`:
// the wasm core in the browser must print the native CLI's bytes; the HTTP API too.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { after, before, test } from 'node:test';

import { AS_OF, NATIVE_CLI, SAMPLE, SITE, requireBuilds, runNative } from '../lib/env.mjs';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
let server;
let base;

before(async () => {
  requireBuilds();
  server = spawn(NATIVE_CLI, ['serve', '--port', '0', '--root', SITE, '--as-of', AS_OF], { stdio: ['ignore', 'pipe', 'pipe'] });
  base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${out}`)), 10000);
    server.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
  });
});

after(() => {
  server?.kill('SIGTERM');
});

function nativeLine(line) {
  return runNative(['validate', '--as-of', AS_OF], `${line}\n`).stdout.toString().replace(/\n$/, '');
}

// Loads |url| in headless Chromium and returns the DOM after the page's async work.
function dumpDom(url) {
  const profile = mkdtempSync(`${tmpdir()}/preclear-chromium-`);
  try {
    const r = spawnSync(CHROMIUM, [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic',
      `--user-data-dir=${profile}`, '--virtual-time-budget=15000', '--dump-dom', url,
    ], { timeout: 60000, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    return r.stdout.toString();
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

function pageResult(dom) {
  const state = dom.match(/<output id="status" data-state="(\w+)">([^<]*)<\/output>/);
  const hex = dom.match(/<pre id="raw-hex" hidden="">([0-9a-f]*)<\/pre>/);
  const est = dom.match(/<pre id="est-hex" hidden="">([0-9a-f]*)<\/pre>/);
  const estIn = dom.match(/<pre id="est-input-hex" hidden="">([0-9a-f]*)<\/pre>/);
  const text = (m) => (m ? Buffer.from(m[1], 'hex').toString() : null);
  return { state: state?.[1], status: state?.[2], raw: text(hex), estimate: text(est), estimateInput: text(estIn) };
}

test('GET /healthz reports versions and the pack hash', async () => {
  const res = await fetch(`${base}healthz`);
  assert.equal(res.status, 200);
  const body = await res.json();
  assert.equal(body.status, 'ok');
  assert.deepEqual(body.version, JSON.parse(runNative(['version']).stdout));
});

test('POST /v1/validate answers like the CLI (JSON and NDJSON)', async () => {
  const sample = readFileSync(SAMPLE);
  const first = sample.toString().split('\n')[1];
  const one = await fetch(`${base}v1/validate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: first });
  assert.equal(one.status, 200);
  assert.equal(await one.text(), nativeLine(first));

  const many = await fetch(`${base}v1/validate`, { method: 'POST', headers: { 'content-type': 'application/x-ndjson' }, body: sample });
  assert.equal(many.headers.get('content-type'), 'application/x-ndjson');
  assert.equal(await many.text(), runNative(['validate', SAMPLE, '--as-of', AS_OF]).stdout.toString());

  const dated = await fetch(`${base}v1/validate?as_of=2020-05-01`, { method: 'POST', body: '{"destination":"HR","currency":"HRK","items":[]}' });
  assert.equal(JSON.parse(await dated.text()).receipt.as_of, '2020-05-01');
  assert.equal((await fetch(`${base}v1/validate`)).status, 405);
  assert.equal((await fetch(`${base}v1/validate?as_of=yesterday`, { method: 'POST', body: '{}' })).status, 400);
});

test('POST /v1/classify answers like the CLI', async () => {
  const line = '{"id":"k1","description":"Bluetooth Kopfhörer kabellos"}';
  const res = await fetch(`${base}v1/classify?top=3`, { method: 'POST', body: line });
  assert.equal(res.status, 200);
  const native = runNative(['classify', '--top', '3', '--as-of', AS_OF], `${line}\n`).stdout.toString();
  assert.equal(await res.text() + '\n', native);
  assert.equal((await fetch(`${base}v1/classify?top=99`, { method: 'POST', body: line })).status, 400);
});

test('POST /v1/estimate answers like the CLI', async () => {
  const line = '{"id":"h-1","destination":"CA","currency":"CAD","mode":"courier","seller":{"address":{"country":"US"}},"buyer":{"address":{"region":"ON","country":"CA"}},"items":[{"hs":"610910","quantity":2,"unit_price":"30.00","origin":"US"}]}';
  const res = await fetch(`${base}v1/estimate?as_of=${AS_OF}&locale=fr`, { method: 'POST', body: line });
  assert.equal(res.status, 200);
  const native = runNative(['estimate', '--as-of', AS_OF, '--locale', 'fr'], `${line}\n`).stdout.toString().replace(/\n$/, '');
  assert.equal(await res.text(), native);
  assert.equal(JSON.parse(native).totals.tax, '7.80');  // ON HST 13 % above CAD 40, no duty up to CAD 150
  assert.equal((await fetch(`${base}v1/estimate`)).status, 405);
});

test('static files carry the right types', async () => {
  const wasm = await fetch(`${base}preclear_wasm.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  const mjs = await fetch(`${base}preclear.mjs`);
  assert.match(mjs.headers.get('content-type'), /^text\/javascript/);
  assert.equal((await fetch(`${base}../../etc/passwd`)).status, 404);
});

for (const [name, line] of [
  ['a declaration with defects', '{"id":"web-1","destination":"UK","currency":"JPY","items":[{"description":"Crème brûlée torch, 蓝牙","quantity":"2","unit_price":"1500.5"}]}'],
  ['broken JSON', '{"id":"web-2","items":['],
]) {
  test(`the page's wasm check equals the native CLI byte for byte: ${name}`, () => {
    const url = `${base}?as_of=${AS_OF}&decl=${encodeURIComponent(line)}`;
    const page = pageResult(dumpDom(url));
    assert.equal(page.state, 'done', `page status: ${page.status}`);
    assert.match(page.status, /icu=72\.1/);
    assert.equal(page.raw, nativeLine(line));
  });
}

test('typing into the form re-checks the declaration and marks the field', () => {
  const url = `${base}?as_of=${AS_OF}&fill.destination=UK&fill.unit_price=${encodeURIComponent('12,50')}`;
  const dom = dumpDom(url);
  const page = pageResult(dom);
  assert.equal(page.state, 'done');
  // The clean example plus the two typed values, exactly as the native CLI sees that JSON.
  const result = JSON.parse(page.raw);
  assert.deepEqual(result.problems.map((p) => [p.code, p.path]), [
    ['COUNTRY_UNKNOWN', '/destination'],
    ['AMOUNT_INVALID', '/items/0/unit_price'],
  ]);
  assert.match(dom, /<input name="destination" data-path="\/destination"[^>]*aria-invalid="true"/);
  assert.match(dom, /<input name="currency" data-path="\/currency"[^>]*aria-invalid="false"/);
  assert.match(dom, /Did you mean GB\?/);
});

test('the page estimates the landed cost with the wasm core, fetching the market pack', () => {
  // The clean example (to DE) with a typed price: the page's estimate must be the native CLI's
  // bytes for the very line the page estimated.
  const dom = dumpDom(`${base}?as_of=${AS_OF}&fill.unit_price=${encodeURIComponent('40.00')}`);
  const page = pageResult(dom);
  assert.equal(page.state, 'done');
  assert.match(page.estimateInput, /"unit_price": "40.00"/);
  const native = runNative(['estimate', '--as-of', AS_OF], `${page.estimateInput}\n`).stdout.toString().replace(/\n$/, '');
  assert.equal(page.estimate, native);
  const est = JSON.parse(native);
  assert.equal(est.destination, 'DE');
  assert.equal(est.ok, true);
  assert.match(dom, /<p id="est-summary" aria-live="polite" class="ok">/);
});

test('typing a description shows HS suggestions from the wasm classifier', () => {
  const text = "women's knitted cotton summer dress";
  const dom = dumpDom(`${base}?as_of=${AS_OF}&fill.description=${encodeURIComponent(text)}`);
  assert.equal(pageResult(dom).state, 'done');
  const native = JSON.parse(runNative(['classify', '--top', '3', '--as-of', AS_OF], `${JSON.stringify({ id: 'x', description: text })}\n`).stdout);
  const shown = [...dom.matchAll(/<ol id="hs-candidates">(.*?)<\/ol>/gs)][0][1];
  const codes = [...shown.matchAll(/<button type="button" title="use this code">(\d{6})<\/button>/g)].map((m) => m[1]);
  assert.deepEqual(codes, native.candidates.map((c) => c.hs6));
  assert.equal(codes[0], '610442');
});
