// Problem codes + arguments -> text in the caller's locale, from the pack's catalogue.
// Templates name arguments in braces ("{value} is not an ISO 4217 currency"); a segment in
// double brackets appears only when all its arguments are given ("[[ Did you mean {suggestion}?]]").
#ifndef PRECLEAR_MESSAGES_H_
#define PRECLEAR_MESSAGES_H_

#include "preclear/pack.h"
#include "preclear/problem.h"

#include <string>
#include <string_view>

namespace preclear {

// Fills {name} placeholders from |args| (strings as is, numbers as JSON text, arrays joined
// with ", "). An unknown placeholder stays as written, so a catalogue typo is visible.
std::string FormatMessage(std::string_view pattern, const Json& args);

std::string RenderMessage(const Pack& pack, std::string_view locale, const Problem& problem);

}  // namespace preclear

#endif  // PRECLEAR_MESSAGES_H_
