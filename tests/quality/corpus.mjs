import { mulberry32 } from '../parity/generate.mjs';
// Seeded-defect corpus for the data-quality rules (DQ-01..24 of domain.md §5).
//
// generateClean(count, seed) builds realistic, deterministic e-commerce declarations that should
// pass the regime of their destination on 2026-11-23 without an error; injectDefects(decl) makes
// one copy per defect kind with exactly one fault injected, and says which problem code and JSON
// Pointer the checker must report for it.
//
// Everything here is invented test data (people, companies, order numbers); product
// classifications are HS 2022 subheadings that fit the description, US lines carry 10-digit
// HTSUS-style numbers whose first six digits are that subheading.

export const AS_OF = '2026-11-23';

// ---------------------------------------------------------------------------------------------
// Deterministic PRNG and helpers.
const rng = mulberry32;
const pick = (r, arr) => arr[Math.floor(r() * arr.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));
const clone = (o) => JSON.parse(JSON.stringify(o));

// GS1 mod-10 check digit over the digits before it (weights 3,1,3,... from the right).
export function gs1Check(body) {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 3 : 1);
  return String((10 - (sum % 10)) % 10);
}
export function gtin(body) {
  return body + gs1Check(body);
}

// UPU S10: weights 8 6 4 2 3 5 9 7 over the 8 serial digits; 11 - sum mod 11; 10 -> 0, 11 -> 5.
export function s10Check(serial8) {
  const w = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial8[i]) * w[i];
  const c = 11 - (sum % 11);
  return c === 10 ? 0 : c === 11 ? 5 : c;
}
export function s10(service, serial8, country) {
  return `${service}${serial8}${s10Check(serial8)}${country}`;
}

// IATA air waybill: 3-digit airline prefix, 7-digit serial, check digit = serial mod 7.
export function awb(prefix, serial7) {
  return `${prefix}-${serial7}${Number(serial7) % 7}`;
}

// ---------------------------------------------------------------------------------------------
// Money: integer minor units, formatted per currency.

const DECIMALS = { JPY: 0, KRW: 0 };
// Approximate late-2026 rates per EUR, only used to put prices in the destination's currency.
const PER_EUR = {
  EUR: 1, GBP: 0.87, USD: 1.08, CAD: 1.5, AUD: 1.65, NZD: 1.8, NOK: 11.7, SGD: 1.45, CHF: 0.94,
  JPY: 165, KRW: 1500,
};

function decimalsOf(cur) {
  return DECIMALS[cur] ?? 2;
}
// Minor units -> decimal string ("12.99", "2480").
export function fmt(minor, cur) {
  const d = decimalsOf(cur);
  if (d === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(d + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -d)}.${s.slice(-d)}`;
}
export function parseMinor(text, cur) {
  const d = decimalsOf(cur);
  const [a, b = ''] = String(text).split('.');
  return Number(a) * 10 ** d + Number((b + '0'.repeat(d)).slice(0, d) || 0);
}
// A shop price in |cur| for a price given in EUR cents: a psychological price point.
function localPrice(eurCents, cur, r) {
  const v = (eurCents / 100) * PER_EUR[cur];
  if (cur === 'JPY') return Math.max(100, Math.round(v / 10) * 10);
  if (cur === 'KRW') return Math.max(1000, Math.round(v / 100) * 100);
  const whole = Math.max(1, Math.round(v));
  const ending = pick(r, [99, 99, 95, 90, 0]);
  return ending === 0 ? whole * 100 : (whole - 1) * 100 + ending;
}

// ---------------------------------------------------------------------------------------------
// Markets: currency and consumers with full local addresses and phone numbers.

const EU_MARKETS = ['DE', 'FR', 'IT', 'ES', 'NL', 'AT', 'BE', 'IE', 'FI', 'PT', 'GR', 'HR'];

const MARKETS = {
  DE: { currency: 'EUR', buyers: [
    ['Lena Hoffmann', 'Karl-Liebknecht-Straße 34', 'Leipzig', '04107', '+49 341 5550123'],
    ['Jonas Becker', 'Schanzenstraße 12', 'Hamburg', '20357', '+49 40 55567812'],
    ['Miriam Schäfer', 'Sendlinger Straße 21', 'München', '80331', '+49 89 55542290'],
    ['Tobias Wagner', 'Bergmannstraße 88', 'Berlin', '10961', '+49 30 55581144'],
  ] },
  FR: { currency: 'EUR', buyers: [
    ['Camille Durand', '14 rue des Martyrs', 'Paris', '75009', '+33 1 55 50 12 34'],
    ['Julien Moreau', '27 cours Gambetta', 'Lyon', '69003', '+33 4 78 55 60 21'],
    ['Élodie Laurent', '8 rue Sainte-Catherine', 'Bordeaux', '33000', '+33 5 56 55 43 10'],
  ] },
  IT: { currency: 'EUR', buyers: [
    ['Giulia Romano', 'Via Torino 45', 'Milano', '20123', '+39 02 5550 1234'],
    ['Marco Ricci', 'Via dei Coronari 112', 'Roma', '00186', '+39 06 5556 4410'],
    ['Francesca Greco', 'Via Toledo 256', 'Napoli', '80134', '+39 081 555 2231'],
  ] },
  ES: { currency: 'EUR', buyers: [
    ['Lucía García', 'Calle de Fuencarral 78', 'Madrid', '28004', '+34 915 550 123'],
    ['Pablo Martínez', 'Carrer de Provença 231', 'Barcelona', '08008', '+34 935 550 876'],
    ['Carmen López', 'Calle Sierpes 40', 'Sevilla', '41004', '+34 954 550 312'],
  ] },
  NL: { currency: 'EUR', buyers: [
    ['Sanne de Vries', 'Prinsengracht 263', 'Amsterdam', '1016 GV', '+31 20 555 0123'],
    ['Daan Jansen', 'Oudegracht 158', 'Utrecht', '3511 AZ', '+31 30 555 4412'],
    ['Emma Bakker', 'Witte de Withstraat 50', 'Rotterdam', '3012 BR', '+31 10 555 7788'],
  ] },
  AT: { currency: 'EUR', buyers: [
    ['Anna Gruber', 'Mariahilfer Straße 77', 'Wien', '1060', '+43 1 5550 1234'],
    ['Lukas Huber', 'Getreidegasse 9', 'Salzburg', '5020', '+43 662 555 432'],
    ['Sophie Wimmer', 'Herrengasse 16', 'Graz', '8010', '+43 316 555 901'],
  ] },
  BE: { currency: 'EUR', buyers: [
    ['Louise Peeters', 'Meir 52', 'Antwerpen', '2000', '+32 3 555 01 23'],
    ['Thomas Dubois', 'Rue Neuve 33', 'Bruxelles', '1000', '+32 2 555 44 21'],
    ['Marie Claes', 'Veldstraat 21', 'Gent', '9000', '+32 9 555 12 80'],
  ] },
  IE: { currency: 'EUR', buyers: [
    ['Aoife Murphy', '14 Camden Street Lower', 'Dublin', 'D02 XE80', '+353 1 555 0123'],
    ["Cian O'Brien", '22 Oliver Plunkett Street', 'Cork', 'T12 K8AF', '+353 21 555 4410'],
    ['Niamh Kelly', '5 Shop Street', 'Galway', 'H91 T2WY', '+353 91 555 780'],
  ] },
  FI: { currency: 'EUR', buyers: [
    ['Aino Virtanen', 'Mannerheimintie 12', 'Helsinki', '00100', '+358 9 5550 123'],
    ['Mikko Korhonen', 'Hämeenkatu 25', 'Tampere', '33200', '+358 3 5550 4412'],
    ['Emilia Nieminen', 'Yliopistonkatu 30', 'Turku', '20100', '+358 2 5550 7788'],
  ] },
  PT: { currency: 'EUR', buyers: [
    ['Beatriz Silva', 'Rua Augusta 120', 'Lisboa', '1100-053', '+351 21 555 0123'],
    ['João Ferreira', 'Rua de Santa Catarina 310', 'Porto', '4000-442', '+351 22 555 4410'],
    ['Inês Costa', 'Avenida Fernão de Magalhães 45', 'Coimbra', '3000-175', '+351 239 555 120'],
  ] },
  GR: { currency: 'EUR', buyers: [
    ['Eleni Papadopoulou', 'Ermou 56', 'Athina', '105 63', '+30 21 0555 0123'],
    ['Giorgos Nikolaidis', 'Tsimiski 43', 'Thessaloniki', '546 23', '+30 2310 555441'],
    ['Maria Georgiou', 'Leoforos Dimokratias 18', 'Patra', '262 21', '+30 2610 555120'],
  ] },
  HR: { currency: 'EUR', buyers: [
    ['Ana Horvat', 'Ilica 45', 'Zagreb', '10000', '+385 1 555 0123'],
    ['Ivan Kovačević', 'Marmontova 7', 'Split', '21000', '+385 21 555 441'],
    ['Petra Babić', 'Korzo 22', 'Rijeka', '51000', '+385 51 555 780'],
  ] },
  GB: { currency: 'GBP', buyers: [
    ['Oliver Bennett', '42 Deansgate', 'Manchester', 'M3 2EG', '+44 161 555 0123'],
    ['Amelia Clarke', '17 Victoria Street', 'Bristol', 'BS1 6AA', '+44 117 555 0456'],
    ['Harry Patel', '88 Broad Street', 'Birmingham', 'B1 2HF', '+44 121 555 0789'],
    ['Isla Robertson', '12 Rose Street', 'Edinburgh', 'EH2 2PR', '+44 131 555 0234'],
  ] },
  US: { currency: 'USD', buyers: [
    ['Emily Johnson', '1420 Pine Street Apt 5', 'Seattle', '98101', '+1 206 555 0142', 'WA'],
    ['Michael Rodriguez', '2318 Guadalupe Street', 'Austin', '78705', '+1 512 555 0199', 'TX'],
    ['Sarah Thompson', '77 Commonwealth Avenue', 'Boston', '02116', '+1 617 555 0123', 'MA'],
    ['David Kim', '455 Grand Avenue', 'Oakland', '94610', '+1 510 555 0177', 'CA'],
  ] },
  CA: { currency: 'CAD', buyers: [
    ['Chloé Tremblay', '1250 rue Sainte-Catherine Ouest', 'Montréal', 'H3G 1P1', '+1 514 555 0134', 'QC'],
    ['Liam MacDonald', '200 Queen Street West', 'Toronto', 'M5V 3L9', '+1 416 555 0188', 'ON'],
    ['Ava Singh', '1055 West Georgia Street', 'Vancouver', 'V6E 3P3', '+1 604 555 0121', 'BC'],
    ['Noah Fraser', '10150 Jasper Avenue', 'Edmonton', 'T5J 1W4', '+1 780 555 0166', 'AB'],
  ] },
  AU: { currency: 'AUD', buyers: [
    ['Charlotte Wilson', '88 George Street', 'Sydney', '2000', '+61 2 5550 1234', 'NSW'],
    ['Jack Nguyen', '150 Swanston Street', 'Melbourne', '3000', '+61 3 5550 4412', 'VIC'],
    ['Mia Anderson', '45 Adelaide Street', 'Brisbane', '4000', '+61 7 5550 7788', 'QLD'],
    ['Lachlan Murphy', '120 Murray Street', 'Perth', '6000', '+61 8 5550 2211', 'WA'],
  ] },
  NZ: { currency: 'NZD', buyers: [
    ['Ruby Taylor', '85 Queen Street', 'Auckland', '1010', '+64 9 555 0123'],
    ['William Smith', '120 Lambton Quay', 'Wellington', '6011', '+64 4 555 4410'],
    ['Isabella Brown', '99 Colombo Street', 'Christchurch', '8011', '+64 3 555 7788'],
  ] },
  NO: { currency: 'NOK', buyers: [
    ['Nora Hansen', 'Karl Johans gate 22', 'Oslo', '0159', '+47 22 55 50 12'],
    ['Jakob Johansen', 'Bryggen 15', 'Bergen', '5003', '+47 55 55 41 20'],
    ['Ingrid Olsen', 'Munkegata 30', 'Trondheim', '7011', '+47 73 55 77 88'],
  ] },
  SG: { currency: 'SGD', buyers: [
    ['Tan Wei Ling', 'Blk 123 Ang Mo Kio Avenue 6, #08-45', 'Singapore', '560123', '+65 6555 0123'],
    ['Muhammad Hafiz', '10 Tampines Central 1, #12-03', 'Singapore', '529536', '+65 6555 4410'],
    ['Priya Raman', '38 Jalan Besar, #03-11', 'Singapore', '208805', '+65 6555 7788'],
  ] },
  CH: { currency: 'CHF', buyers: [
    ['Laura Meier', 'Bahnhofstrasse 45', 'Zürich', '8001', '+41 44 555 01 23'],
    ['Luca Bernasconi', 'Via Nassa 12', 'Lugano', '6900', '+41 91 555 44 10'],
    ['Céline Favre', 'Rue du Rhône 62', 'Genève', '1204', '+41 22 555 77 88'],
    ['Noah Keller', 'Marktgasse 20', 'Bern', '3011', '+41 31 555 22 11'],
  ] },
  JP: { currency: 'JPY', buyers: [
    ['Yuki Tanaka', '1-2-3 Jingumae, Shibuya-ku', 'Tokyo', '150-0001', '+81 3 5555 0123'],
    ['Haruto Suzuki', '2-5-8 Umeda, Kita-ku', 'Osaka', '530-0001', '+81 6 5555 4410'],
    ['Sakura Yamamoto', '3-10-4 Sakae, Naka-ku', 'Nagoya', '460-0008', '+81 52 555 7788'],
  ] },
  KR: { currency: 'KRW', buyers: [
    ['Kim Min-ji', '15 Teheran-ro 20-gil, Gangnam-gu', 'Seoul', '06236', '+82 2 555 0123'],
    ['Park Ji-hoon', '33 Haeundaehaebyeon-ro, Haeundae-gu', 'Busan', '48099', '+82 51 555 4410'],
  ] },
};

// Regime of each destination on 2026-11-23 and what it implies for the corpus.
const EU = new Set(EU_MARKETS);
function regimeOf(dest) {
  if (EU.has(dest)) return 'EU-H7';
  return { GB: 'GB', US: 'US-2026', AU: 'AU', NZ: 'NZ', CA: 'CA', NO: 'NO-VOEC', SG: 'SG', CH: 'CH' }[dest] ?? 'WCO-GENERIC';
}
// Value limits of datasets/regimes/*.json (limit, start of the near-threshold band, per what).
export const VALUE_LIMITS = {
  'EU-H7': { currency: 'EUR', limit: '150.00', near: '149.00', per: 'consignment', inclusive: true },
  GB: { currency: 'GBP', limit: '135.00', near: '130.00', per: 'consignment', inclusive: true },
  AU: { currency: 'AUD', limit: '1000.00', near: '990.00', per: 'consignment', inclusive: true },
  NZ: { currency: 'NZD', limit: '1000.00', near: '990.00', per: 'consignment', inclusive: true },
  'NO-VOEC': { currency: 'NOK', limit: '3000.00', near: '2900.00', per: 'item', inclusive: false },
  SG: { currency: 'SGD', limit: '400.00', near: '390.00', per: 'consignment', inclusive: true },
};
// Regimes whose profile excludes excise goods (excluded_lists: ["excise_goods"]).
const EXCISE_EXCLUDED = new Set(['EU-H7', 'GB', 'AU', 'NZ', 'NO-VOEC']);
// Stop-word lists named by the regime profiles (stop_word_lists).
const STOP_LIST = { 'EU-H7': 'eu', CA: 'pact' };
// Generous caps that keep a clean consignment well inside the limit and out of the near band.
const CAP_EUR = { 'EU-H7': 12000, GB: 11500, AU: 50000, NZ: 45000, 'NO-VOEC': 20000, SG: 22000 };

// ---------------------------------------------------------------------------------------------
// Products: description variants, HS 2022 subheading, US 10-digit line, price in EUR cents,
// net mass per unit in grams, GS1 prefix of the brand owner, and a code from an unrelated chapter.

const P = (o) => o;
const PRODUCTS = {
  tshirt_m: P({ d: ["men's cotton knitted crew-neck T-shirt", "men's organic cotton jersey T-shirt, short sleeves"], hs: '610910', us: '6109100012', eur: [1290, 1990], g: 180, mm: '851830' }),
  tshirt_w: P({ d: ["women's cotton knitted V-neck T-shirt", "women's slim-fit cotton jersey T-shirt"], hs: '610910', us: '6109100040', eur: [1190, 1790], g: 160, mm: '851830' }),
  hoodie: P({ d: ["men's knitted cotton fleece hooded sweatshirt", "unisex cotton knitted hooded sweatshirt with kangaroo pocket"], hs: '611020', us: '6110202079', eur: [2990, 4490], g: 520, mm: '640411' }),
  sweater: P({ d: ["women's knitted merino wool pullover", "men's lambswool knitted crew-neck sweater"], hs: '611011', us: '6110110030', eur: [4990, 7990], g: 380, mm: '851762' }),
  leggings: P({ d: ["women's knitted polyester-elastane sports leggings", "women's high-waist knitted synthetic yoga leggings"], hs: '610463', us: '6104632011', eur: [1990, 3490], g: 220, mm: '330410' }),
  blouse: P({ d: ["women's woven cotton poplin blouse, long sleeves", "women's woven cotton shirt-blouse with embroidered collar"], hs: '620630', us: '6206304003', eur: [2490, 3990], g: 200, mm: '850440' }),
  jeans: P({ d: ["men's woven cotton denim jeans, straight fit", "men's blue denim five-pocket jeans of woven cotton"], hs: '620342', us: '6203424011', eur: [3990, 5990], g: 650, mm: '640411' }),
  rainjacket: P({ d: ["men's woven polyester rain jacket with hood", "men's waterproof anorak of woven nylon with hood"], hs: '620140', us: '6201400010', eur: [4990, 8990], g: 450, mm: '850440' }),
  socks: P({ d: ["cotton knitted crew socks, pack of 3 pairs", "knitted cotton ankle socks, 5 pairs"], hs: '611595', us: '6115959000', eur: [799, 1490], g: 150, mm: '851762' }),
  dress: P({ d: ["women's knitted cotton jersey summer dress", "women's knitted cotton midi dress with short sleeves"], hs: '610442', us: '6104420010', eur: [2990, 4990], g: 300, mm: '850760' }),
  bodysuit: P({ d: ["babies' knitted cotton bodysuit, long sleeves", "babies' organic cotton knitted rompers, set of 2"], hs: '611120', us: '6111205000', eur: [990, 1990], g: 120, mm: '851830' }),
  silkscarf: P({ d: ['woven silk scarf with printed pattern', 'hand-rolled woven silk twill scarf'], hs: '621410', us: '6214101000', eur: [2990, 5990], g: 60, mm: '640411' }),
  runshoes: P({ d: ["men's running shoes with textile mesh upper and rubber sole", "women's trainers with knitted textile upper and rubber outsole"], hs: '640411', us: '6404119020', eur: [4990, 8990], g: 620, mm: '851762' }),
  boots: P({ d: ["women's leather ankle boots with rubber sole", "men's leather chelsea boots covering the ankle, rubber sole"], hs: '640391', us: '6403919045', eur: [6990, 9990], g: 1100, mm: '851713' }),
  flipflops: P({ d: ['rubber flip-flops with thong strap', 'EVA foam flip-flop sandals with toe post'], hs: '640220', us: '6402200000', eur: [690, 1490], g: 250, mm: '851830' }),
  handbag: P({ d: ["women's leather shoulder handbag", 'genuine leather crossbody handbag'], hs: '420221', us: '4202213000', eur: [5990, 9490], g: 700, mm: '851830' }),
  backpack: P({ d: ['polyester textile backpack with laptop sleeve, 25 litres', 'nylon hiking backpack with textile outer surface, 30 l'], hs: '420292', us: '4202923120', eur: [2990, 5990], g: 800, mm: '330410' }),
  wallet: P({ d: ["men's leather bifold wallet", 'leather card wallet with coin purse'], hs: '420231', us: '4202316000', eur: [1990, 3990], g: 90, mm: '610910' }),
  smartphone: P({ d: ['Android smartphone, 6.5-inch screen, 128 GB', 'unlocked 5G smartphone 6.6 inch 128 GB dual SIM'], hs: '851713', us: '8517130000', eur: [8990, 10990], g: 210, mm: '610910' }),
  earbuds: P({ d: ['wireless Bluetooth in-ear earphones with charging case', 'true wireless earbuds (Bluetooth headphones)'], hs: '851830', us: '8518302000', eur: [1990, 3990], g: 60, mm: '610910' }),
  charger: P({ d: ['USB-C wall charger 65 W power adapter', '20 W USB-C fast charger, mains power supply'], hs: '850440', us: '8504409570', eur: [1290, 2990], g: 110, mm: '610910' }),
  powerbank: P({ d: ['lithium-ion power bank 10000 mAh with USB-C', 'portable lithium-ion rechargeable power bank 20000 mAh'], hs: '850760', us: '8507600020', eur: [1990, 3490], g: 230, mm: '640411' }),
  cable: P({ d: ['braided USB-C to USB-C charging cable, 2 m', 'USB-C to Lightning charging and data cable 1 m'], hs: '854442', us: '8544429090', eur: [690, 1490], g: 50, mm: '610910' }),
  smartwatch: P({ d: ['smartwatch with heart-rate sensor and Bluetooth', 'fitness smartwatch with GPS and Bluetooth'], hs: '851762', us: '8517620090', eur: [3990, 7990], g: 70, mm: '640411' }),
  screenprot: P({ d: ['tempered safety glass screen protector for smartphone, 2 pieces', 'toughened glass phone screen protector'], hs: '700719', us: '7007190000', eur: [590, 1290], g: 40, mm: '610910' }),
  desklamp: P({ d: ['LED desk lamp with dimmer and USB port', 'dimmable LED table lamp, bedside'], hs: '940521', us: '9405214000', eur: [1990, 3990], g: 900, mm: '610910' }),
  bricks: P({ d: ['plastic construction bricks toy set, 500 pieces', 'building blocks construction toy of plastic, 300 pieces'], hs: '950300', us: '9503000073', eur: [1990, 3990], g: 600, mm: '330410' }),
  plush: P({ d: ['plush teddy bear soft toy 30 cm', 'stuffed plush unicorn toy'], hs: '950300', us: '9503000071', eur: [990, 2490], g: 250, mm: '620342' }),
  puzzle: P({ d: ['cardboard jigsaw puzzle 1000 pieces, landscape', 'jigsaw puzzle of cardboard, 500 pieces'], hs: '950300', us: '9503000090', eur: [990, 1990], g: 550, mm: '620342' }),
  boardgame: P({ d: ['strategy board game for 2-4 players', 'family board game with cards and dice'], hs: '950490', us: '9504904000', eur: [1990, 3990], g: 900, mm: '620342' }),
  lipstick: P({ d: ['matte lipstick, shade 05 rose', 'long-lasting liquid lipstick'], hs: '330410', us: '3304100000', eur: [790, 1990], g: 20, mm: '640411' }),
  facecream: P({ d: ['hyaluronic acid moisturising face cream for skincare, 50 ml', 'day face cream with SPF 30, 50 ml'], hs: '330499', us: '3304995000', eur: [1290, 2990], g: 90, mm: '640411' }),
  perfume: P({ d: ['eau de parfum for women 50 ml spray', 'eau de toilette for men 100 ml'], hs: '330300', us: '3303003000', eur: [2990, 5990], g: 250, mm: '640411' }),
  shampoo: P({ d: ['argan oil shampoo for dry hair 250 ml', 'anti-dandruff shampoo 400 ml'], hs: '330510', us: '3305100000', eur: [590, 1490], g: 280, mm: '640411' }),
  nailpolish: P({ d: ['gel-effect nail polish 10 ml, red', 'quick-dry nail polish 12 ml'], hs: '330430', us: '3304300000', eur: [490, 1290], g: 40, mm: '640411' }),
  chefknife: P({ d: ['stainless steel chef knife with fixed 20 cm blade', 'Japanese santoku kitchen knife, fixed blade 18 cm'], hs: '821192', us: '8211924000', eur: [3990, 7990], g: 250, mm: '610910' }),
  fryingpan: P({ d: ['non-stick aluminium frying pan 28 cm', 'aluminium saute pan with non-stick coating, 24 cm'], hs: '761510', us: '7615107130', eur: [1990, 3990], g: 900, mm: '610910' }),
  mug: P({ d: ['porcelain coffee mug 350 ml', 'set of 2 porcelain tea cups with saucers'], hs: '691110', us: '6911104100', eur: [890, 1990], g: 380, mm: '610910' }),
  flask: P({ d: ['stainless steel vacuum flask 750 ml', 'vacuum insulated water bottle (thermos flask) 500 ml'], hs: '961700', us: '9617001000', eur: [1490, 2990], g: 350, mm: '610910' }),
  kettle: P({ d: ['electric kettle 1.7 litre, stainless steel', 'cordless electric water kettle 1.2 l'], hs: '851679', us: '8516796000', eur: [2490, 3990], g: 1100, mm: '610910' }),
  dictionary: P({ d: ['English-Spanish dictionary, printed hardback', 'pocket dictionary German-English, printed'], hs: '490191', us: '4901910020', eur: [990, 2490], g: 450, mm: '610910', isbn: true }),
  calendar: P({ d: ['printed wall calendar 2027, landscape photographs', 'printed desk calendar 2027 with spiral binding'], hs: '491000', us: '4910006000', eur: [890, 1990], g: 400, mm: '610910' }),
  picturebook: P({ d: ["children's picture book, hardcover", "children's colouring book with stickers"], hs: '490300', us: '4903000000', eur: [790, 1590], g: 300, mm: '610910', isbn: true }),
  yogamat: P({ d: ['yoga mat for gym and fitness exercise, 6 mm', 'non-slip fitness exercise mat 8 mm'], hs: '950691', us: '9506910030', eur: [1990, 3490], g: 1200, mm: '640411' }),
  racket: P({ d: ['strung lawn tennis racket, graphite frame', 'lawn tennis racket 100 sq in, strung'], hs: '950651', us: '9506512000', eur: [4990, 8990], g: 300, mm: '610910' }),
  football: P({ d: ['inflatable football, size 5', 'inflatable match football size 4 with bladder'], hs: '950662', us: '9506624080', eur: [1490, 2990], g: 430, mm: '851830' }),
  helmet: P({ d: ['bicycle safety helmet with adjustable fit', 'cycling helmet (safety headgear), size M'], hs: '650610', us: '6506106045', eur: [3490, 6990], g: 320, mm: '610910' }),
  golfballs: P({ d: ['golf balls, pack of 12', 'urethane tour golf balls, 12 pack'], hs: '950632', us: '9506320000', eur: [1990, 4490], g: 560, mm: '851830' }),
  goggles: P({ d: ['anti-fog swimming goggles', 'swim goggles with UV protection'], hs: '900490', us: '9004900000', eur: [990, 1990], g: 60, mm: '640411' }),
  sunglasses: P({ d: ['polarised sunglasses with acetate frame', 'UV400 sunglasses, metal frame'], hs: '900410', us: '9004100000', eur: [1990, 5990], g: 40, mm: '610910' }),
  watch: P({ d: ['quartz analogue wrist-watch with stainless steel case', "men's analogue quartz wrist-watch, leather strap"], hs: '910211', us: '9102112510', eur: [4990, 8990], g: 90, mm: '610910' }),
  necklace: P({ d: ['gold-plated sterling silver pendant necklace', 'rose gold-plated 925 silver chain necklace'], hs: '711311', us: '7113112000', eur: [2990, 6990], g: 15, mm: '640411' }),
  bedlinen: P({ d: ['printed cotton bed sheet set, double', 'woven cotton duvet cover and pillowcase, printed'], hs: '630221', us: '6302213010', eur: [3490, 6990], g: 1300, mm: '640411' }),
  fountainpen: P({ d: ['fountain pen with steel nib', 'fountain pen with converter and ink cartridges'], hs: '960830', us: '9608300038', eur: [1990, 4990], g: 50, mm: '640411' }),
};

// Wine added by the EXCISE_GOODS defect (HS 220421: still grape wine, 2 litres or less).
const WINE = {
  d: 'Chilean Cabernet Sauvignon red wine, 75 cl bottle', hs: '220421', us: '2204210050', eur: 1290, g: 1250,
  origin: 'CL', gtin: gtin('780432000118'),
};

// Sellers outside the destinations they ship to; origin = country of manufacture of their goods.
const SELLERS = [
  { key: 'szlh', name: 'Shenzhen Lianhua Electronics Co., Ltd.', street: "Room 1203, Block B, Tian'an Cyber Park, Futian District", city: 'Shenzhen', postcode: '518040', country: 'CN', phone: '+86 755 8612 3456', gs1: '693', origin: 'CN',
    goods: ['smartphone', 'earbuds', 'charger', 'powerbank', 'cable', 'smartwatch', 'screenprot', 'desklamp'], platform: ['Lianhua Official Store', 'https://lianhua-electronics.example.com'] },
  { key: 'ywst', name: 'Yiwu Sunrise Toys Trading Co., Ltd.', street: 'No. 88 Chouzhou North Road', city: 'Yiwu', postcode: '322000', country: 'CN', phone: '+86 579 8552 1188', gs1: '694', origin: 'CN',
    goods: ['bricks', 'plush', 'puzzle', 'boardgame', 'yogamat'], platform: ['Sunrise Toys Shop', 'https://sunrise-toys.example.com'] },
  { key: 'gzml', name: 'Guangzhou Meilan Apparel Co., Ltd.', street: 'No. 135 Huangpu Avenue West, Tianhe District', city: 'Guangzhou', postcode: '510620', country: 'CN', phone: '+86 20 3888 4521', gs1: '692', origin: 'CN',
    goods: ['tshirt_m', 'tshirt_w', 'hoodie', 'leggings', 'rainjacket', 'socks', 'bodysuit', 'dress'], platform: ['Meilan Fashion', 'https://meilan-fashion.example.com'] },
  { key: 'hzqs', name: 'Hangzhou Qingshan Cosmetics Co., Ltd.', street: 'No. 277 Wensan Road, Xihu District', city: 'Hangzhou', postcode: '310012', country: 'CN', phone: '+86 571 8765 3322', gs1: '695', origin: 'CN',
    goods: ['lipstick', 'nailpolish', 'facecream', 'shampoo'], platform: ['Qingshan Beauty', 'https://qingshan-beauty.example.com'] },
  { key: 'nbht', name: 'Ningbo Haitong Kitchenware Co., Ltd.', street: 'No. 688 Tiantong South Road, Yinzhou District', city: 'Ningbo', postcode: '315100', country: 'CN', phone: '+86 574 8788 2011', gs1: '691', origin: 'CN',
    goods: ['fryingpan', 'mug', 'flask', 'kettle'], platform: ['Haitong Home', 'https://haitong-home.example.com'] },
  { key: 'hkhg', name: 'Harbour Gadget Trading Ltd.', street: 'Unit 1506, 15/F, Nan Fung Centre, 264-298 Castle Peak Road', city: 'Tsuen Wan', postcode: null, country: 'HK', phone: '+852 2555 0123', gs1: '489', origin: 'CN',
    goods: ['earbuds', 'smartwatch', 'sunglasses', 'watch', 'powerbank'], platform: ['Harbour Gadgets', 'https://harbour-gadgets.example.com'] },
  { key: 'thpn', name: 'Thistle & Pine Outdoor Ltd.', street: 'Unit 4 Riverside Works, Mill Lane', city: 'Leeds', postcode: 'LS10 1BQ', country: 'GB', phone: '+44 113 555 0190', gs1: '503', origin: 'GB',
    goods: ['sweater', 'backpack', 'helmet', 'flask'], platform: ['Thistle & Pine', 'https://thistleandpine.example.co.uk'] },
  { key: 'hlbk', name: 'Hatchard Lane Books Ltd.', street: '31 Charing Cross Road', city: 'London', postcode: 'WC2H 0AP', country: 'GB', phone: '+44 20 5550 1234', gs1: '503', origin: 'GB',
    goods: ['dictionary', 'calendar', 'picturebook', 'puzzle', 'boardgame'], platform: ['Hatchard Lane Books', 'https://hatchardlane.example.co.uk'] },
  { key: 'cstr', name: 'Cascade Trail Supply Inc.', street: '2401 4th Avenue Suite 300', city: 'Seattle', postcode: '98121', country: 'US', phone: '+1 206 555 0175', gs1: '08', gtinLength: 12, origin: 'US',
    goods: ['backpack', 'flask', 'helmet', 'golfballs', 'yogamat'], platform: ['Cascade Trail', 'https://cascadetrail.example.com'] },
  { key: 'anat', name: 'Anatolia Tekstil Ltd. Şti.', street: 'Organize Sanayi Bölgesi 5. Cadde No: 12', city: 'Bursa', postcode: '16140', country: 'TR', phone: '+90 224 555 0123', gs1: '869', origin: 'TR',
    goods: ['tshirt_m', 'tshirt_w', 'jeans', 'bedlinen', 'socks', 'dress'], platform: ['Anatolia Home & Fashion', 'https://anatolia-tekstil.example.com'] },
  { key: 'jpch', name: 'Jaipur Craft House Pvt. Ltd.', street: 'B-42, Malviya Industrial Area', city: 'Jaipur', postcode: '302017', country: 'IN', phone: '+91 141 555 0123', gs1: '890', origin: 'IN',
    goods: ['bedlinen', 'necklace', 'silkscarf', 'blouse'], platform: ['Jaipur Craft House', 'https://jaipurcrafthouse.example.com'] },
  { key: 'sgfw', name: 'Saigon Footwear Export JSC', street: '45 Nguyen Van Linh, Tan Phong Ward, District 7', city: 'Ho Chi Minh City', postcode: '700000', country: 'VN', phone: '+84 28 5555 0123', gs1: '893', origin: 'VN',
    goods: ['runshoes', 'flipflops', 'boots'], platform: ['Saigon Footwear', 'https://saigonfootwear.example.com'] },
  { key: 'kbhm', name: 'Kobe Hamono Works K.K.', street: '4-1-10 Motomachi-dori, Chuo-ku', city: 'Kobe', postcode: '650-0022', country: 'JP', phone: '+81 78 555 0123', gs1: '490', origin: 'JP',
    goods: ['chefknife', 'mug', 'fountainpen'], platform: ['Kobe Hamono', 'https://kobe-hamono.example.jp'] },
  { key: 'sblb', name: 'Seoul Beauty Lab Co., Ltd.', street: '25 Seongsui-ro 7-gil, Seongdong-gu', city: 'Seoul', postcode: '04781', country: 'KR', phone: '+82 2 555 0456', gs1: '880', origin: 'KR',
    goods: ['facecream', 'lipstick', 'shampoo', 'nailpolish'], platform: ['Seoul Beauty Lab', 'https://seoulbeautylab.example.kr'] },
  { key: 'lndb', name: 'Buchhandlung Lindenblatt GmbH', street: 'Grimmaische Straße 10', city: 'Leipzig', postcode: '04109', country: 'DE', phone: '+49 341 555 0190', gs1: '426', origin: 'DE', eu: true,
    goods: ['dictionary', 'calendar', 'picturebook', 'boardgame'], platform: ['Lindenblatt Bücher', 'https://lindenblatt.example.de'] },
  { key: 'pfir', name: 'Pelletteria Fiorentina S.r.l.', street: 'Via dei Calzaiuoli 15', city: 'Firenze', postcode: '50122', country: 'IT', phone: '+39 055 555 0123', gs1: '800', origin: 'IT', eu: true,
    goods: ['handbag', 'wallet', 'boots'], platform: ['Pelletteria Fiorentina', 'https://pelletteriafiorentina.example.it'] },
  { key: 'tccg', name: 'Taichung Cycle Gear Co., Ltd.', street: 'No. 168, Section 2, Taiwan Boulevard, West District', city: 'Taichung', postcode: '403', country: 'TW', phone: '+886 4 5555 0123', gs1: '471', origin: 'TW',
    goods: ['helmet', 'goggles', 'racket'], platform: ['Taichung Cycle Gear', 'https://tc-cyclegear.example.tw'] },
  { key: 'slkt', name: 'Sialkot Sports Works (Pvt.) Ltd.', street: 'Small Industrial Estate, Shahab Pura Road', city: 'Sialkot', postcode: '51310', country: 'PK', phone: '+92 52 555 0123', gs1: '896', origin: 'PK',
    goods: ['football', 'yogamat', 'racket'], platform: ['Sialkot Sports', 'https://sialkotsports.example.com'] },
];

// Same customs territory: no import at all.
function sameTerritory(seller, dest) {
  return seller.country === dest || (seller.eu && EU.has(dest));
}

// Registrations a seller holds for the destination's collection model (design.md schemes).
function ukVat(r) {
  // Old mod-97 scheme: weights 8..2 on 7 digits, two check digits making the total divisible by 97.
  const d = Array.from({ length: 7 }, (_, i) => (i === 0 ? int(r, 1, 9) : int(r, 0, 9)));
  const sum = d.reduce((s, x, i) => s + x * (8 - i), 0);
  let check = 97 - (sum % 97);
  if (check >= 97) check -= 97;
  return `GB${d.join('')}${String(check).padStart(2, '0')}`;
}
function chVat(r) {
  for (;;) {
    const d = Array.from({ length: 8 }, (_, i) => (i === 0 ? int(r, 1, 9) : int(r, 0, 9)));
    const w = [5, 4, 3, 2, 7, 6, 5, 4];
    const c = 11 - (d.reduce((s, x, i) => s + x * w[i], 0) % 11);
    if (c === 10) continue;
    const all = [...d, c === 11 ? 0 : c].join('');
    return `CHE-${all.slice(0, 3)}.${all.slice(3, 6)}.${all.slice(6)} MWST`;
  }
}
function nzGst(r) {
  // IRD/GST number: 8 digits + mod-11 check digit (weights 3 2 7 6 5 4 3 2), written 123-456-789.
  for (;;) {
    const d = String(int(r, 10000000, 14999999)).split('').map(Number);
    const w = [3, 2, 7, 6, 5, 4, 3, 2];
    const rem = d.reduce((s, x, i) => s + x * w[i], 0) % 11;
    const c = rem === 0 ? 0 : 11 - rem;
    if (c === 10) continue;
    const all = [...d, c].join('');
    return `${all.slice(0, 3)}-${all.slice(3, 6)}-${all.slice(6)}`;
  }
}
const IOSS_STATES = ['372', '528', '250', '276', '442', '380'];
function registrationsFor(regime, r) {
  switch (regime) {
    case 'EU-H7': return [{ scheme: 'IOSS', number: `IM${pick(r, IOSS_STATES)}${String(int(r, 0, 9999999)).padStart(7, '0')}` }];
    case 'GB': return [{ scheme: 'UK_VAT', number: ukVat(r) }];
    case 'AU': return [{ scheme: 'AU_GST', number: `3000${String(int(r, 0, 99999999)).padStart(8, '0')}` }];
    case 'NZ': return [{ scheme: 'NZ_GST', number: nzGst(r) }];
    case 'NO-VOEC': return [{ scheme: 'NO_VOEC', number: String(int(r, 2020000, 2049999)) }];
    case 'SG': return [{ scheme: 'SG_OVR', number: `M9${String(int(r, 0, 9999999)).padStart(7, '0')}${pick(r, ['A', 'K', 'X', 'W'])}` }];
    case 'CH': return [{ scheme: 'CH_VAT', number: chVat(r) }];
    default: return [];
  }
}

const SHIPPING_EUR = [0, 390, 490, 590, 790];

function buildItem(key, seller, dest, cur, regime, r, serial) {
  const p = PRODUCTS[key];
  const description = pick(r, p.d);
  const quantity = p.eur[1] < 1600 && r() < 0.35 ? 2 : 1;
  const eur = int(r, p.eur[0], p.eur[1]);
  const unit = localPrice(eur, cur, r);
  // GTIN-13 under the brand owner's GS1 prefix (UPC-A, 12 digits, for the US company; ISBN for books).
  const len = (seller.gtinLength ?? 13) - 1;
  const gtinBody = p.isbn ? `978${seller.country === 'DE' ? '3' : '1'}${String(int(r, 0, 99999999)).padStart(8, '0')}` : `${seller.gs1}${String(int(r, 0, 10 ** (len - seller.gs1.length) - 1)).padStart(len - seller.gs1.length, '0')}`;
  const grams = Math.round(p.g * (0.9 + r() * 0.2)) * quantity;
  const skuStem = key.replace(/_/g, '').toUpperCase().slice(0, 6);
  return {
    description,
    hs: regime === 'US-2026' ? p.us : p.hs,
    quantity,
    unit_price: fmt(unit, cur),
    origin: seller.origin,
    net_mass_kg: (grams / 1000).toFixed(3),
    sku: `${seller.key.toUpperCase()}-${skuStem}-${String(serial).padStart(4, '0')}`,
    gtin: gtin(gtinBody),
    manufacturer_ref: `${skuStem.slice(0, 3)}${int(r, 100, 999)}-${pick(r, ['BLK', 'WHT', 'NVY', 'GRY', 'RED', 'S', 'M', 'L', 'STD'])}`,
  };
}

function lineTotal(items, cur) {
  return items.reduce((s, it) => s + parseMinor(it.unit_price, cur) * it.quantity, 0);
}

// One clean declaration for |dest|.
function buildDeclaration(n, dest, r) {
  const market = MARKETS[dest];
  const cur = market.currency;
  const regime = regimeOf(dest);
  const sellers = SELLERS.filter((s) => !sameTerritory(s, dest));
  const seller = pick(r, sellers);
  const buyerRow = pick(r, market.buyers);
  const nItems = pick(r, [1, 1, 1, 2, 2, 3]);
  const keys = [];
  for (let i = 0; i < nItems; i++) {
    const k = pick(r, seller.goods);
    if (!keys.includes(k)) keys.push(k);
  }
  let items = keys.map((k, i) => buildItem(k, seller, dest, cur, regime, r, n * 10 + i));
  // Keep regimes with a ceiling well inside it (and below the near-threshold band).
  const capEur = CAP_EUR[regime];
  if (capEur) {
    const cap = Math.floor((capEur / 100) * PER_EUR[cur] * 10 ** decimalsOf(cur));
    const tooBig = () => (VALUE_LIMITS[regime].per === 'item'
      ? items.some((it) => parseMinor(it.unit_price, cur) > cap)
      : lineTotal(items, cur) > cap);
    while (items.length > 1 && tooBig()) items.pop();
    if (tooBig()) items[0].quantity = 1;
    if (tooBig()) items[0].unit_price = fmt(Math.floor(cap * 0.6 / 100) * 100 - (decimalsOf(cur) ? 1 : 0), cur);
  }
  const netGrams = items.reduce((s, it) => s + Math.round(Number(it.net_mass_kg) * 1000), 0);
  const gross = netGrams + int(r, 60, 280);
  const postal = regime === 'US-2026' ? r() < 0.7 : r() < 0.75;
  const serial8 = String(int(r, 10000000, 99999999));
  const transport = postal
    ? s10(pick(r, ['LX', 'LY', 'RR', 'UA', 'CP']), serial8, seller.country)
    : awb(pick(r, ['020', '160', '176', '180', '618', '784', '999']), serial8.slice(0, 7));
  const shipEur = pick(r, SHIPPING_EUR);
  const [bName, bStreet, bCity, bPost, bPhone, bRegion] = buyerRow;
  const buyer = {
    name: bName,
    address: { street: bStreet, city: bCity, postcode: bPost, country: dest },
    email: `${bName.toLowerCase().normalize('NFD').replace(/[^a-z ]/g, '').trim().replace(/ +/g, '.')}@mail.example.com`,
    phone: bPhone,
  };
  if (bRegion) buyer.address = { street: bStreet, city: bCity, postcode: bPost, region: bRegion, country: dest };
  const sellerAddr = seller.postcode
    ? { street: seller.street, city: seller.city, postcode: seller.postcode, country: seller.country }
    : { street: seller.street, city: seller.city, country: seller.country };
  const decl = {
    id: `ord-${dest.toLowerCase()}-${String(n).padStart(4, '0')}`,
    date: AS_OF,
    destination: dest,
    currency: cur,
    shipping: fmt(shipEur === 0 ? 0 : localPrice(shipEur, cur, r), cur),
    insurance: fmt(0, cur),
    incoterm: pick(r, ['DDP', 'DDP', 'DAP']),
    mode: postal ? 'postal' : 'courier',
    transaction: 'B2C',
    gift: false,
    transport_document: transport,
    gross_mass_kg: (gross / 1000).toFixed(3),
    packages: 1,
    seller: { name: seller.name, address: sellerAddr, phone: seller.phone, registrations: registrationsFor(regime, r) },
    platform: { name: seller.platform[0], url: seller.platform[1] },
    buyer,
    items,
  };
  if (decl.seller.registrations.length === 0) delete decl.seller.registrations;
  return decl;
}

// Market mix: every euro-area market in the list, the other regimes, and WCO-generic ones.
const MIX = [
  'DE', 'GB', 'US', 'FR', 'CA', 'AU', 'IT', 'NZ', 'NO', 'ES', 'SG', 'CH', 'NL', 'JP', 'US', 'AT',
  'GB', 'CA', 'BE', 'AU', 'IE', 'KR', 'FI', 'NO', 'PT', 'SG', 'GR', 'CH', 'HR', 'NZ', 'DE', 'US',
  'FR', 'GB', 'CA', 'JP',
];

export function generateClean(count = 144, seed = 20261123) {
  const r = rng(seed);
  const out = [];
  for (let n = 0; n < count; n++) out.push(buildDeclaration(n + 1, MIX[n % MIX.length], r));
  return out;
}

export function regimeFor(decl) {
  return regimeOf(decl.destination);
}

// ---------------------------------------------------------------------------------------------
// Defect injection: one copy per kind, exactly one fault each.

export const KINDS = [
  'JSON_SYNTAX', 'TEXT_ENCODING', 'FIELD_MISSING', 'FIELD_TYPE', 'AMOUNT_INVALID', 'COUNTRY_UNKNOWN',
  'CURRENCY_UNKNOWN', 'CURRENCY_DECIMALS', 'DATE_INVALID', 'DESCRIPTION_PLACEHOLDER',
  'DESCRIPTION_STOP_WORD', 'DESCRIPTION_GENERIC', 'PARTY_PLACEHOLDER', 'HS_FORMAT', 'HS_UNKNOWN',
  'HS_DESCRIPTION_MISMATCH', 'IOSS_FORMAT', 'IOSS_NOT_APPLICABLE', 'REGIME_VALUE_LIMIT', 'EXCISE_GOODS',
  'VALUE_IMPLAUSIBLE', 'VALUE_NEAR_THRESHOLD', 'GTIN_CHECK_DIGIT', 'MASS_INCONSISTENT',
  'ADDRESS_INCOMPLETE', 'POSTCODE_FORMAT', 'PHONE_FORMAT', 'TRANSPORT_DOC_FORMAT',
];

const PLACEHOLDERS = ['IMG_0042.jpg', 'IMG_0042.jpg', 'product_photo.png', '12345', 'xxx', '---'];
const STOP_WORDS = { eu: ['Gifts', 'Clothing', 'Electronics', 'Footwear', 'Accessories', 'various goods'], pact: ['Merchandise', 'Gifts', 'Toys', 'Goods', 'Parts', 'Sporting goods'] };
const GENERIC = { eu: ['kids clothes', "women's clothing", "men's shoes", 'phone accessories', 'baby textiles'], pact: ['kids toys', 'baby toys', 'phone accessories', 'kids sporting goods'] };
const WRONG_POSTCODE = {
  DE: '1234', FR: '750 09', IT: '0018', ES: '53001', NL: '1016-GV', AT: '10600', BE: 'B-1000', IE: 'D02 X28',
  FI: '0010', PT: '1100', GR: '1056', HR: '1000', GB: 'SW1A 1CA', US: '9810', CA: 'H3G-1P1', AU: '200',
  NZ: '60110', NO: '01500', SG: '01895', CH: '0800', JP: '150 0001', KR: '110-034',
};
const hashOf = (s) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);

// A consignment value in the near-threshold band, reached by changing items[0].unit_price only.
function nearPrice(decl, vl) {
  const cur = decl.currency;
  const q = decl.items[0].quantity ?? 1;
  const near = parseMinor(vl.near, cur);
  const limit = parseMinor(vl.limit, cur);
  if (vl.per === 'item') return fmt(Math.round((near + limit) / 2), cur);
  const rest = lineTotal(decl.items, cur) - parseMinor(decl.items[0].unit_price, cur) * q;
  for (let t = Math.round((near + limit) / 2); t >= near; t--) {
    if ((t - rest) > 0 && (t - rest) % q === 0) return fmt((t - rest) / q, cur);
  }
  return null;
}

function line(o) {
  return JSON.stringify(o);
}

export function injectDefects(decl) {
  const regime = regimeOf(decl.destination);
  const cur = decl.currency;
  const h = hashOf(decl.id);
  const out = [];
  const add = (kind, code, path, mutate) => {
    const c = clone(decl);
    const res = mutate(c);
    out.push({ kind, code, path, line: typeof res === 'string' || Buffer.isBuffer(res) ? res : line(c) });
  };
  const it0 = '/items/0';

  add('JSON_SYNTAX', 'JSON_SYNTAX', '', (c) => line(c).slice(0, 40 + (h % 200)));
  add('TEXT_ENCODING', 'TEXT_ENCODING', '', (c) => {
    // A Latin-1 "é" (0xE9) typed into the buyer's street by a legacy shop export.
    const text = line(c);
    const at = text.indexOf(JSON.stringify(c.buyer.address.street)) + 3;
    return Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xe9]), Buffer.from(text.slice(at))]);
  });
  add('FIELD_MISSING', 'FIELD_MISSING', `${it0}/description`, (c) => { delete c.items[0].description; });
  add('FIELD_TYPE', 'FIELD_TYPE', `${it0}/quantity`, (c) => { c.items[0].quantity = String(c.items[0].quantity + 1); });
  add('AMOUNT_INVALID', 'AMOUNT_INVALID', `${it0}/unit_price`, (c) => { c.items[0].unit_price = c.items[0].unit_price.replace('.', ','); if (!c.items[0].unit_price.includes(',')) c.items[0].unit_price += ',50'; });
  add('COUNTRY_UNKNOWN', 'COUNTRY_UNKNOWN', `${it0}/origin`, (c) => { c.items[0].origin = h % 3 === 0 ? 'EL' : 'UK'; });
  add('CURRENCY_UNKNOWN', 'CURRENCY_UNKNOWN', '/currency', (c) => { c.currency = { EUR: 'EURO', GBP: 'UKP', USD: 'US$' }[cur] ?? `${cur}X`; });
  add('CURRENCY_DECIMALS', 'CURRENCY_DECIMALS', `${it0}/unit_price`, (c) => {
    c.items[0].unit_price = decimalsOf(cur) === 0 ? `${c.items[0].unit_price}.5` : `${c.items[0].unit_price}5`;
  });
  add('DATE_INVALID', 'DATE_INVALID', '/date', (c) => { c.date = h % 2 ? '2026-02-30' : '2026-11-31'; });
  add('DESCRIPTION_PLACEHOLDER', 'DESCRIPTION_PLACEHOLDER', `${it0}/description`, (c) => { c.items[0].description = PLACEHOLDERS[h % PLACEHOLDERS.length]; });
  const list = STOP_LIST[regime];
  if (list) {
    add('DESCRIPTION_STOP_WORD', 'DESCRIPTION_STOP_WORD', `${it0}/description`, (c) => { c.items[0].description = STOP_WORDS[list][h % STOP_WORDS[list].length]; });
    add('DESCRIPTION_GENERIC', 'DESCRIPTION_GENERIC', `${it0}/description`, (c) => { c.items[0].description = GENERIC[list][h % GENERIC[list].length]; });
  }
  add('PARTY_PLACEHOLDER', 'PARTY_PLACEHOLDER', '/buyer/name', (c) => { c.buyer.name = ['N/A', 'unknown', 'private', 'NA'][h % 4]; });
  add('HS_FORMAT', 'HS_FORMAT', `${it0}/hs`, (c) => { c.items[0].hs = ['6109.1', '61091', '6109-10', 'HS610910'][h % 4]; });
  // 851712 (mobile phones) was deleted by HS 2022; chapter 77 is reserved.
  add('HS_UNKNOWN', 'HS_UNKNOWN', `${it0}/hs`, (c) => { c.items[0].hs = regime === 'US-2026' ? '8517120050' : ['851712', '851712', '770000'][h % 3]; });
  add('HS_DESCRIPTION_MISMATCH', 'HS_DESCRIPTION_MISMATCH', `${it0}/hs`, (c) => {
    const p = productOf(c.items[0]);
    const other = Object.values(PRODUCTS).find((q) => q.hs === p.mm);
    c.items[0].hs = regime === 'US-2026' ? other.us : p.mm;
  });
  if (EU.has(decl.destination)) {
    add('IOSS_FORMAT', 'IOSS_FORMAT', '/seller/registrations/0/number', (c) => {
      c.seller.registrations = c.seller.registrations ?? [];
      c.seller.registrations[0] = { scheme: 'IOSS', number: ['IN2760000012', 'IM9990000012', 'IM276000001', 'EU372000123'][h % 4] };
    });
  } else {
    add('IOSS_NOT_APPLICABLE', 'IOSS_NOT_APPLICABLE', '/destination', (c) => {
      c.seller.registrations = [...(c.seller.registrations ?? []), { scheme: 'IOSS', number: 'IM3720001234' }];
    });
  }
  const vl = VALUE_LIMITS[regime];
  if (vl) {
    add('REGIME_VALUE_LIMIT', 'REGIME_VALUE_LIMIT', vl.per === 'item' ? `${it0}/unit_price` : '/items', (c) => {
      // Just over the limit (or, for an exclusive per-item limit, the limit itself), or well over it.
      const q = vl.per === 'item' ? 1 : c.items[0].quantity;
      const extra = [vl.inclusive ? 1 : 0, parseMinor('25.00', cur), parseMinor('350.00', cur)][h % 3];
      c.items[0].unit_price = fmt(Math.ceil((parseMinor(vl.limit, cur) + extra) / q), cur);
    });
    const near = nearPrice(decl, vl);
    if (near) {
      add('VALUE_NEAR_THRESHOLD', 'VALUE_NEAR_THRESHOLD', vl.per === 'item' ? `${it0}/unit_price` : '/items', (c) => { c.items[0].unit_price = near; });
    }
  }
  if (EXCISE_EXCLUDED.has(regime)) {
    add('EXCISE_GOODS', 'EXCISE_GOODS', `/items/${decl.items.length}/hs`, (c) => {
      c.items.push({
        description: WINE.d, hs: WINE.hs, quantity: 1, unit_price: fmt(localPrice(WINE.eur, cur, rng(h)), cur),
        origin: WINE.origin, net_mass_kg: (WINE.g / 1000).toFixed(3), sku: 'WINE-CS-075', gtin: WINE.gtin,
        manufacturer_ref: 'CS-2023-075',
      });
      c.gross_mass_kg = ((Math.round(Number(c.gross_mass_kg) * 1000) + WINE.g + 250) / 1000).toFixed(3);
    });
  }
  add('VALUE_IMPLAUSIBLE', 'VALUE_IMPLAUSIBLE', `${it0}/unit_price`, (c) => { c.items[0].unit_price = h % 2 ? '0' : fmt(0, cur); });
  add('GTIN_CHECK_DIGIT', 'GTIN_CHECK_DIGIT', `${it0}/gtin`, (c) => {
    const g = c.items[0].gtin;
    c.items[0].gtin = g.slice(0, -1) + String((Number(g.slice(-1)) + 1 + (h % 8)) % 10);
  });
  add('MASS_INCONSISTENT', 'MASS_INCONSISTENT', `${it0}/net_mass_kg`, (c) => {
    c.items[0].net_mass_kg = ((Math.round(Number(c.gross_mass_kg) * 1000) + 500) / 1000).toFixed(3);
  });
  add('ADDRESS_INCOMPLETE', 'ADDRESS_INCOMPLETE', '/buyer/address', (c) => { delete c.buyer.address.city; });
  add('POSTCODE_FORMAT', 'POSTCODE_FORMAT', '/buyer/address/postcode', (c) => { c.buyer.address.postcode = WRONG_POSTCODE[decl.destination]; });
  add('PHONE_FORMAT', 'PHONE_FORMAT', '/buyer/phone', (c) => { c.buyer.phone = h % 2 ? '0341 555' : c.buyer.phone.replace(/^\+\d+ ?/, '0'); });
  add('TRANSPORT_DOC_FORMAT', 'TRANSPORT_DOC_FORMAT', '/transport_document', (c) => {
    const t = c.transport_document;
    if (/^[A-Z]{2}[0-9]{9}[A-Z]{2}$/.test(t)) {
      c.transport_document = t.slice(0, 10) + String((Number(t[10]) + 1 + (h % 9)) % 10) + t.slice(11);
    } else {
      // 020-12345675: the check digit is the last one.
      c.transport_document = t.slice(0, -1) + String((Number(t.slice(-1)) + 1 + (h % 6)) % 10);
    }
  });
  return out;
}

function productOf(item) {
  for (const p of Object.values(PRODUCTS)) {
    if (p.d.includes(item.description)) return p;
  }
  throw new Error(`unknown product: ${item.description}`);
}
