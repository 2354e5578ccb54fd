#include <boost/test/unit_test.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "preclear/decimal.h"
#include "preclear/money.h"

namespace {

using preclear::CurrencyMinorUnits;
using preclear::Decimal;
using preclear::IsCurrencyCode;
using preclear::IsCurrencyInUse;
using preclear::Money;
using preclear::MoneyError;
using preclear::MoneyResult;
using preclear::RoundingMode;

// -1 stands for "no answer" so each check is a single exact comparison.
int Minor(std::string_view code) {
  const std::optional<int> digits = CurrencyMinorUnits(code);
  return digits ? *digits : -1;
}

std::string RoundShow(std::string_view amount, std::string currency,
                      RoundingMode mode) {
  const auto parsed = Decimal::Parse(amount);
  BOOST_REQUIRE(parsed.ok);
  const MoneyResult r =
      preclear::RoundToMinor(Money{parsed.value, currency}, mode);
  if (!r.ok) {
    return r.error == MoneyError::kUnknownCurrency ? "kUnknownCurrency"
                                                   : "kOutOfRange";
  }
  return r.value.amount.ToString() + " " + r.value.currency;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(money)

BOOST_AUTO_TEST_CASE(currency_code_shape) {
  BOOST_TEST(IsCurrencyCode("EUR"));
  BOOST_TEST(IsCurrencyCode("ABC"));  // shape only, not ICU knowledge
  BOOST_TEST(!IsCurrencyCode("eur"));
  BOOST_TEST(!IsCurrencyCode("EU"));
  BOOST_TEST(!IsCurrencyCode("EURO"));
  BOOST_TEST(!IsCurrencyCode("E1R"));
  BOOST_TEST(!IsCurrencyCode(""));
  BOOST_TEST(!IsCurrencyCode("EU "));
  BOOST_TEST(!IsCurrencyCode("\xC3\x84UR"));
}

BOOST_AUTO_TEST_CASE(currency_in_use_on_date) {
  BOOST_TEST(IsCurrencyInUse("EUR", 2026, 11, 22));
  BOOST_TEST(IsCurrencyInUse("USD", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("DEM", 2026, 11, 22));
  // ucurr_isAvailable alone says false here (it only keeps Kosovo's later
  // DEM period); Germany used DEM until 2002.
  BOOST_TEST(IsCurrencyInUse("DEM", 1999, 6, 1));
  BOOST_TEST(!IsCurrencyInUse("HRK", 2026, 11, 22));
  BOOST_TEST(IsCurrencyInUse("HRK", 2022, 12, 31));
  BOOST_TEST(!IsCurrencyInUse("EUR", 1998, 12, 31));
  BOOST_TEST(IsCurrencyInUse("EUR", 1999, 1, 1));
  BOOST_TEST(!IsCurrencyInUse("ABC", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("eur", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("EURO", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("XAU", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("XDR", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("XTS", 2026, 11, 22));
  BOOST_TEST(!IsCurrencyInUse("XXX", 2026, 11, 22));
  BOOST_TEST(IsCurrencyInUse("EUR", 2024, 2, 29));
  BOOST_TEST(!IsCurrencyInUse("EUR", 2026, 2, 29));
  BOOST_TEST(!IsCurrencyInUse("EUR", 2026, 13, 1));
  BOOST_TEST(!IsCurrencyInUse("EUR", 2026, 4, 31));
  BOOST_TEST(!IsCurrencyInUse("EUR", 2026, 1, 0));
  BOOST_TEST(!IsCurrencyInUse("EUR", 0, 1, 1));
}

BOOST_AUTO_TEST_CASE(minor_units_from_icu) {
  BOOST_TEST(Minor("EUR") == 2);
  BOOST_TEST(Minor("USD") == 2);
  BOOST_TEST(Minor("JPY") == 0);
  BOOST_TEST(Minor("KWD") == 3);
  BOOST_TEST(Minor("BHD") == 3);
  BOOST_TEST(Minor("CLP") == 0);
  BOOST_TEST(Minor("ISK") == 0);
  BOOST_TEST(Minor("UYW") == 4);
  BOOST_TEST(Minor("DEM") == 2);  // withdrawn but known
  BOOST_TEST(Minor("ABC") == -1);
  BOOST_TEST(Minor("eur") == -1);
  BOOST_TEST(Minor("XAU") == -1);
  BOOST_TEST(Minor("") == -1);
}

BOOST_AUTO_TEST_CASE(round_to_minor) {
  BOOST_TEST(RoundShow("2.345", "EUR", RoundingMode::kHalfEven) ==
             "2.34 EUR");
  BOOST_TEST(RoundShow("2.345", "EUR", RoundingMode::kHalfUp) == "2.35 EUR");
  BOOST_TEST(RoundShow("1234.5", "JPY", RoundingMode::kHalfUp) == "1235 JPY");
  BOOST_TEST(RoundShow("1234.5", "JPY", RoundingMode::kHalfEven) ==
             "1234 JPY");
  BOOST_TEST(RoundShow("-1.23456", "KWD", RoundingMode::kHalfUp) ==
             "-1.235 KWD");
  BOOST_TEST(RoundShow("5", "USD", RoundingMode::kHalfUp) == "5.00 USD");
  BOOST_TEST(RoundShow("5", "ABC", RoundingMode::kHalfUp) ==
             "kUnknownCurrency");
  BOOST_TEST(RoundShow("5", "XAU", RoundingMode::kHalfUp) ==
             "kUnknownCurrency");
  BOOST_TEST(RoundShow(std::string(34, '9'), "EUR", RoundingMode::kHalfUp) ==
             "kOutOfRange");
}

BOOST_AUTO_TEST_SUITE_END()
