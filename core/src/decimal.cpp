#include "preclear/decimal.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace preclear {
namespace {

__extension__ typedef unsigned __int128 UInt128;

// 10^n for 0 <= n <= 38 (10^38 < 2^127, so it also fits the signed type).
constexpr UInt128 Pow10(int n) {
  UInt128 r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

constexpr UInt128 kMaxCoef = Pow10(Decimal::kMaxDigits) - 1;
// Bound for aligned operands in Add: one side is < 10^34, so the sum of a
// value <= 10^38 and that one still fits in a signed 128-bit integer.
constexpr UInt128 kAlignBound = Pow10(38);

UInt128 Magnitude(Int128 v) {
  // Negating in the unsigned domain avoids overflow on the minimum value.
  return v < 0 ? UInt128{0} - static_cast<UInt128>(v) : static_cast<UInt128>(v);
}

std::string ToStringU128(UInt128 v) {
  char buf[40];
  int pos = 40;
  do {
    buf[--pos] = static_cast<char>('0' + static_cast<int>(v % 10));
    v /= 10;
  } while (v != 0);
  return std::string(buf + pos, buf + 40);
}

std::string ToString128(Int128 v) {
  std::string digits = ToStringU128(Magnitude(v));
  return v < 0 ? "-" + digits : digits;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Unsigned 256-bit integer, just enough for exact wide intermediates
// (products up to 10^68, dividends up to 10^70). 32-bit limbs keep every
// partial product inside uint64_t, which is portable to wasm32.
class U256 {
 public:
  static constexpr int kLimbs = 8;

  U256() = default;
  explicit U256(UInt128 v) {
    for (int i = 0; i < 4; ++i) {
      limb_[i] = static_cast<uint32_t>(v);
      v >>= 32;
    }
  }

  bool IsZero() const {
    for (uint32_t l : limb_) {
      if (l != 0) return false;
    }
    return true;
  }
  bool IsOdd() const { return (limb_[0] & 1u) != 0; }

  // Valid only when the value fits; callers check against kMaxCoef first.
  UInt128 Low128() const {
    UInt128 r = 0;
    for (int i = 3; i >= 0; --i) r = (r << 32) | limb_[i];
    return r;
  }

  int Compare(const U256& o) const {
    for (int i = kLimbs - 1; i >= 0; --i) {
      if (limb_[i] != o.limb_[i]) return limb_[i] < o.limb_[i] ? -1 : 1;
    }
    return 0;
  }

  // Product truncated to 256 bits; all callers stay far below 2^256.
  U256 Mul(const U256& o) const {
    U256 r;
    for (int i = 0; i < kLimbs; ++i) {
      uint64_t carry = 0;
      for (int j = 0; i + j < kLimbs; ++j) {
        uint64_t cur = static_cast<uint64_t>(limb_[i]) * o.limb_[j] +
                       r.limb_[i + j] + carry;
        r.limb_[i + j] = static_cast<uint32_t>(cur);
        carry = cur >> 32;
      }
    }
    return r;
  }

  // Requires *this >= o.
  void Sub(const U256& o) {
    uint64_t borrow = 0;
    for (int i = 0; i < kLimbs; ++i) {
      uint64_t lhs = limb_[i];
      uint64_t rhs = static_cast<uint64_t>(o.limb_[i]) + borrow;
      borrow = lhs < rhs ? 1 : 0;
      limb_[i] = static_cast<uint32_t>(lhs + (borrow << 32) - rhs);
    }
  }

  void AddOne() {
    for (int i = 0; i < kLimbs; ++i) {
      if (++limb_[i] != 0) return;
    }
  }

  void ShiftLeft1() {
    for (int i = kLimbs - 1; i > 0; --i) {
      limb_[i] = (limb_[i] << 1) | (limb_[i - 1] >> 31);
    }
    limb_[0] <<= 1;
  }

  bool Bit(int i) const { return ((limb_[i / 32] >> (i % 32)) & 1u) != 0; }
  void SetBit(int i) { limb_[i / 32] |= uint32_t{1} << (i % 32); }

  bool FitsIn128() const { return limb_[4] == 0 && limb_[5] == 0 && limb_[6] == 0 && limb_[7] == 0; }

  // Restoring binary long division; d must be nonzero. Money nearly always fits 128 bits,
  // where the machine's own division is exact and far faster.
  static void DivMod(const U256& n, const U256& d, U256* q, U256* r) {
    if (n.FitsIn128() && d.FitsIn128()) {
      UInt128 a = n.Low128(), b = d.Low128();
      *q = U256(a / b);
      *r = U256(a % b);
      return;
    }
    *q = U256();
    *r = U256();
    for (int i = kLimbs * 32 - 1; i >= 0; --i) {
      r->ShiftLeft1();
      if (n.Bit(i)) r->limb_[0] |= 1u;
      if (r->Compare(d) >= 0) {
        r->Sub(d);
        q->SetBit(i);
      }
    }
  }

 private:
  uint32_t limb_[kLimbs] = {0, 0, 0, 0, 0, 0, 0, 0};
};

bool ShouldRoundAway(const U256& quotient, const U256& remainder,
                     const U256& divisor, bool negative, RoundingMode mode) {
  if (remainder.IsZero()) return false;
  switch (mode) {
    case RoundingMode::kDown:
      return false;
    case RoundingMode::kUp:
      return true;
    case RoundingMode::kFloor:
      return negative;
    case RoundingMode::kCeiling:
      return !negative;
    case RoundingMode::kHalfUp:
    case RoundingMode::kHalfEven: {
      // remainder < divisor <= 10^52, so doubling cannot overflow.
      U256 twice = remainder;
      twice.ShiftLeft1();
      int cmp = twice.Compare(divisor);
      if (cmp != 0) return cmp > 0;
      return mode == RoundingMode::kHalfUp || quotient.IsOdd();
    }
  }
  return false;
}

// Builds sign * numerator / divisor rounded to an integer coefficient at
// `scale`. Shared by Round, MulRounded and Div so all round identically.
DecimalResult RoundedQuotient(const U256& numerator, const U256& divisor,
                              bool negative, int scale, RoundingMode mode) {
  U256 q;
  U256 r;
  U256::DivMod(numerator, divisor, &q, &r);
  if (ShouldRoundAway(q, r, divisor, negative, mode)) q.AddOne();
  if (q.Compare(U256(kMaxCoef)) > 0) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  Int128 mag = static_cast<Int128>(q.Low128());
  return Decimal::FromParts(negative ? -mag : mag, scale);
}

// Exact value of sign * D * 10^exponent, where D is the ASCII digits of
// int_digits followed by frac_digits (leading zeros allowed).
DecimalResult BuildExact(bool negative, std::string_view int_digits,
                         std::string_view frac_digits, int64_t exponent) {
  // Leading zeros carry no information and do not count as significant.
  size_t skip = 0;
  const size_t total = int_digits.size() + frac_digits.size();
  auto digit_at = [&](size_t i) {
    return i < int_digits.size() ? int_digits[i]
                                 : frac_digits[i - int_digits.size()];
  };
  while (skip < total && digit_at(skip) == '0') ++skip;
  const int64_t significant = static_cast<int64_t>(total - skip);

  const int64_t scale = exponent < 0 ? -exponent : 0;
  const int64_t zeros = exponent > 0 ? exponent : 0;
  if (scale > Decimal::kMaxScale) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  if (significant == 0) return Decimal::FromParts(0, static_cast<int>(scale));
  if (significant > Decimal::kMaxDigits ||
      zeros > Decimal::kMaxDigits - significant) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  UInt128 coef = 0;
  for (size_t i = skip; i < total; ++i) {
    coef = coef * 10 + static_cast<UInt128>(digit_at(i) - '0');
  }
  coef *= Pow10(static_cast<int>(zeros));
  Int128 signed_coef = static_cast<Int128>(coef);
  return Decimal::FromParts(negative ? -signed_coef : signed_coef,
                            static_cast<int>(scale));
}

}  // namespace

DecimalResult Decimal::FromParts(Int128 coefficient, int scale) {
  if (scale < 0 || scale > kMaxScale || Magnitude(coefficient) > kMaxCoef) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  return DecimalResult::Ok(Decimal(coefficient, scale));
}

Decimal Decimal::FromInt(long long value) {
  return Decimal(static_cast<Int128>(value), 0);
}

DecimalResult Decimal::Parse(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (i < n && text[i] == '-') {
    negative = true;
    ++i;
  }
  const size_t int_start = i;
  while (i < n && IsDigit(text[i])) ++i;
  if (i == int_start) return DecimalResult::Fail(DecimalError::kSyntax);
  std::string_view int_digits = text.substr(int_start, i - int_start);
  std::string_view frac_digits;
  if (i < n && text[i] == '.') {
    const size_t frac_start = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == frac_start) return DecimalResult::Fail(DecimalError::kSyntax);
    frac_digits = text.substr(frac_start, i - frac_start);
  }
  if (i != n) return DecimalResult::Fail(DecimalError::kSyntax);
  // Checked before converting the length to a signed exponent.
  if (frac_digits.size() > static_cast<size_t>(kMaxScale)) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  return BuildExact(negative, int_digits, frac_digits,
                    -static_cast<int64_t>(frac_digits.size()));
}

DecimalResult Decimal::ParseJsonNumber(std::string_view text) {
  size_t i = 0;
  const size_t n = text.size();
  bool negative = false;
  if (i < n && text[i] == '-') {
    negative = true;
    ++i;
  }
  const size_t int_start = i;
  if (i < n && text[i] == '0') {
    ++i;  // RFC 8259: a leading zero must stand alone.
  } else if (i < n && text[i] >= '1' && text[i] <= '9') {
    while (i < n && IsDigit(text[i])) ++i;
  } else {
    return DecimalResult::Fail(DecimalError::kSyntax);
  }
  std::string_view int_digits = text.substr(int_start, i - int_start);
  std::string_view frac_digits;
  if (i < n && text[i] == '.') {
    const size_t frac_start = ++i;
    while (i < n && IsDigit(text[i])) ++i;
    if (i == frac_start) return DecimalResult::Fail(DecimalError::kSyntax);
    frac_digits = text.substr(frac_start, i - frac_start);
  }
  // Saturating the exponent keeps hostile input like "1e999999999999" from
  // overflowing; any cap far beyond every reachable scale gives the same
  // answer.
  constexpr int64_t kExponentCap = 1000000000000000;  // 10^15
  int64_t exponent = 0;
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) {
      exp_negative = text[i] == '-';
      ++i;
    }
    const size_t exp_start = i;
    while (i < n && IsDigit(text[i])) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > kExponentCap) exponent = kExponentCap;
      ++i;
    }
    if (i == exp_start) return DecimalResult::Fail(DecimalError::kSyntax);
    if (exp_negative) exponent = -exponent;
  }
  if (i != n) return DecimalResult::Fail(DecimalError::kSyntax);
  // Keeps exponent - fraction length well inside int64_t; no real input is
  // anywhere near this long.
  if (static_cast<uint64_t>(frac_digits.size()) > (uint64_t{1} << 40)) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  return BuildExact(negative, int_digits, frac_digits,
                    exponent - static_cast<int64_t>(frac_digits.size()));
}

std::string Decimal::ToString() const {
  // A zero coefficient is never negative, so "-0" cannot appear.
  std::string text = ToString128(coef_);
  if (scale_ > 0) {
    const size_t sign = coef_ < 0 ? 1 : 0;
    const size_t scale = static_cast<size_t>(scale_);
    const size_t digits = text.size() - sign;
    if (digits <= scale) text.insert(sign, scale + 1 - digits, '0');
    text.insert(text.size() - scale, 1, '.');
  }
  return text;
}

int Decimal::Compare(const Decimal& other) const {
  if (Sign() != other.Sign()) return Sign() < other.Sign() ? -1 : 1;
  // Align magnitudes in 256 bits: 10^34 * 10^18 does not fit 128 bits.
  const int common = scale_ > other.scale_ ? scale_ : other.scale_;
  U256 lhs = U256(Magnitude(coef_)).Mul(U256(Pow10(common - scale_)));
  U256 rhs =
      U256(Magnitude(other.coef_)).Mul(U256(Pow10(common - other.scale_)));
  const int cmp = lhs.Compare(rhs);
  return IsNegative() ? -cmp : cmp;
}

Decimal Decimal::Negate() const { return Decimal(-coef_, scale_); }

Decimal Decimal::Abs() const { return coef_ < 0 ? Negate() : *this; }

DecimalResult Decimal::Add(const Decimal& other) const {
  const int common = scale_ > other.scale_ ? scale_ : other.scale_;
  Int128 lhs = coef_;
  Int128 rhs = other.coef_;
  // Only the operand with the smaller scale grows. If it exceeds the bound,
  // the other operand (< 10^34) cannot pull the sum back into range.
  Int128* grow = nullptr;
  int shift = 0;
  if (scale_ < common) {
    grow = &lhs;
    shift = common - scale_;
  } else if (other.scale_ < common) {
    grow = &rhs;
    shift = common - other.scale_;
  }
  if (grow != nullptr) {
    const UInt128 factor = Pow10(shift);
    if (Magnitude(*grow) > kAlignBound / factor) {
      return DecimalResult::Fail(DecimalError::kOutOfRange);
    }
    *grow *= static_cast<Int128>(factor);
  }
  return FromParts(lhs + rhs, common);
}

DecimalResult Decimal::Sub(const Decimal& other) const {
  return Add(other.Negate());
}

DecimalResult Decimal::Mul(const Decimal& other) const {
  const int scale = scale_ + other.scale_;
  if (scale > kMaxScale) return DecimalResult::Fail(DecimalError::kOutOfRange);
  const UInt128 a = Magnitude(coef_);
  const UInt128 b = Magnitude(other.coef_);
  // Division-based check: no overflow builtins (wasm32 portability).
  if (a != 0 && b > kMaxCoef / a) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  const Int128 mag = static_cast<Int128>(a * b);
  return FromParts(IsNegative() != other.IsNegative() ? -mag : mag, scale);
}

DecimalResult Decimal::MulRounded(const Decimal& rate, int scale,
                                  RoundingMode mode) const {
  if (scale < 0 || scale > kMaxScale) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  const int product_scale = scale_ + rate.scale_;  // at most 36
  if (scale >= product_scale) {
    // No rounding needed; if the exact product does not fit, neither does
    // the wider rescaled one.
    DecimalResult exact = Mul(rate);
    if (!exact.ok) return exact;
    return exact.value.RescaleUp(scale);
  }
  const U256 product = U256(Magnitude(coef_)).Mul(U256(Magnitude(rate.coef_)));
  return RoundedQuotient(product, U256(Pow10(product_scale - scale)),
                         IsNegative() != rate.IsNegative(), scale, mode);
}

DecimalResult Decimal::Div(const Decimal& divisor, int scale,
                           RoundingMode mode) const {
  if (divisor.IsZero()) return DecimalResult::Fail(DecimalError::kDivideByZero);
  if (scale < 0 || scale > kMaxScale) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  // quotient coefficient = (a / 10^sa) / (b / 10^sb) * 10^scale
  //                      = a * 10^(scale + sb - sa) / b
  const int shift = scale + divisor.scale_ - scale_;  // -18..36
  U256 numerator(Magnitude(coef_));
  U256 denominator(Magnitude(divisor.coef_));
  if (shift >= 0) {
    numerator = numerator.Mul(U256(Pow10(shift)));
  } else {
    denominator = denominator.Mul(U256(Pow10(-shift)));
  }
  return RoundedQuotient(numerator, denominator,
                         IsNegative() != divisor.IsNegative(), scale, mode);
}

DecimalResult Decimal::Round(int scale, RoundingMode mode) const {
  if (scale < 0 || scale > kMaxScale) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  if (scale >= scale_) return RescaleUp(scale);
  return RoundedQuotient(U256(Magnitude(coef_)), U256(Pow10(scale_ - scale)),
                         IsNegative(), scale, mode);
}

DecimalResult Decimal::RescaleUp(int scale) const {
  if (scale < scale_ || scale > kMaxScale) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  const UInt128 factor = Pow10(scale - scale_);
  if (Magnitude(coef_) > kMaxCoef / factor) {
    return DecimalResult::Fail(DecimalError::kOutOfRange);
  }
  return DecimalResult::Ok(Decimal(coef_ * static_cast<Int128>(factor), scale));
}

}  // namespace preclear
