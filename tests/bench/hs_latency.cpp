// HS guidance latency: every description of the given NDJSON files classified `rounds` times,
// one call at a time; prints the load time of the guidance pack and per-query percentiles.
// Target (issue 5): p99 <= 2 ms natively.
//
//   build/native/tests/preclear_hs_bench tests/hs/devset/tune.ndjson tests/hs/devset/frozen.ndjson [--rounds N]
//   build/native/tests/preclear_hs_bench --features FILE.ndjson   (calibration inputs, one line each)
#include "preclear/datasets.h"
#include "preclear/hs.h"
#include "preclear/pack.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  std::vector<std::string> texts, ids;
  int rounds = 5;
  bool features = false;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--rounds" && i + 1 < argc) {
      rounds = std::max(1, std::atoi(argv[++i]));
      continue;
    }
    if (a == "--features") {
      features = true;
      continue;
    }
    std::ifstream in(a);
    for (std::string l; std::getline(in, l);) {
      nlohmann::json j = nlohmann::json::parse(l, nullptr, false);
      if (j.is_object() && j.contains("description") && j["description"].is_string()) {
        texts.push_back(j["description"]);
        ids.push_back(j.value("id", std::string()));
      }
    }
  }
  if (texts.empty()) {
    std::fprintf(stderr, "usage: preclear_hs_bench FILE.ndjson... [--rounds N]\n");
    return 2;
  }
  using Clock = std::chrono::steady_clock;
  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  auto t0 = Clock::now();
  preclear::HsGuidanceLoad g = preclear::HsClassifier::Load(*load.pack, preclear::datasets::DefaultGuidancePacks());
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  if (!g.classifier) {
    std::fprintf(stderr, "guidance pack unusable: %s\n", g.detail.c_str());
    return 2;
  }
  preclear::HsClassifyOptions o;
  o.top = 3;
  if (features) {
    // What the calibration sees: coverage, the best candidate's share, and the candidates.
    for (size_t i = 0; i < texts.size(); ++i) {
      preclear::HsResult res = g.classifier->Classify(texts[i], o);
      nlohmann::json line = {{"id", ids[i]}, {"coverage", res.coverage}, {"share", res.top_share}, {"vague", res.vague}};
      for (const auto& c : res.candidates) {
        line["candidates"].push_back(c.hs6);
        line["raw"].push_back(c.raw);
      }
      std::printf("%s\n", line.dump().c_str());
    }
    return 0;
  }
  std::vector<double> us;
  size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    for (const std::string& t : texts) {
      auto a = Clock::now();
      preclear::HsResult res = g.classifier->Classify(t, o);
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - a).count());
      sink += res.candidates.size();
    }
  }
  std::sort(us.begin(), us.end());
  auto pct = [&](double p) { return us[std::min(us.size() - 1, static_cast<size_t>(p * us.size()))]; };
  std::printf("hs/classify native: %zu queries x %d rounds; guidance load %.1f ms\n", texts.size(), rounds, load_ms);
  std::printf("  p50 %.0f us  p90 %.0f us  p99 %.0f us  max %.0f us   (target p99 <= 2000 us) [checksum %zu]\n",
              pct(0.50), pct(0.90), pct(0.99), us.back(), sink % 997);
  return 0;
}
