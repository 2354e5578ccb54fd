// The README's worked examples of the landed-cost engine, one per collection model, rendered
// from web/demo/landed-examples.ndjson through the native CLI. `node tests/landed/readme-examples.mjs`
// prints the Markdown; readme.test.mjs checks the README still shows exactly this.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

import { ROOT, runNative } from '../lib/env.mjs';

export const EXAMPLES = `${ROOT}web/demo/landed-examples.ndjson`;
export const AS_OF = '2026-11-23';
const TITLES = {
  'ioss-de': 'IOSS (EU, seller registered for IOSS)',
  'uk-pos': 'UK_POINT_OF_SALE (GB, up to £135)',
  'au-lvg': 'AU_LVG (Australia, low value goods)',
  'nz-lvg': 'NZ_LVG (New Zealand, low value goods)',
  'no-voec': 'NO_VOEC (Norway, items under NOK 3,000)',
  'sg-ovr': 'SG_OVR (Singapore, overseas vendor registration)',
  'ch-mail-order': 'CH_MAIL_ORDER (Switzerland, registered mail-order seller)',
  'ch-platform': 'CH_PLATFORM (Switzerland, sale through a platform)',
  'us-carrier': 'CARRIER (US postal item: the carrier collects)',
  'ca-border': 'BORDER (Canada, courier, DDP)',
  'eu-special': 'SPECIAL_ARRANGEMENTS (France, no IOSS: the post collects)',
  'br-remessa': 'BR_REMESSA_CONFORME (Brazil, certified platform, USD priced)',
};

export function renderExamples() {
  const text = readFileSync(EXAMPLES, 'utf8');
  const inputs = new Map(text.trim().split('\n').map((l) => [JSON.parse(l).id, JSON.parse(l)]));
  const r = runNative(['estimate', EXAMPLES, '--as-of', AS_OF]);
  const out = [];
  for (const line of r.stdout.toString('utf8').trim().split('\n')) {
    const e = JSON.parse(line);
    const d = inputs.get(e.id);
    const items = d.items.map((it) => `${it.quantity} × ${it.description} (HS ${it.hs}, ${it.unit_price} ${d.currency}, from ${it.origin})`).join('; ');
    const regs = (d.seller?.registrations ?? []).map((x) => x.scheme).join(', ') || 'none';
    let extra = '';
    if (d.platform) extra += `, platform ${d.platform.name}`;
    if (d.buyer?.address?.region) extra += `, buyer in ${d.buyer.address.region}`;
    if (d.incoterm) extra += `, ${d.incoterm}`;
    out.push(`**${TITLES[e.id]}** — to ${d.destination} by ${d.mode}: ${items}; shipping ${d.shipping} ${d.currency}; seller registrations: ${regs}${extra}.`);
    out.push('');
    out.push('```text');
    for (const x of e.explain) out.push(`${x.text} [${x.rule}${x.confidence ? `, ${x.confidence}` : ''}]`);
    const t = e.totals;
    out.push(`= customs value ${t.customs_value}, duty ${t.duty}, tax ${t.tax}, fees ${t.fees}, total ${t.total} ${e.currency}; collected by ${e.collection.tax_collected_by} (${e.collection.model}, ${e.collection.when})`);
    out.push('```');
    out.push('');
  }
  return out.join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.stdout.write(renderExamples());
