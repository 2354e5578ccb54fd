// A destination market's rules, from its compiled pack: dated, sourced, marked with confidence.
//
//   MarketLoad m = MarketPack::Load(preclear::datasets::DefaultMarketPackBytes("DE"));
//   for (const MarketRule* r : m.pack->InForce(*Date::Parse("2026-07-01")))
//     ... r->kind == "fixed_duty" ...   // EU €3 per tariff line, inherited from the union
//
// Kind-specific fields stay in |MarketRule::data| (the rule as written in datasets/markets);
// the landed-cost module reads them through its own typed views.
#ifndef PRECLEAR_MARKET_H_
#define PRECLEAR_MARKET_H_

#include "preclear/date.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

struct MarketRule {
  std::string id;    // "EU.fixed_duty_3": a union rule keeps its union's prefix
  std::string kind;  // "duty_threshold", "vat_rate", "fixed_duty", ...
  Date effective_from;
  std::optional<Date> effective_to;  // exclusive
  Confidence confidence = Confidence::kUnverified;
  std::vector<std::string> sources;  // ids into MarketPack::Source
  Json data;

  bool InForceOn(const Date& d) const {
    return !(d < effective_from) && (!effective_to || d < *effective_to);
  }
};

class MarketPack {
 public:
  static struct MarketLoad Load(std::string_view bytes);

  const std::string& code() const { return code_; }
  const std::string& name() const { return name_; }
  const std::string& currency() const { return currency_; }
  const std::string& union_code() const { return union_code_; }  // "" when none
  const std::string& hash() const { return hash_; }
  const std::string& ruleset() const { return ruleset_; }
  const std::string& data_version() const { return data_version_; }
  // Every period of every rule, sorted by id, then effective_from.
  const std::vector<MarketRule>& rules() const { return rules_; }
  // The rules in force on |date|, in the same order.
  std::vector<const MarketRule*> InForce(const Date& date) const;
  // Citation text of a source id, or nullptr.
  const std::string* SourceCitation(std::string_view id) const;

 private:
  std::string code_, name_, currency_, union_code_, hash_, ruleset_, data_version_;
  std::vector<MarketRule> rules_;
  std::vector<std::pair<std::string, std::string>> sources_;  // id -> citation, sorted
};

// The rules of |pack| in force on |date| as one line of JSON (same bytes natively and in wasm):
// {"market","name","currency","union","as_of","hash","rules":[{id, kind, effective_from,
// effective_to, confidence, source, rule}]}.
std::string RulesInForceJson(const MarketPack& pack, const Date& date);

struct MarketLoad {
  std::unique_ptr<MarketPack> pack;
  PackError error = PackError::kOk;
  std::string detail;
};

}  // namespace preclear

#endif  // PRECLEAR_MARKET_H_
