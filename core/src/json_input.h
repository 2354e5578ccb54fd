// Internal: parses one input line into a JSON DOM without exceptions and without losing the
// exact text of non-integer numbers (amounts like 12.50 must never pass through a double).
#ifndef PRECLEAR_SRC_JSON_INPUT_H_
#define PRECLEAR_SRC_JSON_INPUT_H_

#include "preclear/problem.h"

#include <string>
#include <string_view>

namespace preclear::internal {

inline constexpr int kMaxJsonDepth = 256;

struct JsonSyntaxError {
  size_t offset = 0;       // 0-based byte index where the parser stopped reading
  std::string token;       // the last token read (may be cut to 40 bytes)
  std::string reason;      // "syntax" | "too_deep" | "number_out_of_range"
};

// Numbers with a fraction or exponent (and integers too big for 64 bits) are kept as strings
// that start with kNumberMark, a byte that never occurs in valid UTF-8 text.
inline constexpr char kNumberMark = '\xFF';

bool ParseInputJson(std::string_view text, Json* out, JsonSyntaxError* error);

inline bool IsNumberText(const Json& v) {
  return v.is_string() && !v.get_ref<const std::string&>().empty() &&
         v.get_ref<const std::string&>()[0] == kNumberMark;
}
inline std::string_view NumberText(const Json& v) {
  return std::string_view(v.get_ref<const std::string&>()).substr(1);
}
// "object" | "array" | "string" | "number" | "boolean" | "null"
std::string_view KindName(const Json& v);

}  // namespace preclear::internal

#endif  // PRECLEAR_SRC_JSON_INPUT_H_
