#include "preclear/version.h"

#include <unicode/uchar.h>
#include <unicode/uversion.h>

namespace preclear {
namespace {
std::string VersionText(const UVersionInfo v) {
  char buf[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(v, buf);
  return buf;
}
}  // namespace

const char* LibraryVersion() { return PRECLEAR_VERSION; }

std::string IcuVersion() {
  UVersionInfo v;
  u_getVersion(v);
  return VersionText(v);
}

std::string UnicodeVersion() {
  UVersionInfo v;
  u_getUnicodeVersion(v);
  return VersionText(v);
}

}  // namespace preclear
