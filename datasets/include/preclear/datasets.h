// The compiled rule packs, embedded in the binary (see datasets/CMakeLists.txt).
#ifndef PRECLEAR_DATASETS_H_
#define PRECLEAR_DATASETS_H_

#include <string_view>

namespace preclear::datasets {

// The real rules: datasets/manifest.json compiled by preclear-packc. Static storage.
std::string_view DefaultPackBytes();
// Invented rules for tests (datasets/testing/), linked only by preclear::datasets_testing.
std::string_view TestingPackBytes();

}  // namespace preclear::datasets

#endif  // PRECLEAR_DATASETS_H_
