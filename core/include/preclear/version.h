// Versions reported by `preclear --version`, the wasm `version()` call and /healthz.
#ifndef PRECLEAR_VERSION_H_
#define PRECLEAR_VERSION_H_

#include <string>

namespace preclear {

const char* LibraryVersion();  // "0.1.0"
std::string IcuVersion();      // "72.1"
std::string UnicodeVersion();  // "15.0"

}  // namespace preclear

#endif  // PRECLEAR_VERSION_H_
