#include "preclear/messages.h"

#include "json_input.h"

namespace preclear {
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

}  // namespace

namespace {

// Fills placeholders in |pattern|; *all_found tells whether every one had an argument.
std::string Fill(std::string_view pattern, const Json& args, bool* all_found) {
  std::string out;
  out.reserve(pattern.size() + 32);
  size_t i = 0;
  while (i < pattern.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i + 1);
      if (close != std::string_view::npos) {
        std::string name(pattern.substr(i + 1, close - i - 1));
        auto it = args.is_object() ? args.find(name) : args.end();
        if (it != args.end()) {
          out += ArgText(*it);
          i = close + 1;
          continue;
        }
        *all_found = false;
      }
    }
    out += pattern[i++];
  }
  return out;
}

}  // namespace

std::string FormatMessage(std::string_view pattern, const Json& args) {
  // Optional segments "[[ ... ]]" appear only when all their arguments are given.
  std::string out;
  size_t i = 0;
  while (i < pattern.size()) {
    size_t open = pattern.find("[[", i);
    size_t close = open == std::string_view::npos ? open : pattern.find("]]", open + 2);
    if (close == std::string_view::npos) {
      bool ignored = true;
      out += Fill(pattern.substr(i), args, &ignored);
      break;
    }
    bool ignored = true;
    out += Fill(pattern.substr(i, open - i), args, &ignored);
    bool all_found = true;
    std::string segment = Fill(pattern.substr(open + 2, close - open - 2), args, &all_found);
    if (all_found) out += segment;
    i = close + 2;
  }
  return out;
}

std::string RenderMessage(const Pack& pack, std::string_view locale, const Problem& problem) {
  std::string_view key = Info(problem.code).name;
  const std::string* pattern = pack.Message(locale, key);
  if (pattern == nullptr) return std::string(key);  // unreachable: the loader checks English
  return FormatMessage(*pattern, problem.args);
}

}  // namespace preclear
