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
#include "preclear/decimal.h"
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

// A duty expression of a schedule: ad valorem and specific together are compound (summed);
// min/max bound the result. |unknown| means the data says no rate is known.
struct DutyPerUnit {
  Decimal amount;
  std::string per;   // kg, kg_gross, item, pair, dozen, litre, litre_alcohol, m2, parcel
  Decimal quantity;  // the amount is per this many units (1 unless the schedule says)
};
struct DutyExpr {
  std::optional<Decimal> ad_valorem;  // percent
  std::optional<DutyPerUnit> specific, min, max;
  bool unknown = false;
};

struct TariffRate {
  std::string hs;  // 2, 4 or 6 digits
  DutyExpr duty;
  Date effective_from;
  std::optional<Date> effective_to;  // exclusive
  Confidence confidence = Confidence::kUnverified;
  bool estimate = false;             // an HS6 stand-in for national lines that differ
  std::vector<std::string> sources;
  bool InForceOn(const Date& d) const { return !(d < effective_from) && (!effective_to || d < *effective_to); }
};

// A duty on top of the schedule's rate (surcharges, origin-specific duties), or with
// |in_lieu_of_base| a flat charge replacing duty and import taxes.
struct AdditionalDuty {
  std::string id;
  DutyExpr duty;
  std::vector<std::string> goods, excluded_goods;  // HS prefixes; empty goods = all
  std::vector<std::string> origins, excluded_origins, modes;  // empty = all
  Date effective_from;
  std::optional<Date> effective_to;
  Confidence confidence = Confidence::kUnverified;
  std::vector<std::string> sources;
  bool alternative = false;
  bool in_lieu_of_base = false;
  Json value_limit;  // null when none: {amount, currency, per, basis?, inclusive?}
  bool InForceOn(const Date& d) const { return !(d < effective_from) && (!effective_to || d < *effective_to); }
};

struct TariffSchedule {
  std::string id;
  std::string currency;  // of specific amounts
  std::vector<std::string> sources;
  std::vector<std::string> excluded_goods;  // HS prefixes another schedule takes
  std::vector<TariffRate> rates;            // sorted by hs, then effective_from
  std::vector<AdditionalDuty> additional;

  bool Excludes(std::string_view hs) const;
  // The rate of the longest prefix of |hs| in force on |date|; nullptr when none.
  const TariffRate* Find(std::string_view hs, const Date& date) const;
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
  // Duty schedules this market uses (datasets/tariffs); market rules of kind "tariff" say
  // which applies when there are several.
  const std::vector<TariffSchedule>& tariffs() const { return tariffs_; }
  const TariffSchedule* FindTariff(std::string_view id) const;

 private:
  std::string code_, name_, currency_, union_code_, hash_, ruleset_, data_version_;
  std::vector<MarketRule> rules_;
  std::vector<std::pair<std::string, std::string>> sources_;  // id -> citation, sorted
  std::vector<TariffSchedule> tariffs_;
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
