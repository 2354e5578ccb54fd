#include "preclear/pack.h"

#include "pack_internal.h"

#include "preclear/problem.h"
#include "preclear/sha256.h"

#include <algorithm>
#include <cstring>

namespace preclear {

std::string_view PackErrorName(PackError e) {
  switch (e) {
    case PackError::kOk: return "ok";
    case PackError::kBadMagic: return "bad_magic";
    case PackError::kUnsupportedFormat: return "unsupported_format";
    case PackError::kTruncated: return "truncated";
    case PackError::kCorrupt: return "corrupt";
  }
  return "corrupt";
}

namespace {

uint32_t ReadU32(const unsigned char* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

PackLoad Fail(PackError e, std::string detail) {
  PackLoad r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

bool SplitPointer(const std::string& path, std::vector<std::string>* tokens) {
  if (path.empty() || path[0] != '/') return false;
  size_t start = 1;
  while (true) {
    size_t slash = path.find('/', start);
    std::string raw = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    std::string tok;
    for (size_t i = 0; i < raw.size(); ++i) {
      if (raw[i] == '~' && i + 1 < raw.size() && (raw[i + 1] == '0' || raw[i + 1] == '1')) {
        tok += raw[i + 1] == '0' ? '~' : '/';
        ++i;
      } else {
        tok += raw[i];
      }
    }
    tokens->push_back(tok);
    if (slash == std::string::npos) return true;
    start = slash + 1;
  }
}

const std::string* GetString(const Json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end() || !it->is_string()) return nullptr;
  return it->get_ptr<const std::string*>();
}

// effective_from (required) and effective_to (optional, null = open) of |obj|.
bool GetPeriod(const Json& obj, Date* from, std::optional<Date>* to) {
  const std::string* f = obj.is_object() ? GetString(obj, "effective_from") : nullptr;
  std::optional<Date> d = f ? Date::Parse(*f) : std::nullopt;
  if (!d) return false;
  *from = *d;
  if (const std::string* t = GetString(obj, "effective_to")) {
    *to = Date::Parse(*t);
    if (!*to) return false;
  }
  return true;
}

bool GetStrings(const Json& obj, const char* key, std::vector<std::string>* out) {
  auto it = obj.find(key);
  if (it == obj.end()) return true;
  if (!it->is_array()) return false;
  for (const Json& v : *it) {
    if (!v.is_string()) return false;
    out->push_back(v.get<std::string>());
  }
  return true;
}

// A format rule from a regime element with "format": {"pattern", "code"}.
bool AddFormat(const Json& e, Regime* regime) {
  auto fmt = e.find("format");
  if (fmt == e.end() || !fmt->is_object()) return true;
  const std::string* pattern = GetString(*fmt, "pattern");
  if (!pattern) return true;  // other format hints (max_length) are not enforced yet
  FormatRule f;
  const std::string* path = GetString(e, "path");
  const std::string* rule = GetString(e, "rule");
  if (!path || !rule || !SplitPointer(*path, &f.tokens) || !GetPeriod(e, &f.effective_from, &f.effective_to)) return false;
  f.path = *path;
  f.rule = *rule;
  f.pattern = *pattern;
  const std::string* code = GetString(*fmt, "code");
  f.code = code ? *code : "FIELD_VALUE";
  regime->formats.push_back(std::move(f));
  return true;
}

}  // namespace

namespace internal {

PackError ReadEnvelope(std::string_view bytes, Json* doc, std::string* detail) {
  static constexpr char kMagic[8] = {'P', 'R', 'E', 'C', 'L', 'E', 'A', 'R'};
  if (bytes.size() < 16 || std::memcmp(bytes.data(), kMagic, 8) != 0) {
    *detail = "missing PRECLEAR header";
    return PackError::kBadMagic;
  }
  const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
  uint32_t format = ReadU32(p + 8);
  if (format != kPackFormat) {
    *detail = "pack format " + std::to_string(format);
    return PackError::kUnsupportedFormat;
  }
  uint32_t len = ReadU32(p + 12);
  if (bytes.size() - 16 < len) {
    *detail = "payload shorter than header says";
    return PackError::kTruncated;
  }
  if (bytes.size() - 16 > len) {
    *detail = "bytes after the payload";
    return PackError::kCorrupt;
  }
  *doc = Json::parse(bytes.substr(16), nullptr, /*allow_exceptions=*/false);
  if (doc->is_discarded() || !doc->is_object()) {
    *detail = "payload is not a JSON object";
    return PackError::kCorrupt;
  }
  return PackError::kOk;
}

}  // namespace internal

PackLoad Pack::Load(std::string_view bytes) {
  Json doc;
  std::string detail;
  if (PackError e = internal::ReadEnvelope(bytes, &doc, &detail); e != PackError::kOk) return Fail(e, detail);

  if (const std::string* kind = GetString(doc, "kind"); kind == nullptr || *kind != "common") {
    return Fail(PackError::kCorrupt, "not a common pack");
  }
  auto pack = std::make_unique<Pack>();
  pack->hash_ = "sha256:" + Sha256Hex(bytes);
  const std::string* s;
  if (!(s = GetString(doc, "ruleset"))) return Fail(PackError::kCorrupt, "ruleset");
  pack->ruleset_ = *s;
  if (!(s = GetString(doc, "data_version"))) return Fail(PackError::kCorrupt, "data_version");
  pack->data_version_ = *s;
  if (!(s = GetString(doc, "default_regime"))) return Fail(PackError::kCorrupt, "default_regime");
  if (auto sv = doc.find("schema_version"); sv != doc.end() && sv->is_number_unsigned() && sv->get<uint64_t>() < 1000) {
    pack->schema_version_ = static_cast<int>(sv->get<uint64_t>());
  }
  pack->default_regime_ = *s;

  auto regimes = doc.find("regimes");
  if (regimes == doc.end() || !regimes->is_object()) return Fail(PackError::kCorrupt, "regimes");
  for (const auto& [id, r] : regimes->items()) {
    Regime regime;
    regime.id = id;
    auto req = r.find("required");
    if (!r.is_object() || req == r.end() || !req->is_array()) {
      return Fail(PackError::kCorrupt, "regimes/" + id + "/required");
    }
    for (const Json& e : *req) {
      Requirement q;
      const std::string* path = e.is_object() ? GetString(e, "path") : nullptr;
      const std::string* rule = e.is_object() ? GetString(e, "rule") : nullptr;
      const std::string* from = e.is_object() ? GetString(e, "effective_from") : nullptr;
      const std::string* conf = e.is_object() ? GetString(e, "confidence") : nullptr;
      if (!path || !rule || !from || !conf || !SplitPointer(*path, &q.tokens)) {
        return Fail(PackError::kCorrupt, "requirement in " + id);
      }
      std::optional<Date> d_from = Date::Parse(*from);
      if (!d_from) return Fail(PackError::kCorrupt, "effective_from in " + id);
      q.path = *path;
      q.rule = *rule;
      q.effective_from = *d_from;
      if (const std::string* to = GetString(e, "effective_to")) {
        q.effective_to = Date::Parse(*to);
        if (!q.effective_to) return Fail(PackError::kCorrupt, "effective_to in " + id);
      }
      if (*conf == "verified") q.confidence = Confidence::kVerified;
      else if (*conf == "secondary") q.confidence = Confidence::kSecondary;
      else if (*conf == "unverified") q.confidence = Confidence::kUnverified;
      else return Fail(PackError::kCorrupt, "confidence in " + id);
      auto mi = e.find("min_items");
      if (mi != e.end()) {
        if (!mi->is_number_unsigned() || mi->get<uint64_t>() > 1000000) {
          return Fail(PackError::kCorrupt, "min_items in " + id);
        }
        q.min_items = static_cast<int>(mi->get<uint64_t>());
      }
      if (!AddFormat(e, &regime)) return Fail(PackError::kCorrupt, "format in " + id);
      regime.required.push_back(std::move(q));
    }
    if (auto el = r.find("elements"); el != r.end() && el->is_array()) {
      for (const Json& e : *el) {
        if (!AddFormat(e, &regime)) return Fail(PackError::kCorrupt, "format in " + id);
      }
    }
    if (auto vl = r.find("value_limit"); vl != r.end()) {
      ValueLimit v;
      const std::string *amount = GetString(*vl, "amount"), *currency = GetString(*vl, "currency"),
                        *basis = GetString(*vl, "basis"), *per = GetString(*vl, "per"), *c = GetString(*vl, "confidence");
      auto inc = vl->find("inclusive");
      if (!amount || !currency || !basis || !per || !c || inc == vl->end() || !inc->is_boolean() ||
          !GetPeriod(*vl, &v.effective_from, &v.effective_to)) {
        return Fail(PackError::kCorrupt, "value_limit in " + id);
      }
      v.amount = *amount;
      v.currency = *currency;
      v.basis = *basis;
      v.per = *per;
      v.inclusive = inc->get<bool>();
      if (const std::string* near = GetString(*vl, "near_from")) v.near_from = *near;
      v.confidence = *c == "verified" ? Confidence::kVerified : *c == "secondary" ? Confidence::kSecondary : Confidence::kUnverified;
      regime.value_limit = v;
    }
    if (!GetStrings(r, "excluded_lists", &regime.excluded_lists) || !GetStrings(r, "stop_word_lists", &regime.stop_word_lists)) {
      return Fail(PackError::kCorrupt, "lists of " + id);
    }
    if (auto df = r.find("default_for"); df != r.end()) {
      if (!GetStrings(*df, "markets", &regime.default_markets) || !GetPeriod(*df, &regime.default_from, &regime.default_to)) {
        return Fail(PackError::kCorrupt, "default_for of " + id);
      }
    }
    pack->regime_order_.push_back(id);
    pack->regimes_.emplace(id, std::move(regime));
  }
  if (!pack->FindRegime(pack->default_regime_)) return Fail(PackError::kCorrupt, "default_regime not defined");

  auto messages = doc.find("messages");
  if (messages == doc.end() || !messages->is_object()) return Fail(PackError::kCorrupt, "messages");
  for (const auto& [locale, table] : messages->items()) {
    if (!table.is_object()) return Fail(PackError::kCorrupt, "messages/" + locale);
    auto& dst = pack->messages_[locale];
    for (const auto& [key, text] : table.items()) {
      if (!text.is_string()) return Fail(PackError::kCorrupt, "messages/" + locale + "/" + key);
      dst.emplace(key, text.get<std::string>());
    }
  }
  // Every problem code must render in English: the fallback of every locale.
  auto en = pack->messages_.find("en");
  if (en == pack->messages_.end()) return Fail(PackError::kCorrupt, "messages/en");
  size_t n = 0;
  const ProblemInfo* infos = ProblemInfos(&n);
  for (size_t i = 0; i < n; ++i) {
    if (en->second.find(infos[i].name) == en->second.end()) {
      return Fail(PackError::kCorrupt, "messages/en/" + std::string(infos[i].name));
    }
  }

  auto enums = doc.find("enums");
  if (enums == doc.end() || !enums->is_object()) return Fail(PackError::kCorrupt, "enums");
  for (const auto& [field, e] : enums->items()) {
    auto values = e.is_object() ? e.find("values") : e.end();
    if (values == e.end() || !values->is_array()) return Fail(PackError::kCorrupt, "enums/" + field);
    std::vector<std::string>& dst = pack->enums_[field];
    for (const Json& v : *values) {
      if (!v.is_string()) return Fail(PackError::kCorrupt, "enums/" + field);
      dst.push_back(v.get<std::string>());
    }
  }

  if (auto hs = doc.find("hs"); hs != doc.end() && hs->is_object() && hs->contains("codes")) {
    const std::string* edition = GetString(*hs, "edition");
    const Json& codes = (*hs)["codes"];
    if (!edition || !codes.is_array()) return Fail(PackError::kCorrupt, "hs");
    pack->hs_edition_ = *edition;
    pack->hs_codes_.reserve(codes.size());
    for (const Json& c : codes) {
      if (!c.is_array() || c.size() != 2 || !c[0].is_string() || !c[1].is_string()) return Fail(PackError::kCorrupt, "hs/codes");
      const std::string& code = c[0].get_ref<const std::string&>();
      if (code.size() != 2 && code.size() != 4 && code.size() != 6) return Fail(PackError::kCorrupt, "hs code length");
      if (!pack->hs_codes_.empty() && !(pack->hs_codes_.back().code < code)) return Fail(PackError::kCorrupt, "hs codes not sorted");
      pack->hs_codes_.push_back(HsNode{code, c[1].get<std::string>()});
    }
  }
  if (auto markets = doc.find("markets"); markets != doc.end()) {
    if (!markets->is_array()) return Fail(PackError::kCorrupt, "markets");
    for (const Json& m : *markets) {
      const std::string* code = m.is_object() ? GetString(m, "code") : nullptr;
      const std::string* name = m.is_object() ? GetString(m, "name") : nullptr;
      const std::string* currency = m.is_object() ? GetString(m, "currency") : nullptr;
      if (!code || !name || !currency) return Fail(PackError::kCorrupt, "markets entry");
      const std::string* u = GetString(m, "union");
      pack->markets_.push_back(MarketInfo{*code, *name, *currency, u ? *u : std::string()});
    }
  }

  if (auto lists = doc.find("lists"); lists != doc.end()) {
    if (!lists->is_object()) return Fail(PackError::kCorrupt, "lists");
    for (const auto& [id, l] : lists->items()) {
      TermList list;
      list.id = id;
      const std::string* kind = l.is_object() ? GetString(l, "kind") : nullptr;
      auto entries = l.is_object() ? l.find("entries") : l.end();
      if (!kind || entries == l.end() || !entries->is_array() || !GetPeriod(l, &list.effective_from, &list.effective_to)) {
        return Fail(PackError::kCorrupt, "list " + id);
      }
      list.kind = *kind;
      for (const Json& e : *entries) {
        if (!e.is_object()) return Fail(PackError::kCorrupt, "list entry in " + id);
        if (const std::string* hs = GetString(e, "hs")) {
          const std::string* cat = GetString(e, "category");
          list.hs_entries.push_back({*hs, cat ? *cat : std::string()});
          continue;
        }
        const std::string* term = GetString(e, "term");
        if (!term) return Fail(PackError::kCorrupt, "list entry in " + id);
        TermList::Entry t;
        t.term = *term;
        if (!GetStrings(e, "aliases", &t.aliases)) return Fail(PackError::kCorrupt, "aliases in " + id);
        auto dis = e.find("disabled");
        t.disabled = dis != e.end() && dis->is_boolean() && dis->get<bool>();
        list.entries.push_back(std::move(t));
      }
      pack->lists_.push_back(std::move(list));
    }
  }
  if (auto model = doc.find("model"); model != doc.end()) {
    if (!model->is_object()) return Fail(PackError::kCorrupt, "model");
    pack->model_ = *model;
    if (auto addr = model->find("addresses"); addr != model->end()) {
      auto countries = addr->is_object() ? addr->find("countries") : addr->end();
      if (countries == addr->end() || !countries->is_object()) return Fail(PackError::kCorrupt, "model/addresses");
      for (const auto& [cc, c] : countries->items()) {
        AddressRules a;
        if (!c.is_object()) return Fail(PackError::kCorrupt, "address " + cc);
        if (auto pc = c.find("postcode"); pc != c.end() && pc->is_object()) {
          auto req = pc->find("required");
          a.postcode_required = req != pc->end() && req->is_boolean() && req->get<bool>();
          if (const std::string* pat = GetString(*pc, "pattern")) a.postcode_pattern = *pat;
        }
        if (const std::string* cc2 = GetString(c, "calling_code")) a.calling_code = *cc2;
        pack->addresses_.emplace(cc, std::move(a));
      }
    }
  } else {
    pack->model_ = Json::object();
  }

  PackLoad ok;
  ok.pack = std::move(pack);
  return ok;
}

const Regime* Pack::FindRegime(std::string_view id) const {
  auto it = regimes_.find(id);
  return it == regimes_.end() ? nullptr : &it->second;
}

const std::string* Pack::Message(std::string_view locale, std::string_view key) const {
  for (std::string_view loc : {locale, std::string_view("en")}) {
    auto t = messages_.find(loc);
    if (t == messages_.end()) continue;
    auto m = t->second.find(key);
    if (m != t->second.end()) return &m->second;
  }
  return nullptr;
}

std::vector<std::string> Pack::Locales() const {
  std::vector<std::string> out;
  for (const auto& [loc, table] : messages_) out.push_back(loc);
  return out;
}

const std::vector<std::string>* Pack::Enum(std::string_view field) const {
  auto it = enums_.find(field);
  return it == enums_.end() ? nullptr : &it->second;
}

const HsNode* Pack::FindHs(std::string_view code) const {
  auto it = std::lower_bound(hs_codes_.begin(), hs_codes_.end(), code,
                             [](const HsNode& n, std::string_view c) { return n.code < c; });
  return it != hs_codes_.end() && it->code == code ? &*it : nullptr;
}

size_t Pack::CountHs(size_t digits) const {
  size_t n = 0;
  for (const HsNode& node : hs_codes_) n += node.code.size() == digits ? 1 : 0;
  return n;
}

const std::string& Pack::UnionOf(std::string_view market) const {
  static const std::string kNone;
  for (const MarketInfo& m : markets_) {
    if (m.code == market) return m.union_code;
  }
  return kNone;
}

const TermList* Pack::FindList(std::string_view id) const {
  for (const TermList& l : lists_) {
    if (l.id == id) return &l;
  }
  return nullptr;
}

const Regime* Pack::DefaultRegimeFor(std::string_view destination, const Date& date) const {
  for (const std::string& id : regime_order_) {
    const Regime& r = regimes_.find(id)->second;
    bool in_force = !(date < r.default_from) && (!r.default_to || date < *r.default_to);
    if (!in_force) continue;
    for (const std::string& m : r.default_markets) {
      if (m == destination) return &r;
    }
  }
  return nullptr;
}

const AddressRules* Pack::Address(std::string_view country) const {
  auto it = addresses_.find(country);
  return it == addresses_.end() ? nullptr : &it->second;
}

std::vector<std::string> Pack::RegimeIds() const {
  std::vector<std::string> out;
  for (const auto& [id, r] : regimes_) out.push_back(id);
  return out;
}

}  // namespace preclear
