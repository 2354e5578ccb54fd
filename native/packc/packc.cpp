// preclear-packc: the host tool CMake runs at build time.
//
//   preclear-packc <manifest.json> <out dir> <embed.cpp> <prefix> [--embed-markets]
//
// Writes <out dir>/common.pack and <out dir>/markets/CC.pack, and a C++ source embedding the
// common pack (and, with --embed-markets, every market pack: the native build does, the wasm
// build loads market packs on demand instead).
#include "compiler.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace {

bool WriteFile(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary);
  out << bytes;
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 5 || argc > 6 || (argc == 6 && std::string(argv[5]) != "--embed-markets")) {
    std::fprintf(stderr, "usage: preclear-packc <manifest.json> <out dir> <embed.cpp> <prefix> [--embed-markets]\n");
    return 2;
  }
  preclear::packc::CompileResult r = preclear::packc::Compile(argv[1]);
  for (const std::string& e : r.errors) std::fprintf(stderr, "packc: %s\n", e.c_str());
  if (!r.errors.empty()) {
    std::fprintf(stderr, "packc: %zu error(s) in %s\n", r.errors.size(), argv[1]);
    return 1;
  }
  std::string out_dir = argv[2];
  std::filesystem::create_directories(out_dir + "/markets");
  bool ok = WriteFile(out_dir + "/common.pack", r.common);
  for (const auto& [code, bytes] : r.markets) ok = ok && WriteFile(out_dir + "/markets/" + code + ".pack", bytes);
  if (!r.guidance.empty()) std::filesystem::create_directories(out_dir + "/guidance");
  for (const auto& [part, bytes] : r.guidance) ok = ok && WriteFile(out_dir + "/guidance/" + part + ".pack", bytes);
  // The native build embeds everything; the wasm build fetches market and guidance packs.
  std::map<std::string, std::string> embedded;
  std::map<std::string, std::string> embedded_guidance;
  if (argc == 6) {
    embedded = r.markets;
    embedded_guidance = r.guidance;
  }
  ok = ok && WriteFile(argv[3], preclear::packc::EmbedSource(r.common, embedded, embedded_guidance, argv[1], argv[4]));
  if (!ok) {
    std::fprintf(stderr, "packc: cannot write output\n");
    return 2;
  }
  for (const std::string& n : r.notes) std::printf("packc: %s\n", n.c_str());
  size_t guidance_bytes = 0;
  for (const auto& [part, bytes] : r.guidance) guidance_bytes += bytes.size();
  std::printf("packc: common pack %zu bytes, %zu market packs, guidance %zu parts %zu bytes\n", r.common.size(),
              r.markets.size(), r.guidance.size(), guidance_bytes);
  return 0;
}
