// Boost.Test prints values of these enums by name in failure messages.
#ifndef PRECLEAR_TESTS_UNIT_PRINTERS_H_
#define PRECLEAR_TESTS_UNIT_PRINTERS_H_

#include "preclear/pack.h"

#include <ostream>

namespace preclear {

inline std::ostream& operator<<(std::ostream& os, PackError e) { return os << PackErrorName(e); }
inline std::ostream& operator<<(std::ostream& os, Confidence c) {
  return os << (c == Confidence::kVerified ? "verified" : c == Confidence::kSecondary ? "secondary" : "unverified");
}

}  // namespace preclear

#endif  // PRECLEAR_TESTS_UNIT_PRINTERS_H_
