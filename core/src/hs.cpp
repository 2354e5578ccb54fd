#include "preclear/hs.h"

#include "json_input.h"
#include "pack_internal.h"
#include "preclear/messages.h"
#include "preclear/sha256.h"
#include "preclear/text.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <mutex>
#include <set>
#include <unordered_map>

namespace preclear {

// Range reduction to |r| <= ln2/2, then a Taylor series: only correctly rounded IEEE operations,
// so every platform computes the same bits (libm's exp may differ in the last place).
double DetExp(double x) {
  if (x > 700) x = 700;
  if (x < -700) return 0;
  const double kLn2 = 0.6931471805599453;
  double kf = x / kLn2;
  long k = static_cast<long>(kf >= 0 ? kf + 0.5 : kf - 0.5);
  // Cody-Waite: ln2 split in a high part exact in k*hi and a low correction.
  const double kLn2Hi = 6.93147180369123816490e-01, kLn2Lo = 1.90821492927058770002e-10;
  double r = (x - static_cast<double>(k) * kLn2Hi) - static_cast<double>(k) * kLn2Lo;
  double term = 1, sum = 1;
  for (int i = 1; i <= 18; ++i) {
    term = term * r / i;
    sum += term;
  }
  return std::ldexp(sum, static_cast<int>(k));  // exact scaling by 2^k
}

// log(m * 2^e) = e*ln2 + 2*atanh((m-1)/(m+1)) with m in [0.5, 1).
double DetLog(double x) {
  if (!(x > 0)) return -700;
  int e = 0;
  double m = std::frexp(x, &e);  // exact
  double t = (m - 1) / (m + 1), t2 = t * t, term = t, sum = 0;
  for (int i = 1; i <= 61; i += 2) {
    sum += term / i;
    term *= t2;
  }
  return 2 * sum + e * 0.6931471805599453;
}

namespace {

enum PostKind : uint8_t { kTerm, kExclude, kAttr, kMarkerAfter, kMarkerBefore, kNoise };

struct Posting {
  PostKind kind;
  uint8_t lang;
  uint32_t target;  // node (kTerm, kExclude) or attribute value (kAttr)
};

struct Phrase {
  std::vector<uint32_t> tokens;
  std::string text;  // first spelling seen, for `why`
  std::vector<Posting> postings;
  double words = 0;   // Latin words count 1, CJK characters cjk_char_words
  double weight = 0;  // of its kTerm postings
};

struct Node {
  std::string code;
  uint32_t sub_begin = 0, sub_end = 0;  // range in Impl::subs
  int32_t heading = -1, chapter = -1;   // node indices
};

struct Value {
  uint32_t attr = 0;
  std::string id, label;
  int32_t parent = -1;
  double prior = 0.9;
  std::map<std::string, std::string> labels;  // lang -> first term
};

struct Attribute {
  std::string id;
  std::map<std::string, std::string> label;
  std::vector<uint32_t> values;
};

struct Match {
  uint32_t start, len, phrase;
  double factor = 1;
};

bool IsCjk(UChar32 c) {
  return (c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0x20000 && c <= 0x2FFFF);
}

bool NeedsAscii(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x1E00 && c <= 0x1EFF)) return true;
  }
  return false;
}

// Light plural stemming of ASCII words, the same for the vocabulary and the query.
void Stem(std::string* w) {
  size_t n = w->size();
  if (n < 4) return;
  for (char c : *w)
    if (c < 'a' || c > 'z') return;
  auto ends = [&](const char* suf) {
    size_t k = std::char_traits<char>::length(suf);
    return n > k && w->compare(n - k, k, suf) == 0;
  };
  if (n >= 5 && ends("ies")) {
    w->replace(n - 3, 3, "y");
  } else if (ends("sses")) {
    w->resize(n - 2);
  } else if (ends("xes") || ends("ches") || ends("shes") || ends("zes")) {
    w->resize(n - 2);
  } else if (ends("s") && !ends("ss") && !ends("us") && !ends("is")) {
    w->resize(n - 1);
  }
}

struct Token {
  std::string text;
  bool cjk = false;
};

// NFKC_Casefold, Latin-ASCII where needed, then words: runs of letters/digits, each CJK
// character on its own (no dictionary segmentation: phrases match as character sequences).
std::vector<Token> Tokenize(const TextAnalyzer* text, std::string_view in) {
  std::string s;
  bool ascii = true;
  for (char c : in) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (ascii) {
    s.assign(in);
    for (char& c : s)
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  } else {
    s = text->Fold(in);
    if (NeedsAscii(s)) s = text->ToAscii(s);
  }
  std::vector<Token> out;
  std::string cur;
  auto flush = [&]() {
    if (cur.empty()) return;
    Stem(&cur);
    out.push_back({std::move(cur), false});
    cur.clear();
  };
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0) {
      flush();
      continue;
    }
    if (c < 0x80 ? ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) : false) {
      cur += static_cast<char>(c);
    } else if ((c == '\'' || c == 0x2019) && !cur.empty()) {
      // "men's" -> "men"; "l'eau" -> "l" "eau"
      int32_t j = i;
      UChar32 d = 0;
      if (j < n) U8_NEXT(s.data(), j, n, d);
      bool next_is_letter = false;
      if (j < n) {
        int32_t k = j;
        UChar32 e;
        U8_NEXT(s.data(), k, n, e);
        next_is_letter = e > 0 && u_isalnum(e);
      }
      if (d == 's' && !next_is_letter) i = j;
      flush();
    } else if (IsCjk(c)) {
      flush();
      out.push_back({std::string(s.data() + start, i - start), true});
    } else if (c >= 0x80 && (u_isalnum(c) || u_charType(c) == U_NON_SPACING_MARK || u_charType(c) == U_COMBINING_SPACING_MARK)) {
      cur.append(s.data() + start, i - start);
    } else {
      flush();
    }
  }
  flush();
  return out;
}

// Words long enough that one wrong letter still leaves them recognisable.
bool IsTypoCandidate(const std::string& w) {
  if (w.size() < 5) return false;
  for (char c : w)
    if (c < 'a' || c > 'z') return false;
  return true;
}

// FNV-1a of |w| without the letter at |skip| (npos: the whole word).
uint64_t Fnv(const std::string& w, size_t skip) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < w.size(); ++i) {
    if (i == skip) continue;
    h = (h ^ static_cast<unsigned char>(w[i])) * 1099511628211ull;
  }
  return h;
}

const std::string* Str(const Json& j, const char* key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? &it->get_ref<const std::string&>() : nullptr;
}

double Num(const Json& j, const char* key, double fallback) {
  auto it = j.find(key);
  return it != j.end() && it->is_number() ? it->get<double>() : fallback;
}

}  // namespace

struct HsClassifier::Impl {
  const Pack* common = nullptr;
  std::string hash, edition, ruleset;
  std::vector<Node> nodes;           // every code, sorted (a subtree is contiguous)
  std::vector<uint32_t> subs;        // node index of every subheading, in code order
  std::unordered_map<std::string, uint32_t> node_by_code;
  std::vector<std::string> langs;    // posting lang index -> code
  std::set<std::string> languages;   // vocabulary languages loaded (core: en)
  std::vector<bool> head_first;      // by lang index
  std::vector<Attribute> attrs;
  std::vector<Value> values;
  std::unordered_map<std::string, uint32_t> token_ids;  // 0 = unknown
  std::vector<Phrase> phrases;
  std::unordered_map<std::string, uint32_t> phrase_by_key;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_first;  // first token -> phrases
  // Typos: hash of each one-letter deletion of a known word -> the word (UINT32_MAX if several).
  std::vector<std::pair<uint64_t, uint32_t>> deletions;
  std::vector<std::vector<std::vector<uint16_t>>> node_attrs;   // node -> attr -> values
  std::vector<std::vector<std::vector<uint16_t>>> sub_attrs;    // sub -> attr -> effective values
  std::vector<std::vector<std::vector<uint16_t>>> sub_siblings; // sub -> attr -> sibling values
  std::vector<std::string> stop_keys;                            // whole-description stop words
  std::map<std::string, double> scoring;
  int cal_power = 2;
  double cal_coverage = 0, cal_margin = 0, cal_bias = 0;
  uint16_t other_value = UINT16_MAX;

  mutable std::mutex mu;
  mutable std::vector<std::unique_ptr<TextAnalyzer>> pool;

  double S(const char* key) const {
    auto it = scoring.find(key);
    return it == scoring.end() ? 0 : it->second;
  }

  uint8_t Lang(const std::string& l) {
    for (size_t i = 0; i < langs.size(); ++i)
      if (langs[i] == l) return static_cast<uint8_t>(i);
    langs.push_back(l);
    return static_cast<uint8_t>(langs.size() - 1);
  }

  std::string Key(const std::vector<uint32_t>& ids) const {
    return std::string(reinterpret_cast<const char*>(ids.data()), ids.size() * sizeof(uint32_t));
  }

  // Interns |text| as a phrase and adds |p|; returns false when it has no words.
  bool Add(const TextAnalyzer* ta, const std::string& text, Posting p) {
    std::vector<Token> toks = Tokenize(ta, text);
    if (toks.empty()) return false;
    // A phrase of bare numbers ("0", "3 2") names no goods.
    bool numeric = true;
    for (const Token& t : toks)
      numeric = numeric && !t.cjk && std::all_of(t.text.begin(), t.text.end(), [](char c) { return c >= '0' && c <= '9'; });
    if (numeric && (p.kind == kTerm || p.kind == kExclude)) return false;
    std::vector<uint32_t> ids;
    double words = 0;
    for (Token& t : toks) {
      auto [it, fresh] = token_ids.try_emplace(t.text, static_cast<uint32_t>(token_ids.size() + 1));
      ids.push_back(it->second);
      words += t.cjk ? S("cjk_char_words") : 1;
    }
    std::string key = Key(ids);
    auto [it, fresh] = phrase_by_key.try_emplace(key, static_cast<uint32_t>(phrases.size()));
    if (fresh) {
      Phrase ph;
      ph.tokens = ids;
      ph.text = text;
      ph.words = words;
      phrases.push_back(std::move(ph));
      by_first[ids[0]].push_back(it->second);
    }
    phrases[it->second].postings.push_back(p);  // duplicates go once the index is complete
    return true;
  }

  uint32_t FindDeletion(uint64_t h) const {
    auto it = std::lower_bound(deletions.begin(), deletions.end(), std::make_pair(h, uint32_t{0}));
    return it != deletions.end() && it->first == h ? it->second : 0;
  }

  // The known word |w| is one typo away from (a letter missing, extra, wrong or swapped); 0 when
  // none or more than one.
  uint32_t Typo(const std::string& w) const {
    if (w.size() < 4 || w.size() > 30) return 0;
    for (char c : w)
      if (c < 'a' || c > 'z') return 0;
    uint32_t found = 0;
    auto take = [&](uint32_t id) {
      if (id == 0) return true;
      if (id == UINT32_MAX || (found && found != id)) return false;
      found = id;
      return true;
    };
    if (!take(FindDeletion(Fnv(w, std::string::npos)))) return 0;  // a letter missing
    for (size_t i = 0; i < w.size(); ++i) {
      std::string shorter = w.substr(0, i) + w.substr(i + 1);
      auto it = token_ids.find(shorter);  // an extra letter
      if (it != token_ids.end() && IsTypoCandidate(shorter) && !take(it->second)) return 0;
      if (!take(FindDeletion(Fnv(w, i)))) return 0;  // a wrong or swapped letter
    }
    return found;
  }

  std::unique_ptr<TextAnalyzer> Borrow() const {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (!pool.empty()) {
        auto t = std::move(pool.back());
        pool.pop_back();
        return t;
      }
    }
    return std::make_unique<TextAnalyzer>();
  }
  void Return(std::unique_ptr<TextAnalyzer> t) const {
    std::lock_guard<std::mutex> lock(mu);
    pool.push_back(std::move(t));
  }

  bool IsAncestor(int32_t a, int32_t v) const {  // a is v or above it
    for (int32_t x = v; x >= 0; x = values[x].parent)
      if (x == a) return true;
    return false;
  }

  // 2 = the query value fits the node's values, 1 = compatible but not decisive, 0 = conflicts.
  int Fit(uint32_t sub, uint32_t attr, const std::vector<uint16_t>& query) const {
    const std::vector<uint16_t>& have = sub_attrs[sub][attr];
    int best = 0;
    for (uint16_t q : query) {
      for (uint16_t v : have) {
        if (v == other_value) {
          bool named = false;
          for (uint16_t s : sub_siblings[sub][attr]) named = named || IsAncestor(s, q) || IsAncestor(q, s);
          if (!named) best = std::max(best, 2);
        } else if (IsAncestor(v, q)) {
          best = std::max(best, 2);
        } else if (IsAncestor(q, v)) {
          best = std::max(best, 1);
        }
      }
    }
    return best;
  }
};

HsClassifier::HsClassifier() : impl_(new Impl) {}
HsClassifier::~HsClassifier() = default;
const std::string& HsClassifier::hash() const { return impl_->hash; }
const std::string& HsClassifier::edition() const { return impl_->edition; }
std::vector<std::string> HsClassifier::languages() const { return {impl_->languages.begin(), impl_->languages.end()}; }
double HsClassifier::Setting(std::string_view key) const { return impl_->S(std::string(key).c_str()); }

namespace {

HsGuidanceLoad Fail(PackError e, std::string detail) {
  HsGuidanceLoad r;
  r.error = e;
  r.detail = std::move(detail);
  return r;
}

}  // namespace

HsGuidanceLoad HsClassifier::Load(const Pack& common, std::string_view bytes) {
  return Load(common, std::vector<std::string_view>{bytes});
}

HsGuidanceLoad HsClassifier::Load(const Pack& common, const std::vector<std::string_view>& parts) {
  if (parts.empty()) return Fail(PackError::kTruncated, "no guidance pack");
  std::string_view bytes = parts[0];
  Json doc;
  std::string detail;
  if (PackError e = internal::ReadEnvelope(bytes, &doc, &detail); e != PackError::kOk) return Fail(e, detail);
  const std::string* kind = Str(doc, "kind");
  if (!kind || *kind != "hs-guidance") return Fail(PackError::kCorrupt, "not an HS guidance pack");
  std::unique_ptr<HsClassifier> c(new HsClassifier);
  Impl& m = *c->impl_;
  m.common = &common;
  m.hash = "sha256:" + Sha256Hex(bytes);
  for (auto [key, out] : {std::pair<const char*, std::string*>{"edition", &m.edition}, {"ruleset", &m.ruleset}}) {
    const std::string* s = Str(doc, key);
    if (!s) return Fail(PackError::kCorrupt, key);
    *out = *s;
  }
  if (m.edition != common.hs_edition()) return Fail(PackError::kCorrupt, "edition differs from the common pack");
  auto obj = [&](const char* key) -> const Json* {
    auto it = doc.find(key);
    return it != doc.end() ? &*it : nullptr;
  };
  const Json* scoring = obj("scoring");
  const Json* cal = obj("calibration");
  const Json* attributes = obj("attributes");
  const Json* nodes = obj("nodes");
  if (!scoring || !scoring->is_object() || !cal || !cal->is_object() || !attributes || !attributes->is_array() ||
      !nodes || !nodes->is_array()) {
    return Fail(PackError::kCorrupt, "guidance parts");
  }
  for (const auto& [k, v] : scoring->items())
    if (v.is_number()) m.scoring[k] = v.get<double>();
  m.cal_power = static_cast<int>(Num(*cal, "power", 2));
  if (m.cal_power < 1 || m.cal_power > 4) return Fail(PackError::kCorrupt, "calibration power");
  m.cal_coverage = Num(*cal, "coverage", 0);
  m.cal_margin = Num(*cal, "margin", 0);
  m.cal_bias = Num(*cal, "bias", 0);

  // The tree, from the common pack's codes.
  for (const HsNode& h : common.hs_codes()) {
    Node n;
    n.code = h.code;
    m.node_by_code[h.code] = static_cast<uint32_t>(m.nodes.size());
    m.nodes.push_back(std::move(n));
  }
  for (uint32_t i = 0; i < m.nodes.size(); ++i) {
    Node& n = m.nodes[i];
    if (n.code.size() == 6) m.subs.push_back(i);
    if (n.code.size() >= 4) {
      auto ch = m.node_by_code.find(n.code.substr(0, 2));
      if (ch != m.node_by_code.end()) n.chapter = static_cast<int32_t>(ch->second);
    }
    if (n.code.size() == 6) {
      auto hd = m.node_by_code.find(n.code.substr(0, 4));
      if (hd != m.node_by_code.end()) n.heading = static_cast<int32_t>(hd->second);
    }
  }
  for (Node& n : m.nodes) {
    auto lo = std::lower_bound(m.subs.begin(), m.subs.end(), n.code,
                               [&](uint32_t s, const std::string& code) { return m.nodes[s].code < code; });
    auto hi = lo;
    while (hi != m.subs.end() && m.nodes[*hi].code.compare(0, n.code.size(), n.code) == 0) ++hi;
    n.sub_begin = static_cast<uint32_t>(lo - m.subs.begin());
    n.sub_end = static_cast<uint32_t>(hi - m.subs.begin());
  }

  auto ta = std::make_unique<TextAnalyzer>();
  if (!ta->ok()) return Fail(PackError::kCorrupt, "ICU text services unavailable");

  // Attributes and their words.
  std::map<std::pair<uint32_t, std::string>, uint32_t> value_index;
  for (const Json& a : *attributes) {
    const std::string* id = Str(a, "id");
    auto vals = a.find("values");
    if (!id || vals == a.end() || !vals->is_array()) return Fail(PackError::kCorrupt, "attribute");
    Attribute at;
    at.id = *id;
    if (auto l = a.find("label"); l != a.end() && l->is_object())
      for (const auto& [lang, text] : l->items())
        if (text.is_string()) at.label[lang] = text.get<std::string>();
    uint32_t ai = static_cast<uint32_t>(m.attrs.size());
    for (const Json& v : *vals) {
      const std::string* vid = Str(v, "id");
      if (!vid) return Fail(PackError::kCorrupt, "attribute value");
      Value val;
      val.attr = ai;
      val.id = *vid;
      auto prior = v.find("prior");
      if (prior == v.end() || !prior->is_number()) return Fail(PackError::kCorrupt, "prior of " + *vid);
      val.prior = prior->get<double>();  // datasets/hs/attributes.json, never a default here
      if (const std::string* l = Str(v, "label")) val.label = *l;
      value_index[{ai, *vid}] = static_cast<uint32_t>(m.values.size());
      at.values.push_back(static_cast<uint32_t>(m.values.size()));
      m.values.push_back(std::move(val));
    }
    m.attrs.push_back(std::move(at));
  }
  if (m.values.size() >= UINT16_MAX) return Fail(PackError::kCorrupt, "too many attribute values");
  for (const Json& a : *attributes) {
    uint32_t ai = static_cast<uint32_t>(&a - &(*attributes)[0]);
    for (const Json& v : a["values"]) {
      uint32_t vi = value_index[{ai, v["id"].get<std::string>()}];
      if (const std::string* p = Str(v, "parent")) {
        auto it = value_index.find({ai, *p});
        if (it == value_index.end()) return Fail(PackError::kCorrupt, "parent " + *p);
        m.values[vi].parent = static_cast<int32_t>(it->second);
      }
      if (m.values[vi].id == "other") m.other_value = static_cast<uint16_t>(vi);
      if (auto t = v.find("terms"); t != v.end() && t->is_object()) {
        for (const auto& [lang, list] : t->items()) {
          uint8_t li = m.Lang(lang);
          if (!list.is_array()) continue;
          for (const Json& w : list) {
            if (!w.is_string()) continue;
            if (!m.values[vi].labels.count(lang)) m.values[vi].labels[lang] = w.get<std::string>();
            if (m.values[vi].id != "other") m.Add(ta.get(), w.get<std::string>(), {kAttr, li, vi});
          }
        }
      }
    }
  }

  // Markers and noise words.
  if (const Json* cm = obj("context_markers"); cm && cm->is_array()) {
    for (const Json& g : *cm) {
      const std::string* lang = Str(g, "lang");
      const std::string* side = Str(g, "side");
      auto words = g.find("words");
      if (!lang || !side || words == g.end() || !words->is_array()) return Fail(PackError::kCorrupt, "context_markers");
      uint8_t li = m.Lang(*lang);
      for (const Json& w : *words)
        if (w.is_string()) m.Add(ta.get(), w.get<std::string>(), {*side == "before" ? kMarkerBefore : kMarkerAfter, li, 0});
    }
  }
  std::vector<std::string> head_first;
  if (const Json* hf = obj("head_first"); hf && hf->is_array())
    for (const Json& l : *hf)
      if (l.is_string()) head_first.push_back(l.get<std::string>());
  if (const Json* noise = obj("noise"); noise && noise->is_object()) {
    for (const auto& [lang, list] : noise->items()) {
      uint8_t li = m.Lang(lang);
      if (list.is_array())
        for (const Json& w : list)
          if (w.is_string()) m.Add(ta.get(), w.get<std::string>(), {kNoise, li, 0});
    }
  }

  // Node vocabulary: the core's nodes, then those of each language part.
  m.node_attrs.assign(m.nodes.size(), std::vector<std::vector<uint16_t>>(m.attrs.size()));
  std::vector<Json> part_docs;
  std::string hashes = m.hash;
  m.languages.insert("en");
  for (size_t i = 1; i < parts.size(); ++i) {
    Json part;
    if (PackError e = internal::ReadEnvelope(parts[i], &part, &detail); e != PackError::kOk) {
      return Fail(e, "part " + std::to_string(i) + ": " + detail);
    }
    const std::string* pk = Str(part, "kind");
    const std::string* lang = Str(part, "lang");
    const std::string* version = Str(part, "data_version");
    const std::string* core_version = Str(doc, "data_version");
    if (!pk || *pk != "hs-guidance-terms" || !lang) return Fail(PackError::kCorrupt, "part " + std::to_string(i) + " is not a guidance language part");
    if (!version || !core_version || *version != *core_version) {
      return Fail(PackError::kCorrupt, "part " + *lang + " is from another data version");
    }
    if (auto pn = part.find("nodes"); pn == part.end() || !pn->is_array()) return Fail(PackError::kCorrupt, "part " + *lang + " nodes");
    m.languages.insert(*lang);
    hashes += ",sha256:" + Sha256Hex(parts[i]);
    part_docs.push_back(std::move(part));
  }
  // One part: its own hash, as for every pack; several: the hash of their hashes in order.
  if (parts.size() > 1) m.hash = "sha256:" + Sha256Hex(hashes);
  std::vector<const Json*> node_lists = {nodes};
  for (const Json& p : part_docs) node_lists.push_back(&p["nodes"]);
  for (const Json* node_list : node_lists)
  for (const Json& n : *node_list) {
    const std::string* code = Str(n, "code");
    if (!code) return Fail(PackError::kCorrupt, "node code");
    auto found = m.node_by_code.find(*code);
    if (found == m.node_by_code.end()) return Fail(PackError::kCorrupt, "node " + *code + " not in the nomenclature");
    uint32_t ni = found->second;
    for (auto [key, pkind] : {std::pair<const char*, PostKind>{"terms", kTerm}, {"exclude", kExclude}}) {
      auto t = n.find(key);
      if (t == n.end() || !t->is_object()) continue;
      for (const auto& [lang, list] : t->items()) {
        uint8_t li = m.Lang(lang);
        if (!list.is_array()) continue;
        for (const Json& w : list)
          if (w.is_string()) m.Add(ta.get(), w.get<std::string>(), {pkind, li, ni});
      }
    }
    if (auto a = n.find("attrs"); a != n.end() && a->is_object()) {
      for (const auto& [attr, list] : a->items()) {
        uint32_t ai = 0;
        while (ai < m.attrs.size() && m.attrs[ai].id != attr) ++ai;
        if (ai == m.attrs.size() || !list.is_array()) return Fail(PackError::kCorrupt, "attrs of " + *code);
        for (const Json& v : list) {
          auto it = v.is_string() ? value_index.find({ai, v.get<std::string>()}) : value_index.end();
          if (it == value_index.end()) return Fail(PackError::kCorrupt, "attr value of " + *code);
          m.node_attrs[ni][ai].push_back(static_cast<uint16_t>(it->second));
        }
      }
    }
  }
  for (const std::string& l : m.langs) m.head_first.push_back(std::find(head_first.begin(), head_first.end(), l) != head_first.end());

  // Effective attributes of each subheading: its own, else its heading's, else its chapter's.
  m.sub_attrs.assign(m.subs.size(), std::vector<std::vector<uint16_t>>(m.attrs.size()));
  m.sub_siblings.assign(m.subs.size(), std::vector<std::vector<uint16_t>>(m.attrs.size()));
  for (uint32_t s = 0; s < m.subs.size(); ++s) {
    const Node& n = m.nodes[m.subs[s]];
    for (uint32_t a = 0; a < m.attrs.size(); ++a) {
      for (int32_t at : {static_cast<int32_t>(m.subs[s]), n.heading, n.chapter}) {
        if (at >= 0 && !m.node_attrs[at][a].empty()) {
          m.sub_attrs[s][a] = m.node_attrs[at][a];
          break;
        }
      }
    }
  }
  for (uint32_t s = 0; s < m.subs.size(); ++s) {
    int32_t h = m.nodes[m.subs[s]].heading;
    if (h < 0) continue;
    for (uint32_t a = 0; a < m.attrs.size(); ++a) {
      if (std::find(m.sub_attrs[s][a].begin(), m.sub_attrs[s][a].end(), m.other_value) == m.sub_attrs[s][a].end()) continue;
      for (uint32_t t = m.nodes[h].sub_begin; t < m.nodes[h].sub_end; ++t) {
        if (t == s) continue;
        for (uint16_t v : m.sub_attrs[t][a])
          if (v != m.other_value) m.sub_siblings[s][a].push_back(v);
      }
    }
  }

  // One posting per (kind, target), first language kept.
  for (Phrase& p : m.phrases) {
    std::stable_sort(p.postings.begin(), p.postings.end(), [](const Posting& a, const Posting& b) {
      return a.kind != b.kind ? a.kind < b.kind : a.target < b.target;
    });
    p.postings.erase(std::unique(p.postings.begin(), p.postings.end(),
                                 [](const Posting& a, const Posting& b) { return a.kind == b.kind && a.target == b.target; }),
                     p.postings.end());
  }

  // Phrase weights: rarer phrases and longer ones say more. Rarity counts headings (a chapter
  // term reaches all of its headings), so a heading's product words weigh as much as a
  // subheading's; within a heading, subheading terms add on top.
  std::vector<double> headings_in(m.nodes.size(), 0);
  double total = 0;
  for (const Node& n : m.nodes) {
    if (n.code.size() != 4) continue;
    total += 1;
    auto ch = m.node_by_code.find(n.code.substr(0, 2));
    if (ch != m.node_by_code.end()) headings_in[ch->second] += 1;
  }
  total = std::max(total, 1.0);
  for (Phrase& p : m.phrases) {
    double df = 0;
    for (const Posting& q : p.postings)
      if (q.kind == kTerm) df += m.nodes[q.target].code.size() == 2 ? std::max(1.0, headings_in[q.target]) : 1;
    if (df <= 0) continue;
    double len = p.words < 1 ? m.S("single_cjk_factor") : 1 + m.S("length_bonus") * (p.words - 1);
    p.weight = DetLog(1 + total / df) * len;
  }
  for (auto& [first, list] : m.by_first) {
    std::sort(list.begin(), list.end(), [&](uint32_t a, uint32_t b) {
      return m.phrases[a].tokens.size() != m.phrases[b].tokens.size() ? m.phrases[a].tokens.size() > m.phrases[b].tokens.size() : a < b;
    });
  }

  // Whole-description stop words (DQ-02 lists) make a description vague.
  for (const TermList& l : common.lists()) {
    if (l.kind != "stop_words") continue;
    for (const TermList::Entry& e : l.entries) {
      std::vector<std::string> forms = e.aliases;
      forms.push_back(e.term);
      for (const std::string& f : forms) {
        std::string key;
        for (const Token& t : Tokenize(ta.get(), f)) key += t.text + " ";
        if (!key.empty()) m.stop_keys.push_back(key);
      }
    }
  }
  std::sort(m.stop_keys.begin(), m.stop_keys.end());

  // One-letter deletions of every longer ASCII word, for typo matching.
  for (const auto& [word, id] : m.token_ids) {
    if (!IsTypoCandidate(word)) continue;
    for (size_t i = 0; i < word.size(); ++i) {
      if (i > 0 && word[i] == word[i - 1]) continue;  // same deletion as the previous letter
      m.deletions.push_back({Fnv(word, i), id});
    }
  }
  std::sort(m.deletions.begin(), m.deletions.end());
  std::vector<std::pair<uint64_t, uint32_t>> merged;
  for (const auto& d : m.deletions) {
    if (!merged.empty() && merged.back().first == d.first) {
      if (merged.back().second != d.second) merged.back().second = UINT32_MAX;
    } else {
      merged.push_back(d);
    }
  }
  m.deletions = std::move(merged);
  m.pool.push_back(std::move(ta));
  HsGuidanceLoad ok;
  ok.classifier = std::move(c);
  return ok;
}

HsResult HsClassifier::Classify(std::string_view text, const HsClassifyOptions& options) const {
  const Impl& m = *impl_;
  HsResult r;
  std::unique_ptr<TextAnalyzer> ta = m.Borrow();
  // Only the first words are read: product descriptions are short, and matching grows with the
  // square of the words (a 1 MB "description" must not stall a server).
  size_t cut = std::min(text.size(), static_cast<size_t>(m.S("max_bytes")));
  while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // whole code points
  std::vector<Token> toks = Tokenize(ta.get(), text.substr(0, cut));
  m.Return(std::move(ta));
  if (toks.size() > static_cast<size_t>(m.S("max_words"))) toks.resize(static_cast<size_t>(m.S("max_words")));

  std::vector<uint32_t> ids(toks.size());
  std::vector<bool> typo(toks.size(), false);
  for (size_t i = 0; i < toks.size(); ++i) {
    auto it = m.token_ids.find(toks[i].text);
    ids[i] = it == m.token_ids.end() ? 0 : it->second;
    if (!ids[i] && !toks[i].cjk) {
      ids[i] = m.Typo(toks[i].text);
      typo[i] = ids[i] != 0;
    }
  }
  // Every phrase occurrence.
  std::vector<Match> found;
  for (uint32_t i = 0; i < ids.size(); ++i) {
    if (!ids[i]) continue;
    auto list = m.by_first.find(ids[i]);
    if (list == m.by_first.end()) continue;
    for (uint32_t p : list->second) {
      const std::vector<uint32_t>& t = m.phrases[p].tokens;
      if (i + t.size() > ids.size() || !std::equal(t.begin(), t.end(), ids.begin() + i)) continue;
      Match mt{i, static_cast<uint32_t>(t.size()), p};
      for (uint32_t k = i; k < i + t.size(); ++k)
        if (typo[k]) mt.factor *= m.S("typo_factor");
      found.push_back(mt);
    }
  }
  auto has = [&](const Match& mt, PostKind k) {
    for (const Posting& q : m.phrases[mt.phrase].postings)
      if (q.kind == k) return true;
    return false;
  };
  // Of one kind, a match inside a longer one gives way to it ("phone" inside "phone case").
  auto outermost = [&](PostKind k) {
    std::vector<Match> out;
    for (const Match& a : found) {
      if (!has(a, k)) continue;
      bool inside = false;
      for (const Match& b : found) {
        inside = inside || (has(b, k) && b.len > a.len && b.start <= a.start && b.start + b.len >= a.start + a.len);
      }
      if (!inside) out.push_back(a);
    }
    return out;
  };
  std::vector<Match> terms = outermost(kTerm), attr_matches = outermost(kAttr);
  // A word that is also a function word or marker in some language ("the": French "thé" folded)
  // does not name goods.
  terms.erase(std::remove_if(terms.begin(), terms.end(),
                             [&](const Match& t) { return has(t, kNoise) || has(t, kMarkerAfter) || has(t, kMarkerBefore); }),
              terms.end());
  // Words that are all attribute words ("cotton", "woven cotton", "silicone") are modifiers when
  // other words name the goods: "jeans of woven cotton" are not cotton fabric.
  std::vector<uint8_t> attr_word(toks.size(), 0);
  for (const Match& a : found)
    if (has(a, kAttr))
      for (uint32_t k = a.start; k < a.start + a.len; ++k) attr_word[k] = 1;
  auto modifier = [&](const Match& t) {
    for (uint32_t k = t.start; k < t.start + t.len; ++k)
      if (!attr_word[k]) return false;
    return true;
  };
  bool plain_product = false;
  for (const Match& t : terms) plain_product = plain_product || !modifier(t);
  if (plain_product) {
    for (Match& t : terms)
      if (modifier(t)) t.factor *= m.S("modifier_factor");
  }

  // How much of the description is understood: words of terms and attributes over all words
  // that are not noise, markers or bare numbers.
  std::vector<uint8_t> role(toks.size(), 0);  // 1 = content, 0 = ignored
  for (size_t i = 0; i < toks.size(); ++i) {
    bool digits = !toks[i].cjk && std::all_of(toks[i].text.begin(), toks[i].text.end(), [](char c) { return c >= '0' && c <= '9'; });
    role[i] = digits ? 0 : 1;
  }
  for (const Match& f : found)
    if (has(f, kNoise) || has(f, kMarkerAfter) || has(f, kMarkerBefore))
      for (uint32_t k = f.start; k < f.start + f.len; ++k) role[k] = 0;
  std::vector<uint8_t> understood(toks.size(), 0);
  for (const std::vector<Match>* list : {&terms, &attr_matches})
    for (const Match& f : *list)
      for (uint32_t k = f.start; k < f.start + f.len; ++k) understood[k] = 1;
  double content = 0, covered = 0;
  std::string content_key;
  for (size_t i = 0; i < toks.size(); ++i) {
    if (!role[i] && !understood[i]) continue;
    double w = toks[i].cjk ? m.S("cjk_char_words") : 1;
    content += w;
    if (understood[i]) covered += w;
    content_key += toks[i].text + " ";
  }
  r.coverage = content > 0 ? covered / content : 0;
  if (content_key.empty()) {
    r.vague = true;
    r.vague_reason = "no_words";
    return r;
  }
  if (std::binary_search(m.stop_keys.begin(), m.stop_keys.end(), content_key)) {
    r.vague = true;
    r.vague_reason = "stop_word";
    return r;
  }
  if (terms.empty()) {
    r.vague = true;
    r.vague_reason = "no_match";
    return r;
  }

  // Context: what follows "for" (or precedes Japanese 用) is what the goods go with.
  uint32_t context_begin = 0, context_end = 0;  // token range; empty when none
  for (const Match& f : found) {
    bool after = has(f, kMarkerAfter), before = has(f, kMarkerBefore);
    if (!after && !before) continue;
    bool product_on_other_side = false;
    for (const Match& t : terms)
      product_on_other_side = product_on_other_side || (after ? t.start + t.len <= f.start : t.start >= f.start + f.len);
    if (!product_on_other_side) continue;
    for (Match& t : terms) {
      bool in_context = after ? t.start >= f.start + f.len : t.start + t.len <= f.start;
      if (in_context) t.factor *= m.S("context_factor");
    }
    context_begin = after ? f.start + f.len : 0;
    context_end = after ? static_cast<uint32_t>(toks.size()) : f.start;
    break;
  }
  // The head noun: last in most languages, first in head_first ones.
  auto lang_of = [&](const Match& t) {
    for (const Posting& q : m.phrases[t.phrase].postings)
      if (q.kind == kTerm) return q.lang;
    return uint8_t{0};
  };
  {
    const Match* first = nullptr;
    const Match* last = nullptr;
    for (const Match& t : terms) {
      if (t.factor < 1) continue;
      if (!first || t.start < first->start) first = &t;
      if (!last || t.start > last->start) last = &t;
    }
    if (first && last && first != last) {
      // The first word's language decides where the head is.
      const Match* head = m.head_first[lang_of(*first)] ? first : last;
      for (Match& t : terms)
        if (&t == head) t.factor *= m.S("head_factor");
    }
  }

  // Scores per node, then per subheading (a node's score reaches its whole subtree).
  std::vector<double> node_score(m.nodes.size(), 0);
  std::vector<uint32_t> scored_nodes;
  for (const Match& t : terms) {
    const Phrase& p = m.phrases[t.phrase];
    for (const Posting& q : p.postings) {
      if (q.kind != kTerm) continue;
      if (node_score[q.target] == 0) scored_nodes.push_back(q.target);
      node_score[q.target] += p.weight * t.factor;
    }
  }
  // Exclusion words count where they describe the goods, not in the context ("earphones with
  // charging case" are still earphones).
  std::vector<bool> excluded(m.nodes.size(), false);
  for (const Match& f : found) {
    if (f.start >= context_begin && f.start + f.len <= context_end) continue;
    for (const Posting& q : m.phrases[f.phrase].postings)
      if (q.kind == kExclude) excluded[q.target] = true;
  }

  // Attribute values named by the text, then by the caller's answers (which win).
  std::vector<std::vector<uint16_t>> query(m.attrs.size());
  for (const Match& a : attr_matches)
    for (const Posting& q : m.phrases[a.phrase].postings)
      if (q.kind == kAttr) {
        std::vector<uint16_t>& v = query[m.values[q.target].attr];
        if (std::find(v.begin(), v.end(), q.target) == v.end()) v.push_back(static_cast<uint16_t>(q.target));
      }
  for (const auto& [attr, value] : options.answers) {
    for (uint32_t ai = 0; ai < m.attrs.size(); ++ai) {
      if (m.attrs[ai].id != attr) continue;
      for (uint32_t vi : m.attrs[ai].values)
        if (m.values[vi].id == value) query[ai] = {static_cast<uint16_t>(vi)};
    }
  }

  std::vector<double> sub_raw(m.subs.size(), 0);
  std::vector<uint32_t> cands;
  for (uint32_t n : scored_nodes) {
    for (uint32_t s = m.nodes[n].sub_begin; s < m.nodes[n].sub_end; ++s) {
      if (sub_raw[s] == 0) cands.push_back(s);
      sub_raw[s] += node_score[n];
    }
  }
  struct Scored {
    uint32_t sub;
    double score;
    int decided = 0;  // 0 terms, 1 attribute, 2 default
  };
  std::vector<Scored> ranked;
  for (uint32_t s : cands) {
    double score = sub_raw[s];
    int decided = 0;
    const Node& n = m.nodes[m.subs[s]];
    for (int32_t at : {static_cast<int32_t>(m.subs[s]), n.heading, n.chapter})
      if (at >= 0 && excluded[at]) score *= m.S("exclude_factor");
    for (uint32_t a = 0; a < m.attrs.size(); ++a) {
      const std::vector<uint16_t>& have = m.sub_attrs[s][a];
      if (have.empty()) continue;
      if (!query[a].empty()) {
        int fit = m.Fit(s, a, query[a]);
        if (fit == 2) {
          score *= m.S("attribute_match");
          decided = 1;
        } else if (fit == 0) {
          score *= m.S("attribute_mismatch");
        }
      } else {
        double prior = 0;
        for (uint16_t v : have) prior = std::max(prior, m.values[v].prior);
        score *= prior;
        if (decided == 0) decided = 2;
      }
    }
    ranked.push_back({s, score, decided});
  }
  std::sort(ranked.begin(), ranked.end(), [&](const Scored& a, const Scored& b) {
    return a.score != b.score ? a.score > b.score : a.sub < b.sub;
  });
  size_t pool = std::min<size_t>(ranked.size(), static_cast<size_t>(std::max(1.0, m.S("candidate_pool"))));
  ranked.resize(pool);

  // Calibration: the top candidate's probability from coverage and its share of the pool; the
  // rest share what is left in proportion to score^power.
  std::vector<double> powered(pool);
  double sum = 0;
  for (size_t i = 0; i < pool; ++i) {
    double p = 1;
    for (int k = 0; k < m.cal_power; ++k) p *= ranked[i].score;
    powered[i] = p;
    sum += p;
  }
  double share1 = sum > 0 ? powered[0] / sum : 0;
  r.top_share = share1;
  double p1 = 1 / (1 + DetExp(-(m.cal_coverage * r.coverage + m.cal_margin * share1 + m.cal_bias)));
  size_t top = static_cast<size_t>(std::clamp(options.top, 1, 20));
  for (size_t i = 0; i < pool && i < top; ++i) {
    double p = i == 0 ? p1 : (sum - powered[0] > 0 ? (1 - p1) * powered[i] / (sum - powered[0]) : 0);
    HsCandidate c;
    const uint32_t s = ranked[i].sub;
    const Node& n = m.nodes[m.subs[s]];
    c.hs6 = n.code;
    c.raw = ranked[i].score;
    c.score_milli = static_cast<int>(p * 1000 + 0.5);
    c.rule = ranked[i].decided == 1 ? "attribute" : ranked[i].decided == 2 ? "default" : "terms";
    for (const Match& t : terms) {
      for (const Posting& q : m.phrases[t.phrase].postings) {
        if (q.kind != kTerm) continue;
        if (q.target == m.subs[s] || static_cast<int32_t>(q.target) == n.heading || static_cast<int32_t>(q.target) == n.chapter) {
          c.matched.push_back({m.phrases[t.phrase].text, m.nodes[q.target].code, m.langs[q.lang]});
        }
      }
    }
    for (uint32_t a = 0; a < m.attrs.size(); ++a) {
      const std::vector<uint16_t>& have = m.sub_attrs[s][a];
      if (have.empty()) continue;
      if (!query[a].empty()) {
        if (m.Fit(s, a, query[a]) == 2) c.attributes.push_back({m.attrs[a].id, m.values[query[a][0]].id, "match"});
      } else {
        c.attributes.push_back({m.attrs[a].id, m.values[have[0]].id, "assumed"});
      }
    }
    r.candidates.push_back(std::move(c));
  }

  // A question when an attribute the text does not give separates close candidates.
  double bar = ranked.empty() ? 0 : ranked[0].score * m.S("question_ratio");
  for (size_t j = 1; j < pool && !r.question && ranked[j].score >= bar; ++j) {
    for (uint32_t a = 0; a < m.attrs.size() && !r.question; ++a) {
      if (!query[a].empty()) continue;
      const std::vector<uint16_t>& top_vals = m.sub_attrs[ranked[0].sub][a];
      const std::vector<uint16_t>& other = m.sub_attrs[ranked[j].sub][a];
      if (top_vals.empty() || other.empty() || top_vals == other) continue;
      HsQuestion q;
      q.attribute = m.attrs[a].id;
      for (size_t k = 0; k < pool && ranked[k].score >= bar && q.options.size() < 6; ++k) {
        // Every value a close candidate accepts, in candidate order ("other" stays last).
        for (uint16_t v : m.sub_attrs[ranked[k].sub][a]) {
          const std::string& id = m.values[v].id;
          if (q.options.size() < 6 && std::find(q.options.begin(), q.options.end(), id) == q.options.end()) q.options.push_back(id);
        }
      }
      if (q.options.size() >= 2) r.question = std::move(q);
    }
  }
  return r;
}

HsResult HsClassifier::ClassifyLine(std::string_view line, const HsClassifyOptions& options, Json* id) const {
  *id = nullptr;
  HsResult r;
  size_t bad = 0;
  internal::InputDoc input;
  internal::JsonSyntaxError syntax;
  auto fail = [&](Problem p) {
    r.vague = true;
    r.vague_reason = "input";
    r.problems.push_back(std::move(p));
    return r;
  };
  if (!IsValidUtf8(line, &bad)) return fail(MakeProblem(ProblemCode::TEXT_ENCODING, "", {{"offset", bad}}));
  if (!input.Parse(line, &syntax)) {
    Json args = {{"offset", syntax.offset}, {"reason", syntax.reason}};
    if (!syntax.token.empty()) args["token"] = syntax.token;
    if (syntax.reason == "too_deep") args["max_depth"] = internal::kMaxJsonDepth;
    return fail(MakeProblem(ProblemCode::JSON_SYNTAX, "", std::move(args)));
  }
  internal::InputValue doc = input.root();
  if (!doc.is_object()) {
    return fail(MakeProblem(ProblemCode::FIELD_TYPE, "", {{"expected", "object"}, {"actual", std::string(doc.kind_name())}}));
  }
  if (internal::InputValue v = doc.find("id"); v && v.is_string()) *id = std::string(v.text());
  internal::InputValue d = doc.field("description");
  if (!d || (d.is_string() && IsBlank(d.text()))) return fail(MakeProblem(ProblemCode::FIELD_MISSING, "/description"));
  if (!d.is_string()) {
    return fail(MakeProblem(ProblemCode::FIELD_TYPE, "/description", {{"expected", "string"}, {"actual", std::string(d.kind_name())}}));
  }
  HsClassifyOptions o = options;
  if (internal::InputValue a = doc.find("answers")) {
    if (!a.is_object()) {
      return fail(MakeProblem(ProblemCode::FIELD_TYPE, "/answers", {{"expected", "object"}, {"actual", std::string(a.kind_name())}}));
    }
    for (const auto& [k, v] : a.members()) {
      if (!v.is_string()) {
        return fail(MakeProblem(ProblemCode::FIELD_TYPE, "/answers/" + PointerToken(k), {{"expected", "string"}, {"actual", std::string(v.kind_name())}}));
      }
      o.answers[std::string(k)] = std::string(v.text());
    }
  }
  return Classify(d.text(), o);
}

std::string HsClassifier::ToJson(const Json& id, const HsResult& r, const HsClassifyOptions& options,
                                 const MessageRenderer* problem_text) const {
  const Impl& m = *impl_;
  std::string lang(options.locale.substr(0, options.locale.find_first_of("-_")));
  for (char& ch : lang) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  Json out = Json::object();
  out["id"] = id;
  Json cands = Json::array();
  for (const HsCandidate& c : r.candidates) {
    Json j = Json::object();
    j["hs6"] = c.hs6;
    j["score"] = c.score_milli / 1000.0;
    const HsNode* node = m.common->FindHs(c.hs6);
    j["title"] = node ? node->title : std::string();
    Json why = Json::object();
    Json terms = Json::array();
    for (const HsMatchedTerm& t : c.matched) terms.push_back({{"term", t.term}, {"code", t.code}, {"lang", t.lang}});
    why["terms"] = std::move(terms);
    Json attrs = Json::array();
    for (const HsAttributeFit& a : c.attributes) attrs.push_back({{"attribute", a.attribute}, {"value", a.value}, {"fit", a.fit}});
    why["attributes"] = std::move(attrs);
    why["rule"] = c.rule;
    j["why"] = std::move(why);
    cands.push_back(std::move(j));
  }
  out["candidates"] = std::move(cands);
  if (r.question) {
    Json q = Json::object();
    q["attribute"] = r.question->attribute;
    q["options"] = r.question->options;
    // Labels in the caller's language when the data has one, else English.
    for (const Attribute& a : m.attrs) {
      if (a.id != r.question->attribute) continue;
      auto l = a.label.find(lang);
      q["label"] = l != a.label.end() ? l->second : a.label.count("en") ? a.label.at("en") : a.id;
      Json labels = Json::array();
      for (const std::string& o : r.question->options) {
        for (uint32_t vi : a.values) {
          if (m.values[vi].id != o) continue;
          auto t = m.values[vi].labels.find(lang);
          labels.push_back(lang != "en" && t != m.values[vi].labels.end() ? t->second : m.values[vi].label);
        }
      }
      q["labels"] = std::move(labels);
    }
    out["question"] = std::move(q);
  } else {
    out["question"] = nullptr;
  }
  out["vague"] = r.vague;
  if (r.vague) out["vague_reason"] = r.vague_reason;
  if (!r.problems.empty()) {
    Json problems = Json::array();
    for (const Problem& p : r.problems) {
      std::string message = problem_text ? problem_text->Render(options.locale, p) : std::string();
      problems.push_back(ProblemJson(p, problem_text ? &message : nullptr));
    }
    out["problems"] = std::move(problems);
  }
  out["receipt"] = {{"ruleset", m.ruleset}, {"hash", m.hash}, {"edition", m.edition}, {"as_of", options.as_of},
                    {"languages", Json(std::vector<std::string>(m.languages.begin(), m.languages.end()))}};
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

HsClassifier::Stats HsClassifier::stats() const {
  const Impl& m = *impl_;
  Stats st;
  std::vector<bool> node_has(m.nodes.size(), false);
  for (const Phrase& p : m.phrases) {
    for (const Posting& q : p.postings) {
      if (q.kind != kTerm) continue;
      ++st.postings;
      ++st.terms_by_lang[m.langs[q.lang]];
      node_has[q.target] = true;
    }
    if (p.weight > 0) ++st.phrases;
  }
  for (size_t i = 0; i < m.nodes.size(); ++i) {
    if (!node_has[i]) continue;
    ++st.nodes_with_terms;
    if (m.nodes[i].code.size() == 6) ++st.subheadings_with_terms;
  }
  return st;
}

}  // namespace preclear
