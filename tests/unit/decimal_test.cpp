#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>

#include "preclear/decimal.h"

namespace {

using preclear::Decimal;
using preclear::DecimalError;
using preclear::DecimalResult;
using preclear::Int128;
using preclear::RoundingMode;

// Renders any outcome as one string so each check states the exact result:
// the canonical value text, or the error enumerator's name.
std::string Show(const DecimalResult& r) {
  if (r.ok) return r.value.ToString();
  switch (r.error) {
    case DecimalError::kSyntax:
      return "kSyntax";
    case DecimalError::kOutOfRange:
      return "kOutOfRange";
    case DecimalError::kDivideByZero:
      return "kDivideByZero";
  }
  return "?";
}

std::string Parse(std::string_view text) {
  return Show(Decimal::Parse(text));
}

std::string Json(std::string_view text) {
  return Show(Decimal::ParseJsonNumber(text));
}

Decimal D(std::string_view text) {
  const DecimalResult r = Decimal::Parse(text);
  BOOST_REQUIRE_MESSAGE(r.ok, "bad test literal " << std::string(text));
  return r.value;
}

std::string Round(std::string_view text, int scale, RoundingMode mode) {
  return Show(D(text).Round(scale, mode));
}

constexpr RoundingMode kAllModes[] = {
    RoundingMode::kHalfUp, RoundingMode::kHalfEven, RoundingMode::kDown,
    RoundingMode::kUp,     RoundingMode::kFloor,    RoundingMode::kCeiling};

// Expected results in kAllModes order.
void CheckAllModes(std::string_view text, int scale,
                   const char* const (&expected)[6]) {
  for (int i = 0; i < 6; ++i) {
    BOOST_TEST_CONTEXT(std::string(text) << " mode #" << i) {
      BOOST_TEST(Round(text, scale, kAllModes[i]) == expected[i]);
    }
  }
}

const std::string kNines34(34, '9');

}  // namespace

BOOST_AUTO_TEST_SUITE(decimal)

BOOST_AUTO_TEST_CASE(parse_valid_keeps_scale) {
  BOOST_TEST(Parse("0") == "0");
  BOOST_TEST(Parse("-0") == "0");
  BOOST_TEST(Parse("-0.00") == "0.00");
  BOOST_TEST(Parse("12.50") == "12.50");
  BOOST_TEST(Parse("007.50") == "7.50");
  BOOST_TEST(Parse("-0.5") == "-0.5");
  BOOST_TEST(Parse("-123.456") == "-123.456");
  BOOST_TEST(Parse("1.000000000000000000") == "1.000000000000000000");
  BOOST_TEST(Parse("0.000000000000000001") == "0.000000000000000001");
  BOOST_TEST(Parse("00000000000000000000000000000000000000001") == "1");
  BOOST_TEST(D("12.50").Scale() == 2);
  BOOST_TEST(D("007").Scale() == 0);
}

BOOST_AUTO_TEST_CASE(parse_rejects_bad_syntax) {
  const std::string_view kInvalid[] = {
      "",         "-",          "+1",       " 1",      "1 ",
      "\t1",      ".5",         "-.5",      "5.",      ".",
      "1,000",    "1,5",        "1e3",      "1E3",     "--1",
      "-+1",      "1-",         "- 1",      "1.2.3",   "1..2",
      "1.-2",     "0x10",       "1_000",    "abc",     "NaN",
      "Infinity", "\xD9\xA1",   "\xEF\xBC\x91",        "1\xC2\xA0",
      "\xC2\xA0\x31",           std::string_view("1\0", 2),
      "1.5."};
  for (std::string_view text : kInvalid) {
    BOOST_TEST_CONTEXT("input '" << std::string(text) << "'") {
      BOOST_TEST(Parse(text) == "kSyntax");
    }
  }
  // Syntax is judged before size.
  BOOST_TEST(Parse(std::string(40, '1') + "x") == "kSyntax");
}

BOOST_AUTO_TEST_CASE(parse_limits) {
  BOOST_TEST(Parse("1234567890123456789012345678901234") ==
             "1234567890123456789012345678901234");
  BOOST_TEST(Parse("-" + kNines34) == "-" + kNines34);
  BOOST_TEST(Parse("12345678901234567890123456789012345") == "kOutOfRange");
  // Leading zeros are not significant, trailing ones are.
  BOOST_TEST(Parse("000" + kNines34) == kNines34);
  BOOST_TEST(Parse(kNines34 + ".0") == "kOutOfRange");
  BOOST_TEST(Parse("1234567890123456.789012345678901234") ==
             "1234567890123456.789012345678901234");
  BOOST_TEST(Parse("0.123456789012345678") == "0.123456789012345678");
  BOOST_TEST(Parse("0.1234567890123456789") == "kOutOfRange");
  BOOST_TEST(Parse("0.0000000000000000000") == "kOutOfRange");
  BOOST_TEST(Parse("0.000000000000000001") == "0.000000000000000001");
}

BOOST_AUTO_TEST_CASE(json_number_forms) {
  BOOST_TEST(Json("0") == "0");
  BOOST_TEST(Json("-0") == "0");
  BOOST_TEST(Json("2.50") == "2.50");
  BOOST_TEST(Json("1e3") == "1000");
  BOOST_TEST(Json("1E3") == "1000");
  BOOST_TEST(Json("1E+2") == "100");
  BOOST_TEST(Json("1e-0") == "1");
  BOOST_TEST(Json("1e00003") == "1000");
  BOOST_TEST(Json("1.5E-2") == "0.015");
  BOOST_TEST(Json("1.50e-1") == "0.150");
  BOOST_TEST(Json("1.5e1") == "15");
  BOOST_TEST(Json("1.50e1") == "15.0");
  BOOST_TEST(Json("12.345e2") == "1234.5");
  BOOST_TEST(Json("-1.25e0") == "-1.25");
  BOOST_TEST(Json("123e-2") == "1.23");
  BOOST_TEST(Json("-5e-18") == "-0.000000000000000005");
  BOOST_TEST(Json("0.1e-17") == "0.000000000000000001");
  BOOST_TEST(Json("0.0e5") == "0");
  BOOST_TEST(Json("0e-18") == "0.000000000000000000");
  BOOST_TEST(Json("1000000000000000000000e-3") ==
             "1000000000000000000.000");
  // More than 18 fraction digits are fine when the exponent cancels them.
  BOOST_TEST(Json("0.0000000000000000000000001e25") == "1");
  BOOST_TEST(Json("123456789012345678901234567890123.4e1") ==
             "1234567890123456789012345678901234");
  BOOST_TEST(Json("1e33") == "1" + std::string(33, '0'));
}

BOOST_AUTO_TEST_CASE(json_number_rejects_bad_syntax) {
  const std::string_view kInvalid[] = {
      "",     "-",      "+1",  "01",       "00",     "-01",  ".5",
      "1.",   "1.e3",   "1e",  "1e+",      "1e-",    "e3",   "1E3.5",
      "0x1",  "1 ",     " 1",  "Infinity", "NaN",    "--1",  "1.5e3e2",
      "1e+-2", "\xEF\xBC\x91", "1,5"};
  for (std::string_view text : kInvalid) {
    BOOST_TEST_CONTEXT("input '" << std::string(text) << "'") {
      BOOST_TEST(Json(text) == "kSyntax");
    }
  }
}

BOOST_AUTO_TEST_CASE(json_number_limits) {
  BOOST_TEST(Json("1e34") == "kOutOfRange");
  BOOST_TEST(Json("12345678901234567890123456789012345") == "kOutOfRange");
  BOOST_TEST(Json("1e-19") == "kOutOfRange");
  BOOST_TEST(Json("0.000001e-13") == "kOutOfRange");
  BOOST_TEST(Json("0e-19") == "kOutOfRange");
  BOOST_TEST(Json("1e999999999999") == "kOutOfRange");
  BOOST_TEST(Json("1e-999999999999999999999") == "kOutOfRange");
  BOOST_TEST(Json("1e" + std::string(1000, '9')) == "kOutOfRange");
  BOOST_TEST(Json("0e99999999") == "0");
  BOOST_TEST(Json("-0e" + std::string(1000, '9')) == "0");
}

BOOST_AUTO_TEST_CASE(from_parts_and_int) {
  BOOST_TEST(Show(Decimal::FromParts(1250, 2)) == "12.50");
  BOOST_TEST(Show(Decimal::FromParts(-5, 3)) == "-0.005");
  BOOST_TEST(Show(Decimal::FromParts(0, 2)) == "0.00");
  BOOST_TEST(Show(Decimal::FromParts(1, 19)) == "kOutOfRange");
  BOOST_TEST(Show(Decimal::FromParts(1, -1)) == "kOutOfRange");
  Int128 max = D(kNines34).coefficient();
  BOOST_TEST(Show(Decimal::FromParts(-max, 0)) == "-" + kNines34);
  BOOST_TEST(Show(Decimal::FromParts(max + 1, 0)) == "kOutOfRange");
  BOOST_TEST(Decimal::FromInt(-9223372036854775807LL - 1).ToString() ==
             "-9223372036854775808");
  BOOST_TEST(Decimal().ToString() == "0");
}

BOOST_AUTO_TEST_CASE(compare_and_predicates) {
  BOOST_TEST(D("1.50").Compare(D("1.5")) == 0);
  BOOST_TEST(D("0.00").Compare(D("0")) == 0);
  BOOST_TEST(D("-1").Compare(D("0.5")) == -1);
  BOOST_TEST(D("0.5").Compare(D("-1")) == 1);
  BOOST_TEST(D("-2").Compare(D("-1.5")) == -1);
  BOOST_TEST(D("-0.001").Compare(D("0")) == -1);
  BOOST_TEST(D(kNines34).Compare(D("0.999999999999999999")) == 1);
  BOOST_TEST(D("9999999999999999.999999999999999999")
                 .Compare(D("9999999999999999.99999999999999999")) == 1);
  BOOST_TEST(D("0.00").IsZero());
  BOOST_TEST(!D("0.01").IsZero());
  BOOST_TEST(D("-0.01").IsNegative());
  BOOST_TEST(!D("-0.00").IsNegative());
  BOOST_TEST(D("-3").Sign() == -1);
  BOOST_TEST(D("0.0").Sign() == 0);
  BOOST_TEST(D("3").Sign() == 1);
  BOOST_TEST(D("1.2345").Scale() == 4);
}

BOOST_AUTO_TEST_CASE(negate_abs_rescale) {
  BOOST_TEST(D("1.50").Negate().ToString() == "-1.50");
  BOOST_TEST(D("-1.50").Negate().ToString() == "1.50");
  BOOST_TEST(D("0.00").Negate().ToString() == "0.00");
  BOOST_TEST(D("-7.25").Abs().ToString() == "7.25");
  BOOST_TEST(D("7.25").Abs().ToString() == "7.25");
  BOOST_TEST(D("-" + kNines34).Negate().ToString() == kNines34);
  BOOST_TEST(Show(D("1.5").RescaleUp(4)) == "1.5000");
  BOOST_TEST(Show(D("1.5").RescaleUp(1)) == "1.5");
  BOOST_TEST(Show(D("1.50").RescaleUp(1)) == "kOutOfRange");
  BOOST_TEST(Show(D("1").RescaleUp(19)) == "kOutOfRange");
  BOOST_TEST(Show(D(kNines34).RescaleUp(1)) == "kOutOfRange");
  BOOST_TEST(Show(D("1").RescaleUp(18)) == "1.000000000000000000");
}

BOOST_AUTO_TEST_CASE(add_sub_exact) {
  BOOST_TEST(Show(D("0.1").Add(D("0.2"))) == "0.3");
  BOOST_TEST(Show(D("1.10").Add(D("2.205"))) == "3.305");
  BOOST_TEST(Show(D("5").Sub(D("7.25"))) == "-2.25");
  BOOST_TEST(Show(D("0.5").Sub(D("0.5"))) == "0.0");
  BOOST_TEST(Show(D("-0.5").Add(D("0.25"))) == "-0.25");
  BOOST_TEST(Show(D("1").Add(D("0.000000000000000001"))) ==
             "1.000000000000000001");
  BOOST_TEST(Show(D("0.3").Sub(D("0.1")).value.Sub(D("0.2"))) == "0.0");
  // The aligned operand briefly needs 35 digits; the exact sum does not.
  BOOST_TEST(Show(D("1" + std::string(33, '0'))
                      .Add(D("-" + std::string(33, '9') + ".9"))) == "0.1");
}

BOOST_AUTO_TEST_CASE(add_sub_overflow) {
  BOOST_TEST(Show(D(kNines34).Add(D("1"))) == "kOutOfRange");
  BOOST_TEST(Show(D("-" + kNines34).Sub(D("1"))) == "kOutOfRange");
  BOOST_TEST(Show(D(kNines34).Add(D("0.000000000000000001"))) ==
             "kOutOfRange");
  BOOST_TEST(Show(D(kNines34).Sub(D(kNines34))) == "0");
  BOOST_TEST(Show(D(kNines34).Add(D("-1"))) ==
             std::string(33, '9') + "8");
}

BOOST_AUTO_TEST_CASE(mul_exact_and_overflow) {
  BOOST_TEST(Show(D("1.5").Mul(D("1.5"))) == "2.25");
  BOOST_TEST(Show(D("0.1").Mul(D("0.2"))) == "0.02");
  BOOST_TEST(Show(D("-2").Mul(D("3.5"))) == "-7.0");
  BOOST_TEST(Show(D("-2").Mul(D("-3.50"))) == "7.00");
  BOOST_TEST(Show(D("0").Mul(D("-5"))) == "0");
  BOOST_TEST(Show(D("0.000000001").Mul(D("0.000000001"))) ==
             "0.000000000000000001");
  BOOST_TEST(Show(D("0.000000001").Mul(D("0.0000000001"))) ==
             "kOutOfRange");
  const std::string nines17(17, '9');
  BOOST_TEST(Show(D(nines17).Mul(D(nines17))) ==
             "9999999999999999800000000000000001");
  BOOST_TEST(Show(D("1" + std::string(17, '0'))
                      .Mul(D("1" + std::string(17, '0')))) == "kOutOfRange");
  BOOST_TEST(Show(D(kNines34).Mul(D(kNines34))) == "kOutOfRange");
  BOOST_TEST(Show(D("-" + kNines34).Mul(D("1"))) == "-" + kNines34);
}

BOOST_AUTO_TEST_CASE(round_every_mode) {
  // Order: kHalfUp, kHalfEven, kDown, kUp, kFloor, kCeiling.
  CheckAllModes("2.345", 2,
                {"2.35", "2.34", "2.34", "2.35", "2.34", "2.35"});
  CheckAllModes("-2.345", 2,
                {"-2.35", "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
  CheckAllModes("2.3449", 2,
                {"2.34", "2.34", "2.34", "2.35", "2.34", "2.35"});
  CheckAllModes("2.3451", 2,
                {"2.35", "2.35", "2.34", "2.35", "2.34", "2.35"});
  CheckAllModes("-2.3449", 2,
                {"-2.34", "-2.34", "-2.34", "-2.35", "-2.35", "-2.34"});
  CheckAllModes("-2.3451", 2,
                {"-2.35", "-2.35", "-2.34", "-2.35", "-2.35", "-2.34"});
  CheckAllModes("2.340", 2,
                {"2.34", "2.34", "2.34", "2.34", "2.34", "2.34"});
  CheckAllModes("-0.004", 2,
                {"0.00", "0.00", "0.00", "-0.01", "-0.01", "0.00"});
  CheckAllModes("9.995", 2,
                {"10.00", "10.00", "9.99", "10.00", "9.99", "10.00"});
}

BOOST_AUTO_TEST_CASE(round_half_even_ties) {
  const RoundingMode even = RoundingMode::kHalfEven;
  BOOST_TEST(Round("2.355", 2, even) == "2.36");
  BOOST_TEST(Round("2.365", 2, even) == "2.36");
  BOOST_TEST(Round("-2.355", 2, even) == "-2.36");
  BOOST_TEST(Round("-2.365", 2, even) == "-2.36");
  BOOST_TEST(Round("2.3650000001", 2, even) == "2.37");
  BOOST_TEST(Round("0.5", 0, even) == "0");
  BOOST_TEST(Round("1.5", 0, even) == "2");
}

BOOST_AUTO_TEST_CASE(round_to_scale_zero_and_up) {
  BOOST_TEST(Round("1234.5", 0, RoundingMode::kHalfUp) == "1235");
  BOOST_TEST(Round("1234.5", 0, RoundingMode::kHalfEven) == "1234");
  BOOST_TEST(Round("1235.5", 0, RoundingMode::kHalfEven) == "1236");
  BOOST_TEST(Round("-0.5", 0, RoundingMode::kHalfEven) == "0");
  BOOST_TEST(Round("-0.5", 0, RoundingMode::kHalfUp) == "-1");
  BOOST_TEST(Round("0.000000000000000001", 0, RoundingMode::kUp) == "1");
  BOOST_TEST(Round("2.5", 3, RoundingMode::kDown) == "2.500");
  BOOST_TEST(Round("2.5", 1, RoundingMode::kDown) == "2.5");
  BOOST_TEST(Round("2.5", 19, RoundingMode::kDown) == "kOutOfRange");
  BOOST_TEST(Round("2.5", -1, RoundingMode::kDown) == "kOutOfRange");
  BOOST_TEST(Round(kNines34, 1, RoundingMode::kDown) == "kOutOfRange");
}

BOOST_AUTO_TEST_CASE(mul_rounded) {
  BOOST_TEST(Show(D("19.99").MulRounded(D("0.19"), 2, RoundingMode::kHalfUp)) ==
             "3.80");
  BOOST_TEST(Show(D("-19.99").MulRounded(D("0.19"), 2, RoundingMode::kFloor)) ==
             "-3.80");
  BOOST_TEST(Show(D("-19.99").MulRounded(D("0.19"), 2,
                                         RoundingMode::kCeiling)) == "-3.79");
  // 12.345 * 0.075 = 0.925875 (not a tie).
  BOOST_TEST(Show(D("12.345").MulRounded(D("0.075"), 2,
                                         RoundingMode::kHalfEven)) == "0.93");
  // 12.34 * 0.125 = 1.5425 (a tie at scale 3).
  BOOST_TEST(Show(D("12.34").MulRounded(D("0.125"), 3,
                                        RoundingMode::kHalfEven)) == "1.542");
  BOOST_TEST(Show(D("12.34").MulRounded(D("0.125"), 3,
                                        RoundingMode::kHalfUp)) == "1.543");
  // Exact product has scale 20 > 18 before rounding.
  const Decimal rate = D("0.123456789012345678");
  BOOST_TEST(Show(D("123.45").MulRounded(rate, 2, RoundingMode::kHalfUp)) ==
             "15.24");
  BOOST_TEST(Show(D("123.45").MulRounded(rate, 18, RoundingMode::kHalfUp)) ==
             "15.240740603574073949");
  // Exact product (52 digits) = 152415787532388366392318256.6392317555...
  const Decimal big = D("1234567890123456789012345678.901234");
  BOOST_TEST(Show(big.MulRounded(rate, 2, RoundingMode::kHalfUp)) ==
             "152415787532388366392318256.64");
  BOOST_TEST(Show(big.MulRounded(rate, 7, RoundingMode::kHalfEven)) ==
             "152415787532388366392318256.6392318");
  BOOST_TEST(Show(big.MulRounded(rate, 8, RoundingMode::kHalfEven)) ==
             "kOutOfRange");
  BOOST_TEST(Show(big.Negate().MulRounded(rate, 2, RoundingMode::kDown)) ==
             "-152415787532388366392318256.63");
  BOOST_TEST(Show(D("1.5").MulRounded(D("2"), 3, RoundingMode::kDown)) ==
             "3.000");
  BOOST_TEST(Show(D(kNines34).MulRounded(D("1.1"), 0, RoundingMode::kDown)) ==
             "kOutOfRange");
  BOOST_TEST(Show(D("1").MulRounded(D("1"), 19, RoundingMode::kDown)) ==
             "kOutOfRange");
}

BOOST_AUTO_TEST_CASE(divide) {
  const RoundingMode up = RoundingMode::kHalfUp;
  BOOST_TEST(Show(D("1").Div(D("3"), 4, up)) == "0.3333");
  BOOST_TEST(Show(D("2").Div(D("3"), 4, up)) == "0.6667");
  BOOST_TEST(Show(D("2").Div(D("3"), 4, RoundingMode::kDown)) == "0.6666");
  BOOST_TEST(Show(D("-2").Div(D("3"), 4, RoundingMode::kFloor)) ==
             "-0.6667");
  BOOST_TEST(Show(D("2").Div(D("-3"), 4, RoundingMode::kCeiling)) ==
             "-0.6666");
  BOOST_TEST(Show(D("10").Div(D("4"), 0, RoundingMode::kHalfEven)) == "2");
  BOOST_TEST(Show(D("14").Div(D("4"), 0, RoundingMode::kHalfEven)) == "4");
  BOOST_TEST(Show(D("1.000").Div(D("8"), 3, up)) == "0.125");
  BOOST_TEST(Show(D("7").Div(D("0.5"), 2, up)) == "14.00");
  BOOST_TEST(Show(D("1.500000000000000000").Div(D("1"), 0,
                                                RoundingMode::kHalfEven)) ==
             "2");
  BOOST_TEST(Show(D("0.000000000000000001").Div(D("1000000000000000000"), 18,
                                                up)) ==
             "0.000000000000000000");
  BOOST_TEST(Show(D("1").Div(D("0.00"), 2, up)) == "kDivideByZero");
  BOOST_TEST(Show(D(kNines34).Div(D("0.000000000000000001"), 0, up)) ==
             "kOutOfRange");
  BOOST_TEST(Show(D("1").Div(D("3"), 19, up)) == "kOutOfRange");
}

BOOST_AUTO_TEST_SUITE_END()
