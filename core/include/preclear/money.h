// Amounts tied to ISO 4217 currencies; currency facts come from ICU's data.
#ifndef PRECLEAR_MONEY_H_
#define PRECLEAR_MONEY_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "preclear/decimal.h"

namespace preclear {

struct Money {
  Decimal amount;
  std::string currency;  // ISO 4217 alphabetic code, e.g. "EUR"
};

enum class MoneyError { kUnknownCurrency, kOutOfRange };

// Non-throwing outcome, same convention as DecimalResult: value is only
// meaningful when ok is true.
struct MoneyResult {
  bool ok = false;
  MoneyError error = MoneyError::kUnknownCurrency;
  Money value;

  static MoneyResult Ok(Money v) {
    return MoneyResult{true, MoneyError::kUnknownCurrency, std::move(v)};
  }
  static MoneyResult Fail(MoneyError e) {
    return MoneyResult{false, e, Money()};
  }
};

// Exactly three ASCII uppercase letters. Says nothing about ICU knowing it.
bool IsCurrencyCode(std::string_view code);

// True if `code` was legal tender somewhere on the given civil date (UTC)
// according to ICU. False for malformed codes, invalid dates (valid years
// are 1..9999) and X-codes (XAU, XDR, XTS, XXX...), which are not money a
// declaration can be made in.
bool IsCurrencyInUse(std::string_view code, int year, int month, int day);

// ICU's standard number of minor-unit digits (EUR 2, JPY 0, KWD 3), or
// nullopt for codes ICU does not know or X-codes (ICU would only report its
// generic default of 2 for them).
std::optional<int> CurrencyMinorUnits(std::string_view code);

// Rounds the amount to the currency's minor units (scale becomes exactly
// that number). kUnknownCurrency when CurrencyMinorUnits has no answer.
MoneyResult RoundToMinor(const Money& money, RoundingMode mode);

}  // namespace preclear

#endif  // PRECLEAR_MONEY_H_
