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

}  // namespace

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
