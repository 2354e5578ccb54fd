// Internal: the binary envelope shared by every pack kind.
#ifndef PRECLEAR_SRC_PACK_INTERNAL_H_
#define PRECLEAR_SRC_PACK_INTERNAL_H_

#include "preclear/pack.h"
#include "preclear/problem.h"

#include <string>
#include <string_view>

namespace preclear::internal {

// Checks magic, format and length; parses the payload into |doc|.
PackError ReadEnvelope(std::string_view bytes, Json* doc, std::string* detail);

}  // namespace preclear::internal

#endif  // PRECLEAR_SRC_PACK_INTERNAL_H_
