// Deterministic generator of declarations for the native-vs-wasm parity test: valid ones and
// every kind of broken input a shop export produces. Same seed, same bytes.
//
//   node tests/parity/generate.mjs [count] [seed] > decls.ndjson
const COUNTRIES = ['DE', 'FR', 'GB', 'US', 'JP', 'CN', 'AU', 'CA', 'NO', 'CH', 'SG', 'BR', 'IE', 'NL', 'XK', 'HR'];
const BAD_COUNTRIES = ['UK', 'EL', 'EU', 'ZZ', 'de', 'DEU', '', '1', 'Ü', 'XI', 'AN', 'DD', 'QO'];
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY', 'KWD', 'CHF', 'NOK', 'AUD', 'CAD', 'SGD', 'BRL', 'CLP', 'ISK'];
const BAD_CURRENCIES = ['EURO', 'eur', 'HRK', 'DEM', 'XAU', 'XXX', 'US$', '', '€', 'ABC'];
const WORDS = ['cotton', 't-shirt', 'men\'s', 'knitted', 'ceramic', 'mug', 'wireless', 'earbuds', 'leather', 'wallet',
  'silk', 'scarf', 'Crème', 'brûlée', 'Straße', '蓝牙耳机', 'コーヒー', 'стакан', 'قميص', '👕', 'ＡＢＣ', 'ﬁlter', 'gift'];
const AMOUNTS = ['12.50', '0.00', '0', '1', '19.99', '1500', '1500.5', '0.001', '1.005', '99999999.99', '-3.00', '-0',
  '12,50', '1e3', '.5', '5.', '+1', ' 1', '1 000', '0x10', 'NaN', '1' + '0'.repeat(33), '1' + '0'.repeat(40),
  '0.' + '0'.repeat(17) + '1', '0.' + '0'.repeat(18) + '1'];
const NUMBER_AMOUNTS = ['12.50', '12.5', '1e3', '1E-2', '1.50e1', '0', '-1', '123456789012345678901234567890',
  '1e40', '1e-19', '0.1', '1e400'];

// Deterministic PRNG (mulberry32), shared with the seeded-defect corpus.
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generate(count = 600, seed = 20261122) {
  const rnd = mulberry32(seed);
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  const chance = (p) => rnd() < p;
  const words = (n) => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const amount = () => (chance(0.8) ? pick(AMOUNTS) : { __raw: pick(NUMBER_AMOUNTS) });

  function declaration(i) {
    const d = { id: `p-${i}` };
    if (chance(0.7)) d.date = chance(0.85) ? pick(['2026-11-22', '2026-06-30', '2020-05-01', '2001-01-01']) : pick(['2026-02-30', '22/11/2026', 20261122, '']);
    if (chance(0.2)) d.regime = pick(['WCO-GENERIC', 'EU-H7', 'US-2026', 42]);
    if (chance(0.9)) d.destination = chance(0.85) ? pick(COUNTRIES) : pick(BAD_COUNTRIES);
    if (chance(0.9)) d.currency = chance(0.85) ? pick(CURRENCIES) : pick(BAD_CURRENCIES);
    if (chance(0.5)) d.shipping = amount();
    if (chance(0.2)) d.insurance = amount();
    if (chance(0.3)) d.mode = pick(['postal', 'courier', 'air', 'boat', 'POSTAL', 7]);
    if (chance(0.3)) d.transaction = pick(['B2C', 'C2C', 'B2B', 'b2c']);
    if (chance(0.2)) d.incoterm = pick(['DDP', 'DAP', 'DDU', null]);
    if (chance(0.2)) d.gift = pick([true, false, 'yes', 0]);
    if (chance(0.3)) d.gross_mass_kg = amount();
    if (chance(0.2)) d.packages = pick([1, 2, 0, -1, 1.5, '1']);
    if (chance(0.5)) {
      d.seller = { name: chance(0.9) ? words(2) : pick(['', '   ', null, 5]) };
      if (chance(0.5)) d.seller.address = { city: words(1), country: chance(0.8) ? pick(COUNTRIES) : pick(BAD_COUNTRIES) };
      if (chance(0.3)) d.seller.registrations = pick([[{ scheme: 'IOSS', number: 'IM2760000012' }], [{ scheme: 'VAT' }], ['IOSS'], {}]);
    }
    if (chance(0.4)) d.buyer = chance(0.9) ? { name: words(2), address: { country: pick([...COUNTRIES, ...BAD_COUNTRIES]) } } : 'buyer';
    if (chance(0.95)) {
      const n = chance(0.1) ? 0 : 1 + Math.floor(rnd() * 4);
      d.items = chance(0.05) ? { description: 'not an array' } : Array.from({ length: n }, () => {
        if (chance(0.05)) return pick(['item', 3, null, []]);
        const it = {};
        if (chance(0.9)) it.description = chance(0.85) ? words(1 + Math.floor(rnd() * 5)) : pick(['', '   ', '\u3000', 7, null]);
        if (chance(0.6)) it.hs = pick(['610910', '851830', 610910, '6109.10', '']);
        if (chance(0.85)) it.quantity = pick([1, 2, 3, 10, 0, -2, '2', 2.0, 1e3, 9007199254740993]);
        if (chance(0.85)) it.unit_price = amount();
        if (chance(0.5)) it.origin = chance(0.8) ? pick(COUNTRIES) : pick(BAD_COUNTRIES);
        if (chance(0.2)) it.net_mass_kg = amount();
        if (chance(0.1)) it.extra = { nested: [1, { deeper: true }] };
        return it;
      });
    }
    return d;
  }

  // JSON text with raw number tokens where an amount asked for one.
  const toJson = (d) => JSON.stringify(d, (k, v) => (v && typeof v === 'object' && '__raw' in v ? `@@${v.__raw}@@` : v))
    .replace(/"@@([^@]*)@@"/g, '$1');

  const lines = [];
  for (let i = 0; i < count; i++) {
    const kind = rnd();
    let line;
    if (kind < 0.60) {
      line = Buffer.from(toJson(declaration(i)));
    } else if (kind < 0.70) {
      const t = toJson(declaration(i));
      line = Buffer.from(t.slice(0, Math.floor(rnd() * t.length)));  // truncated JSON
    } else if (kind < 0.77) {
      const t = Buffer.from(toJson(declaration(i)));
      const at = Math.floor(rnd() * t.length);
      const bad = pick([[0xe9], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0xff], [0xf4, 0x90, 0x80, 0x80], [0xe2, 0x82]]);
      line = Buffer.concat([t.subarray(0, at), Buffer.from(bad), t.subarray(at)]);  // invalid UTF-8
    } else if (kind < 0.82) {
      line = Buffer.from(pick(['', ' ', '[]', 'null', '42', '"text"', '{}', '{"id":"x"} trailing', '\u0000', '{"a":1,}',
        '{"id":"\\ud800"}', '{"id":"\\u00e9"}', '\r', '{"items":[' + '['.repeat(300)]));
    } else if (kind < 0.86) {
      const big = 'é'.repeat(1 + Math.floor(rnd() * (1 << 19)));  // up to 1 MB of text
      line = Buffer.from(toJson({ id: `big-${i}`, destination: 'DE', currency: 'EUR', items: [{ description: big, quantity: 1, unit_price: '1.00' }] }));
    } else if (kind < 0.90) {
      const deep = 200 + Math.floor(rnd() * 120);
      line = Buffer.from('{"x":' + '['.repeat(deep) + ']'.repeat(deep) + ',"destination":"DE"}');
    } else {
      const d = declaration(i);
      d.items = [{ description: words(3), quantity: 1, unit_price: pick(['1' + '9'.repeat(33), '-' + '9'.repeat(20), '0.' + '9'.repeat(18)]) }];
      line = Buffer.from(toJson(d));
    }
    lines.push(line);
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 600);
  const seed = Number(process.argv[3] ?? 20261122);
  process.stdout.write(Buffer.concat(generate(count, seed).flatMap((l) => [l, Buffer.from('\n')])));
}
