#include "preclear/quality.h"

#include "preclear/hs.h"

#include "json_input.h"
#include "preclear/decimal.h"
#include "preclear/text.h"

#include <unicode/regex.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <map>
#include <mutex>
#include <set>

namespace preclear {

int Gs1CheckDigit(std::string_view d) {
  // Weights 3,1,3,... from the rightmost digit before the check digit.
  int sum = 0;
  for (size_t i = 0; i < d.size(); ++i) {
    int digit = d[d.size() - 1 - i] - '0';
    sum += digit * (i % 2 == 0 ? 3 : 1);
  }
  return (10 - sum % 10) % 10;
}

int S10CheckDigit(std::string_view serial8, const std::vector<int>& weights) {
  int sum = 0;
  for (size_t i = 0; i < serial8.size() && i < weights.size(); ++i) sum += (serial8[i] - '0') * weights[i];
  int c = 11 - sum % 11;
  return c == 10 ? 0 : c == 11 ? 5 : c;
}

namespace {

using Words = std::vector<std::string>;

// Light plural folding shared by descriptions and list terms (DQ-02 "plural-insensitive").
std::string Singular(std::string w) {
  if (w.size() > 2 && (w.compare(w.size() - 2, 2, "'s") == 0 || w.compare(w.size() - 2, 2, "\xE2\x80\x99s") == 0)) {
    w.resize(w.size() - 2);
  }
  auto ends = [&](const char* s) {
    size_t n = std::char_traits<char>::length(s);
    return w.size() > n && w.compare(w.size() - n, n, s) == 0;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3) + "y";
  if (w.size() > 4 && (ends("ches") || ends("shes") || ends("sses") || ends("xes"))) return w.substr(0, w.size() - 2);
  if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is")) return w.substr(0, w.size() - 1);
  return w;
}

bool IsNumeric(const std::string& w) {
  return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.' || c == ','; });
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Strip(const std::string& s, std::string_view chars) {
  std::string out;
  for (char c : s) {
    if (chars.find(c) == std::string_view::npos) out += c;
  }
  return out;
}

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Values at a JSON Pointer pattern ("*" = every index), with their concrete paths.
void Collect(const internal::InputValue& node, const std::vector<std::string>& tokens, size_t i, const std::string& path,
             std::vector<std::pair<std::string, internal::InputValue>>* out) {
  if (i == tokens.size()) {
    out->emplace_back(path, node);
    return;
  }
  if (tokens[i] == "*") {
    if (!node.is_array()) return;
    std::vector<internal::InputValue> list = node.elements();
    for (size_t k = 0; k < list.size(); ++k) Collect(list[k], tokens, i + 1, path + "/" + std::to_string(k), out);
    return;
  }
  if (!node.is_object()) return;
  internal::InputValue v = node.field(tokens[i]);
  if (!v) return;
  Collect(v, tokens, i + 1, path + "/" + PointerToken(tokens[i]), out);
}

struct Term {
  Words tokens;
  std::string published;  // as written in the list
  std::string list;
};

ProblemCode CodeByName(std::string_view name) {
  size_t n = 0;
  const ProblemInfo* infos = ProblemInfos(&n);
  for (size_t i = 0; i < n; ++i) {
    if (infos[i].name == name) return infos[i].code;
  }
  return ProblemCode::FIELD_VALUE;
}

}  // namespace

struct QualityRules::Impl {
  const Pack& pack;
  const HsClassifier* guidance = nullptr;  // DQ-05 concordance when set
  mutable std::mutex analyzers_mu;
  // Per-thread ICU state, pooled: a word iterator and the regex matchers built so far (building
  // a matcher costs more than running it).
  struct Scratch {
    TextAnalyzer text;
    std::map<const icu::RegexPattern*, std::unique_ptr<icu::RegexMatcher>> matchers;
  };
  mutable std::vector<std::unique_ptr<Scratch>> analyzers;
  std::map<std::string, std::unique_ptr<icu::RegexPattern>> patterns;  // by pattern text
  std::map<std::string, std::vector<Term>> stop_terms;                  // by list id
  std::vector<Term> placeholders;
  std::set<std::string> function_words;
  std::set<std::string> file_extensions;
  std::map<std::string, std::set<std::string>> word_chapters;           // DQ-05 title index
  std::map<std::string, std::map<std::string, int>> word_subheadings;   // word -> subheading -> hits
  std::set<std::string> calling_codes;
  std::set<std::string> placeholder_keys;                                // DQ-03, normalized
  std::map<std::string, std::string> placeholder_published;              // key -> term as listed
  std::map<std::string, std::map<std::string, std::vector<const Term*>>> stop_by_first;  // list -> first word -> terms
  struct Ids {
    std::string ioss_pattern, ioss_union, ioss_limit_currency;
    std::optional<Decimal> ioss_limit;
    bool ioss_inclusive = true;
    std::vector<std::string> ioss_excluded;
    std::string s10_pattern, awb_pattern, phone_pattern, phone_strip;
    std::vector<int> s10_weights;
    int awb_modulus = 7;
    std::vector<size_t> gtin_lengths;
    std::vector<size_t> hs_lengths;                // DQ-04: accepted digit counts
    std::vector<std::string> hs_national_chapters;  // DQ-04: not universal HS
    std::vector<std::string> s10_modes;             // DQ-20: modes whose documents must be S10
    bool has_ioss = false, has_phone = false;
  } ids;
  size_t min_repeated = 0;  // DQ-01: 0 = no repeated-character check
  std::map<std::string, std::pair<std::optional<Decimal>, std::optional<Decimal>>> bands;  // DQ-07

  explicit Impl(const Pack& p) : pack(p) {}

  struct Lease {
    const Impl& impl;
    std::unique_ptr<Scratch> a;
    explicit Lease(const Impl& i) : impl(i) {
      std::lock_guard<std::mutex> lock(impl.analyzers_mu);
      if (!impl.analyzers.empty()) {
        a = std::move(impl.analyzers.back());
        impl.analyzers.pop_back();
      }
      if (!a) a = std::make_unique<Scratch>();
    }
    ~Lease() {
      std::lock_guard<std::mutex> lock(impl.analyzers_mu);
      impl.analyzers.push_back(std::move(a));
    }
    TextAnalyzer* operator->() { return &a->text; }
    TextAnalyzer& operator*() { return a->text; }
  };

  Words Tokens(TextAnalyzer& t, const std::string& text) const {
    Words out;
    for (std::string& w : t.Words(t.Fold(text))) out.push_back(Singular(std::move(w)));
    return out;
  }

  void Compile(const std::string& pattern) {
    if (pattern.empty() || patterns.count(pattern)) return;
    UErrorCode status = U_ZERO_ERROR;
    UParseError pe;
    std::unique_ptr<icu::RegexPattern> re(
        icu::RegexPattern::compile(icu::UnicodeString::fromUTF8(pattern), 0, pe, status));
    if (U_SUCCESS(status)) patterns[pattern] = std::move(re);  // a bad pattern never matches
  }

  bool Matches(const std::string& pattern, const std::string& value, Scratch& scratch) const {
    auto it = patterns.find(pattern);
    if (it == patterns.end()) return true;  // nothing usable to test against
    UErrorCode status = U_ZERO_ERROR;
    icu::UnicodeString input = icu::UnicodeString::fromUTF8(value);
    std::unique_ptr<icu::RegexMatcher>& m = scratch.matchers[it->second.get()];
    if (!m) {
      m.reset(it->second->matcher(status));
      if (U_FAILURE(status)) {
        m.reset();
        return true;
      }
    }
    m->reset(input);  // the matcher keeps a pointer to |input| only until this call returns
    bool found = m->find(status);
    return U_SUCCESS(status) && found;
  }
};

QualityRules::QualityRules(const Pack& pack) : impl_(new Impl(pack)) {
  Impl& m = *impl_;
  Impl::Lease t(m);
  const Json& model = pack.model();
  if (auto text = model.find("text"); text != model.end()) {
    const Json function_words = text->value("function_words", Json::object());  // items() must not outlive it
    for (const auto& [lang, words] : function_words.items()) {
      for (const Json& w : words) m.function_words.insert(Singular(t->Fold(w.get<std::string>())));
    }
    for (const Json& e : text->value("file_extensions", Json::array())) m.file_extensions.insert(e.get<std::string>());
    m.min_repeated = text->value("min_repeated_characters", static_cast<size_t>(0));
  }
  for (const TermList& list : pack.lists()) {
    if (list.kind != "stop_words" && list.kind != "party_placeholders") continue;
    for (const TermList::Entry& e : list.entries) {
      if (e.disabled) continue;
      std::vector<std::string> forms = e.aliases;
      forms.insert(forms.begin(), e.term);
      for (const std::string& f : forms) {
        Term term{m.Tokens(*t, f), e.term, list.id};
        if (term.tokens.empty()) term.tokens.push_back(Strip(t->Fold(f), " "));  // "N/A" has no word
        (list.kind == "stop_words" ? m.stop_terms[list.id] : m.placeholders).push_back(std::move(term));
      }
    }
  }
  for (const auto& id : pack.RegimeIds()) {
    for (const FormatRule& f : pack.FindRegime(id)->formats) m.Compile(f.pattern);
  }
  for (const char* id : {"ioss", "s10", "awb", "phone"}) {
    auto ids = model.find("identifiers");
    if (ids != model.end() && ids->contains(id)) m.Compile((*ids)[id].value("pattern", std::string()));
  }
  if (auto a = model.find("addresses"); a != model.end()) {
    const Json countries = a->value("countries", Json::object());
    for (const auto& [cc, c] : countries.items()) {
      if (const AddressRules* r = pack.Address(cc)) {
        m.Compile(r->postcode_pattern);
        if (!r->calling_code.empty()) m.calling_codes.insert(r->calling_code);
      }
    }
  }
  for (const Term& term : m.placeholders) {
    std::string key;
    for (const std::string& w : term.tokens) key += w;
    key = Strip(key, "./-");
    m.placeholder_keys.insert(key);
    m.placeholder_published.emplace(key, term.published);
  }
  for (auto& [list, terms] : m.stop_terms) {
    for (const Term& term : terms) {
      if (!term.tokens.empty()) m.stop_by_first[list][term.tokens.front()].push_back(&term);
    }
  }
  if (auto ids = model.find("identifiers"); ids != model.end() && ids->is_object()) {
    Impl::Ids& d = m.ids;
    if (auto io = ids->find("ioss"); io != ids->end()) {
      d.has_ioss = true;
      d.ioss_pattern = io->value("pattern", std::string());
      d.ioss_union = io->value("union", std::string());
      const Json vl = io->value("value_limit", Json::object());
      DecimalResult limit = Decimal::Parse(vl.value("amount", std::string()));
      if (limit.ok) d.ioss_limit = limit.value;
      d.ioss_limit_currency = vl.value("currency", std::string());
      d.ioss_inclusive = vl.value("inclusive", true);
      for (const Json& l : io->value("excluded_lists", Json::array())) d.ioss_excluded.push_back(l.get<std::string>());
    }
    if (auto s10 = ids->find("s10"); s10 != ids->end()) {
      d.s10_pattern = s10->value("pattern", std::string());
      for (const Json& w : s10->value("weights", Json::array())) d.s10_weights.push_back(w.get<int>());
    }
    if (auto awb = ids->find("awb"); awb != ids->end()) {
      d.awb_pattern = awb->value("pattern", std::string());
      d.awb_modulus = awb->value("modulus", 7);
    }
    if (auto h = ids->find("hs"); h != ids->end()) {
      for (const Json& l : h->value("lengths", Json::array())) d.hs_lengths.push_back(l.get<size_t>());
      for (const Json& c : h->value("national_chapters", Json::array())) d.hs_national_chapters.push_back(c.get<std::string>());
    }
    if (auto s10 = ids->find("s10"); s10 != ids->end()) {
      for (const Json& md : s10->value("required_for_modes", Json::array())) d.s10_modes.push_back(md.get<std::string>());
    }
    if (auto g = ids->find("gtin"); g != ids->end()) {
      for (const Json& l : g->value("lengths", Json::array())) d.gtin_lengths.push_back(l.get<size_t>());
    }
    if (auto ph = ids->find("phone"); ph != ids->end()) {
      d.has_phone = true;
      d.phone_pattern = ph->value("pattern", std::string());
      d.phone_strip = ph->value("strip", std::string());
    }
  }
  if (auto vb = model.find("value_bands"); vb != model.end()) {
    const Json currencies = vb->value("currencies", Json::object());
    for (const auto& [cur, band] : currencies.items()) {
      DecimalResult lo = Decimal::Parse(band.value("min", std::string()));
      DecimalResult hi = Decimal::Parse(band.value("max", std::string()));
      m.bands[cur] = {lo.ok ? std::optional<Decimal>(lo.value) : std::nullopt, hi.ok ? std::optional<Decimal>(hi.value) : std::nullopt};
    }
  }
  // DQ-05: which chapters (and subheadings) each title word points to.
  for (const HsNode& n : pack.hs_codes()) {
    for (const std::string& w : m.Tokens(*t, n.title)) {
      if (w.size() < 3 || m.function_words.count(w) || IsNumeric(w)) continue;
      m.word_chapters[w].insert(n.code.substr(0, 2));
      if (n.code.size() == 6) m.word_subheadings[w][n.code] += 1;
    }
  }
}

QualityRules::~QualityRules() = default;

namespace {

class Checker {
 public:
  Checker(const QualityRules::Impl& m, QualityRules::Impl::Scratch& scratch, const internal::InputValue& doc, const Declaration& d, const Regime& regime,
          const Date& date, bool partial, std::vector<Problem>* out)
      : m_(m), scratch_(scratch), t_(scratch.text), doc_(doc), d_(d), regime_(regime), date_(date), partial_(partial), out_(*out) {}

  void Run() {
    RegimeFormats();
    for (size_t i = 0; i < d_.items.size(); ++i) CheckItem(i);
    Parties();
    Values();
    Ioss();
    Masses();
    TransportDocument();
  }

 private:
  void Report(ProblemCode code, std::string path, Json args) {
    out_.push_back(MakeProblem(code, std::move(path), std::move(args)));
  }
  bool Matches(const std::string& pattern, const std::string& value) { return m_.Matches(pattern, value, scratch_); }

  // A regime's expected formats (H7: 6-digit HS; US 2026: 10-digit HTS; ...).
  void RegimeFormats() {
    for (const FormatRule& f : regime_.formats) {
      if (!f.InForceOn(date_)) continue;
      std::vector<std::pair<std::string, internal::InputValue>> values;
      Collect(doc_, f.tokens, 0, "", &values);
      for (const auto& [path, v] : values) {
        if (!v.is_string()) continue;  // types are reported elsewhere
        std::string s(v.text());
        if (IsBlank(s) || Matches(f.pattern, s)) continue;
        Problem p = MakeProblem(CodeByName(f.code), path, {{"value", s.substr(0, 64)}, {"regime", regime_.id}, {"reason", "regime_format"}});
        p.rule = f.rule;
        out_.push_back(std::move(p));
      }
    }
  }

  std::string ItemPath(size_t i, const char* field) const { return "/items/" + std::to_string(i) + "/" + field; }

  // DQ-01: digits only, punctuation only, one character repeated, a file name.
  std::optional<std::string> PlaceholderReason(const std::string& raw) const {
    std::string s = Trim(raw);
    if (s.empty()) return std::nullopt;  // blank is FIELD_MISSING's business
    bool letters = false;
    bool one_char = true;  // every visible character the same (case-folded)
    UChar32 first = -1;
    int visible = 0;
    int32_t i = 0;
    const auto n = static_cast<int32_t>(s.size());
    while (i < n) {
      UChar32 c;
      U8_NEXT(s.data(), i, n, c);
      if (c < 0) return std::nullopt;
      if (u_isUWhiteSpace(c)) continue;
      ++visible;
      if (u_isalpha(c)) letters = true;
      UChar32 f = u_foldCase(c, U_FOLD_CASE_DEFAULT);
      if (first < 0) first = f;
      else if (f != first) one_char = false;
    }
    if (!letters) return std::string("no_letters");
    if (one_char && m_.min_repeated > 0 && static_cast<size_t>(visible) >= m_.min_repeated) return std::string("repeated_character");
    size_t dot = s.rfind('.');
    if (dot != std::string::npos && dot > 0 && s.find(' ') == std::string::npos) {
      std::string ext = t_.Fold(s.substr(dot + 1));
      if (m_.file_extensions.count(ext)) return std::string("file_name");
    }
    return std::nullopt;
  }

  const std::vector<std::string>& StopLists() const { return regime_.stop_word_lists; }

  // DQ-02 over the description's words.
  bool StopWords(const std::string& description, const Words& all_words, const std::string& path) {
    Words words;
    for (const std::string& w : all_words) {
      if (!IsNumeric(w)) words.push_back(w);
    }
    if (words.empty()) return false;
    std::vector<const Term*> hits;
    std::vector<bool> covered(words.size(), false);
    for (const TermList& list : m_.pack.lists()) {
      if (list.kind != "stop_words" || !list.InForceOn(date_)) continue;
      const auto& chosen = StopLists();
      if (!chosen.empty() && std::find(chosen.begin(), chosen.end(), list.id) == chosen.end()) continue;
      auto index = m_.stop_by_first.find(list.id);
      if (index == m_.stop_by_first.end()) continue;
      // Only terms starting with one of the description's words can occur in it.
      for (size_t k = 0; k < words.size(); ++k) {
        auto cands = index->second.find(words[k]);
        if (cands == index->second.end()) continue;
        for (const Term* term : cands->second) {
          if (term->tokens == words) {
            Report(ProblemCode::DESCRIPTION_STOP_WORD, path, {{"value", description.substr(0, 64)}, {"term", term->published}, {"list", term->list}});
            return true;
          }
          if (k + term->tokens.size() <= words.size() &&
              std::equal(term->tokens.begin(), term->tokens.end(), words.begin() + static_cast<long>(k))) {
            hits.push_back(term);
            for (size_t j = k; j < k + term->tokens.size(); ++j) covered[j] = true;
          }
        }
      }
    }
    if (hits.empty()) return false;
    int informative = 0;
    for (size_t k = 0; k < words.size(); ++k) {
      if (!covered[k] && words[k].size() >= 2 && !m_.function_words.count(words[k])) ++informative;
    }
    if (informative <= 1) {
      Report(ProblemCode::DESCRIPTION_GENERIC, path, {{"value", description.substr(0, 64)}, {"term", hits.front()->published}, {"list", hits.front()->list}});
      return true;
    }
    return false;
  }

  void CheckItem(size_t i) {
    const preclear::Item& it = d_.items[i];
    bool vague = false;
    words_.clear();
    if (it.description && !IsBlank(*it.description)) {
      std::string path = ItemPath(i, "description");
      if (std::optional<std::string> why = PlaceholderReason(*it.description)) {
        Report(ProblemCode::DESCRIPTION_PLACEHOLDER, path, {{"value", it.description->substr(0, 64)}, {"reason", *why}});
        vague = true;
      } else {
        for (std::string& w : t_.Words(t_.Fold(*it.description))) words_.push_back(Singular(std::move(w)));
        vague = StopWords(*it.description, words_, path);
      }
    }
    if (it.hs) Hs(i, *it.hs, vague);
    if (it.gtin && !IsBlank(*it.gtin)) Gtin(i, *it.gtin);
    if (it.unit_price && d_.currency) Plausible(ItemPath(i, "unit_price"), *it.unit_price);
  }

  // DQ-04 and DQ-05.
  void Hs(size_t i, const std::string& raw, bool vague) {
    std::string path = ItemPath(i, "hs");
    std::string n = Strip(raw, " .");
    bool digits = !n.empty() && std::all_of(n.begin(), n.end(), [](char c) { return c >= '0' && c <= '9'; });
    const std::vector<size_t>& lengths = m_.ids.hs_lengths;
    if (!digits || n.size() < 6 || (!lengths.empty() && std::find(lengths.begin(), lengths.end(), n.size()) == lengths.end())) {
      Report(ProblemCode::HS_FORMAT, path, {{"value", raw.substr(0, 64)}, {"reason", "digits"}});
      return;
    }
    if (n != raw) {
      Problem p = MakeProblem(ProblemCode::HS_FORMAT, path, {{"value", raw.substr(0, 64)}, {"reason", "separators"}, {"normalized", n}});
      p.severity = Severity::kWarning;
      out_.push_back(std::move(p));
    }
    std::string hs6 = n.substr(0, 6);
    std::string chapter = n.substr(0, 2);
    const std::vector<std::string>& national = m_.ids.hs_national_chapters;
    if (std::find(national.begin(), national.end(), chapter) != national.end()) {
      Report(ProblemCode::HS_UNKNOWN, path, {{"value", raw.substr(0, 64)}, {"reason", "national_provision"}});
      return;
    }
    if (m_.pack.hs_codes().empty()) return;
    if (!m_.pack.FindHs(hs6)) {
      Report(ProblemCode::HS_UNKNOWN, path, {{"value", raw.substr(0, 64)}, {"reason", "not_in_edition"}, {"edition", m_.pack.hs_edition()}});
      return;
    }
    if (vague || words_.empty()) return;
    if (m_.guidance) {
      GuidedConcordance(i, hs6);
    } else {
      Concordance(i, hs6);
    }
  }

  // DQ-05 with the guidance index: a warning when neither the declared heading nor its chapter
  // is among what the description supports, and the classifier is confident enough.
  void GuidedConcordance(size_t i, const std::string& hs6) {
    HsClassifyOptions o;
    o.top = 5;
    HsResult r = m_.guidance->Classify(*d_.items[i].description, o);
    if (r.vague || r.candidates.empty()) return;
    const int min_score = static_cast<int>(m_.guidance->Setting("concordance_min_score") * 1000);
    if (r.candidates[0].score_milli < min_score) return;
    bool same_heading = false, same_chapter = false;
    for (const HsCandidate& c : r.candidates) {
      same_heading = same_heading || c.hs6.compare(0, 4, hs6, 0, 4) == 0;
      same_chapter = same_chapter || c.hs6.compare(0, 2, hs6, 0, 2) == 0;
    }
    if (same_heading) return;
    const std::string& best = r.candidates[0].hs6;
    Json suggested = Json::array();
    for (size_t k = 0; k < r.candidates.size() && k < 3; ++k) suggested.push_back(r.candidates[k].hs6);
    Json args = {{"hs", hs6}, {"chapter", hs6.substr(0, 2)}, {"suggested_chapter", best.substr(0, 2)}, {"suggested", suggested}};
    if (same_chapter) {
      args["level"] = "heading";
      args["heading"] = hs6.substr(0, 4);
      args["suggested_heading"] = best.substr(0, 4);
    } else {
      args["level"] = "chapter";
    }
    Report(ProblemCode::HS_DESCRIPTION_MISMATCH, ItemPath(i, "hs"), std::move(args));
  }

  // DQ-05 without guidance: the description's title words should point to the declared chapter.
  void Concordance(size_t i, const std::string& hs6) {
    std::string chapter = hs6.substr(0, 2);
    std::map<std::string, double> score;
    bool any = false;
    for (const std::string& s : words_) {
      if (s.size() < 3 || m_.function_words.count(s) || IsNumeric(s)) continue;
      auto hit = m_.word_chapters.find(s);
      if (hit == m_.word_chapters.end()) continue;
      any = true;
      if (hit->second.count(chapter)) return;  // some support for the declared chapter
      for (const std::string& c : hit->second) score[c] += 1.0 / static_cast<double>(hit->second.size());
    }
    if (!any || score.empty()) return;
    auto best = std::max_element(score.begin(), score.end(), [](const auto& a, const auto& b) { return a.second < b.second; });
    if (best->second < 0.5) return;  // words spread over many chapters: say nothing
    // Suggest the subheadings of the best chapter that share the most words.
    std::map<std::string, int> subs;
    for (const std::string& w : words_) {
      auto hit = m_.word_subheadings.find(w);
      if (hit == m_.word_subheadings.end()) continue;
      for (const auto& [code, n] : hit->second) {
        if (code.compare(0, 2, best->first) == 0) subs[code] += n;
      }
    }
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [code, n] : subs) ranked.emplace_back(-n, code);
    std::sort(ranked.begin(), ranked.end());
    Json suggested = Json::array();
    for (size_t k = 0; k < ranked.size() && k < 3; ++k) suggested.push_back(ranked[k].second);
    Report(ProblemCode::HS_DESCRIPTION_MISMATCH, ItemPath(i, "hs"),
           {{"hs", hs6}, {"chapter", chapter}, {"suggested_chapter", best->first}, {"suggested", suggested}});
  }

  // DQ-14.
  void Gtin(size_t i, const std::string& raw) {
    std::string g = Strip(raw, " -");
    const std::vector<size_t>& lengths = m_.ids.gtin_lengths;
    bool digits = !g.empty() && std::all_of(g.begin(), g.end(), [](char c) { return c >= '0' && c <= '9'; });
    std::string path = ItemPath(i, "gtin");
    if (!digits || std::find(lengths.begin(), lengths.end(), g.size()) == lengths.end()) {
      Report(ProblemCode::GTIN_CHECK_DIGIT, path, {{"value", raw.substr(0, 64)}, {"reason", "length"}, {"lengths", lengths}});
      return;
    }
    int expected = Gs1CheckDigit(std::string_view(g).substr(0, g.size() - 1));
    if (g.back() - '0' != expected) {
      Report(ProblemCode::GTIN_CHECK_DIGIT, path, {{"value", raw.substr(0, 64)}, {"reason", "check_digit"}, {"expected", expected}});
    }
  }

  // DQ-07: zero or implausible magnitude for the currency.
  void Plausible(const std::string& path, const Decimal& price) {
    if (price.IsZero()) {
      Report(ProblemCode::VALUE_IMPLAUSIBLE, path, {{"value", price.ToString()}, {"currency", *d_.currency}, {"reason", "zero"}});
      return;
    }
    auto band = m_.bands.find(*d_.currency);
    if (band == m_.bands.end()) return;
    const std::optional<Decimal>& lo = band->second.first;
    const std::optional<Decimal>& hi = band->second.second;
    if (lo && price.Compare(*lo) < 0) {
      Report(ProblemCode::VALUE_IMPLAUSIBLE, path, {{"value", price.ToString()}, {"currency", *d_.currency}, {"reason", "low"}, {"min", lo->ToString()}});
    } else if (hi && price.Compare(*hi) > 0) {
      Report(ProblemCode::VALUE_IMPLAUSIBLE, path, {{"value", price.ToString()}, {"currency", *d_.currency}, {"reason", "high"}, {"max", hi->ToString()}});
    }
  }

  // Sum of quantity x unit price; nullopt when an item has no usable price.
  std::optional<Decimal> IntrinsicValue() const {
    Decimal sum;
    if (d_.items.empty()) return std::nullopt;
    for (const preclear::Item& it : d_.items) {
      if (!it.unit_price) return std::nullopt;
      DecimalResult line = it.unit_price->Mul(Decimal::FromInt(it.quantity.value_or(1)));
      if (!line.ok) return std::nullopt;
      DecimalResult s = sum.Add(line.value);
      if (!s.ok) return std::nullopt;
      sum = s.value;
    }
    return sum;
  }

  bool Over(const Decimal& value, const Decimal& limit, bool inclusive) const {
    int c = value.Compare(limit);
    return inclusive ? c > 0 : c >= 0;
  }

  // DQ-08/12/16: the regime's value ceiling and the band just under it; excise goods.
  void Values() {
    if (regime_.value_limit && regime_.value_limit->InForceOn(date_) && d_.currency &&
        *d_.currency == regime_.value_limit->currency) {
      const ValueLimit& vl = *regime_.value_limit;
      DecimalResult limit = Decimal::Parse(vl.amount);
      DecimalResult near = Decimal::Parse(vl.near_from);
      std::vector<std::pair<std::string, Decimal>> tested;
      if (vl.per == "item") {
        for (size_t i = 0; i < d_.items.size(); ++i) {
          if (d_.items[i].unit_price) tested.emplace_back(ItemPath(i, "unit_price"), *d_.items[i].unit_price);
        }
      } else if (std::optional<Decimal> v = IntrinsicValue()) {
        tested.emplace_back("/items", *v);
      }
      for (const auto& [path, value] : tested) {
        if (!limit.ok) break;
        Json args = {{"value", value.ToString()}, {"limit", vl.amount}, {"currency", vl.currency}, {"regime", regime_.id}, {"basis", vl.basis}};
        if (Over(value, limit.value, vl.inclusive)) {
          Report(ProblemCode::REGIME_VALUE_LIMIT, path, std::move(args));
        } else if (near.ok && value.Compare(near.value) >= 0) {
          Report(ProblemCode::VALUE_NEAR_THRESHOLD, path, std::move(args));
        }
      }
    }
    for (const std::string& id : regime_.excluded_lists) {
      const TermList* list = m_.pack.FindList(id);
      if (!list || !list->InForceOn(date_)) continue;
      for (size_t i = 0; i < d_.items.size(); ++i) {
        if (const TermList::HsEntry* e = ExciseEntry(*list, i)) {
          Report(ProblemCode::EXCISE_GOODS, ItemPath(i, "hs"), {{"hs", *d_.items[i].hs}, {"category", e->category}, {"list", id}, {"regime", regime_.id}});
        }
      }
    }
  }

  const TermList::HsEntry* ExciseEntry(const TermList& list, size_t i) const {
    if (!d_.items[i].hs) return nullptr;
    std::string n = Strip(*d_.items[i].hs, " .");
    for (const TermList::HsEntry& e : list.hs_entries) {
      if (n.compare(0, e.hs.size(), e.hs) == 0) return &e;
    }
    return nullptr;
  }

  // DQ-10.
  void Ioss() {
    const QualityRules::Impl::Ids& spec = m_.ids;
    if (!spec.has_ioss) return;
    const std::string& pattern = spec.ioss_pattern;
    for (size_t r = 0; r < d_.seller.registrations.size(); ++r) {
      const Registration& reg = d_.seller.registrations[r];
      if (!reg.scheme || *reg.scheme != "IOSS") continue;
      std::string base = "/seller/registrations/" + std::to_string(r);
      if (reg.number && !Matches(pattern, *reg.number)) {
        Report(ProblemCode::IOSS_FORMAT, base + "/number", {{"value", reg.number->substr(0, 64)}});
      }
      const std::string& union_code = spec.ioss_union;
      if (d_.destination && m_.pack.UnionOf(*d_.destination) != union_code) {
        Report(ProblemCode::IOSS_NOT_APPLICABLE, "/destination", {{"reason", "destination"}, {"destination", *d_.destination}, {"registration", base}});
      }
      std::optional<Decimal> value = IntrinsicValue();
      if (spec.ioss_limit && value && d_.currency && *d_.currency == spec.ioss_limit_currency &&
          Over(*value, *spec.ioss_limit, spec.ioss_inclusive)) {
        Report(ProblemCode::IOSS_NOT_APPLICABLE, "/items",
               {{"reason", "value"}, {"value", value->ToString()}, {"limit", spec.ioss_limit->ToString()}, {"currency", *d_.currency}, {"registration", base}});
      }
      for (const std::string& id : spec.ioss_excluded) {
        const TermList* list = m_.pack.FindList(id);
        if (!list) continue;
        for (size_t i = 0; i < d_.items.size(); ++i) {
          if (const TermList::HsEntry* e = ExciseEntry(*list, i)) {
            Report(ProblemCode::IOSS_NOT_APPLICABLE, ItemPath(i, "hs"), {{"reason", "excise"}, {"category", e->category}, {"registration", base}});
          }
        }
      }
    }
  }

  // DQ-15.
  void Masses() {
    if (!d_.gross_mass_kg) return;
    Decimal sum;
    bool complete = true;
    for (size_t i = 0; i < d_.items.size(); ++i) {
      const std::optional<Decimal>& net = d_.items[i].net_mass_kg;
      if (!net) {
        complete = false;
        continue;
      }
      if (net->Compare(*d_.gross_mass_kg) > 0) {
        Report(ProblemCode::MASS_INCONSISTENT, ItemPath(i, "net_mass_kg"),
               {{"reason", "item_over_gross"}, {"net", net->ToString()}, {"gross", d_.gross_mass_kg->ToString()}});
      }
      DecimalResult s = sum.Add(*net);
      if (s.ok) sum = s.value;
    }
    if (complete && !d_.items.empty() && sum.Compare(*d_.gross_mass_kg) > 0) {
      Report(ProblemCode::MASS_INCONSISTENT, "/gross_mass_kg",
             {{"reason", "sum_over_gross"}, {"net", sum.ToString()}, {"gross", d_.gross_mass_kg->ToString()}});
    }
  }

  // DQ-01/03 on names and addresses, DQ-18 completeness and postcodes, DQ-19 phones.
  void Parties() {
    for (const char* who : {"seller", "buyer"}) {
      const Party& p = std::string(who) == "seller" ? d_.seller : d_.buyer;
      std::string base = std::string("/") + who;
      PartyText(p.name, base + "/name");
      PartyText(p.address.street, base + "/address/street");
      PartyText(p.address.city, base + "/address/city");
      internal::InputValue obj = doc_.find(who);
      bool has_address = obj && obj.is_object() && obj.find("address") && obj.find("address").is_object();
      if (has_address) Address(p.address, base + "/address");
      if (p.phone && !IsBlank(*p.phone)) Phone(*p.phone, base + "/phone");
    }
  }

  void PartyText(const std::optional<std::string>& v, const std::string& path) {
    if (!v || IsBlank(*v)) return;
    std::string bare = Strip(t_.Fold(Trim(*v)), " ./-");
    if (m_.placeholder_keys.count(bare)) {
      Report(ProblemCode::PARTY_PLACEHOLDER, path, {{"value", v->substr(0, 64)}, {"term", m_.placeholder_published.at(bare)}});
      return;
    }
    if (std::optional<std::string> why = PlaceholderReason(*v)) {
      Report(ProblemCode::DESCRIPTION_PLACEHOLDER, path, {{"value", v->substr(0, 64)}, {"reason", *why}});
    }
  }

  void Address(const preclear::Address& a, const std::string& path) {
    const AddressRules* rules = a.country ? m_.pack.Address(*a.country) : nullptr;
    if (!partial_) {
      Json missing = Json::array();
      auto absent = [](const std::optional<std::string>& v) { return !v || IsBlank(*v); };
      if (absent(a.street)) missing.push_back("street");
      if (absent(a.city)) missing.push_back("city");
      if (absent(a.postcode) && rules && rules->postcode_required) missing.push_back("postcode");
      if (absent(a.country) && !HasInvalid(path + "/country")) missing.push_back("country");
      if (!missing.empty()) Report(ProblemCode::ADDRESS_INCOMPLETE, path, {{"missing", missing}});
    }
    if (a.postcode && !IsBlank(*a.postcode) && rules && !rules->postcode_pattern.empty() &&
        !Matches(rules->postcode_pattern, Upper(Trim(*a.postcode)))) {
      Report(ProblemCode::POSTCODE_FORMAT, path + "/postcode", {{"value", a.postcode->substr(0, 32)}, {"country", *a.country}});
    }
  }

  bool HasInvalid(const std::string& path) const {
    for (const Problem& p : out_) {
      if (p.path == path) return true;
    }
    return false;
  }

  void Phone(const std::string& raw, const std::string& path) {
    if (!m_.ids.has_phone) return;
    std::string s = Strip(raw, m_.ids.phone_strip);
    if (!Matches(m_.ids.phone_pattern, s)) {
      Report(ProblemCode::PHONE_FORMAT, path, {{"value", raw.substr(0, 32)}, {"reason", "not_international"}});
      return;
    }
    if (m_.calling_codes.empty()) return;
    for (size_t len = 1; len <= 4 && len + 1 <= s.size(); ++len) {
      if (m_.calling_codes.count(s.substr(1, len))) return;
    }
    Report(ProblemCode::PHONE_FORMAT, path, {{"value", raw.substr(0, 32)}, {"reason", "country_code"}});
  }

  // DQ-20: UPU S10 ids and IATA air waybills carry check digits.
  void TransportDocument() {
    if (!d_.transport_document || IsBlank(*d_.transport_document)) return;
    const std::string& raw = *d_.transport_document;
    std::string v = Trim(raw);
    const QualityRules::Impl::Ids& ids = m_.ids;
    if (!ids.s10_pattern.empty() && Matches(ids.s10_pattern, v)) {
      int expected = S10CheckDigit(std::string_view(v).substr(2, 8), ids.s10_weights);
      if (v[10] - '0' != expected) {
        Report(ProblemCode::TRANSPORT_DOC_FORMAT, "/transport_document", {{"value", raw.substr(0, 40)}, {"reason", "s10_check_digit"}, {"expected", expected}});
      }
      return;
    }
    if (!ids.awb_pattern.empty() && Matches(ids.awb_pattern, v)) {
      std::string digits = Strip(v, "- ");
      int modulus = ids.awb_modulus;
      long long serial = 0;
      for (size_t k = 3; k < 10; ++k) serial = serial * 10 + (digits[k] - '0');  // the pattern checked digits
      int expected = static_cast<int>(serial % modulus);
      if (digits[10] - '0' != expected) {
        Report(ProblemCode::TRANSPORT_DOC_FORMAT, "/transport_document", {{"value", raw.substr(0, 40)}, {"reason", "awb_check_digit"}, {"expected", expected}});
      }
      return;
    }
    if (d_.mode && std::find(ids.s10_modes.begin(), ids.s10_modes.end(), *d_.mode) != ids.s10_modes.end()) {
      Report(ProblemCode::TRANSPORT_DOC_FORMAT, "/transport_document", {{"value", raw.substr(0, 40)}, {"reason", "not_s10"}});
    }
  }

  const QualityRules::Impl& m_;
  QualityRules::Impl::Scratch& scratch_;
  TextAnalyzer& t_;
  const internal::InputValue& doc_;
  const Declaration& d_;
  const Regime& regime_;
  Date date_;
  bool partial_;
  std::vector<Problem>& out_;
  Words words_;  // the current item's description, folded, segmented, singular
};

}  // namespace

void QualityRules::UseGuidance(const HsClassifier* classifier) { impl_->guidance = classifier; }

void QualityRules::Check(const internal::InputValue& doc, const Declaration& d, const Regime& regime, const Date& date, bool partial,
                         std::vector<Problem>* out) const {
  Impl::Lease t(*impl_);
  Checker(*impl_, *t.a, doc, d, regime, date, partial, out).Run();
}

}  // namespace preclear
