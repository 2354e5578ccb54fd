// The pack compiler: datasets/ (human-edited JSON) -> binary packs (layout in core pack.h).
//
//   CompileResult r = Compile("datasets/manifest.json");
//   if (!r.errors.empty()) ...            // every problem found, with the file it is in
//   r.common                              // nomenclature, regimes, lists, messages, sources
//   r.markets["DE"]                       // one self-contained pack per market (union rules merged)
//
// Used by the host tool preclear-packc (at build time) and by `preclear data check|build`.
#ifndef PRECLEAR_NATIVE_PACKC_COMPILER_H_
#define PRECLEAR_NATIVE_PACKC_COMPILER_H_

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace preclear::packc {

struct CompileResult {
  std::string common;                          // pack bytes
  std::map<std::string, std::string> markets;  // market code -> pack bytes
  // HS guidance parts: "core" (English vocabulary, attributes, settings) and one per other
  // vocabulary language ("de", "zh", ...); empty without guidance data.
  std::map<std::string, std::string> guidance;
  std::vector<std::string> errors;             // "file: what"; empty = success
  std::vector<std::string> notes;              // counts and other facts for the log
};

CompileResult Compile(const std::string& manifest_path);

// Header + canonical JSON payload.
std::string EncodePack(const nlohmann::json& payload);

// A C++ source defining, in preclear::datasets, <prefix>PackBytes() (the common pack),
// <prefix>MarketPackBytes(code) (the embedded market packs; an empty view for others) and
// <prefix>MarketPackCodes() (null-terminated) and <prefix>GuidancePacks() (the guidance parts,
// core first; empty when |guidance| is: the wasm build fetches them instead).
std::string EmbedSource(const std::string& common, const std::map<std::string, std::string>& markets,
                        const std::map<std::string, std::string>& guidance, const std::string& origin,
                        const std::string& prefix);

}  // namespace preclear::packc

#endif  // PRECLEAR_NATIVE_PACKC_COMPILER_H_
