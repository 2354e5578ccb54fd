#!/usr/bin/env node
// The preclear CLI on the wasm build: same commands, same bytes out as build/native/bin/preclear.
//
//   node web/bin/preclear.mjs validate [FILE|-] [--as-of YYYY-MM-DD] [--locale L]
//   node web/bin/preclear.mjs classify [FILE|-] [--top N] [--locale L]
//   node web/bin/preclear.mjs estimate [FILE|-] [--as-of YYYY-MM-DD] [--locale L]
//
// Exit 0 when every line is ok, 1 when some line has an error problem, 2 for usage/IO errors.
import { createReadStream } from 'node:fs';
import { Preclear, todayUtc } from '../src/preclear.mjs';

const USAGE = `usage: preclear.mjs <command> [options]

commands:
  validate [FILE|-]   check NDJSON declarations (one JSON object per line) and print one
                      NDJSON result per input line, in order
  classify [FILE|-]   suggest HS 2022 subheadings for NDJSON {"id","description"} lines
                      (optional "answers": {"material":"cotton"} replies to a question)
  estimate [FILE|-]   landed cost (duty, taxes, fees, who collects them) of NDJSON declarations,
                      one result per input line; optional "fx": [{"from","to","rate","date","source"}]
  version             print versions of preclear, ICU and the rule pack

options:
  --as-of YYYY-MM-DD  date whose rules apply to declarations without a "date" (default: today, UTC)
  --locale L          language of the messages: en, fr, de, es, zh, ja, ar (default: en)
  --partial           as-you-type: the declaration is incomplete on purpose; no missing-field noise
  --fields P,P        only problems at these JSON Pointers or below them (e.g. /items/0/description)
  --codes C,C         only problems with these codes
  --top N             classify: candidates per line, 1..20 (default: 5)
  -h, --help          this text

exit status: 0 all lines ok, 1 some have error problems (classify: unreadable lines;
             estimate: lines that could not be priced),
             2 usage or I/O error
`;

function usage(msg) {
  if (msg) process.stderr.write(`preclear: ${msg}\n\n`);
  process.stderr.write(USAGE);
  process.exit(2);
}

function parseArgs(argv) {
  const a = { command: '', file: '-', asOf: todayUtc(), locale: 'en', partial: false, fields: [], codes: [], top: 5 };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') return { ...a, command: 'help' };
    if (arg === '--version') a.command = 'version';
    else if (arg === '--as-of') {
      const v = argv[++i];
      if (v === undefined) usage('--as-of needs a date');
      if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
          new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
        usage(`--as-of must be YYYY-MM-DD, got ${v}`);
      }
      a.asOf = v;
    } else if (arg === '--locale') {
      a.locale = argv[++i];
      if (a.locale === undefined) usage('--locale needs a value');
    } else if (arg === '--partial') a.partial = true;
    else if (arg === '--fields' || arg === '--codes') {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a comma-separated list`);
      a[arg.slice(2)] = v.split(',').filter(Boolean);
    } else if (arg === '--top') {
      const v = argv[++i];
      if (v === undefined) usage('--top needs a number');
      if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > 20) usage(`--top: bad value ${v}`);
      a.top = Number(v);
    } else if (arg.length > 1 && arg.startsWith('-')) usage(`unknown option ${arg}`);
    else positional.push(arg);
  }
  if (!a.command) {
    if (positional.length === 0) usage('no command given');
    a.command = positional.shift();
  }
  if (a.command === 'validate' || a.command === 'classify' || a.command === 'estimate') {
    if (positional.length > 1) usage(`${a.command} takes at most one FILE`);
    if (positional.length) a.file = positional[0];
  } else if (positional.length) usage(`unexpected argument ${positional[0]}`);
  return a;
}

function write(chunk) {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}

// One output line per input line through |each| (line bytes -> [text, ok]); the exit status.
async function eachLine(a, each) {
  const input = a.file === '-' ? process.stdin : createReadStream(a.file);
  let allOk = true;
  let carry = Buffer.alloc(0);
  const run = async (line) => {
    const [out, ok] = each(line);
    if (!ok) allOk = false;
    return out + '\n';
  };
  try {
    for await (const chunk of input) {
      let buf = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let out = '';
      let start = 0;
      for (let nl = buf.indexOf(10, start); nl !== -1; nl = buf.indexOf(10, start)) {
        out += await run(buf.subarray(start, nl));
        start = nl + 1;
      }
      carry = Buffer.from(buf.subarray(start));
      if (out) await write(out);
    }
  } catch (err) {
    process.stderr.write(`preclear: cannot read ${a.file}: ${err.message}\n`);
    return 2;
  }
  // Like getline: a last line without a newline still counts; an empty tail does not.
  if (carry.length) await write(await run(carry));
  return allOk ? 0 : 1;
}

const args = parseArgs(process.argv.slice(2));
if (args.command === 'help') {
  process.stdout.write(USAGE);
  process.exit(0);
}
if (!['validate', 'classify', 'estimate', 'version'].includes(args.command)) usage(`unknown command ${args.command}`);
let pc;
try {
  // Native validate and classify both read descriptions with the embedded HS guidance; native
  // estimate has every market pack.
  pc = await Preclear.load({ guidance: args.command === 'validate' || args.command === 'classify' });
  if (args.command === 'estimate') await Promise.all(pc.markets().map((m) => pc.loadMarket(m.code)));
} catch (err) {
  process.stderr.write(`${err.message}\n`);
  process.exit(2);
}
if (args.command === 'version') {
  process.stdout.write(JSON.stringify(pc.version()) + '\n');
  process.exit(0);
}
if (args.command === 'classify') {
  const options = { top: args.top, locale: args.locale, asOf: args.asOf };
  process.exitCode = await eachLine(args, (line) => {
    const out = pc.classifyLine(line, options);
    return [out, JSON.parse(out).problems === undefined];
  });
} else if (args.command === 'estimate') {
  const options = { asOf: args.asOf, locale: args.locale };
  process.exitCode = await eachLine(args, (line) => {
    const out = pc.estimateLine(line, options);
    return [out, JSON.parse(out).ok];
  });
} else {
  const options = { asOf: args.asOf, locale: args.locale, partial: args.partial, fields: args.fields, codes: args.codes };
  process.exitCode = await eachLine(args, (line) => {
    const out = pc.validateLine(line, options);
    return [out, JSON.parse(out).ok];
  });
}
