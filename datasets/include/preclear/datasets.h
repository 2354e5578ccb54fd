// The compiled rule packs, embedded in the binary (see datasets/CMakeLists.txt).
#ifndef PRECLEAR_DATASETS_H_
#define PRECLEAR_DATASETS_H_

#include <string_view>
#include <vector>

namespace preclear::datasets {

// The real rules: datasets/manifest.json compiled by preclear-packc. Static storage.
std::string_view DefaultPackBytes();
// A market's pack ("DE"); empty when not embedded (the wasm build loads them on demand).
std::string_view DefaultMarketPackBytes(std::string_view code);
// Codes of the embedded market packs, null-terminated.
const char* const* DefaultMarketPackCodes();
// The HS guidance parts, core first then languages; empty when not embedded (the wasm build
// fetches them).
std::vector<std::string_view> DefaultGuidancePacks();

// Invented rules for tests (datasets/testing/), linked only by preclear::datasets_testing.
std::string_view TestingPackBytes();
std::string_view TestingMarketPackBytes(std::string_view code);
const char* const* TestingMarketPackCodes();
std::vector<std::string_view> TestingGuidancePacks();

}  // namespace preclear::datasets

#endif  // PRECLEAR_DATASETS_H_
