// Exact fixed-point decimal for money and rates. Never uses binary floating
// point and never throws: every fallible operation returns a DecimalResult.
#ifndef PRECLEAR_DECIMAL_H_
#define PRECLEAR_DECIMAL_H_

#include <string>
#include <string_view>

namespace preclear {

// __extension__ keeps -Wpedantic quiet; both g++ and clang (wasm32 too)
// implement 128-bit integers.
__extension__ typedef __int128 Int128;

enum class DecimalError { kSyntax, kOutOfRange, kDivideByZero };

// kHalfUp rounds ties away from zero; kHalfEven is banker's rounding;
// kDown truncates toward zero; kUp goes away from zero; kFloor toward -inf;
// kCeiling toward +inf.
enum class RoundingMode { kHalfUp, kHalfEven, kDown, kUp, kFloor, kCeiling };

struct DecimalResult;

// Value = coefficient * 10^-scale. The scale is part of the value's identity
// (12.50 prints as "12.50"), but Compare is numeric (1.50 == 1.5).
class Decimal {
 public:
  static constexpr int kMaxScale = 18;
  static constexpr int kMaxDigits = 34;  // |coefficient| <= 10^34 - 1

  // Zero with scale 0.
  Decimal() = default;

  // Checked construction from raw parts.
  static DecimalResult FromParts(Int128 coefficient, int scale);
  // Any int64 fits (19 digits), so this cannot fail.
  static Decimal FromInt(long long value);

  // Plain text "-?[0-9]+(\.[0-9]+)?"; scale = number of fraction digits.
  static DecimalResult Parse(std::string_view text);
  // RFC 8259 number grammar, converted exactly; a negative exponent's
  // shifted digits count toward the scale ("1.50e-1" -> 0.150).
  static DecimalResult ParseJsonNumber(std::string_view text);

  // Canonical text keeping the scale: "12.50", "-0.5", "0.00".
  std::string ToString() const;

  Int128 coefficient() const { return coef_; }
  int Scale() const { return scale_; }

  bool IsZero() const { return coef_ == 0; }
  bool IsNegative() const { return coef_ < 0; }
  int Sign() const { return coef_ < 0 ? -1 : (coef_ > 0 ? 1 : 0); }
  // Numeric three-way comparison: -1, 0 or 1.
  int Compare(const Decimal& other) const;

  // Cannot overflow: the coefficient range is symmetric.
  Decimal Negate() const;
  Decimal Abs() const;

  // Result scale = max of the scales.
  DecimalResult Add(const Decimal& other) const;
  DecimalResult Sub(const Decimal& other) const;
  // Result scale = sum of the scales; kOutOfRange if it exceeds kMaxScale
  // or the product needs more than kMaxDigits digits.
  DecimalResult Mul(const Decimal& other) const;
  // Exact product rounded to `scale`; the unrounded product may be far
  // wider than a Decimal, only the rounded result must fit.
  DecimalResult MulRounded(const Decimal& rate, int scale,
                           RoundingMode mode) const;
  // Quotient correctly rounded to `scale`; kDivideByZero for a zero divisor.
  DecimalResult Div(const Decimal& divisor, int scale,
                    RoundingMode mode) const;

  // Result scale is exactly `scale` (0..kMaxScale); a larger scale than the
  // current one only appends zeros.
  DecimalResult Round(int scale, RoundingMode mode) const;
  // Appends trailing zeros; kOutOfRange if `scale` is below the current scale
  // (that would lose information) or the result does not fit.
  DecimalResult RescaleUp(int scale) const;

 private:
  Decimal(Int128 coef, int scale) : coef_(coef), scale_(scale) {}

  Int128 coef_ = 0;
  int scale_ = 0;
};

// Non-throwing outcome. When ok is false, error says why and value is zero;
// when ok is true, error is meaningless.
struct DecimalResult {
  bool ok = false;
  DecimalError error = DecimalError::kSyntax;
  Decimal value;

  static DecimalResult Ok(const Decimal& v) {
    return DecimalResult{true, DecimalError::kSyntax, v};
  }
  static DecimalResult Fail(DecimalError e) {
    return DecimalResult{false, e, Decimal()};
  }
};

}  // namespace preclear

#endif  // PRECLEAR_DECIMAL_H_
