// Compiled rule packs: bytes in, typed views out. core never reads files; the caller hands it
// the bytes (embedded by preclear::datasets, or fetched by a browser).
//
//   PackLoad load = Pack::Load(preclear::datasets::DefaultPackBytes());
//   if (!load.pack) { /* load.error, load.detail */ }
//   load.pack->hash();   // "sha256:…" of exactly these bytes: goes into every receipt
//
// Layout (all integers little-endian):
//   8 bytes  magic "PRECLEAR"
//   4 bytes  format version (kPackFormat)
//   4 bytes  payload length N
//   N bytes  payload: canonical JSON (UTF-8), written by the pack compiler from datasets/
#ifndef PRECLEAR_PACK_H_
#define PRECLEAR_PACK_H_

#include "preclear/date.h"
#include "preclear/problem.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

inline constexpr unsigned kPackFormat = 1;

// Operational failures when loading a pack (never problems in a declaration).
enum class PackError {
  kOk,
  kBadMagic,            // not a preclear pack at all (e.g. an HTML error page fetched by mistake)
  kUnsupportedFormat,   // a pack from a newer/older compiler than this core reads
  kTruncated,           // fewer bytes than the header announces (interrupted download)
  kCorrupt,             // header fine but payload not valid or missing required parts
};
std::string_view PackErrorName(PackError e);

// How sure the sources are (domain.md marks V / V2 / R).
enum class Confidence { kVerified, kSecondary, kUnverified };

// One field a regime requires, as a JSON Pointer pattern where "*" stands for every array
// index ("/items/*/description").
struct Requirement {
  std::vector<std::string> tokens;  // unescaped reference tokens
  std::string path;                 // the pattern as written
  std::string rule;                 // DQ id
  int min_items = 0;                // for arrays: at least this many elements
  Date effective_from;
  std::optional<Date> effective_to;  // exclusive; none = open-ended
  Confidence confidence = Confidence::kUnverified;

  bool InForceOn(const Date& d) const {
    return !(d < effective_from) && (!effective_to || d < *effective_to);
  }
};

// A format a regime expects of a field (pattern in ICU regex syntax, a subset of ECMAScript).
struct FormatRule {
  std::vector<std::string> tokens;  // JSON Pointer pattern, "*" = every index
  std::string path;
  std::string pattern;
  std::string code;  // problem code when a value does not match ("FIELD_VALUE" by default)
  std::string rule;
  Date effective_from;
  std::optional<Date> effective_to;
  bool InForceOn(const Date& d) const { return !(d < effective_from) && (!effective_to || d < *effective_to); }
};

// A regime's value ceiling (REGIME_VALUE_LIMIT) and the band just under it (VALUE_NEAR_THRESHOLD).
struct ValueLimit {
  std::string amount, near_from, currency;  // decimal strings, parsed by the rules
  std::string basis;                        // intrinsic_value | customs_value | item_price
  std::string per;                          // consignment | item
  bool inclusive = true;
  Date effective_from;
  std::optional<Date> effective_to;
  Confidence confidence = Confidence::kUnverified;
  bool InForceOn(const Date& d) const { return !(d < effective_from) && (!effective_to || d < *effective_to); }
};

struct Regime {
  std::string id;
  std::vector<Requirement> required;
  std::vector<FormatRule> formats;               // from required and conditional/optional elements
  std::optional<ValueLimit> value_limit;
  std::vector<std::string> excluded_lists;       // hs_indicators list ids (EXCISE_GOODS)
  std::vector<std::string> stop_word_lists;      // empty = every stop-word list
  std::vector<std::string> default_markets;      // applied when a declaration names no regime
  Date default_from;
  std::optional<Date> default_to;
};

// A term list (stop words, party placeholders) or an HS indicator list (excise goods).
struct TermList {
  std::string id, kind;
  struct Entry {
    std::string term;
    std::vector<std::string> aliases;
    bool disabled = false;
  };
  std::vector<Entry> entries;
  struct HsEntry {
    std::string hs, category;
  };
  std::vector<HsEntry> hs_entries;
  Date effective_from;
  std::optional<Date> effective_to;
  bool InForceOn(const Date& d) const { return !(d < effective_from) && (!effective_to || d < *effective_to); }
};

// Address rules of one country (DQ-18/19).
struct AddressRules {
  bool postcode_required = false;
  std::string postcode_pattern;  // "" when the country has no postcode format
  std::string calling_code;
};

// One node of the HS nomenclature: chapter (2 digits), heading (4) or subheading (6).
struct HsNode {
  std::string code;
  std::string title;  // our own plain-words title
};

struct MarketInfo {
  std::string code, name, currency, union_code;  // union_code "" when none
};

class Pack {
 public:
  static struct PackLoad Load(std::string_view bytes);

  const std::string& ruleset() const { return ruleset_; }
  const std::string& hash() const { return hash_; }            // "sha256:<64 hex>"
  const std::string& data_version() const { return data_version_; }
  int schema_version() const { return schema_version_; }  // of datasets/schema/ (format: kPackFormat)
  const std::string& default_regime() const { return default_regime_; }
  const Regime* FindRegime(std::string_view id) const;
  // Message template for |key| in |locale|, falling back to "en"; nullptr if neither has it.
  const std::string* Message(std::string_view locale, std::string_view key) const;
  std::vector<std::string> Locales() const;
  // Allowed values of a model field ("mode", "transaction", "incoterm", ...); nullptr if the
  // pack does not restrict it.
  const std::vector<std::string>* Enum(std::string_view field) const;
  std::vector<std::string> RegimeIds() const;

  // HS nomenclature (empty in packs without one, like the unit-test pack).
  const std::string& hs_edition() const { return hs_edition_; }
  const std::vector<HsNode>& hs_codes() const { return hs_codes_; }  // sorted by code
  const HsNode* FindHs(std::string_view code) const;
  size_t CountHs(size_t digits) const;  // 2, 4 or 6
  // Markets that have their own pack.
  const std::vector<MarketInfo>& markets() const { return markets_; }
  const std::string& UnionOf(std::string_view market) const;  // "" when none or unknown

  const std::vector<TermList>& lists() const { return lists_; }
  const TermList* FindList(std::string_view id) const;
  // The regime a declaration without one gets: the first whose default markets hold
  // |destination| on |date|; nullptr when none does.
  const Regime* DefaultRegimeFor(std::string_view destination, const Date& date) const;
  // Model data (identifier formats, value bands, text lists) as written in datasets/model.
  const Json& model() const { return model_; }
  const AddressRules* Address(std::string_view country) const;

 private:
  std::string ruleset_;
  std::string hash_;
  std::string data_version_;
  std::string default_regime_;
  int schema_version_ = 0;
  std::map<std::string, Regime, std::less<>> regimes_;
  std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
  std::map<std::string, std::vector<std::string>, std::less<>> enums_;
  std::string hs_edition_;
  std::vector<HsNode> hs_codes_;
  std::vector<MarketInfo> markets_;
  std::vector<TermList> lists_;
  std::vector<std::string> regime_order_;  // for DefaultRegimeFor: ids in pack order
  Json model_;
  std::map<std::string, AddressRules, std::less<>> addresses_;
};

struct PackLoad {
  std::unique_ptr<Pack> pack;  // null on failure
  PackError error = PackError::kOk;
  std::string detail;          // which part failed, for logs (not for end users)
};

}  // namespace preclear

#endif  // PRECLEAR_PACK_H_
