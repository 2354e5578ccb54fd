// ISO 3166-1 alpha-2 territories from ICU's region data (CLDR).
#ifndef PRECLEAR_COUNTRY_H_
#define PRECLEAR_COUNTRY_H_

#include <optional>
#include <string>
#include <string_view>

namespace preclear {

// True for a current territory code exactly as written: "DE", "GB", "XK". False for aliases
// and deprecated codes ("UK", "DD"), groupings ("EU", "001"), lowercase and anything else.
bool IsCountryCode(std::string_view code);

// What the user probably meant: "UK" -> "GB", "de" -> "DE", "DD" -> "DE" (ICU's territory
// aliases); nothing when there is no single current territory.
std::optional<std::string> SuggestCountryCode(std::string_view code);

}  // namespace preclear

#endif  // PRECLEAR_COUNTRY_H_
