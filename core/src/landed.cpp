#include "preclear/landed.h"

#include "json_input.h"
#include "json_writer.h"
#include "preclear/declaration.h"
#include "preclear/messages.h"
#include "preclear/money.h"
#include "preclear/text.h"

#include <algorithm>
#include <map>
#include <set>

namespace preclear {

using internal::InputDoc;
using internal::InputValue;

struct Estimator::Impl {
  const Pack& pack;
  std::map<std::string, const MarketPack*, std::less<>> markets;
  std::unique_ptr<MessageRenderer> messages;
  // model/landed.json
  Decimal near_percent = Decimal::FromInt(0);
  int work_scale = 10;
  // model/fx-indicative.json: units per one unit of the base
  std::string fx_base, fx_date;
  std::vector<std::string> fx_sources;
  std::map<std::string, Decimal, std::less<>> fx_rates;

  explicit Impl(const Pack& p) : pack(p), messages(std::make_unique<MessageRenderer>(p)) {
    const Json& model = pack.model();
    if (auto l = model.find("landed"); l != model.end() && l->is_object()) {
      if (auto n = l->find("near_threshold_percent"); n != l->end() && n->is_string()) {
        DecimalResult r = Decimal::Parse(n->get<std::string>());
        if (r.ok) near_percent = r.value;
      }
      if (auto w = l->find("work_scale"); w != l->end() && w->is_number_integer()) {
        work_scale = std::clamp(w->get<int>(), 4, 12);
      }
    }
    if (auto f = model.find("fx_indicative"); f != model.end() && f->is_object()) {
      fx_base = f->value("base", std::string());
      fx_date = f->value("date", std::string());
      for (const Json& s : f->value("source", Json::array())) {
        if (s.is_string()) fx_sources.push_back(s.get<std::string>());
      }
      const Json rates = f->value("rates", Json::object());  // items() must not outlive it
      for (const auto& [code, v] : rates.items()) {
        if (!v.is_string()) continue;
        DecimalResult r = Decimal::Parse(v.get<std::string>());
        if (r.ok && r.value.Sign() > 0) fx_rates[code] = r.value;
      }
    }
  }
};

namespace {

constexpr RoundingMode kHalfUp = RoundingMode::kHalfUp;

Decimal Zero() { return Decimal::FromInt(0); }

// Arithmetic that cannot fail for the magnitudes of a parcel; an overflow (absurd input) is
// turned into a problem by the caller through |overflow|.
struct Calc {
  bool overflow = false;
  int work = 10;
  Decimal Add(const Decimal& a, const Decimal& b) { return Take(a.Add(b)); }
  Decimal Sub(const Decimal& a, const Decimal& b) { return Take(a.Sub(b)); }
  Decimal Mul(const Decimal& a, const Decimal& b) { return Take(a.MulRounded(b, std::max(work, std::max(a.Scale(), b.Scale())), RoundingMode::kHalfEven)); }
  Decimal Div(const Decimal& a, const Decimal& b) {
    if (b.IsZero()) {
      overflow = true;
      return Zero();
    }
    return Take(a.Div(b, work, RoundingMode::kHalfEven));
  }
  Decimal Percent(const Decimal& base, const Decimal& pct) { return Div(Mul(base, pct), Decimal::FromInt(100)); }
  Decimal Round(const Decimal& a, int scale, RoundingMode mode = kHalfUp) { return Take(a.Round(scale, mode)); }
  Decimal Take(const DecimalResult& r) {
    if (!r.ok) {
      overflow = true;
      return Zero();
    }
    return r.value;
  }
};

std::optional<Decimal> Dec(const Json& obj, const char* key) {
  if (!obj.is_object()) return std::nullopt;
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return std::nullopt;
  DecimalResult r = Decimal::Parse(it->get<std::string>());
  if (!r.ok) return std::nullopt;
  return r.value;
}
std::string Str(const Json& obj, const char* key) {
  if (!obj.is_object()) return std::string();
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : std::string();
}
bool HasPrefix(std::string_view s, std::string_view p) { return s.size() >= p.size() && s.compare(0, p.size(), p) == 0; }

std::string ConfidenceName(Confidence c) {
  switch (c) {
    case Confidence::kVerified: return "verified";
    case Confidence::kSecondary: return "secondary";
    case Confidence::kUnverified: return "unverified";
  }
  return "unverified";
}

// One estimate in progress.
class Run {
 public:
  Run(const Estimator::Impl& impl, const MarketPack& market, const Declaration& d, const Date& date,
      std::vector<FxQuote> request_fx, EstimateResult* r)
      : m_(impl), market_(market), d_(d), date_(date), request_fx_(std::move(request_fx)), r_(*r) {
    calc_.work = impl.work_scale;
    rules_ = market.InForce(date);
  }

  void Compute() {
    from_ = *d_.currency;
    to_ = market_.currency();
    r_.currency = to_;
    minor_ = CurrencyMinorUnits(to_).value_or(2);
    from_minor_ = CurrencyMinorUnits(from_).value_or(2);
    n_ = d_.items.size();
    lines_.assign(n_, LineWork());
    Valuation();
    Goods();
    if (!to_rate_) return;  // without a rate into the destination currency nothing is priced
    ChooseCollection();
    Duty();
    Fees();
    Tax();
    Finish();
  }

 private:
  struct LineWork {
    Decimal goods_c, freight_c, insurance_c;  // declaration currency, allocated
    Decimal goods, freight, insurance, customs_value, duty, fees, tax;  // destination currency
    bool duty_known = true, tax_known = true;
    bool duty_free = false, tax_free = false;
    bool fixed_duty = false;  // a flat amount no waiver touches
  };

  // ---- data helpers ----

  const MarketRule* Best(std::string_view kind, std::string_view applies) const {
    const MarketRule* best = nullptr;
    int best_score = -1;
    for (const MarketRule* rule : rules_) {
      if (rule->kind != kind) continue;
      std::string a = Str(rule->data, "applies_to");
      if (!applies.empty() && !a.empty() && a != applies && a != "duty_and_tax") continue;
      if (!When(rule->data)) continue;
      int score = Specificity(rule->data);
      if (score > best_score) {
        best = rule;
        best_score = score;
      }
    }
    return best;
  }
  std::vector<const MarketRule*> All(std::string_view kind) const {
    std::vector<const MarketRule*> out;
    for (const MarketRule* rule : rules_) {
      if (rule->kind == kind && When(rule->data)) out.push_back(rule);
    }
    return out;
  }
  // Two points per condition, one more for a condition on the seller's registration (a rule for
  // registered sellers is narrower than one for a kind of sale), one for a value limit.
  static int Specificity(const Json& rule) {
    int s = 0;
    if (auto w = rule.find("when"); w != rule.end() && w->is_object()) {
      s += static_cast<int>(w->size()) * 2;
      if (w->contains("registration")) s += 1;
    }
    if (rule.contains("value_limit")) s += 1;
    return s;
  }
  std::string Transaction() const { return d_.transaction.value_or("B2C"); }

  // The rule's "when": every given field must match the declaration.
  bool When(const Json& rule) const {
    auto w = rule.find("when");
    if (w == rule.end() || !w->is_object()) return true;
    for (auto kv = w->begin(); kv != w->end(); ++kv) {
      const std::string& key = kv.key();
      const Json& want = kv.value();  // a plain reference: lambdas cannot capture bindings in C++17
      auto in = [&want](const std::string& v) {
        for (const Json& x : want) {
          if (x.is_string() && x.get<std::string>() == v) return true;
        }
        return false;
      };
      if (key == "mode") {
        if (!d_.mode || !in(*d_.mode)) return false;
      } else if (key == "transaction") {
        if (!in(Transaction())) return false;
      } else if (key == "origin") {
        bool any = false;
        for (const Item& it : d_.items) any = any || (it.origin && in(*it.origin));
        if (!any) return false;
      } else if (key == "dispatch_from") {
        if (!d_.seller.address.country || !in(*d_.seller.address.country)) return false;
      } else if (key == "gift") {
        if (d_.gift.value_or(false) != want.get<bool>()) return false;
      } else if (key == "registration") {
        bool any = false;
        for (const Registration& reg : d_.seller.registrations) any = any || (reg.scheme && in(*reg.scheme));
        if (!any) return false;
      } else if (key == "distance_sale") {
        if ((Transaction() == "B2C") != want.get<bool>()) return false;
      } else if (key == "platform") {
        bool named = d_.platform.name && !IsBlank(*d_.platform.name);
        if (named != want.get<bool>()) return false;
      } else {
        return false;  // a condition this engine does not know never matches
      }
    }
    return true;
  }

  // Goods named by HS prefixes or list ids (excise_goods).
  bool GoodsMatch(const std::string& hs, const Json& goods) const {
    for (const Json& g : goods) {
      if (!g.is_string()) continue;
      const std::string& s = g.get<std::string>();
      if (!s.empty() && s[0] >= '0' && s[0] <= '9') {
        if (HasPrefix(hs, s)) return true;
      } else if (const TermList* list = m_.pack.FindList(s)) {
        for (const TermList::HsEntry& e : list->hs_entries) {
          if (HasPrefix(hs, e.hs)) return true;
        }
      }
    }
    return false;
  }
  bool AnyLineIn(const Json& goods) const {
    for (const Item& it : d_.items) {
      if (it.hs && GoodsMatch(*it.hs, goods)) return true;
    }
    return false;
  }

  // ---- FX ----

  // Units of |to| per unit of |from|: the caller's rate first (latest dated on or before the
  // declaration's date), else the bundled indicative table through its base.
  std::optional<Decimal> Rate(const std::string& from, const std::string& to) {
    if (from == to) return Decimal::FromInt(1);
    const FxQuote* best = nullptr;
    bool inverse = false;
    for (const FxQuote& q : request_fx_) {
      bool direct = q.from == from && q.to == to, inv = q.from == to && q.to == from;
      if (!direct && !inv) continue;
      std::optional<Date> qd = Date::Parse(q.date);
      if (qd && date_ < *qd) continue;  // a rate from after the date does not apply
      if (!best || q.date > best->date || (q.date == best->date && direct && inverse)) {
        best = &q;
        inverse = inv;
      }
    }
    if (best) {
      Decimal rate = inverse ? calc_.Div(Decimal::FromInt(1), best->rate) : best->rate;
      Note(*best);
      return rate;
    }
    auto unit = [&](const std::string& c) -> std::optional<Decimal> {
      if (c == m_.fx_base) return Decimal::FromInt(1);
      auto it = m_.fx_rates.find(c);
      if (it == m_.fx_rates.end()) return std::nullopt;
      return it->second;
    };
    std::optional<Decimal> f = unit(from), t = unit(to);
    if (!f || !t) {
      Explain("fx", "EXPLAIN_FX_MISSING", {{"from", from}, {"to", to}});
      r_.complete = false;
      return std::nullopt;
    }
    FxQuote q{from, to, calc_.Div(*t, *f), m_.fx_date, "indicative", true};
    Note(q);
    return q.rate;
  }
  void Note(const FxQuote& q) {
    for (const FxQuote& seen : r_.receipt.fx) {
      if (seen.from == q.from && seen.to == q.to) return;
    }
    r_.receipt.fx.push_back(q);
    ExplainLine e;
    e.rule = "fx";
    e.key = "EXPLAIN_FX_RATE";
    e.args = {{"from", q.from}, {"to", q.to}, {"rate", q.rate.ToString()}, {"date", q.date},
              {"indicative", q.indicative ? "true" : "false"}};
    if (q.indicative) {
      e.sources = m_.fx_sources;
      e.confidence = Confidence::kUnverified;
    } else {
      e.args["source"] = q.source;
    }
    r_.explain.push_back(std::move(e));
  }
  std::optional<Decimal> Convert(const Decimal& amount, const std::string& from, const std::string& to) {
    std::optional<Decimal> rate = Rate(from, to);
    if (!rate) return std::nullopt;
    return calc_.Mul(amount, *rate);
  }
  Decimal ToDest(const Decimal& amount_c) { return calc_.Round(calc_.Mul(amount_c, *to_rate_), minor_); }

  // ---- explain ----

  ExplainLine& Explain(std::string rule, std::string key, Json args, std::optional<Decimal> amount = std::nullopt,
                       const MarketRule* from = nullptr, std::optional<size_t> item = std::nullopt) {
    ExplainLine e;
    e.rule = std::move(rule);
    e.key = std::move(key);
    e.args = std::move(args);
    if (amount) e.amount = calc_.Round(*amount, minor_);
    e.item = item;
    if (from) {
      e.sources = from->sources;
      e.confidence = from->confidence;
    }
    r_.explain.push_back(std::move(e));
    return r_.explain.back();
  }
  Json Money(const Decimal& v) const { return v.ToString(); }

  // ---- values ----

  void Valuation() {
    const MarketRule* v = Best("valuation", "");
    if (v) {
      duty_basis_ = Str(v->data, "duty_basis");
      for (const Json& t : v->data.value("tax_base", Json::array())) {
        if (t.is_string()) tax_base_.insert(t.get<std::string>());
      }
      valuation_ = v;
      if (std::optional<Decimal> pct = Dec(v->data, "value_percent")) value_factor_ = calc_.Div(*pct, Decimal::FromInt(100));
    }
    if (duty_basis_.empty()) duty_basis_ = "CIF";
    if (tax_base_.empty()) tax_base_ = {"customs_value", "duty"};
  }

  // Allocates |total| (declaration currency) over the lines by goods value, in minor units, the
  // remainder going to the largest fractions (ties: higher value, then HS, then description),
  // so the parts add up exactly and do not depend on item order.
  std::vector<Decimal> Allocate(const Decimal& total, int scale) {
    std::vector<Decimal> out(n_, Zero());
    if (n_ == 0 || total.IsZero()) return out;
    Decimal sum = Zero();
    for (const LineWork& l : lines_) sum = calc_.Add(sum, l.goods_c);
    if (sum.IsZero()) {
      out[0] = total;
      return out;
    }
    std::vector<std::pair<Decimal, size_t>> rest;
    Decimal given = Zero();
    for (size_t i = 0; i < n_; ++i) {
      Decimal exact = calc_.Div(calc_.Mul(total, lines_[i].goods_c), sum);
      out[i] = calc_.Round(exact, scale, RoundingMode::kDown);
      given = calc_.Add(given, out[i]);
      rest.emplace_back(calc_.Sub(exact, out[i]), i);
    }
    std::sort(rest.begin(), rest.end(), [&](const auto& a, const auto& b) {
      if (int c = a.first.Compare(b.first); c != 0) return c > 0;
      if (int c = lines_[a.second].goods_c.Compare(lines_[b.second].goods_c); c != 0) return c > 0;
      const Item& x = d_.items[a.second];
      const Item& y = d_.items[b.second];
      if (x.hs != y.hs) return x.hs < y.hs;
      if (x.description != y.description) return x.description < y.description;
      return a.second < b.second;
    });
    Decimal step = calc_.Take(Decimal::FromParts(1, scale));
    Decimal left = calc_.Sub(total, given);
    for (size_t k = 0; left.Sign() > 0 && k < rest.size(); ++k) {
      out[rest[k].second] = calc_.Add(out[rest[k].second], step);
      left = calc_.Sub(left, step);
    }
    return out;
  }

  void Goods() {
    for (size_t i = 0; i < n_; ++i) {
      const Item& it = d_.items[i];
      lines_[i].goods_c = calc_.Mul(*it.unit_price, Decimal::FromInt(*it.quantity));
      intrinsic_c_ = calc_.Add(intrinsic_c_, lines_[i].goods_c);
    }
    Decimal shipping = d_.shipping.value_or(Zero()), insurance = d_.insurance.value_or(Zero());
    std::vector<Decimal> f = Allocate(shipping, from_minor_), ins = Allocate(insurance, from_minor_);
    for (size_t i = 0; i < n_; ++i) {
      lines_[i].freight_c = f[i];
      lines_[i].insurance_c = ins[i];
    }
    cif_c_ = calc_.Add(intrinsic_c_, calc_.Add(shipping, insurance));
    to_rate_ = Rate(from_, to_);
    if (!to_rate_) return;
    Decimal customs_total = Zero();
    for (size_t i = 0; i < n_; ++i) {
      LineWork& l = lines_[i];
      l.goods = ToDest(l.goods_c);
      l.freight = ToDest(l.freight_c);
      l.insurance = ToDest(l.insurance_c);
      // Some markets value the goods at a share of their price (JP personal use: 60 %).
      Decimal goods_value = value_factor_ ? calc_.Round(calc_.Mul(l.goods, *value_factor_), minor_) : l.goods;
      l.customs_value = duty_basis_ == "FOB" ? goods_value : calc_.Add(goods_value, calc_.Add(l.freight, l.insurance));
      customs_total = calc_.Add(customs_total, l.customs_value);
    }
    Explain(valuation_ ? valuation_->id : "valuation", "EXPLAIN_CUSTOMS_VALUE",
            {{"basis", duty_basis_}, {"value", Money(customs_total)}, {"currency", to_},
             {"percent", value_factor_ ? Str(valuation_->data, "value_percent") : std::string("100")}},
            customs_total, valuation_);
  }

  // The value a rule's threshold is tested on, in the threshold's currency; per item: the
  // highest unit price (the one that decides), with the item index.
  struct Tested {
    Decimal value;
    std::optional<size_t> item;
  };
  std::vector<Tested> TestedValues(const std::string& basis, const std::string& per, const std::string& currency) {
    std::vector<Tested> out;
    auto conv = [&](const Decimal& v) { return Convert(v, from_, currency); };
    if (per == "item") {
      for (size_t i = 0; i < n_; ++i) {
        std::optional<Decimal> v = conv(*d_.items[i].unit_price);
        if (!v) return {};
        out.push_back({*v, i});
      }
      return out;
    }
    Decimal base = intrinsic_c_;
    if (basis == "customs_value" || basis == "value_for_duty" || basis == "taxable_value") {
      Decimal goods = value_factor_ ? calc_.Mul(intrinsic_c_, *value_factor_) : intrinsic_c_;
      base = duty_basis_ == "FOB" ? goods : calc_.Add(goods, calc_.Sub(cif_c_, intrinsic_c_));
    }
    std::optional<Decimal> v = conv(base);
    if (!v) return {};
    out.push_back({*v, std::nullopt});
    return out;
  }
  // Within the limit (inclusive: "not exceeding").
  static bool Within(const Decimal& v, const Decimal& limit, bool inclusive) {
    int c = v.Compare(limit);
    return inclusive ? c <= 0 : c < 0;
  }
  // The rule's limit tested on this declaration: all within, per line for per-item limits.
  // nullopt when the value cannot be brought into the limit's currency.
  std::optional<std::vector<bool>> WithinLimit(const Json& limit, const MarketRule* rule) {
    std::optional<Decimal> amount = Dec(limit, "amount");
    std::string currency = Str(limit, "currency");
    if (!amount || currency.empty()) return std::nullopt;
    bool inclusive = limit.value("inclusive", true);
    std::string per = Str(limit, "per");
    std::vector<Tested> values = TestedValues(Str(limit, "basis"), per, currency);
    if (values.empty() && n_ > 0) return std::nullopt;
    std::vector<bool> in(n_, true);
    for (const Tested& t : values) {
      bool ok = Within(t.value, *amount, inclusive);
      if (t.item) in[*t.item] = ok;
      else in.assign(n_, ok);
      NearThreshold(t, *amount, currency, ok, rule);
    }
    return in;
  }
  // DQ-16 in the working: a value just under a limit that changes the price.
  void NearThreshold(const Tested& t, const Decimal& limit, const std::string& currency, bool within, const MarketRule* rule) {
    if (!within || !rule || m_.near_percent.IsZero() || limit.IsZero()) return;
    Decimal from = calc_.Sub(limit, calc_.Percent(limit, m_.near_percent));
    if (t.value.Compare(from) < 0) return;
    for (const ExplainLine& e : r_.explain) {
      if (e.key == "EXPLAIN_NEAR_THRESHOLD" && e.rule == rule->id) return;
    }
    Explain(rule->id, "EXPLAIN_NEAR_THRESHOLD",
            {{"value", Money(calc_.Round(t.value, 2))}, {"limit", Money(limit)}, {"currency", currency},
             {"percent", m_.near_percent.ToString()}},
            std::nullopt, rule, t.item);
  }

  // ---- collection ----

  void ChooseCollection() {
    tax_rule_ = ChooseCollector("tax");
    duty_rule_ = ChooseCollector("duty");
    auto& c = r_.collection;
    const MarketRule* t = tax_rule_ ? tax_rule_ : duty_rule_;
    const MarketRule* u = duty_rule_ ? duty_rule_ : tax_rule_;
    c.model = t ? Str(t->data, "model") : "BORDER";
    c.tax_collected_by = t ? Str(t->data, "collector") : "importer";
    c.duty_collected_by = u ? Str(u->data, "collector") : "importer";
    c.when = t ? Str(t->data, "when_collected") : "clearance";
    // Who pays at the border: the seller under DDP, else the buyer on delivery.
    c.paid_by = Str(t ? t->data : Json(), "when_collected") == "checkout" ? "buyer_at_checkout"
                : d_.incoterm && *d_.incoterm == "DDP"                      ? "seller"
                                                                            : "buyer";
    if (t) {
      Explain(t->id, "EXPLAIN_COLLECTION",
              {{"model", c.model}, {"collector", c.tax_collected_by}, {"when", c.when}, {"paid_by", c.paid_by}},
              std::nullopt, t);
    }
  }
  const MarketRule* ChooseCollector(const std::string& what) {
    const MarketRule* best = nullptr;
    int best_score = -1;
    for (const MarketRule* rule : rules_) {
      if (rule->kind != "collection") continue;
      std::string a = Str(rule->data, "applies_to");
      if (a != what && a != "duty_and_tax") continue;
      if (!When(rule->data)) continue;
      if (std::string scheme = Str(rule->data, "scheme"); !scheme.empty()) {
        bool registered = false;
        for (const Registration& reg : d_.seller.registrations) registered = registered || (reg.scheme && *reg.scheme == scheme);
        if (!registered) continue;
      }
      if (auto ex = rule->data.find("excluded_goods"); ex != rule->data.end() && AnyLineIn(*ex)) continue;
      if (auto vl = rule->data.find("value_limit"); vl != rule->data.end()) {
        std::optional<std::vector<bool>> in = WithinLimit(*vl, rule);
        if (!in || std::find(in->begin(), in->end(), false) != in->end()) continue;
      }
      int score = Specificity(rule->data) + (rule->data.contains("scheme") ? 4 : 0);
      if (score > best_score) {
        best = rule;
        best_score = score;
      }
    }
    return best;
  }

  // ---- duty ----

  // The schedules to try for a line, in order (a schedule excluding the goods passes on).
  std::vector<const TariffSchedule*> Schedules() {
    std::vector<const TariffSchedule*> out;
    std::vector<const MarketRule*> chosen;
    for (const MarketRule* rule : rules_) {
      if (rule->kind != "tariff" || !When(rule->data)) continue;
      if (auto vl = rule->data.find("value_limit"); vl != rule->data.end()) {
        std::optional<std::vector<bool>> in = WithinLimit(*vl, nullptr);
        if (!in || std::find(in->begin(), in->end(), false) != in->end()) continue;
      }
      chosen.push_back(rule);
    }
    std::stable_sort(chosen.begin(), chosen.end(), [](const MarketRule* a, const MarketRule* b) {
      return Specificity(a->data) > Specificity(b->data);
    });
    for (const MarketRule* rule : chosen) {
      if (const TariffSchedule* t = market_.FindTariff(Str(rule->data, "schedule"))) {
        out.push_back(t);
        schedule_rules_[t->id] = rule;
      }
    }
    if (out.empty() && market_.tariffs().size() == 1) out.push_back(&market_.tariffs()[0]);
    return out;
  }

  // Units a specific amount counts for one line; nullopt when the declaration does not say.
  std::optional<Decimal> Units(const DutyPerUnit& u, size_t i) {
    const Item& it = d_.items[i];
    Decimal q = Decimal::FromInt(*it.quantity);
    std::optional<Decimal> units;
    if (u.per == "item" || u.per == "pair") units = q;
    else if (u.per == "dozen") units = calc_.Div(q, Decimal::FromInt(12));
    else if (u.per == "parcel") units = i == 0 ? Decimal::FromInt(1) : Zero();
    else if (u.per == "kg") units = it.net_mass_kg;
    else if (u.per == "kg_gross") {
      if (n_ == 1 && d_.gross_mass_kg) units = *d_.gross_mass_kg;
      else units = it.net_mass_kg;  // the line's own mass stands in for its share of the gross
    }
    if (!units) return std::nullopt;
    return calc_.Div(*units, u.quantity);
  }

  // Duty of |e| on line |i|, in the destination currency (|currency|: of specific amounts).
  std::optional<Decimal> Evaluate(const DutyExpr& e, size_t i, const std::string& currency, std::string* missing) {
    if (e.unknown) {
      *missing = "rate";
      return std::nullopt;
    }
    Decimal duty = Zero();
    if (e.ad_valorem) duty = calc_.Percent(lines_[i].customs_value, *e.ad_valorem);
    auto specific = [&](const DutyPerUnit& u) -> std::optional<Decimal> {
      std::optional<Decimal> units = Units(u, i);
      if (!units) {
        *missing = u.per;
        return std::nullopt;
      }
      std::optional<Decimal> amount = Convert(u.amount, currency, to_);
      if (!amount) {
        *missing = "fx";
        return std::nullopt;
      }
      return calc_.Mul(*amount, *units);
    };
    if (e.specific) {
      std::optional<Decimal> s = specific(*e.specific);
      if (!s) return std::nullopt;
      duty = calc_.Add(duty, *s);
    }
    if (e.min) {
      std::optional<Decimal> s = specific(*e.min);
      if (!s) return std::nullopt;
      if (duty.Compare(*s) < 0) duty = *s;
    }
    if (e.max) {
      std::optional<Decimal> s = specific(*e.max);
      if (!s) return std::nullopt;
      if (duty.Compare(*s) > 0) duty = *s;
    }
    return calc_.Round(duty, minor_);
  }
  static Json DutyArgs(const DutyExpr& e) {
    Json a = Json::object();
    a["ad_valorem"] = e.ad_valorem ? Json(e.ad_valorem->ToString()) : Json("none");
    a["specific"] = e.specific ? Json(e.specific->amount.ToString()) : Json("none");
    a["per"] = e.specific ? Json(e.specific->per) : e.min ? Json(e.min->per) : Json("none");
    a["minimum"] = e.min ? Json(e.min->amount.ToString()) : Json("none");
    a["maximum"] = e.max ? Json(e.max->amount.ToString()) : Json("none");
    return a;
  }

  void Unknown(size_t i, const std::string& rule, const std::string& what) {
    lines_[i].duty_known = false;
    r_.complete = false;
    Explain(rule, "EXPLAIN_DUTY_UNKNOWN", {{"hs", d_.items[i].hs.value_or("")}, {"missing", what}}, std::nullopt, nullptr, i);
  }

  void Duty() {
    // Gift relief and the value thresholds decide first whether any duty is due.
    std::vector<bool> relieved(n_, false);
    if (const MarketRule* g = Best("gift_relief", "duty")) {
      std::optional<std::vector<bool>> in = WithinLimit(g->data, g);
      if (in && std::find(in->begin(), in->end(), false) == in->end()) {
        relieved.assign(n_, true);
        gift_relief_ = g;
        Explain(g->id, "EXPLAIN_GIFT_RELIEF", {{"limit", Str(g->data, "amount")}, {"currency", Str(g->data, "currency")}}, Zero(), g);
      }
    }
    // In-lieu flat charges (one rate for duty and taxes) replace everything below.
    if (!gift_relief_ && InLieu()) return;
    const MarketRule* fixed = gift_relief_ ? nullptr : FixedDutyRule();
    if (!gift_relief_ && !fixed) {
      if (const MarketRule* t = Best("duty_threshold", "duty")) {
        if (std::optional<std::vector<bool>> in = WithinLimit(t->data, t)) {
          bool any = false;
          for (size_t i = 0; i < n_; ++i) {
            bool excluded = d_.items[i].hs && t->data.contains("excluded_goods") && GoodsMatch(*d_.items[i].hs, t->data["excluded_goods"]);
            relieved[i] = (*in)[i] && !excluded;
            any = any || relieved[i];
          }
          if (any && Str(t->data, "applies_to") == "duty_and_tax") duty_threshold_ = t;
          if (any) {
            Explain(t->id, "EXPLAIN_DUTY_RELIEF",
                    {{"limit", Str(t->data, "amount")}, {"currency", Str(t->data, "currency")}, {"basis", Str(t->data, "basis")},
                     {"per", Str(t->data, "per")}},
                    Zero(), t);
          }
        } else {
          r_.complete = false;
        }
      }
    }
    for (size_t i = 0; i < n_; ++i) lines_[i].duty_free = relieved[i];
    if (fixed) {
      FixedDuty(fixed);
    } else {
      RateDuty();
    }
    MinimumCollection("duty");
  }

  const MarketRule* FixedDutyRule() {
    const MarketRule* f = Best("fixed_duty", "duty");
    if (!f) return nullptr;
    if (auto vl = f->data.find("value_limit"); vl != f->data.end()) {
      std::optional<std::vector<bool>> in = WithinLimit(*vl, f);
      if (!in || std::find(in->begin(), in->end(), false) != in->end()) return nullptr;
    }
    return f;
  }

  // EU €3: one amount per distinct tariff subheading in the consignment.
  void FixedDuty(const MarketRule* f) {
    std::optional<Decimal> amount = Dec(f->data, "amount");
    std::optional<Decimal> each = amount ? Convert(*amount, Str(f->data, "currency"), to_) : std::nullopt;
    if (!each) {
      r_.complete = false;
      return;
    }
    Decimal per_line = calc_.Round(*each, minor_);
    bool per_tariff_line = Str(f->data, "per") == "distinct_tariff_line";
    std::set<std::string> seen;
    size_t count = 0;
    for (size_t i = 0; i < n_; ++i) {
      const Item& it = d_.items[i];
      lines_[i].fixed_duty = true;
      if (!it.hs) {
        Unknown(i, f->id, "hs");
        continue;
      }
      std::string key = it.hs->substr(0, 6);
      if (per_tariff_line && !seen.insert(key).second) continue;  // same subheading: already charged
      lines_[i].duty = per_line;
      ++count;
    }
    Explain(f->id, "EXPLAIN_DUTY_FIXED",
            {{"lines", count}, {"amount", Str(f->data, "amount")}, {"currency", Str(f->data, "currency")}},
            calc_.Mul(per_line, Decimal::FromInt(static_cast<long long>(count))), f);
  }

  void RateDuty() {
    std::vector<const TariffSchedule*> schedules = Schedules();
    // Rules that set one rate for many goods (BR, CH industrial goods, SG), best match first.
    std::vector<const MarketRule*> defaults;
    for (const MarketRule* rule : All("duty_rate_default")) {
      if (auto vl = rule->data.find("value_limit"); vl != rule->data.end()) {
        std::optional<std::vector<bool>> in = WithinLimit(*vl, rule);
        if (!in || std::find(in->begin(), in->end(), false) != in->end()) continue;
      }
      defaults.push_back(rule);
    }
    // Most specific first; of two equally specific rules whose limits both hold, the narrower
    // limit (BR: the USD 50 rate before the USD 3,000 one).
    std::stable_sort(defaults.begin(), defaults.end(), [](const MarketRule* a, const MarketRule* b) {
      int sa = Specificity(a->data), sb = Specificity(b->data);
      if (sa != sb) return sa > sb;
      const Json la = a->data.value("value_limit", Json()), lb = b->data.value("value_limit", Json());
      std::optional<Decimal> x = Dec(la, "amount"), y = Dec(lb, "amount");
      if (x && y && Str(la, "currency") == Str(lb, "currency")) return x->Compare(*y) < 0;
      return false;
    });
    const MarketRule* deduction_rule = nullptr;
    for (size_t i = 0; i < n_; ++i) {
      LineWork& l = lines_[i];
      if (l.duty_free) continue;
      const Item& it = d_.items[i];
      if (!it.hs) {
        Unknown(i, "hs", "hs");
        continue;
      }
      const std::string& hs = *it.hs;
      const MarketRule* def = nullptr;
      for (const MarketRule* rule : defaults) {
        bool goods_ok = !rule->data.contains("goods") || GoodsMatch(hs, rule->data["goods"]);
        bool excluded = rule->data.contains("excluded_goods") && GoodsMatch(hs, rule->data["excluded_goods"]);
        if (goods_ok && !excluded) {
          def = rule;
          break;
        }
      }
      if (def) {
        std::optional<Decimal> rate = Dec(def->data, "rate");
        l.duty = calc_.Round(calc_.Percent(l.customs_value, rate.value_or(Zero())), minor_);
        if (def->data.contains("deduction")) deduction_rule = def;
        Explain(def->id, "EXPLAIN_DUTY_DEFAULT_RATE", {{"hs", hs}, {"rate", Str(def->data, "rate")}, {"base", Money(l.customs_value)}, {"currency", to_}}, l.duty, def, i);
        continue;
      }
      const TariffSchedule* sched = nullptr;
      for (const TariffSchedule* s : schedules) {
        if (!s->Excludes(hs)) {
          sched = s;
          break;
        }
      }
      const TariffRate* rate = sched ? sched->Find(hs, date_) : nullptr;
      if (!rate) {
        Unknown(i, sched ? sched->id : "tariff", "rate");
        continue;
      }
      std::string missing;
      std::optional<Decimal> duty = Evaluate(rate->duty, i, sched->currency, &missing);
      std::string rule_id = sched->id + ":" + rate->hs;
      if (!duty) {
        Unknown(i, rule_id, missing);
        continue;
      }
      l.duty = *duty;
      Json args = DutyArgs(rate->duty);
      args["hs"] = hs;
      args["base"] = Money(l.customs_value);
      args["currency"] = to_;
      args["estimate"] = rate->estimate ? "true" : "false";
      ExplainLine& e = Explain(rule_id, "EXPLAIN_DUTY_RATE", std::move(args), l.duty, nullptr, i);
      e.sources = rate->sources;
      e.confidence = rate->confidence;
      Additional(*sched, i);
    }
    if (deduction_rule) Deduction(deduction_rule);
    FlatRateOption();
  }

  // Duties on top of the schedule rate (surcharges by origin, mode, goods).
  void Additional(const TariffSchedule& sched, size_t i) {
    const Item& it = d_.items[i];
    for (const AdditionalDuty& a : sched.additional) {
      if (a.alternative || a.in_lieu_of_base || !a.InForceOn(date_)) continue;
      if (!a.goods.empty() && std::none_of(a.goods.begin(), a.goods.end(), [&](const std::string& p) { return HasPrefix(*it.hs, p); })) continue;
      if (std::any_of(a.excluded_goods.begin(), a.excluded_goods.end(), [&](const std::string& p) { return HasPrefix(*it.hs, p); })) continue;
      if (!a.modes.empty() && (!d_.mode || std::find(a.modes.begin(), a.modes.end(), *d_.mode) == a.modes.end())) continue;
      if (!a.origins.empty() || !a.excluded_origins.empty()) {
        if (!it.origin) {
          Unknown(i, a.id, "origin");
          continue;
        }
        if (!a.origins.empty() && std::find(a.origins.begin(), a.origins.end(), *it.origin) == a.origins.end()) continue;
        if (std::find(a.excluded_origins.begin(), a.excluded_origins.end(), *it.origin) != a.excluded_origins.end()) continue;
      }
      std::string missing;
      std::optional<Decimal> extra = Evaluate(a.duty, i, sched.currency, &missing);
      if (!extra) {
        Unknown(i, a.id, missing);
        continue;
      }
      lines_[i].duty = calc_.Add(lines_[i].duty, *extra);
      Json args = DutyArgs(a.duty);
      args["hs"] = *it.hs;
      args["origin"] = it.origin.value_or("");
      args["base"] = Money(lines_[i].customs_value);
      args["currency"] = to_;
      ExplainLine& e = Explain(a.id, "EXPLAIN_DUTY_ADDITIONAL", std::move(args), *extra, nullptr, i);
      e.sources = a.sources;
      e.confidence = a.confidence;
    }
  }

  // BR: a fixed amount comes off the consignment's duty (never below zero).
  void Deduction(const MarketRule* rule) {
    std::optional<Decimal> ded = Dec(rule->data, "deduction");
    std::string currency = Str(rule->data.value("value_limit", Json::object()), "currency");
    std::optional<Decimal> amount = ded ? Convert(*ded, currency.empty() ? to_ : currency, to_) : std::nullopt;
    if (!amount) return;
    Decimal left = calc_.Round(*amount, minor_);
    Decimal taken = Zero();
    for (size_t i = 0; i < n_ && left.Sign() > 0; ++i) {
      Decimal t = lines_[i].duty.Compare(left) < 0 ? lines_[i].duty : left;
      lines_[i].duty = calc_.Sub(lines_[i].duty, t);
      left = calc_.Sub(left, t);
      taken = calc_.Add(taken, t);
    }
    Explain(rule->id, "EXPLAIN_DUTY_DEDUCTION", {{"amount", Money(*ded)}, {"currency", currency}}, taken.Negate(), rule);
  }

  // GB: personal goods up to a limit may pay one flat rate instead of the tariff; the lower wins.
  void FlatRateOption() {
    const MarketRule* f = Best("flat_duty_rate", "duty");
    if (!f) return;
    if (auto vl = f->data.find("value_limit"); vl != f->data.end()) {
      std::optional<std::vector<bool>> in = WithinLimit(*vl, f);
      if (!in || std::find(in->begin(), in->end(), false) != in->end()) return;
    }
    std::optional<Decimal> rate = Dec(f->data, "rate");
    if (!rate) return;
    Decimal tariff = Zero(), flat = Zero();
    std::vector<Decimal> flat_lines(n_, Zero());
    for (size_t i = 0; i < n_; ++i) {
      if (!lines_[i].duty_known) return;  // cannot compare without every tariff amount
      if (lines_[i].duty_free) continue;
      flat_lines[i] = calc_.Round(calc_.Percent(lines_[i].customs_value, *rate), minor_);
      tariff = calc_.Add(tariff, lines_[i].duty);
      flat = calc_.Add(flat, flat_lines[i]);
    }
    if (flat.Compare(tariff) >= 0) return;
    for (size_t i = 0; i < n_; ++i) {
      if (!lines_[i].duty_free) lines_[i].duty = flat_lines[i];
    }
    Explain(f->id, "EXPLAIN_DUTY_FLAT_RATE", {{"rate", rate->ToString()}, {"tariff", Money(tariff)}, {"currency", to_}}, flat, f);
  }

  // TR-style flat charges: one rate instead of duty and import taxes, up to a value. Every
  // item must be covered by some flat charge; an item several charges cover pays their sum (a
  // surcharge for listed goods on top of the flat rate).
  bool InLieu() {
    for (const TariffSchedule* s : Schedules()) {
      std::vector<const AdditionalDuty*> in_force;
      for (const AdditionalDuty& a : s->additional) {
        if (!a.in_lieu_of_base || a.alternative || !a.InForceOn(date_)) continue;
        if (!a.modes.empty() && (!d_.mode || std::find(a.modes.begin(), a.modes.end(), *d_.mode) == a.modes.end())) continue;
        if (!a.value_limit.is_null()) {
          std::optional<std::vector<bool>> in = WithinLimit(a.value_limit, nullptr);
          if (!in || std::find(in->begin(), in->end(), false) != in->end()) continue;
        }
        in_force.push_back(&a);
      }
      auto covers = [&](const AdditionalDuty& a, const Item& it) {
        bool goods = it.hs && (a.goods.empty() || std::any_of(a.goods.begin(), a.goods.end(), [&](const std::string& p) { return HasPrefix(*it.hs, p); }));
        bool origin = it.origin && (a.origins.empty() || std::find(a.origins.begin(), a.origins.end(), *it.origin) != a.origins.end()) &&
                      std::find(a.excluded_origins.begin(), a.excluded_origins.end(), *it.origin) == a.excluded_origins.end();
        return goods && origin;
      };
      bool all = n_ > 0 && !in_force.empty();
      for (const Item& it : d_.items) {
        all = all && std::any_of(in_force.begin(), in_force.end(), [&](const AdditionalDuty* a) { return covers(*a, it); });
      }
      if (!all) continue;
      for (const AdditionalDuty* a : in_force) {
        Decimal total = Zero();
        bool used = false;
        for (size_t i = 0; i < n_; ++i) {
          if (!covers(*a, d_.items[i])) continue;
          used = true;
          lines_[i].tax_free = true;
          std::string missing;
          std::optional<Decimal> v = Evaluate(a->duty, i, s->currency, &missing);
          if (!v) {
            Unknown(i, a->id, missing);
            continue;
          }
          lines_[i].duty = calc_.Add(lines_[i].duty, *v);
          total = calc_.Add(total, *v);
        }
        if (!used) continue;
        ExplainLine& e = Explain(a->id, "EXPLAIN_IN_LIEU", {{"rate", a->duty.ad_valorem ? a->duty.ad_valorem->ToString() : "0"}}, total);
        e.sources = a->sources;
        e.confidence = a->confidence;
      }
      return true;
    }
    return false;
  }

  // Amounts below a market's minimum are not collected (EU duty under €10, CH VAT up to CHF 5).
  void MinimumCollection(const std::string& what) {
    for (const MarketRule* rule : All("minimum_collection")) {
      std::string a = Str(rule->data, "applies_to");
      if (a != what && a != "duty_and_tax") continue;
      std::optional<Decimal> amount = Dec(rule->data, "amount");
      std::optional<Decimal> limit = amount ? Convert(*amount, Str(rule->data, "currency"), to_) : std::nullopt;
      if (!limit) continue;
      Decimal total = Zero();
      for (const LineWork& l : lines_) {
        if (what == "duty" && l.fixed_duty) continue;  // flat amounts are the amount due
        total = calc_.Add(total, what == "duty" ? l.duty : l.tax);
      }
      if (total.IsZero() || !Within(total, *limit, rule->data.value("inclusive", false))) continue;
      bool known = true;
      for (const LineWork& l : lines_) known = known && (what == "duty" ? l.duty_known : l.tax_known);
      if (!known) continue;  // a partial sum says nothing about the minimum
      for (LineWork& l : lines_) {
        if (what == "duty" && !l.fixed_duty) l.duty = Zero();
        if (what == "tax") l.tax = Zero();
      }
      Explain(rule->id, what == "duty" ? "EXPLAIN_DUTY_MINIMUM" : "EXPLAIN_TAX_MINIMUM",
              {{"amount", Money(calc_.Round(total, minor_))}, {"limit", Money(calc_.Round(*limit, minor_))}, {"currency", to_}},
              total.Negate(), rule);
    }
  }

  // ---- fees ----

  void Fees() {
    for (const MarketRule* rule : All("fee")) {
      if (auto vl = rule->data.find("value_limit"); vl != rule->data.end()) {
        std::optional<std::vector<bool>> in = WithinLimit(*vl, rule);
        if (!in || std::find(in->begin(), in->end(), false) != in->end()) continue;
      }
      std::optional<Decimal> amount = Dec(rule->data, "amount");
      std::optional<Decimal> each = amount ? Convert(*amount, Str(rule->data, "currency"), to_) : std::nullopt;
      if (!each) {
        r_.complete = false;
        continue;
      }
      std::string per = Str(rule->data, "per");
      long long count = 1;
      if (per == "parcel") count = d_.packages.value_or(1);
      else if (per == "declaration_line" || per == "item") count = static_cast<long long>(n_);
      Decimal fee = calc_.Round(calc_.Mul(*each, Decimal::FromInt(count)), minor_);
      // Spread over the lines by value so each line's tax base can include its share.
      std::vector<Decimal> parts = SpreadDest(fee);
      for (size_t i = 0; i < n_; ++i) lines_[i].fees = calc_.Add(lines_[i].fees, parts[i]);
      Explain(rule->id, "EXPLAIN_FEE",
              {{"amount", Str(rule->data, "amount")}, {"currency", Str(rule->data, "currency")}, {"per", per}, {"count", count}},
              fee, rule);
    }
  }
  // |total| in the destination currency over the lines by goods value, exact to the minor unit.
  std::vector<Decimal> SpreadDest(const Decimal& total) {
    std::vector<LineWork> saved = lines_;
    for (LineWork& l : lines_) l.goods_c = l.goods;  // weights in the destination currency
    std::vector<Decimal> parts = Allocate(total, minor_);
    lines_ = std::move(saved);
    return parts;
  }

  // ---- tax ----

  void Tax() {
    // Thresholds under which no import tax is due. They are border reliefs: tax a registered
    // seller charges at checkout (AU/NZ low-value goods, SG OVR, IOSS) is due whatever the value.
    bool at_checkout = r_.collection.when == "checkout";
    if (duty_threshold_ && !at_checkout) {
      for (LineWork& l : lines_) l.tax_free = l.tax_free || l.duty_free;
    }
    if (!gift_relief_ || Str(gift_relief_->data, "applies_to") != "duty_and_tax") {
      if (const MarketRule* t = at_checkout ? nullptr : Best("tax_threshold", "tax")) {
        if (std::optional<std::vector<bool>> in = WithinLimit(t->data, t)) {
          bool any = false;
          for (size_t i = 0; i < n_; ++i) {
            bool excluded = d_.items[i].hs && t->data.contains("excluded_goods") && GoodsMatch(*d_.items[i].hs, t->data["excluded_goods"]);
            if ((*in)[i] && !excluded) {
              lines_[i].tax_free = true;
              any = true;
            }
          }
          if (any) {
            Explain(t->id, "EXPLAIN_TAX_RELIEF",
                    {{"limit", Str(t->data, "amount")}, {"currency", Str(t->data, "currency")}, {"basis", Str(t->data, "basis")}},
                    Zero(), t);
          }
        } else {
          r_.complete = false;
        }
      }
    } else {
      for (LineWork& l : lines_) l.tax_free = true;
    }
    const MarketRule* rounding = nullptr;
    for (const MarketRule* rule : All("rounding")) {
      if (Str(rule->data, "applies_to") == "tax") rounding = rule;
    }
    int scale = minor_;
    RoundingMode mode = kHalfUp;
    if (rounding) {
      if (auto s = rounding->data.find("scale"); s != rounding->data.end() && s->is_number_integer()) scale = s->get<int>();
      std::string md = Str(rounding->data, "mode");
      if (md == "down") mode = RoundingMode::kDown;
      else if (md == "half_even") mode = RoundingMode::kHalfEven;
      else if (md == "up") mode = RoundingMode::kUp;
    }
    std::vector<const MarketRule*> vat = All("vat_rate");
    const MarketRule* regional = nullptr;
    if (d_.buyer.address.region) {
      for (const MarketRule* rule : All("subnational_tax")) {
        if (Str(rule->data, "region") == *d_.buyer.address.region) regional = rule;
      }
    }
    bool has_regions = !All("subnational_tax").empty();
    if (has_regions && !regional) {
      Explain("tax", "EXPLAIN_REGION_UNKNOWN", {{"region", d_.buyer.address.region.value_or("none")}});
    }
    for (size_t i = 0; i < n_; ++i) {
      LineWork& l = lines_[i];
      if (l.tax_free) continue;
      Decimal base = Zero();
      bool fob = duty_basis_ == "FOB";
      if (tax_base_.count("customs_value")) base = calc_.Add(base, l.customs_value);
      if (tax_base_.count("goods_value")) base = calc_.Add(base, l.goods);
      // Transport and insurance join the base when the customs value does not hold them yet.
      bool in_cv = tax_base_.count("customs_value") && !fob;
      if (tax_base_.count("freight") && !in_cv) base = calc_.Add(base, l.freight);
      if (tax_base_.count("insurance") && !in_cv) base = calc_.Add(base, l.insurance);
      if (tax_base_.count("duty")) base = calc_.Add(base, l.duty);
      if (tax_base_.count("fees")) base = calc_.Add(base, l.fees);
      if (!l.duty_known && tax_base_.count("duty")) {
        l.tax_known = false;  // the base needs the duty
        r_.complete = false;
      }
      Decimal rate = Zero();
      std::string tax_name;
      const MarketRule* used = nullptr;
      if (regional) {
        for (const Json& c : regional->data.value("components", Json::array())) {
          rate = calc_.Add(rate, Dec(c, "rate").value_or(Zero()));
        }
        tax_name = Str(regional->data, "tax_name");
        used = regional;
      } else {
        // A rate for named goods (longest HS prefix) beats the standard rate.
        const MarketRule* standard = nullptr;
        size_t best_len = 0;
        for (const MarketRule* rule : vat) {
          auto goods = rule->data.find("goods");
          if (goods == rule->data.end()) {
            if (Str(rule->data, "category") == "standard") standard = rule;
            continue;
          }
          if (!d_.items[i].hs) continue;
          for (const Json& g : *goods) {
            if (g.is_string() && HasPrefix(*d_.items[i].hs, g.get<std::string>()) && g.get<std::string>().size() > best_len) {
              best_len = g.get<std::string>().size();
              used = rule;
            }
          }
        }
        if (!used) used = standard;
        if (used) {
          rate = Dec(used->data, "rate").value_or(Zero());
          tax_name = Str(used->data, "tax_name");
        }
      }
      if (!used) {
        l.tax_known = false;
        r_.complete = false;
        Explain("tax", "EXPLAIN_TAX_UNKNOWN", {{"hs", d_.items[i].hs.value_or("")}}, std::nullopt, nullptr, i);
        continue;
      }
      l.tax = calc_.Round(calc_.Percent(base, rate), scale, mode);
      Explain(used->id, "EXPLAIN_TAX_RATE",
              {{"tax_name", tax_name.empty() ? "VAT" : tax_name}, {"rate", rate.ToString()}, {"base", Money(base)}, {"currency", to_}},
              l.tax, used, i);
    }
    if (rounding) {
      Explain(rounding->id, "EXPLAIN_ROUNDING", {{"scale", scale}, {"mode", Str(rounding->data, "mode")}}, std::nullopt, rounding);
    }
    MinimumCollection("tax");
  }

  void Finish() {
    for (size_t i = 0; i < n_; ++i) {
      const LineWork& l = lines_[i];
      EstimateLine out;
      out.item = i;
      out.hs = d_.items[i].hs.value_or("");
      out.customs_value = calc_.Round(l.customs_value, minor_);
      out.duty = calc_.Round(l.duty, minor_);
      out.tax = calc_.Round(l.tax, minor_);
      out.fees = calc_.Round(l.fees, minor_);
      out.total = calc_.Add(l.duty, calc_.Add(l.tax, l.fees));
      out.complete = l.duty_known && l.tax_known;
      r_.customs_value = calc_.Add(r_.customs_value, out.customs_value);
      r_.duty = calc_.Add(r_.duty, out.duty);
      r_.tax = calc_.Add(r_.tax, out.tax);
      r_.fees = calc_.Add(r_.fees, out.fees);
      r_.lines.push_back(out);
    }
    r_.total = calc_.Add(r_.duty, calc_.Add(r_.tax, r_.fees));
    for (Decimal* v : {&r_.customs_value, &r_.duty, &r_.tax, &r_.fees, &r_.total}) *v = calc_.Round(*v, minor_);
  }

 public:
  bool overflow() const { return calc_.overflow; }
  bool priced() const { return to_rate_.has_value(); }

  // What the buyer pays in all, in the destination currency: goods, transport, insurance,
  // duty, taxes and fees.
  Decimal LandedTotal() {
    Decimal sum = r_.total;
    for (const LineWork& l : lines_) sum = calc_.Add(sum, calc_.Add(l.goods, calc_.Add(l.freight, l.insurance)));
    return calc_.Round(sum, minor_);
  }

  // FoS returns: the duty and tax a market gives back for returned items, per its rules.
  void Refund(const std::vector<std::pair<size_t, int64_t>>& returned) {
    const MarketRule* duty_rule = Best("return_refund", "duty");
    const MarketRule* tax_rule = Best("return_refund", "tax");
    EstimateResult::Refund out{Zero(), Zero(), Zero()};
    auto part = [&](const MarketRule* rule, bool duty) {
      if (!rule) return Zero();
      std::string a = Str(rule->data, "applies_to");
      if (a != (duty ? "duty" : "tax") && a != "duty_and_tax") return Zero();
      Decimal pct = Dec(rule->data, "percent").value_or(Zero());
      Decimal paid = Zero();
      for (const auto& [i, qty] : returned) {
        const EstimateLine& l = r_.lines[i];
        Decimal share = calc_.Div(Decimal::FromInt(qty), Decimal::FromInt(*d_.items[i].quantity));
        paid = calc_.Add(paid, calc_.Mul(duty ? l.duty : l.tax, share));
      }
      return calc_.Round(calc_.Percent(paid, pct), minor_);
    };
    out.duty = part(duty_rule, true);
    out.tax = part(tax_rule, false);
    if (!duty_rule && !tax_rule) {
      Explain("return", "EXPLAIN_REFUND_UNKNOWN", {{"market", market_.code()}});
      r_.complete = false;
      return;
    }
    std::vector<const MarketRule*> used;
    for (const MarketRule* rule : {duty_rule, tax_rule}) {
      if (rule && std::find(used.begin(), used.end(), rule) == used.end()) used.push_back(rule);  // one rule for both: once
    }
    for (const MarketRule* rule : used) {
      std::string a = Str(rule->data, "applies_to");
      Decimal amount = a == "duty" ? out.duty : a == "tax" ? out.tax : calc_.Add(out.duty, out.tax);
      auto days = rule->data.find("time_limit_days");
      Explain(rule->id, "EXPLAIN_REFUND",
              {{"applies_to", a}, {"percent", Str(rule->data, "percent")}, {"claimant", Str(rule->data, "claimant")},
               {"days", days != rule->data.end() && days->is_number_integer() ? days->get<int64_t>() : 0}},
              amount, rule);
      for (const Json& c : rule->data.value("conditions", Json::array())) {
        if (c.is_string()) Explain(rule->id, "EXPLAIN_REFUND_CONDITION", {{"condition", c.get<std::string>()}}, std::nullopt, rule);
      }
    }
    if (!duty_rule || !tax_rule) {
      Explain("return", "EXPLAIN_REFUND_PARTIAL", {{"missing", duty_rule ? "tax" : "duty"}});
    }
    out.total = calc_.Add(out.duty, out.tax);
    r_.refund = out;
  }

 private:
  const Estimator::Impl& m_;
  const MarketPack& market_;
  const Declaration& d_;
  Date date_;
  std::vector<FxQuote> request_fx_;
  EstimateResult& r_;
  Calc calc_;
  std::vector<const MarketRule*> rules_;
  std::string from_, to_;
  int minor_ = 2, from_minor_ = 2;
  size_t n_ = 0;
  std::vector<LineWork> lines_;
  Decimal intrinsic_c_ = Zero(), cif_c_ = Zero();
  std::optional<Decimal> to_rate_;
  std::string duty_basis_;
  std::set<std::string> tax_base_;
  const MarketRule* valuation_ = nullptr;
  std::optional<Decimal> value_factor_;
  const MarketRule* duty_threshold_ = nullptr;  // when it relieved lines of duty and tax both
  const MarketRule* tax_rule_ = nullptr;
  const MarketRule* duty_rule_ = nullptr;
  const MarketRule* gift_relief_ = nullptr;
  std::map<std::string, const MarketRule*> schedule_rules_;
};

// "fx": [{"from","to","rate","date","source"}] as the caller sent them; bad entries are problems.
std::vector<FxQuote> ReadFx(const InputValue& doc, std::vector<Problem>* problems) {
  std::vector<FxQuote> out;
  InputValue fx = doc.field("fx");
  if (!fx) return out;
  if (!fx.is_array()) {
    problems->push_back(MakeProblem(ProblemCode::FIELD_TYPE, "/fx", {{"expected", "array"}, {"actual", std::string(fx.kind_name())}}));
    return out;
  }
  std::vector<InputValue> list = fx.elements();
  for (size_t i = 0; i < list.size(); ++i) {
    std::string base = "/fx/" + std::to_string(i);
    const InputValue& e = list[i];
    if (!e.is_object()) {
      problems->push_back(MakeProblem(ProblemCode::FIELD_TYPE, base, {{"expected", "object"}, {"actual", std::string(e.kind_name())}}));
      continue;
    }
    FxQuote q;
    bool ok = true;
    for (const char* key : {"from", "to"}) {
      InputValue v = e.field(key);
      if (!v || !v.is_string() || !IsCurrencyCode(v.text())) {
        problems->push_back(MakeProblem(ProblemCode::CURRENCY_UNKNOWN, base + "/" + key, {{"value", v && v.is_string() ? std::string(v.text()) : std::string()}}));
        ok = false;
      } else {
        (std::string(key) == "from" ? q.from : q.to) = std::string(v.text());
      }
    }
    InputValue rate = e.field("rate");
    DecimalResult r = rate && rate.is_string() ? Decimal::Parse(rate.text())
                      : rate && rate.is_number_text() ? Decimal::ParseJsonNumber(rate.text())
                                                      : DecimalResult{false, DecimalError::kSyntax, Decimal()};
    if (!r.ok || r.value.Sign() <= 0) {
      problems->push_back(MakeProblem(ProblemCode::AMOUNT_INVALID, base + "/rate", {{"value", rate && (rate.is_string() || rate.is_number_text()) ? std::string(rate.text()).substr(0, 64) : std::string()}, {"reason", "syntax"}}));
      ok = false;
    } else {
      q.rate = r.value;
    }
    InputValue date = e.field("date");
    if (date && date.is_string() && Date::Parse(std::string(date.text()))) {
      q.date = std::string(date.text());
    } else if (date) {
      problems->push_back(MakeProblem(ProblemCode::DATE_INVALID, base + "/date", {{"value", date.is_string() ? std::string(date.text()) : std::string()}}));
      ok = false;
    }
    if (InputValue s = e.field("source"); s && s.is_string()) q.source = std::string(s.text()).substr(0, 200);
    if (ok) out.push_back(std::move(q));
  }
  return out;
}

}  // namespace

Estimator::Estimator(const Pack& pack) : impl_(std::make_unique<Impl>(pack)) {}
Estimator::~Estimator() = default;

void Estimator::AddMarket(const MarketPack* market) {
  if (market) impl_->markets[market->code()] = market;
}

EstimateResult Estimator::Estimate(std::string_view line, const EstimateOptions& options) const {
  const Impl& m = *impl_;
  EstimateResult r;
  r.id = nullptr;
  r.receipt.ruleset = m.pack.ruleset();
  r.receipt.hash = m.pack.hash();
  Date as_of = options.as_of;
  auto stop = [&](Problem p) {
    r.problems.push_back(std::move(p));
    r.ok = false;
    r.complete = false;
  };
  size_t bad = 0;
  InputDoc input;
  internal::JsonSyntaxError syntax;
  if (!IsValidUtf8(line, &bad)) {
    stop(MakeProblem(ProblemCode::TEXT_ENCODING, "", {{"offset", bad}}));
  } else if (!input.Parse(line, &syntax)) {
    Json args = {{"offset", syntax.offset}, {"reason", syntax.reason}};
    if (!syntax.token.empty()) args["token"] = syntax.token;
    if (syntax.reason == "too_deep") args["max_depth"] = internal::kMaxJsonDepth;
    stop(MakeProblem(ProblemCode::JSON_SYNTAX, "", std::move(args)));
  }
  if (!r.ok) {
    r.receipt.as_of = as_of.ToString();
    return r;
  }
  InputValue doc = input.root();
  Declaration d;
  MapDeclaration(doc, m.pack, as_of, &d, &r.problems);
  if (d.id) r.id = *d.id;
  if (d.date) as_of = *d.date;
  r.receipt.as_of = as_of.ToString();
  std::vector<FxQuote> fx;
  if (doc.is_object()) fx = ReadFx(doc, &r.problems);
  for (const Problem& p : r.problems) {
    if (p.severity == Severity::kError) {
      r.ok = false;
      r.complete = false;
    }
  }
  // What an estimate cannot do without; a field already reported (wrong type, bad value) is
  // not reported twice.
  auto reported = [&](const std::string& path) {
    for (const Problem& p : r.problems) {
      if (p.path == path) return true;
    }
    return false;
  };
  auto require = [&](bool given, const std::string& path, Json args = Json::object()) {
    if (!given && !reported(path)) stop(MakeProblem(ProblemCode::FIELD_MISSING, path, std::move(args)));
  };
  if (doc.is_object()) {
    require(d.destination.has_value(), "/destination");
    require(d.currency.has_value(), "/currency");
    require(!d.items.empty() || reported("/items"), "/items", {{"min_items", 1}});
    for (size_t i = 0; i < d.items.size(); ++i) {
      std::string base = "/items/" + std::to_string(i);
      // Inclusive pricing works the price out from the target instead.
      require(d.items[i].unit_price.has_value() || doc.field("target_total"), base + "/unit_price");
      require(d.items[i].quantity.has_value(), base + "/quantity");
    }
  }
  if (d.destination) {
    r.destination = *d.destination;
    auto it = m.markets.find(*d.destination);
    if (it == m.markets.end()) {
      stop(MakeProblem(ProblemCode::MARKET_UNSUPPORTED, "/destination", {{"value", *d.destination}}));
    } else {
      r.receipt.market = it->second->code();
      r.receipt.market_hash = it->second->hash();
    }
  }
  // Returned items (FoS returns) and an inclusive target price.
  std::vector<std::pair<size_t, int64_t>> returned;
  std::optional<Decimal> target;
  if (doc.is_object()) {
    if (InputValue list = doc.field("returned")) {
      if (!list.is_array()) {
        stop(MakeProblem(ProblemCode::FIELD_TYPE, "/returned", {{"expected", "array"}, {"actual", std::string(list.kind_name())}}));
      } else {
        std::vector<InputValue> entries = list.elements();
        for (size_t k = 0; k < entries.size(); ++k) {
          std::string base = "/returned/" + std::to_string(k);
          InputValue item = entries[k].field("item"), qty = entries[k].field("quantity");
          bool item_ok = item && item.is_unsigned() && item.unsigned_value() < d.items.size();
          if (!item_ok) {
            stop(MakeProblem(ProblemCode::FIELD_VALUE, base + "/item", {{"value", item ? std::string(item.text()) : std::string()}, {"min", 0}, {"max", d.items.empty() ? 0 : d.items.size() - 1}}));
            continue;
          }
          size_t i = static_cast<size_t>(item.unsigned_value());
          int64_t have = d.items[i].quantity.value_or(0);
          int64_t n = !qty ? have : qty.is_unsigned() ? static_cast<int64_t>(std::min<uint64_t>(qty.unsigned_value(), INT64_MAX)) : -1;
          if (n < 1 || n > have) {
            stop(MakeProblem(ProblemCode::FIELD_VALUE, base + "/quantity", {{"value", qty ? std::string(qty.text()) : std::string()}, {"min", 1}, {"max", have}}));
            continue;
          }
          returned.emplace_back(i, n);
        }
      }
    }
    if (InputValue t = doc.field("target_total")) {
      DecimalResult v = t.is_string() ? Decimal::Parse(t.text()) : t.is_number_text() || t.is_unsigned() ? Decimal::ParseJsonNumber(t.text()) : DecimalResult{false, DecimalError::kSyntax, Decimal()};
      if (!v.ok || v.value.IsNegative()) {
        stop(MakeProblem(ProblemCode::AMOUNT_INVALID, "/target_total", {{"value", t.is_string() || t.is_number_text() ? std::string(t.text()).substr(0, 64) : std::string()}, {"reason", v.ok ? "negative" : "syntax"}}));
      } else if (d.items.size() != 1) {
        stop(MakeProblem(ProblemCode::FIELD_VALUE, "/items", {{"value", std::to_string(d.items.size())}, {"min", 1}, {"max", 1}}));
      } else {
        target = v.value;
      }
    }
  }
  bool items_ok = !d.items.empty();
  for (size_t i = 0; i < d.items.size(); ++i) {
    bool price_ok = d.items[i].unit_price || (target && i == 0);
    items_ok = items_ok && price_ok && d.items[i].quantity;
  }
  if (!r.ok || !d.currency || !items_ok || r.receipt.market.empty()) {
    r.ok = false;
    r.complete = false;
    return r;
  }
  const MarketPack& market = *m.markets.find(*d.destination)->second;
  if (target) {
    // Inclusive pricing: the highest unit price (in the declaration currency's minor units)
    // whose landed total stays within the target. Landed totals rise with the price except at
    // value limits, so the search may land below a limit; the explanation then warns.
    int minor = CurrencyMinorUnits(*d.currency).value_or(2);
    auto landed = [&](long long units) -> std::optional<Decimal> {
      Declaration probe = d;
      probe.items[0].unit_price = Decimal::FromParts(units, minor).value;
      EstimateResult scratch;
      Run run(m, market, probe, as_of, fx, &scratch);
      run.Compute();
      if (!run.priced() || run.overflow()) return std::nullopt;
      return run.LandedTotal();
    };
    long long lo = 0, hi = 1;
    std::optional<Decimal> at_zero = landed(0);
    bool reachable = at_zero && at_zero->Compare(*target) <= 0;
    if (reachable) {
      // Grow the bracket, then halve it: about 2 x 40 probes at most.
      for (int k = 0; k < 62; ++k) {
        std::optional<Decimal> v = landed(hi);
        if (!v || v->Compare(*target) > 0) break;
        lo = hi;
        hi *= 2;
      }
      while (hi - lo > 1) {
        long long mid = lo + (hi - lo) / 2;
        std::optional<Decimal> v = landed(mid);
        if (v && v->Compare(*target) <= 0) lo = mid;
        else hi = mid;
      }
    }
    d.items[0].unit_price = Decimal::FromParts(lo, minor).value;
    EstimateResult::Inclusive inc;
    inc.target = *target;
    inc.goods_value = *d.items[0].unit_price;
    inc.reachable = reachable;
    r.inclusive = inc;
  }
  Run run(m, market, d, as_of, std::move(fx), &r);
  run.Compute();
  if (r.inclusive && run.priced()) r.inclusive->total = run.LandedTotal();
  if (!returned.empty() && run.priced()) run.Refund(returned);
  if (run.overflow()) {
    stop(MakeProblem(ProblemCode::AMOUNT_INVALID, "/items", {{"value", ""}, {"reason", "out_of_range"}}));
  }
  return r;
}

namespace {

void AppendDecimal(const Decimal& v, std::string* out) { internal::AppendJsonString(v.ToString(), out); }

}  // namespace

std::string Estimator::ToJson(const EstimateResult& r, std::string_view locale) const {
  using internal::AppendJson;
  using internal::AppendJsonString;
  const Impl& m = *impl_;
  std::string out;
  out.reserve(1024 + r.explain.size() * 200);
  out += "{\"id\":";
  AppendJson(r.id, &out);
  out += r.ok ? ",\"ok\":true" : ",\"ok\":false";
  out += r.complete ? ",\"complete\":true" : ",\"complete\":false";
  out += ",\"destination\":";
  if (r.destination.empty()) out += "null";
  else AppendJsonString(r.destination, &out);
  out += ",\"currency\":";
  if (r.currency.empty()) out += "null";
  else AppendJsonString(r.currency, &out);
  bool priced = r.ok && !r.currency.empty();
  out += ",\"totals\":";
  if (!priced) {
    out += "null";
  } else {
    out += "{\"customs_value\":";
    AppendDecimal(r.customs_value, &out);
    out += ",\"duty\":";
    AppendDecimal(r.duty, &out);
    out += ",\"tax\":";
    AppendDecimal(r.tax, &out);
    out += ",\"fees\":";
    AppendDecimal(r.fees, &out);
    out += ",\"total\":";
    AppendDecimal(r.total, &out);
    out += "}";
  }
  out += ",\"lines\":[";
  for (size_t i = 0; i < r.lines.size(); ++i) {
    const EstimateLine& l = r.lines[i];
    if (i > 0) out.push_back(',');
    out += "{\"item\":" + std::to_string(l.item) + ",\"hs\":";
    AppendJsonString(l.hs, &out);
    out += ",\"customs_value\":";
    AppendDecimal(l.customs_value, &out);
    out += ",\"duty\":";
    AppendDecimal(l.duty, &out);
    out += ",\"tax\":";
    AppendDecimal(l.tax, &out);
    out += ",\"fees\":";
    AppendDecimal(l.fees, &out);
    out += ",\"total\":";
    AppendDecimal(l.total, &out);
    out += l.complete ? ",\"complete\":true}" : ",\"complete\":false}";
  }
  out += "],\"collection\":";
  if (r.collection.model.empty()) {
    out += "null";
  } else {
    out += "{\"model\":";
    AppendJsonString(r.collection.model, &out);
    out += ",\"tax_collected_by\":";
    AppendJsonString(r.collection.tax_collected_by, &out);
    out += ",\"duty_collected_by\":";
    AppendJsonString(r.collection.duty_collected_by, &out);
    out += ",\"when\":";
    AppendJsonString(r.collection.when, &out);
    out += ",\"paid_by\":";
    AppendJsonString(r.collection.paid_by, &out);
    out += "}";
  }
  out += ",\"explain\":[";
  for (size_t i = 0; i < r.explain.size(); ++i) {
    const ExplainLine& e = r.explain[i];
    if (i > 0) out.push_back(',');
    out += "{\"rule\":";
    AppendJsonString(e.rule, &out);
    out += ",\"text\":";
    AppendJsonString(m.messages->RenderKey(locale, e.key, e.args), &out);
    out += ",\"amount\":";
    if (e.amount) AppendDecimal(*e.amount, &out);
    else out += "null";
    out += ",\"source\":[";
    for (size_t k = 0; k < e.sources.size(); ++k) {
      if (k > 0) out.push_back(',');
      AppendJsonString(e.sources[k], &out);
    }
    out += "],\"confidence\":";
    if (e.confidence) AppendJsonString(ConfidenceName(*e.confidence), &out);
    else out += "null";
    if (e.item) out += ",\"item\":" + std::to_string(*e.item);
    out += ",\"key\":";
    AppendJsonString(e.key, &out);
    out += ",\"args\":";
    AppendJson(e.args, &out);
    out += "}";
  }
  out += "]";
  if (r.refund) {
    out += ",\"refund\":{\"duty\":";
    AppendDecimal(r.refund->duty, &out);
    out += ",\"tax\":";
    AppendDecimal(r.refund->tax, &out);
    out += ",\"total\":";
    AppendDecimal(r.refund->total, &out);
    out += "}";
  }
  if (r.inclusive) {
    out += ",\"inclusive\":{\"target_total\":";
    AppendDecimal(r.inclusive->target, &out);
    out += ",\"unit_price\":";
    AppendDecimal(r.inclusive->goods_value, &out);
    out += ",\"landed_total\":";
    AppendDecimal(r.inclusive->total, &out);
    out += r.inclusive->reachable ? ",\"reachable\":true}" : ",\"reachable\":false}";
  }
  out += ",\"problems\":[";
  for (size_t i = 0; i < r.problems.size(); ++i) {
    const Problem& p = r.problems[i];
    if (i > 0) out.push_back(',');
    out += "{\"code\":";
    AppendJsonString(Info(p.code).name, &out);
    out += ",\"severity\":";
    AppendJsonString(SeverityName(p.severity), &out);
    out += ",\"path\":";
    AppendJsonString(p.path, &out);
    out += ",\"rule\":";
    AppendJsonString(p.rule, &out);
    out += ",\"message\":";
    AppendJsonString(m.messages->Render(locale, p), &out);
    out += ",\"args\":";
    AppendJson(p.args, &out);
    out.push_back('}');
  }
  out += "],\"receipt\":{\"ruleset\":";
  AppendJsonString(r.receipt.ruleset, &out);
  out += ",\"hash\":";
  AppendJsonString(r.receipt.hash, &out);
  out += ",\"market\":";
  if (r.receipt.market.empty()) out += "null";
  else AppendJsonString(r.receipt.market, &out);
  out += ",\"market_hash\":";
  if (r.receipt.market_hash.empty()) out += "null";
  else AppendJsonString(r.receipt.market_hash, &out);
  out += ",\"as_of\":";
  AppendJsonString(r.receipt.as_of, &out);
  out += ",\"fx\":[";
  for (size_t i = 0; i < r.receipt.fx.size(); ++i) {
    const FxQuote& q = r.receipt.fx[i];
    if (i > 0) out.push_back(',');
    out += "{\"from\":";
    AppendJsonString(q.from, &out);
    out += ",\"to\":";
    AppendJsonString(q.to, &out);
    out += ",\"rate\":";
    AppendDecimal(q.rate, &out);
    out += ",\"date\":";
    AppendJsonString(q.date, &out);
    out += ",\"source\":";
    AppendJsonString(q.source, &out);
    out += q.indicative ? ",\"indicative\":true}" : ",\"indicative\":false}";
  }
  out += "]}}";
  return out;
}

}  // namespace preclear
