// Internal: appends JSON text straight to a string, byte-identical to nlohmann's
// dump(-1, ' ', false, replace) for the same values, without building a DOM first.
#ifndef PRECLEAR_SRC_JSON_WRITER_H_
#define PRECLEAR_SRC_JSON_WRITER_H_

#include "preclear/problem.h"

#include <string>
#include <string_view>

namespace preclear::internal {

// A JSON string literal (quotes included).
void AppendJsonString(std::string_view s, std::string* out);

// Any nlohmann value, as dump(-1, ' ', false, replace) writes it.
inline void AppendJson(const Json& v, std::string* out) {
  if (v.is_string()) {
    AppendJsonString(v.get_ref<const std::string&>(), out);
  } else {
    *out += v.dump(-1, ' ', false, Json::error_handler_t::replace);
  }
}

}  // namespace preclear::internal

#endif  // PRECLEAR_SRC_JSON_WRITER_H_
