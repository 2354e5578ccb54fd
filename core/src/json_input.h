// Internal: reads one input line into a compact read-only tree without exceptions and without
// losing the exact text of non-integer numbers (amounts like 12.50 must never pass through a
// double). Strings point into the line unless they had escapes; the line must outlive the doc.
//
// Accepts exactly what nlohmann's strict parser accepts (a differential test holds them
// together); on a rejected line the error details come from nlohmann itself, so JSON_SYNTAX
// problems keep their exact offsets and tokens.
#ifndef PRECLEAR_SRC_JSON_INPUT_H_
#define PRECLEAR_SRC_JSON_INPUT_H_

#include "preclear/problem.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace preclear::internal {

inline constexpr int kMaxJsonDepth = 256;

struct JsonSyntaxError {
  size_t offset = 0;       // 0-based byte index where the parser stopped reading
  std::string token;       // the last token read (may be cut to 40 bytes)
  std::string reason;      // "syntax" | "too_deep" | "number_out_of_range"
};

class InputDoc;

// A view of one value of an InputDoc; a default-constructed view is "absent".
class InputValue {
 public:
  enum class Kind : uint8_t { kNull, kBoolean, kInteger, kUnsigned, kNumberText, kString, kArray, kObject };

  InputValue() = default;
  explicit operator bool() const { return doc_ != nullptr; }

  Kind kind() const;
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_boolean() const { return kind() == Kind::kBoolean; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_object() const { return kind() == Kind::kObject; }
  bool is_array() const { return kind() == Kind::kArray; }
  // Negative integers (int64) and non-negative ones (uint64), as nlohmann splits them.
  bool is_integer() const { return kind() == Kind::kInteger; }
  bool is_unsigned() const { return kind() == Kind::kUnsigned; }
  // A number with a fraction or exponent, or an integer beyond 64 bits: kept as its text.
  bool is_number_text() const { return kind() == Kind::kNumberText; }

  bool boolean() const;
  int64_t integer() const;
  uint64_t unsigned_value() const;
  std::string_view text() const;  // string contents (unescaped) or the number's text

  // Arrays and objects: number of elements / members (duplicate keys counted).
  size_t size() const;
  // Object member |key| (the last one when a key repeats, as nlohmann keeps); absent if none.
  InputValue find(std::string_view key) const;
  // Object member, absent when missing or null ("not given").
  InputValue field(std::string_view key) const {
    InputValue v = find(key);
    return v && !v.is_null() ? v : InputValue();
  }
  // Array elements in order; object members as (key, value) in order, later duplicates kept
  // only once (at their last position).
  std::vector<InputValue> elements() const;
  std::vector<std::pair<std::string_view, InputValue>> members() const;

  // "object" | "array" | "string" | "number" | "boolean" | "null"
  std::string_view kind_name() const;
  // The value as nlohmann JSON (for problem args); number text keeps the kNumberMark form.
  Json ToJson() const;

 private:
  friend class InputDoc;
  InputValue(const InputDoc* doc, uint32_t index) : doc_(doc), index_(index) {}
  uint32_t next() const;  // index of the node after this subtree

  const InputDoc* doc_ = nullptr;
  uint32_t index_ = 0;
};

class InputDoc {
 public:
  // Reads |text|; false (and |error| set) when it is not one JSON value. |text| must outlive
  // the doc.
  bool Parse(std::string_view text, JsonSyntaxError* error);
  InputValue root() const { return nodes_.empty() ? InputValue() : InputValue(this, 0); }

 private:
  friend class InputValue;
  friend class Reader;
  struct Node {
    InputValue::Kind kind;
    bool flag = false;        // boolean value
    uint32_t count = 0;       // elements / members
    uint32_t next = 0;        // index after the subtree
    uint64_t bits = 0;        // integer value
    std::string_view text;    // string or number text
  };
  std::vector<Node> nodes_;
  std::deque<std::string> unescaped_;  // strings that had escapes
};

// Numbers with a fraction or exponent (and integers too big for 64 bits) put into problem args
// are strings that start with kNumberMark, a byte that never occurs in valid UTF-8 text.
inline constexpr char kNumberMark = '\xFF';

inline bool IsNumberText(const Json& v) {
  return v.is_string() && !v.get_ref<const std::string&>().empty() &&
         v.get_ref<const std::string&>()[0] == kNumberMark;
}
inline std::string_view NumberText(const Json& v) {
  return std::string_view(v.get_ref<const std::string&>()).substr(1);
}

}  // namespace preclear::internal

#endif  // PRECLEAR_SRC_JSON_INPUT_H_
