#include "preclear/market.h"

#include "pack_internal.h"
#include "preclear/sha256.h"

#include <algorithm>

namespace preclear {
namespace {

MarketLoad Fail(PackError e, std::string detail) {
  MarketLoad r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

const std::string* Str(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get_ptr<const std::string*>() : nullptr;
}

std::optional<Confidence> ParseConfidence(const std::string* c) {
  if (!c) return std::nullopt;
  if (*c == "verified") return Confidence::kVerified;
  if (*c == "secondary") return Confidence::kSecondary;
  if (*c == "unverified") return Confidence::kUnverified;
  return std::nullopt;
}

bool Flag(const Json& obj, const char* key) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_boolean() && it->get<bool>();
}

std::optional<Decimal> Dec(const Json& obj, const char* key) {
  const std::string* s = Str(obj, key);
  if (!s) return std::nullopt;
  DecimalResult r = Decimal::Parse(*s);
  if (!r.ok) return std::nullopt;
  return r.value;
}

bool Strings(const Json& obj, const char* key, std::vector<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_array()) return false;
  for (const Json& v : *it) {
    if (!v.is_string()) return false;
    out->push_back(v.get<std::string>());
  }
  return true;
}

bool PerUnit(const Json& duty, const char* key, std::optional<DutyPerUnit>* out) {
  auto it = duty.find(key);
  if (it == duty.end()) return true;
  if (!it->is_object()) return false;
  std::optional<Decimal> amount = Dec(*it, "amount");
  const std::string* per = Str(*it, "per");
  if (!amount || !per) return false;
  DutyPerUnit u{*amount, *per, Decimal::FromInt(1)};
  if (it->contains("quantity")) {
    std::optional<Decimal> q = Dec(*it, "quantity");
    if (!q || q->IsZero()) return false;
    u.quantity = *q;
  }
  *out = u;
  return true;
}

bool ParseDuty(const Json& duty, DutyExpr* out) {
  if (!duty.is_object()) return false;
  if (duty.contains("ad_valorem")) {
    out->ad_valorem = Dec(duty, "ad_valorem");
    if (!out->ad_valorem) return false;
  }
  out->unknown = Flag(duty, "unknown");
  return PerUnit(duty, "specific", &out->specific) && PerUnit(duty, "min", &out->min) &&
         PerUnit(duty, "max", &out->max) && (out->ad_valorem || out->specific || out->unknown);
}

// Dates and confidence common to rates and additional duties.
template <typename T>
bool ParsePeriod(const Json& e, T* out) {
  const std::string* from = Str(e, "effective_from");
  std::optional<Date> f = from ? Date::Parse(*from) : std::nullopt;
  std::optional<Confidence> c = ParseConfidence(Str(e, "confidence"));
  if (!f || !c) return false;
  out->effective_from = *f;
  out->confidence = *c;
  if (const std::string* to = Str(e, "effective_to")) {
    out->effective_to = Date::Parse(*to);
    if (!out->effective_to) return false;
  }
  return Strings(e, "source", &out->sources);
}

bool ParseSchedule(const Json& j, TariffSchedule* t) {
  const std::string* id = Str(j, "id");
  const std::string* currency = Str(j, "currency");
  if (!id || !currency) return false;
  t->id = *id;
  t->currency = *currency;
  if (!Strings(j, "source", &t->sources) || !Strings(j, "excluded_goods", &t->excluded_goods)) return false;
  auto rates = j.find("rates");
  if (rates == j.end() || !rates->is_array()) return false;
  for (const Json& r : *rates) {
    TariffRate rate;
    const std::string* hs = r.is_object() ? Str(r, "hs") : nullptr;
    if (!hs || !r.contains("duty") || !ParseDuty(r["duty"], &rate.duty) || !ParsePeriod(r, &rate)) return false;
    rate.hs = *hs;
    rate.estimate = Flag(r, "estimate");
    t->rates.push_back(std::move(rate));
  }
  std::stable_sort(t->rates.begin(), t->rates.end(), [](const TariffRate& a, const TariffRate& b) {
    return a.hs != b.hs ? a.hs < b.hs : a.effective_from < b.effective_from;
  });
  auto additional = j.find("additional");
  if (additional != j.end() && !additional->is_array()) return false;
  for (const Json& a : additional != j.end() ? *additional : Json::array()) {
    AdditionalDuty d;
    const std::string* aid = a.is_object() ? Str(a, "id") : nullptr;
    if (!aid || !a.contains("duty") || !ParseDuty(a["duty"], &d.duty) || !ParsePeriod(a, &d)) return false;
    d.id = *aid;
    if (!Strings(a, "goods", &d.goods) || !Strings(a, "excluded_goods", &d.excluded_goods) ||
        !Strings(a, "origins", &d.origins) || !Strings(a, "excluded_origins", &d.excluded_origins) ||
        !Strings(a, "modes", &d.modes)) {
      return false;
    }
    d.alternative = Flag(a, "alternative");
    d.in_lieu_of_base = Flag(a, "in_lieu_of_base");
    if (auto vl = a.find("value_limit"); vl != a.end() && vl->is_object()) d.value_limit = *vl;
    t->additional.push_back(std::move(d));
  }
  return true;
}

bool HasPrefix(std::string_view hs, std::string_view prefix) {
  return hs.size() >= prefix.size() && hs.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

bool TariffSchedule::Excludes(std::string_view hs) const {
  for (const std::string& p : excluded_goods) {
    if (HasPrefix(hs, p)) return true;
  }
  return false;
}

const TariffRate* TariffSchedule::Find(std::string_view hs, const Date& date) const {
  for (size_t len : {size_t{6}, size_t{4}, size_t{2}}) {
    if (hs.size() < len) continue;
    std::string_view key = hs.substr(0, len);
    auto it = std::lower_bound(rates.begin(), rates.end(), key,
                               [](const TariffRate& r, std::string_view k) { return r.hs < k; });
    for (; it != rates.end() && it->hs == key; ++it) {
      if (it->InForceOn(date)) return &*it;
    }
  }
  return nullptr;
}

const TariffSchedule* MarketPack::FindTariff(std::string_view id) const {
  for (const TariffSchedule& t : tariffs_) {
    if (t.id == id) return &t;
  }
  return nullptr;
}

MarketLoad MarketPack::Load(std::string_view bytes) {
  Json doc;
  std::string detail;
  if (PackError e = internal::ReadEnvelope(bytes, &doc, &detail); e != PackError::kOk) return Fail(e, detail);
  const std::string* kind = Str(doc, "kind");
  if (!kind || *kind != "market") return Fail(PackError::kCorrupt, "not a market pack");
  auto m = std::make_unique<MarketPack>();
  m->hash_ = "sha256:" + Sha256Hex(bytes);
  struct Field { const char* key; std::string* out; };
  for (Field f : {Field{"code", &m->code_}, Field{"name", &m->name_}, Field{"currency", &m->currency_},
                  Field{"ruleset", &m->ruleset_}, Field{"data_version", &m->data_version_}}) {
    const std::string* s = Str(doc, f.key);
    if (!s) return Fail(PackError::kCorrupt, f.key);
    *f.out = *s;
  }
  if (const std::string* u = Str(doc, "union")) m->union_code_ = *u;

  auto rules = doc.find("rules");
  if (rules == doc.end() || !rules->is_array()) return Fail(PackError::kCorrupt, "rules");
  for (const Json& r : *rules) {
    if (!r.is_object()) return Fail(PackError::kCorrupt, "rule");
    MarketRule rule;
    const std::string* id = Str(r, "id");
    const std::string* k = Str(r, "kind");
    const std::string* from = Str(r, "effective_from");
    const std::string* conf = Str(r, "confidence");
    if (!id || !k || !from || !conf) return Fail(PackError::kCorrupt, "rule fields");
    rule.id = *id;
    rule.kind = *k;
    std::optional<Date> f = Date::Parse(*from);
    if (!f) return Fail(PackError::kCorrupt, "effective_from of " + *id);
    rule.effective_from = *f;
    if (const std::string* to = Str(r, "effective_to")) {
      rule.effective_to = Date::Parse(*to);
      if (!rule.effective_to) return Fail(PackError::kCorrupt, "effective_to of " + *id);
    }
    if (*conf == "verified") rule.confidence = Confidence::kVerified;
    else if (*conf == "secondary") rule.confidence = Confidence::kSecondary;
    else if (*conf == "unverified") rule.confidence = Confidence::kUnverified;
    else return Fail(PackError::kCorrupt, "confidence of " + *id);
    if (auto src = r.find("source"); src != r.end() && src->is_array()) {
      for (const Json& s : *src) {
        if (s.is_string()) rule.sources.push_back(s.get<std::string>());
      }
    }
    rule.data = r;
    m->rules_.push_back(std::move(rule));
  }
  if (auto t = doc.find("tariffs"); t != doc.end()) {
    if (!t->is_array()) return Fail(PackError::kCorrupt, "tariffs");
    for (const Json& j : *t) {
      TariffSchedule sched;
      if (!j.is_object() || !ParseSchedule(j, &sched)) return Fail(PackError::kCorrupt, "tariff schedule");
      m->tariffs_.push_back(std::move(sched));
    }
  }
  if (auto src = doc.find("sources"); src != doc.end() && src->is_object()) {
    for (const auto& [id, s] : src->items()) {
      const std::string* c = s.is_object() ? Str(s, "citation") : nullptr;
      m->sources_.emplace_back(id, c ? *c : std::string());
    }
  }
  MarketLoad ok;
  ok.pack = std::move(m);
  return ok;
}

std::vector<const MarketRule*> MarketPack::InForce(const Date& date) const {
  std::vector<const MarketRule*> out;
  for (const MarketRule& r : rules_) {
    if (r.InForceOn(date)) out.push_back(&r);
  }
  return out;
}

const std::string* MarketPack::SourceCitation(std::string_view id) const {
  auto it = std::lower_bound(sources_.begin(), sources_.end(), id,
                             [](const auto& p, std::string_view k) { return p.first < k; });
  return it != sources_.end() && it->first == id ? &it->second : nullptr;
}

std::string RulesInForceJson(const MarketPack& pack, const Date& date) {
  Json rules = Json::array();
  for (const MarketRule* r : pack.InForce(date)) {
    Json one = Json::object();
    one["id"] = r->id;
    one["kind"] = r->kind;
    one["effective_from"] = r->effective_from.ToString();
    one["effective_to"] = r->effective_to ? Json(r->effective_to->ToString()) : Json(nullptr);
    one["confidence"] = r->confidence == Confidence::kVerified    ? "verified"
                        : r->confidence == Confidence::kSecondary ? "secondary"
                                                                  : "unverified";
    one["source"] = r->sources;
    one["rule"] = r->data;
    rules.push_back(std::move(one));
  }
  Json out = Json::object();
  out["market"] = pack.code();
  out["name"] = pack.name();
  out["currency"] = pack.currency();
  out["union"] = pack.union_code().empty() ? Json(nullptr) : Json(pack.union_code());
  out["as_of"] = date.ToString();
  out["hash"] = pack.hash();
  out["rules"] = std::move(rules);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace preclear
