// Landed cost: duty, import taxes and fees of one declaration in its destination market, from
// the market's dated rules and duty schedules, in exact decimal arithmetic, with its working.
//
//   preclear::Estimator est(pack);                 // does not own |pack|
//   est.AddMarket(&de_market);                     // market packs the caller loaded (not owned)
//   preclear::EstimateOptions opt;
//   opt.as_of = *preclear::Date::Parse("2026-11-23");
//   preclear::EstimateResult r = est.Estimate(line, opt);
//   std::string json = est.ToJson(r, "de");        // the design.md contract, one line
//
// The line is a declaration (design.md) and may also carry:
//   "fx": [{"from","to","rate","date","source"}]  rates the caller vouches for; otherwise the
//                                                  bundled indicative table is used and said so
//   "returned": [{"item": 0, "quantity": 1}]       items sent back: the refundable duty and tax
//   "target_total": "49.99"                        inclusive pricing: the goods price that lands
//                                                  at this total (destination currency)
// Same line + same packs + same as-of date give the same JSON, natively and in wasm.
#ifndef PRECLEAR_LANDED_H_
#define PRECLEAR_LANDED_H_

#include "preclear/date.h"
#include "preclear/decimal.h"
#include "preclear/market.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

struct EstimateOptions {
  // Rules in force on this date apply when the declaration carries no valid `date`.
  Date as_of;
};

// One step of the working: the rule applied, its message key and arguments (rendered in the
// caller's locale by ToJson), the amount it contributes, where the rule comes from.
struct ExplainLine {
  std::string rule;  // market rule id, schedule id ("EU-CCT:610910") or engine step ("fx")
  std::string key;   // message key, e.g. "EXPLAIN_DUTY_RATE"
  Json args = Json::object();
  std::optional<Decimal> amount;  // in the result currency
  std::vector<std::string> sources;
  std::optional<Confidence> confidence;
  std::optional<size_t> item;  // index into items when the step is about one item
};

struct EstimateLine {
  size_t item = 0;
  std::string hs;
  Decimal customs_value, duty, tax, fees, total;
  bool complete = true;
};

struct FxQuote {
  std::string from, to;
  Decimal rate;  // units of |to| per unit of |from|
  std::string date, source;
  bool indicative = false;  // from the bundled table, not the caller
};

struct EstimateResult {
  Json id;  // the declaration's "id" when it is a string, else null
  bool ok = true;        // false when an error problem stopped the estimate
  bool complete = true;  // false when a part (a rate, an FX rate, a unit) is unknown
  std::string destination, currency;
  Decimal customs_value, duty, tax, fees, total;
  std::vector<EstimateLine> lines;
  struct Collection {
    std::string model, tax_collected_by, duty_collected_by, when, paid_by;
  } collection;
  std::vector<ExplainLine> explain;
  std::vector<Problem> problems;
  struct Refund {
    Decimal duty, tax, total;
  };
  std::optional<Refund> refund;
  struct Inclusive {
    Decimal target, goods_value, total;
    bool reachable = true;
  };
  std::optional<Inclusive> inclusive;
  struct Receipt {
    std::string ruleset, hash, market, market_hash, as_of;
    std::vector<FxQuote> fx;
  } receipt;
};

class MessageRenderer;

class Estimator {
 public:
  explicit Estimator(const Pack& pack);  // does not own |pack|; it must outlive the estimator
  ~Estimator();
  Estimator(const Estimator&) = delete;
  Estimator& operator=(const Estimator&) = delete;

  // Makes |market| available as a destination (not owned; must outlive the estimator).
  void AddMarket(const MarketPack* market);

  // |line| is one NDJSON line (without its newline), any bytes at all.
  EstimateResult Estimate(std::string_view line, const EstimateOptions& options) const;

  // One-line JSON: {id, ok, complete, destination, currency, totals, lines, collection,
  // explain:[{rule, text, amount, source, confidence, item?}], refund?, inclusive?, problems,
  // receipt}. Texts in |locale| (English fallback).
  std::string ToJson(const EstimateResult& result, std::string_view locale) const;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace preclear

#endif  // PRECLEAR_LANDED_H_
