#include "json_input.h"

#include <vector>

namespace preclear::internal {
namespace {

// Builds an ordered_json DOM from SAX events (same shape nlohmann's own DOM parser builds).
class DomBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  explicit DomBuilder(Json* root, JsonSyntaxError* error) : root_(root), error_(error) {}

  bool null() { return Put(Json(nullptr)); }
  bool boolean(bool v) { return Put(Json(v)); }
  bool number_integer(number_integer_t v) { return Put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return Put(Json(v)); }
  bool number_float(number_float_t, const string_t& text) {
    std::string s(1, kNumberMark);
    s += text;
    return Put(Json(std::move(s)));
  }
  bool string(string_t& v) { return Put(Json(std::move(v))); }
  bool binary(binary_t&) { return false; }  // never produced by the JSON text parser
  bool start_object(std::size_t) { return Open(Json::object()); }
  bool start_array(std::size_t) { return Open(Json::array()); }
  bool key(string_t& k) {
    // Duplicate keys: the last one wins, as in nlohmann's own parser.
    pending_ = &(*stack_.back())[k];
    return true;
  }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }
  bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
    // nlohmann counts the bytes it consumed; report the 0-based index where it stopped.
    error_->offset = position > 0 ? position - 1 : 0;
    error_->token = last_token.substr(0, 40);
    // 406: valid JSON number text beyond what the parser can hold (RFC 8259 §9 allows the limit).
    error_->reason = ex.id == 406 ? "number_out_of_range" : "syntax";
    return false;
  }
  bool too_deep() const { return too_deep_; }

 private:
  Json* Slot() {
    if (stack_.empty()) return root_;
    Json* top = stack_.back();
    if (top->is_array()) {
      top->push_back(nullptr);
      return &top->back();
    }
    return pending_;
  }
  bool Put(Json v) {
    *Slot() = std::move(v);
    return true;
  }
  bool Open(Json v) {
    if (stack_.size() >= static_cast<size_t>(kMaxJsonDepth)) {
      too_deep_ = true;
      return false;
    }
    Json* slot = Slot();
    *slot = std::move(v);
    stack_.push_back(slot);
    return true;
  }
  bool Close() {
    stack_.pop_back();
    return true;
  }

  Json* root_;
  JsonSyntaxError* error_;
  std::vector<Json*> stack_;
  Json* pending_ = nullptr;
  bool too_deep_ = false;
};

// Byte offset of the bracket that crosses kMaxJsonDepth (strings skipped), for the message.
size_t DeepestOpen(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > kMaxJsonDepth) return i;
    } else if (c == '}' || c == ']') {
      --depth;
    }
  }
  return 0;
}

}  // namespace

bool ParseInputJson(std::string_view text, Json* out, JsonSyntaxError* error) {
  DomBuilder builder(out, error);
  bool ok = Json::sax_parse(text.begin(), text.end(), &builder, nlohmann::detail::input_format_t::json,
                            /*strict=*/true);
  if (ok) return true;
  if (builder.too_deep()) {
    error->reason = "too_deep";
    error->token.clear();
    error->offset = DeepestOpen(text);
  }
  *out = nullptr;
  return false;
}

std::string_view KindName(const Json& v) {
  if (IsNumberText(v)) return "number";
  switch (v.type()) {
    case Json::value_t::object: return "object";
    case Json::value_t::array: return "array";
    case Json::value_t::string: return "string";
    case Json::value_t::boolean: return "boolean";
    case Json::value_t::null: return "null";
    default: return "number";
  }
}

}  // namespace preclear::internal
