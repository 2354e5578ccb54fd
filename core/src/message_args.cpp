// ICU-free part of messages.h, so the pack compiler (a host tool) can check catalogues.
#include "preclear/messages.h"

#include <algorithm>
#include <cctype>

namespace preclear {
namespace {

// A small reader of the MessageFormat structure: a message is text with {arguments}; a
// select/plural argument holds "keyword {message}" branches. Only argument names are kept.
class ArgReader {
 public:
  explicit ArgReader(std::string_view p) : p_(p) {}

  std::vector<std::string> Read() {
    Message();
    return names_;
  }

 private:
  void Message() {  // until an unmatched '}' or the end
    while (i_ < p_.size()) {
      char c = p_[i_];
      if (c == '}') return;
      ++i_;
      if (c == '{') Argument();
    }
  }

  void Spaces() {
    while (i_ < p_.size() && std::isspace(static_cast<unsigned char>(p_[i_]))) ++i_;
  }

  std::string Word() {
    size_t start = i_;
    while (i_ < p_.size() && (std::isalnum(static_cast<unsigned char>(p_[i_])) || p_[i_] == '_' || p_[i_] == '=' ||
                              p_[i_] == ':' || p_[i_] == '-')) {
      ++i_;
    }
    return std::string(p_.substr(start, i_ - start));
  }

  void Argument() {  // after '{'
    Spaces();
    std::string name = Word();
    if (!name.empty() && std::find(names_.begin(), names_.end(), name) == names_.end()) names_.push_back(name);
    Spaces();
    if (i_ < p_.size() && p_[i_] == ',') {
      ++i_;
      Spaces();
      std::string type = Word();
      Spaces();
      if (type == "select" || type == "plural" || type == "selectordinal") {
        if (i_ < p_.size() && p_[i_] == ',') ++i_;
        while (i_ < p_.size() && p_[i_] != '}') {
          Spaces();
          Word();  // keyword, =N or offset:N
          Spaces();
          if (i_ < p_.size() && p_[i_] == '{') {
            ++i_;
            Message();
            if (i_ < p_.size()) ++i_;  // the branch's '}'
          } else if (i_ < p_.size() && p_[i_] != '}') {
            ++i_;  // not well-formed; move on rather than loop
          }
          Spaces();
        }
      } else {
        int depth = 0;  // a style such as "integer" or "::currency/EUR"
        while (i_ < p_.size() && (p_[i_] != '}' || depth > 0)) {
          depth += p_[i_] == '{' ? 1 : p_[i_] == '}' ? -1 : 0;
          ++i_;
        }
      }
    }
    while (i_ < p_.size() && p_[i_] != '}') ++i_;
    if (i_ < p_.size()) ++i_;  // the argument's '}'
  }

  std::string_view p_;
  size_t i_ = 0;
  std::vector<std::string> names_;
};

}  // namespace

std::vector<std::string> MessageArgumentNames(std::string_view pattern) { return ArgReader(pattern).Read(); }

const std::vector<std::string_view>& ExplainKeys() {
  static const std::vector<std::string_view> keys = {
#define PRECLEAR_EXPLAIN(key) #key,
#include "preclear/explain_keys.inc"
#undef PRECLEAR_EXPLAIN
  };
  return keys;
}

}  // namespace preclear
