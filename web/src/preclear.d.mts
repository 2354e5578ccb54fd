// Types of web/src/preclear.mjs (hand-written; the problem codes are generated).
import type { ProblemCodeName } from './problem-codes.mjs';
export { ProblemCode, PROBLEM_CODES, ProblemCodeName } from './problem-codes.mjs';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  code: ProblemCodeName;
  severity: Severity;
  /** JSON Pointer into the declaration, "" for the whole line. */
  path: string;
  /** Data-quality rule id, e.g. "DQ-07". */
  rule: string;
  message: string;
  args: Record<string, unknown>;
}

export interface Receipt {
  ruleset: string;
  /** "sha256:<hex>" of the rule pack the core used. */
  hash: string;
  /** The date whose rules were applied (YYYY-MM-DD). */
  as_of: string;
}

export interface ValidationResult {
  id: string | null;
  ok: boolean;
  /** The regime whose rules were applied (declared, or derived from destination and date). */
  regime: string | null;
  problems: Problem[];
  receipt: Receipt;
}

/** Money is a decimal string ("12.50"); numbers are accepted and read exactly from their text. */
export type Amount = string | number;

export interface Address {
  street?: string; city?: string; postcode?: string; region?: string; country?: string;
  [extra: string]: unknown;
}
export interface Party {
  name?: string; address?: Address; email?: string; phone?: string;
  registrations?: { scheme?: string; number?: string }[];
  [extra: string]: unknown;
}
export interface Item {
  description?: string; hs?: string; quantity?: number; unit_price?: Amount; origin?: string;
  net_mass_kg?: Amount; sku?: string; gtin?: string; manufacturer_ref?: string;
  [extra: string]: unknown;
}
export interface Declaration {
  id?: string; date?: string; regime?: string; destination?: string; currency?: string;
  shipping?: Amount; insurance?: Amount; incoterm?: string;
  mode?: 'postal' | 'courier' | 'air' | 'sea' | 'road' | 'rail' | string;
  transaction?: 'B2C' | 'C2C' | 'B2B' | string; gift?: boolean; transport_document?: string;
  gross_mass_kg?: Amount; packages?: number; seller?: Party; buyer?: Party;
  platform?: { name?: string; url?: string }; items?: Item[];
  [extra: string]: unknown;
}

export interface ValidateOptions {
  /** Rules of this date apply when the declaration has no "date" (default: today, UTC). */
  asOf?: string;
  /** Message language: en, fr, de, es, zh, ja, ar (default "en"; English is the fallback). */
  locale?: string;
  /** As-you-type: the declaration is incomplete on purpose; absent fields are not reported. */
  partial?: boolean;
  /** Keep only problems at these JSON Pointers or below them. */
  fields?: string[];
  /** Keep only problems with these codes. */
  codes?: ProblemCodeName[];
}

export interface MarketRule {
  id: string; kind: string; effective_from: string; effective_to: string | null;
  confidence: 'verified' | 'secondary' | 'unverified'; source: string[];
  /** The rule as written in datasets/markets (kind-specific fields). */
  rule: Record<string, unknown>;
}

export interface MarketRules {
  market: string; name: string; currency: string; union: string | null; as_of: string; hash: string;
  rules: MarketRule[];
}

export interface HsCandidate {
  /** HS 2022 subheading, 6 digits. */
  hs6: string;
  /** Calibrated 0..1: about how often a candidate with this score is the right code. */
  score: number;
  title: string;
  why: {
    terms: { term: string; code: string; lang: string }[];
    attributes: { attribute: string; value: string; fit: 'match' | 'assumed' }[];
    /** terms: words decided; attribute: a stated attribute chose the subheading; default: the usual one was assumed. */
    rule: 'terms' | 'attribute' | 'default';
  };
}

export interface ClassificationResult {
  id: string | null;
  candidates: HsCandidate[];
  /** Asked when one attribute would separate close candidates; answer with options.answers. */
  question: { attribute: string; options: string[]; label: string; labels: string[] } | null;
  vague: boolean;
  vague_reason?: 'no_words' | 'stop_word' | 'no_match' | 'input';
  problems?: Problem[];
  receipt: { ruleset: string; hash: string; edition: string; as_of: string; languages: string[] };
}

export interface ClassifyOptions {
  /** Candidates to return, 1..20 (default 5). */
  top?: number;
  /** Replies to earlier questions: attribute -> option, e.g. { material: 'cotton' }. */
  answers?: Record<string, string>;
  /** Language of question labels and problem messages (default "en"). */
  locale?: string;
  asOf?: string;
  id?: string | null;
}

/** Amounts are decimal strings in the destination currency. */
export interface EstimateTotals { customs_value: string; duty: string; tax: string; fees: string; total: string }

export interface EstimateLine extends EstimateTotals {
  item: number;
  hs: string;
  /** false when a rate, a unit or an exchange rate for this item is unknown. */
  complete: boolean;
}

export interface ExplainLine {
  /** Market rule id ("EU.fixed_duty_3"), schedule entry ("EU-CCT:610910") or engine step ("fx"). */
  rule: string;
  /** The step in the caller's locale. */
  text: string;
  amount: string | null;
  /** Source ids of the rule (datasets/sources.json). */
  source: string[];
  confidence: 'verified' | 'secondary' | 'unverified' | null;
  item?: number;
  key: string;
  args: Record<string, unknown>;
}

export interface EstimateResult {
  id: string | null;
  ok: boolean;
  /** false when some part could not be priced: the totals are then a lower bound. */
  complete: boolean;
  destination: string | null;
  currency: string | null;
  totals: EstimateTotals | null;
  lines: EstimateLine[];
  collection: { model: string; tax_collected_by: string; duty_collected_by: string; when: string; paid_by: string } | null;
  explain: ExplainLine[];
  problems: Problem[];
  receipt: {
    ruleset: string; hash: string; market: string | null; market_hash: string | null; as_of: string;
    fx: { from: string; to: string; rate: string; date: string; source: string; indicative: boolean }[];
  };
}

export interface EstimateOptions {
  /** Rules in force on this date when the declaration has no "date" (default: today, UTC). */
  asOf?: string;
  /** Language of explanation texts and problem messages (default "en"). */
  locale?: string;
}

export interface LoadOptions {
  /** Market packs to load right away (ISO 3166-1 alpha-2). */
  markets?: string[];
  /** Load the HS guidance right away (needed by classify): true for every language, or a choice. */
  guidance?: boolean | { languages?: string[] };
  /** Node: folder holding preclear_wasm.js/.wasm. */
  wasmDir?: string;
  /** Browser: URL of the folder holding preclear_wasm.js/.wasm (default: next to this module). */
  baseUrl?: string;
}

export interface VersionInfo {
  preclear: string; icu: string; unicode: string; ruleset: string; data_version: string; hash: string;
}

export declare function todayUtc(): string;
/** Vocabulary languages of the HS guidance parts this build ships. */
export declare const GUIDANCE_LANGUAGES: string[];

export declare class Preclear {
  static load(options?: LoadOptions): Promise<Preclear>;
  validate(declaration: Declaration | string | Uint8Array, options?: ValidateOptions): ValidationResult;
  /** The result as JSON text, byte-identical to the native CLI's output line. */
  validateLine(line: string | Uint8Array, options?: ValidateOptions): string;
  /** Landed cost (after loading the destination's market pack); optional "fx" rates on the declaration. */
  estimate(declaration: Declaration | string | Uint8Array, options?: EstimateOptions): EstimateResult;
  /** The estimate as JSON text, byte-identical to the native CLI's `estimate` output line. */
  estimateLine(line: string | Uint8Array, options?: EstimateOptions): string;
  /** Fetch (browser) or read (Node) a market's pack, or take its bytes, and load it. */
  loadMarket(codeOrBytes: string | Uint8Array): Promise<{ code: string; hash: string; rules: number }>;
  /** Rules of a loaded market in force on a date; rulesJson equals `preclear data rules` byte for byte. */
  rules(code: string, options?: { asOf?: string }): MarketRules;
  rulesJson(code: string, options?: { asOf?: string }): string;
  markets(): { code: string; name: string; currency: string; loaded: boolean }[];
  /** Fetch (browser) or read (Node) the HS guidance (core + the given vocabulary languages, default all), or take the parts' bytes (core first). */
  loadGuidance(options?: { languages?: string[]; parts?: Uint8Array[] }): Promise<{ hash: string; edition: string; languages: string[]; subheadings_with_terms: number }>;
  /** Free text -> ranked HS 2022 subheadings (after loadGuidance). */
  classify(text: string, options?: ClassifyOptions): ClassificationResult;
  /** One NDJSON line {"id","description","answers"?} -> the CLI's output line, byte for byte. */
  classifyLine(line: string | Uint8Array | object, options?: Omit<ClassifyOptions, 'answers' | 'id'>): string;
  version(): VersionInfo;
  text(input: string | Uint8Array): { valid: boolean; offset?: number; fold?: string; words?: string[]; ascii?: string };
  problemCodes(): { code: ProblemCodeName; severity: Severity; rule: string }[];
}
export default Preclear;
