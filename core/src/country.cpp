#include "preclear/country.h"

#include <unicode/region.h>

namespace preclear {
namespace {

bool IsUpperAlpha2(std::string_view s) {
  return s.size() == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

// The territory ICU resolves |code| to, or null.
const icu::Region* Resolve(std::string_view code) {
  if (!IsUpperAlpha2(code)) return nullptr;
  std::string c(code);
  UErrorCode status = U_ZERO_ERROR;
  const icu::Region* r = icu::Region::getInstance(c.c_str(), status);
  if (U_FAILURE(status) || r == nullptr || r->getType() != URGN_TERRITORY) return nullptr;
  return r;
}

}  // namespace

bool IsCountryCode(std::string_view code) {
  const icu::Region* r = Resolve(code);
  return r != nullptr && code == r->getRegionCode();
}

std::optional<std::string> SuggestCountryCode(std::string_view code) {
  std::string up(code);
  for (char& ch : up) {
    if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
  }
  const icu::Region* r = Resolve(up);
  if (r == nullptr) return std::nullopt;
  std::string canonical = r->getRegionCode();
  if (canonical == code) return std::nullopt;  // already right
  return canonical;
}

}  // namespace preclear
