// preclear for JavaScript: the same C++ core as the native CLI, compiled to WebAssembly.
//
//   import { Preclear } from './preclear.mjs';
//   const pc = await Preclear.load();
//   const result = pc.validate({ destination: 'DE', currency: 'EUR', items: [] });
//   // -> { id, ok, problems: [{ code, severity, path, rule, message, args }], receipt }
//   await pc.loadGuidance();                       // or Preclear.load({ guidance: true })
//   pc.classify('men\'s cotton t-shirt', { top: 3 });
//   await pc.loadMarket('DE');                     // or Preclear.load({ markets: ['DE'] })
//   pc.estimate({ destination: 'DE', currency: 'EUR', items: [...] });
//   // -> { totals: { customs_value, duty, tax, fees, total }, lines, collection, explain, ... }
//   // -> { id, candidates: [{ hs6, score, title, why }], question, vague, receipt }
//
// Results are the objects the CLI prints: JSON.stringify of one equals the CLI's line
// byte for byte (same input, same pack, same as-of date).
export { ProblemCode, PROBLEM_CODES } from './problem-codes.mjs';

const isNode = typeof process !== 'undefined' && process.versions != null && process.versions.node != null;
const GLUE = 'preclear_wasm.js';
const encoder = new TextEncoder();
// Vocabulary languages of the HS guidance parts this build ships (datasets/hs/chapters).
export const GUIDANCE_LANGUAGES = ['ar', 'de', 'en', 'es', 'fr', 'it', 'ja', 'ko', 'nl', 'pl', 'pt', 'ru', 'tr', 'zh'];

// "Today" belongs to the edge, never to the core: the caller's UTC date.
export function todayUtc() {
  return new Date().toISOString().slice(0, 10);
}

async function loadFactoryNode(options) {
  const { createRequire } = await import('node:module');
  const { existsSync, readFileSync } = await import('node:fs');
  const { fileURLToPath } = await import('node:url');
  const here = new URL('.', import.meta.url);
  const candidates = [
    options.wasmDir,
    process.env.PRECLEAR_WASM_DIR,
    fileURLToPath(here),
    fileURLToPath(new URL('../../build/wasm/dist/', here)),
  ].filter(Boolean);
  for (const dir of candidates) {
    const glue = dir.replace(/\/?$/, '/') + GLUE;
    if (!existsSync(glue)) continue;
    const factory = createRequire(import.meta.url)(glue);
    // Node 20 + Emscripten 3.1.6: the glue's fetch of a file path fails, so hand over the bytes.
    const wasmBinary = readFileSync(glue.replace(/\.js$/, '.wasm'));
    const fetchPack = async (code) => readFileSync(`${dir.replace(/\/?$/, '/')}packs/${code}.pack`);
    return { factory, moduleArgs: { wasmBinary }, fetchPack };
  }
  throw new Error(`preclear: ${GLUE} not found (looked in ${candidates.join(', ')}); build the wasm preset`);
}

function loadFactoryBrowser(options) {
  const base = new URL(options.baseUrl ?? '.', import.meta.url);
  const moduleArgs = { locateFile: (path) => new URL(path, base).href };
  const fetchPack = async (code) => {
    const res = await fetch(new URL(`packs/${code}.pack`, base));
    if (!res.ok) throw new Error(`preclear: market pack ${code}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  };
  if (typeof globalThis.createPreclearModule === 'function') {
    return Promise.resolve({ factory: globalThis.createPreclearModule, moduleArgs, fetchPack });
  }
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = new URL(GLUE, base).href;
    script.onload = () => resolve({ factory: globalThis.createPreclearModule, moduleArgs, fetchPack });
    script.onerror = () => reject(new Error(`preclear: cannot load ${script.src}`));
    document.head.appendChild(script);
  });
}

function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  // TextEncoder turns lone surrogates into U+FFFD, as a UTF-8 file would carry them.
  if (typeof input === 'string') return encoder.encode(input);
  return encoder.encode(JSON.stringify(input));
}

function unwrap(out) {
  if (out.startsWith('{"error"')) {
    const err = JSON.parse(out);
    throw new Error(`preclear: ${err.error}: ${err.detail}`);
  }
  return out;
}

export class Preclear {
  #module;
  #fetchPack;

  constructor(module, fetchPack) {
    this.#module = module;
    this.#fetchPack = fetchPack;
  }

  // options: { wasmDir } in Node, { baseUrl } in browsers (where preclear_wasm.js lives),
  // { markets: ['DE', 'GB'] } to load those market packs right away, { guidance: true } to load
  // the HS guidance pack (needed by classify).
  static async load(options = {}) {
    const { factory, moduleArgs, fetchPack } = isNode ? await loadFactoryNode(options) : await loadFactoryBrowser(options);
    const pc = new Preclear(await factory(moduleArgs), fetchPack);
    await Promise.all((options.markets ?? []).map((code) => pc.loadMarket(code)));
    if (options.guidance) await pc.loadGuidance(options.guidance === true ? {} : options.guidance);
    return pc;
  }

  // Fetches the HS guidance: the core part (English words, attributes) and the vocabulary of
  // |languages| (default: every language the build ships). Or pass the parts' bytes, core first.
  // -> { hash, edition, languages, subheadings_with_terms }
  async loadGuidance({ languages = GUIDANCE_LANGUAGES, parts } = {}) {
    const list = parts ?? await Promise.all(['core', ...languages.filter((l) => l !== 'en')]
      .map((name) => this.#fetchPack(`guidance/${name}`)));
    const total = list.reduce((n, p) => n + 4 + p.length, 0);
    const framed = new Uint8Array(total);
    let at = 0;
    for (const p of list) {
      new DataView(framed.buffer).setUint32(at, p.length, true);
      framed.set(toBytes(p), at + 4);
      at += 4 + p.length;
    }
    return JSON.parse(unwrap(this.#module.loadGuidance(framed)));
  }

  // One NDJSON line {"id","description","answers"?} -> the classification line, as the CLI prints it.
  classifyLine(line, { top = 5, locale = 'en', asOf = todayUtc() } = {}) {
    const options = JSON.stringify({ top, locale, as_of: asOf });
    return unwrap(this.#module.classifyLine(toBytes(line), options));
  }

  // Free text -> { id, candidates, question, vague, receipt }. Pass the answer to a question back
  // with { answers: { material: 'cotton' } }.
  classify(text, { id = null, answers, ...options } = {}) {
    const line = { id, description: text };
    if (answers !== undefined) line.answers = answers;
    return JSON.parse(this.classifyLine(line, options));
  }

  // Fetches a market's pack (or takes its bytes) and hands it to the core: { code, hash, rules }.
  async loadMarket(codeOrBytes) {
    const bytes = typeof codeOrBytes === 'string' ? await this.#fetchPack(codeOrBytes) : toBytes(codeOrBytes);
    return JSON.parse(unwrap(this.#module.loadMarket(bytes)));
  }

  // The rules of a loaded market in force on a date, as the native `preclear data rules` prints.
  rulesJson(code, { asOf = todayUtc() } = {}) {
    return unwrap(this.#module.marketRules(code, asOf));
  }

  rules(code, options = {}) {
    return JSON.parse(this.rulesJson(code, options));
  }

  // Every market with a pack: { code, name, currency, loaded }.
  markets() {
    return JSON.parse(this.#module.markets());
  }

  // One NDJSON line (string or bytes) -> the result line as JSON text, exactly as the CLI prints it.
  // As you type: { partial: true, fields: ['/items/0/description'] } checks one field without
  // noise about fields not filled yet; { codes: [...] } keeps only those problem codes.
  validateLine(line, { asOf = todayUtc(), locale = 'en', partial = false, fields = [], codes = [] } = {}) {
    const options = JSON.stringify({ as_of: asOf, locale, partial, fields, codes });
    return unwrap(this.#module.validateLine(toBytes(line), options));
  }

  // A declaration object (or its JSON text) -> the validation result object.
  validate(declaration, options = {}) {
    return JSON.parse(this.validateLine(declaration, options));
  }

  // Landed cost of one NDJSON line, as the CLI's `estimate` prints it. The destination's market
  // pack must be loaded (Preclear.load({ markets: ['DE'] }) or loadMarket('DE')).
  estimateLine(line, { asOf = todayUtc(), locale = 'en' } = {}) {
    const options = JSON.stringify({ as_of: asOf, locale });
    return unwrap(this.#module.estimateLine(toBytes(line), options));
  }

  // A declaration (optionally with "fx": [{ from, to, rate, date, source }]) -> { id, ok,
  // complete, destination, currency, totals, lines, collection, explain, problems, receipt }.
  estimate(declaration, options = {}) {
    return JSON.parse(this.estimateLine(declaration, options));
  }

  version() {
    return JSON.parse(this.#module.version());
  }

  // ICU text primitives of the core: { valid, fold, words, ascii }.
  text(input) {
    return JSON.parse(this.#module.textAnalyze(toBytes(input)));
  }

  problemCodes() {
    return JSON.parse(this.#module.problemCodes());
  }
}

export default Preclear;
