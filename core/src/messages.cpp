#include "preclear/messages.h"

#include "json_input.h"
#include "preclear/decimal.h"

#include <unicode/currunit.h>
#include <unicode/fmtable.h>
#include <unicode/msgfmt.h>
#include <unicode/numberformatter.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

namespace preclear {

struct MessageRenderer::Impl {
  const Pack& pack;
  std::vector<std::string> locales;
  std::mutex mu;  // guards the cache and the (not thread-safe) formatters in it
  // Per (locale, key): the formatter and what the pattern says about its arguments, worked out
  // once (parsing a long pattern costs more than formatting it). Entries are never removed.
  struct Compiled {
    std::unique_ptr<icu::MessageFormat> format;
    std::vector<std::string> names;
    std::vector<icu::UnicodeString> unames;
    std::vector<bool> numeric;  // used as plural/number: needs a number, not a string
  };
  std::map<std::pair<std::string, std::string>, Compiled> cache;
  // Money formatters per (locale, currency): building one costs far more than using it.
  std::map<std::pair<std::string, std::string>, icu::number::LocalizedNumberFormatter> money;

  explicit Impl(const Pack& p) : pack(p), locales(p.Locales()) {}
};

MessageRenderer::MessageRenderer(const Pack& pack) : impl_(new Impl(pack)) {}
MessageRenderer::~MessageRenderer() = default;

std::string MessageRenderer::ResolveLocale(std::string_view requested) const {
  std::string lang(requested.substr(0, requested.find_first_of("-_")));
  for (char& c : lang) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const std::string& l : impl_->locales) {
    if (l == lang) return l;
  }
  return "en";
}

namespace {

std::string ArgText(const Json& v) {
  if (v.is_string()) {
    return internal::IsNumberText(v) ? std::string(internal::NumberText(v)) : v.get<std::string>();
  }
  if (v.is_array()) {
    std::string out;
    for (const Json& e : v) {
      if (!out.empty()) out += ", ";
      out += ArgText(e);
    }
    return out;
  }
  return v.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

}  // namespace

// An exact decimal string with its currency, in the locale's currency format ("1 234,50 €").
std::optional<std::string> MessageRenderer::Money(const std::string& locale, const std::string& amount,
                                                  const std::string& currency) const {
  if (!Decimal::Parse(amount).ok || currency.size() != 3) return std::nullopt;
  UErrorCode status = U_ZERO_ERROR;
  std::lock_guard<std::mutex> lock(impl_->mu);
  auto key = std::make_pair(locale, currency);
  auto it = impl_->money.find(key);
  if (it == impl_->money.end()) {
    icu::UnicodeString code = icu::UnicodeString::fromUTF8(currency);
    icu::CurrencyUnit unit(code.getTerminatedBuffer(), status);
    if (U_FAILURE(status)) return std::nullopt;
    it = impl_->money.emplace(key, icu::number::NumberFormatter::withLocale(icu::Locale(locale.c_str())).unit(unit)).first;
  }
  icu::UnicodeString out = it->second
                               .formatDecimal(icu::StringPiece(amount.data(), static_cast<int32_t>(amount.size())), status)
                               .toString(status);
  if (U_FAILURE(status)) return std::nullopt;
  return ToUtf8(out);
}

namespace {

// True when |name| appears as "{name, plural" or "{name, number" in |pattern|.
bool UsedAsNumber(const std::string& pattern, const std::string& name) {
  for (const char* kind : {"plural", "number", "selectordinal"}) {
    for (const char* sep : {", ", ","}) {
      if (pattern.find("{" + name + sep + kind) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace

std::string MessageRenderer::Render(std::string_view requested, const Problem& problem) const {
  return RenderKey(requested, Info(problem.code).name, problem.args);
}

std::string MessageRenderer::RenderKey(std::string_view requested, std::string_view key_view, const Json& args) const {
  std::string locale = ResolveLocale(requested);
  std::string key(key_view);
  const std::string* pattern = impl_->pack.Message(locale, key);
  if (pattern == nullptr) return key;  // a pack without this catalogue entry (checked by packc)
  Impl::Compiled* compiled;
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    compiled = &impl_->cache[{locale, key}];
    if (compiled->names.empty() && !compiled->format) {
      UErrorCode status = U_ZERO_ERROR;
      UParseError pe;
      compiled->format.reset(new icu::MessageFormat(icu::UnicodeString::fromUTF8(*pattern), icu::Locale(locale.c_str()), pe, status));
      if (U_FAILURE(status)) compiled->format.reset();
      compiled->names = MessageArgumentNames(*pattern);
      for (const std::string& name : compiled->names) {
        compiled->unames.push_back(icu::UnicodeString::fromUTF8(name));
        compiled->numeric.push_back(UsedAsNumber(*pattern, name));
      }
    }
  }
  if (!compiled->format) return *pattern;  // the pack compiler rejects patterns ICU cannot parse

  std::vector<icu::Formattable> values;
  values.reserve(compiled->names.size());
  std::string currency = args.is_object() && args.contains("currency") ? ArgText(args["currency"]) : std::string();
  for (size_t n = 0; n < compiled->names.size(); ++n) {
    const std::string& name = compiled->names[n];
    auto it = args.is_object() ? args.find(name) : args.end();
    const size_t suffix = name.size() > 6 ? name.size() - 6 : 0;
    // select needs a string, plural and number a number: the pattern says which.
    bool numeric = compiled->numeric[n];
    if (it != args.end() && numeric && (it->is_number_integer() || it->is_number_unsigned())) {
      values.emplace_back(static_cast<int64_t>(it->is_number_unsigned() ? static_cast<int64_t>(it->get<uint64_t>()) : it->get<int64_t>()));
    } else if (it == args.end() && numeric) {
      values.emplace_back(static_cast<int64_t>(0));
    } else if (it != args.end()) {
      values.emplace_back(icu::UnicodeString::fromUTF8(ArgText(*it)));
    } else if (suffix > 0 && name.compare(suffix, 6, "_money") == 0 && args.is_object() && args.contains(name.substr(0, suffix))) {
      std::string amount = ArgText(args[name.substr(0, suffix)]);
      std::optional<std::string> money = Money(locale, amount, currency);
      values.emplace_back(icu::UnicodeString::fromUTF8(money ? *money : amount + (currency.empty() ? "" : " " + currency)));
    } else {
      values.emplace_back(icu::UnicodeString("none"));
    }
  }

  std::lock_guard<std::mutex> lock(impl_->mu);  // ICU formatters are not thread-safe
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out;
  compiled->format->format(compiled->unames.data(), values.data(), static_cast<int32_t>(values.size()), out, status);
  if (U_FAILURE(status)) return *pattern;
  return ToUtf8(out);
}

}  // namespace preclear
