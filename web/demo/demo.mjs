// The demo page: the wasm core validates the declaration on every keystroke, suggests HS codes
// for the description as it is typed, and estimates the landed cost (fetching the destination's
// market pack the first time it is needed).
import { Preclear, todayUtc } from './preclear.mjs';

const EXAMPLES = {
  ok: {
    id: 'ord-1001', date: '2026-11-22', destination: 'DE', currency: 'EUR', shipping: '4.90',
    mode: 'postal', transaction: 'B2C', incoterm: 'DDP', transport_document: 'LX123456785CN', gross_mass_kg: '0.80',
    seller: { name: 'Shenzhen Lumen Trading Co., Ltd.', address: { street: '88 Keyuan Rd', city: 'Shenzhen', postcode: '518057', country: 'CN' } },
    buyer: { name: 'Jana Krüger', address: { street: 'Bergstraße 12', city: 'Leipzig', postcode: '04109', country: 'DE' } },
    items: [{ description: "men's cotton knitted t-shirt", hs: '610910', quantity: 2, unit_price: '12.50', origin: 'CN',
      net_mass_kg: '0.60', sku: 'TS-01', manufacturer_ref: 'LM-TS-2201', gtin: '4006381333931' }],
  },
  defects: {
    id: 'ord-1002', date: '2026-02-30', destination: 'UK', currency: 'JPY', shipping: '-3',
    mode: 'boat',
    items: [
      { description: '   ', quantity: '2', unit_price: '1500.5', origin: 'cn' },
      { description: 'ceramic coffee mug', quantity: 1, unit_price: '12,50' },
    ],
  },
  broken: '{"id": "ord-1003", "destination": "FR", "items": [',
};

const $ = (id) => document.getElementById(id);
const params = new URLSearchParams(location.search);
let pc;

function setExample(name) {
  const ex = EXAMPLES[name];
  $('decl').value = typeof ex === 'string' ? ex : JSON.stringify(ex, null, 2);
}

function hex(text) {
  return Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0')).join('');
}

function render(raw) {
  const result = JSON.parse(raw);
  const errors = result.problems.filter((p) => p.severity === 'error').length;
  const summary = $('summary');
  summary.className = result.ok ? 'ok' : 'bad';
  summary.textContent = result.problems.length === 0
    ? `No problems found (rules: ${result.regime}).`
    : `${result.problems.length} problem(s), ${errors} blocking (rules: ${result.regime}).`;
  const list = $('problems');
  list.replaceChildren(...result.problems.map((p) => {
    const li = document.createElement('li');
    const sev = document.createElement('span');
    sev.className = `sev ${p.severity}`;
    sev.textContent = p.severity;
    const path = document.createElement('span');
    path.className = 'path';
    path.textContent = `${p.path || '(whole declaration)'} · ${p.code} · ${p.rule}`;
    const msg = document.createElement('div');
    msg.textContent = p.message;
    li.append(sev, path, msg);
    return li;
  }));
  $('raw').textContent = raw;
  $('raw-hex').textContent = hex(raw);
  $('receipt').textContent = `ruleset ${result.receipt.ruleset} · ${result.receipt.hash} · rules as of ${result.receipt.as_of}`;
}

// The form edits the JSON: fields the seller types go into the declaration object.
const FORM_FIELDS = {
  destination: ['destination'], currency: ['currency'], date: ['date'], shipping: ['shipping'],
  description: ['items', 0, 'description'], hs: ['items', 0, 'hs'], quantity: ['items', 0, 'quantity'],
  unit_price: ['items', 0, 'unit_price'], origin: ['items', 0, 'origin'],
};

function getIn(obj, keys) {
  return keys.reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

function formFromJson() {
  let decl;
  try { decl = JSON.parse($('decl').value); } catch { return; }
  for (const [name, keys] of Object.entries(FORM_FIELDS)) {
    const v = getIn(decl, keys);
    $('form').elements[name].value = v == null || typeof v === 'object' ? '' : String(v);
  }
}

function jsonFromForm(changed) {
  let decl;
  try { decl = JSON.parse($('decl').value); } catch { decl = {}; }
  if (decl === null || typeof decl !== 'object' || Array.isArray(decl)) decl = {};
  const keys = FORM_FIELDS[changed.name];
  let o = decl;
  for (let i = 0; i < keys.length - 1; i++) {
    const next = typeof keys[i + 1] === 'number' ? [] : {};
    if (o[keys[i]] == null || typeof o[keys[i]] !== 'object') o[keys[i]] = next;
    if (Array.isArray(o[keys[i]]) && o[keys[i]].length === 0) o[keys[i]].push({});
    o = o[keys[i]];
  }
  const last = keys[keys.length - 1];
  const text = changed.value;
  // Quantities are JSON integers; everything else (amounts too) travels as a string.
  if (text === '') delete o[last];
  else o[last] = last === 'quantity' && /^-?\d+$/.test(text) ? Number(text) : text;
  $('decl').value = JSON.stringify(decl, null, 2);
}

function markFields(problems) {
  for (const input of $('form').querySelectorAll('input[data-path]')) {
    const mine = problems.filter((p) => p.path === input.dataset.path);
    input.setAttribute('aria-invalid', mine.some((p) => p.severity === 'error') ? 'true' : 'false');
    let msg = input.parentElement.querySelector('.field-msg');
    if (!msg) {
      msg = document.createElement('span');
      msg.className = 'field-msg';
      input.parentElement.append(msg);
    }
    msg.textContent = mine.map((p) => p.message).join(' ');
  }
}

// HS guidance for the first item's description: ranked subheadings, a question when one
// attribute would decide, and a button that writes the chosen code into the declaration.
const answers = {};
function suggest() {
  const text = $('form').elements.description.value;
  const list = $('hs-candidates');
  const question = $('hs-question');
  if (!text.trim()) {
    $('hs-summary').textContent = '';
    question.replaceChildren();
    list.replaceChildren();
    return;
  }
  const r = pc.classify(text, { top: 3, answers, locale: $('locale').value, asOf: $('as-of').value || todayUtc() });
  $('hs-summary').textContent = r.vague
    ? 'Too vague to suggest an HS code: say what the goods are, what they are made of and what they are for.'
    : 'Suggested HS codes:';
  list.replaceChildren(...r.candidates.map((c) => {
    const li = document.createElement('li');
    const use = document.createElement('button');
    use.type = 'button';
    use.textContent = c.hs6;
    use.title = 'use this code';
    use.addEventListener('click', () => {
      const hs = $('form').elements.hs;
      hs.value = c.hs6;
      hs.dispatchEvent(new Event('input', { bubbles: true }));
    });
    const words = c.why.terms.map((t) => t.term).join(', ');
    li.append(use, ` ${Math.round(c.score * 100)}% · ${c.title}${words ? ` (${words})` : ''}`);
    return li;
  }));
  question.replaceChildren();
  if (r.question) {
    const label = document.createElement('span');
    label.textContent = `${r.question.label}? `;
    question.append(label, ...r.question.options.map((o, i) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = r.question.labels[i];
      b.addEventListener('click', () => { answers[r.question.attribute] = o; suggest(); });
      return b;
    }));
  }
}

function check() {
  // A textarea holds one declaration; NDJSON is one line, so pretty-printed JSON is joined.
  const text = $('decl').value.replace(/\r?\n/g, ' ');
  const raw = pc.validateLine(text, { asOf: $('as-of').value || todayUtc(), locale: $('locale').value });
  render(raw);
  markFields(JSON.parse(raw).problems);
}

// Landed cost of the same declaration. A market pack is fetched once per destination; a newer
// keystroke's estimate wins over an older one still waiting for its pack.
let estimateSeq = 0;
async function estimate() {
  const seq = ++estimateSeq;
  const text = $('decl').value.replace(/\r?\n/g, ' ');
  let destination;
  try { destination = JSON.parse(text).destination; } catch { /* the estimate says what is wrong */ }
  const market = pc.markets().find((m) => m.code === destination);
  if (market && !market.loaded) {
    try { await pc.loadMarket(market.code); } catch (err) { $('est-summary').textContent = err.message; }
  }
  if (seq !== estimateSeq) return;
  const raw = pc.estimateLine(text, { asOf: $('as-of').value || todayUtc(), locale: $('locale').value });
  const e = JSON.parse(raw);
  const summary = $('est-summary');
  if (!e.totals) {
    summary.className = 'bad';
    summary.textContent = `No estimate: ${e.problems.map((p) => p.message).join(' ')}`;
  } else {
    summary.className = e.complete ? 'ok' : 'bad';
    const t = e.totals;
    summary.textContent = `Duty ${t.duty}, taxes ${t.tax}, fees ${t.fees}: ${t.total} ${e.currency} on top of the price` +
      `${e.complete ? '' : ' (incomplete: see below)'}; ${e.collection.model}, collected by ${e.collection.tax_collected_by}.`;
  }
  $('est-explain').replaceChildren(...e.explain.map((x) => {
    const li = document.createElement('li');
    const rule = document.createElement('span');
    rule.className = 'path';
    rule.textContent = `${x.rule}${x.confidence ? ` · ${x.confidence}` : ''}${x.amount ? ` · ${x.amount}` : ''}`;
    const text = document.createElement('div');
    text.textContent = x.text;
    li.append(rule, text);
    return li;
  }));
  $('est-raw').textContent = raw;
  $('est-hex').textContent = hex(raw);
  $('est-input-hex').textContent = hex(text);  // what was estimated, for the browser test
}

async function main() {
  $('as-of').value = params.get('as_of') ?? todayUtc();
  if (params.has('decl')) $('decl').value = params.get('decl');
  else setExample('ok');
  try {
    pc = await Preclear.load({ guidance: true });  // DQ-05 and HS suggestions read with it
  } catch (err) {
    $('summary').textContent = `Could not load the checker: ${err.message}`;
    $('status').dataset.state = 'failed';
    $('status').textContent = 'failed';
    return;
  }
  $('example').addEventListener('change', (e) => { setExample(e.target.value); formFromJson(); check(); suggest(); estimate(); });
  $('decl').addEventListener('input', () => { formFromJson(); check(); suggest(); estimate(); });
  // As the seller types: every keystroke in a field re-checks the whole declaration.
  $('form').addEventListener('input', (e) => {
    jsonFromForm(e.target);
    check();
    estimate();
    if (e.target.name === 'description') {
      for (const k of Object.keys(answers)) delete answers[k];  // a new text asks afresh
      suggest();
    }
  });
  $('as-of').addEventListener('change', () => { check(); estimate(); });
  $('locale').addEventListener('change', () => { check(); suggest(); estimate(); });
  if (params.has('locale')) $('locale').value = params.get('locale');
  $('check').addEventListener('click', check);
  formFromJson();
  check();
  suggest();
  await estimate();
  // Deep links can prefill form fields (?fill.destination=UK): applied as typed input events.
  for (const [key, value] of params) {
    const input = key.startsWith('fill.') ? $('form').elements[key.slice(5)] : null;
    if (!input) continue;
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }
  await estimate();  // the last typed value's estimate, before the page says it is done
  const v = pc.version();
  $('status').dataset.state = 'done';
  $('status').textContent = `done icu=${v.icu} ruleset=${v.ruleset}`;
}

main();
