// validate/ndjson/corpus_100k: throughput of Validator (parse + map + every DQ rule incl. the
// HS guidance for DQ-05 + messages + result JSON) against a bare nlohmann parse of the same lines, alternating in one run so
// machine noise hits both. Target (issue 4): validate >= 0.5x the bare-parse throughput.
//
//   build/native/tests/preclear_bench FILE.ndjson [rounds]
#include "preclear/datasets.h"
#include "preclear/hs.h"
#include "preclear/pack.h"
#include "preclear/validate.h"
#include "json_input.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: preclear_bench FILE.ndjson [rounds]\n");
    return 2;
  }
  int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : 3;
  std::ifstream in(argv[1], std::ios::binary);
  std::vector<std::string> lines;
  size_t bytes = 0;
  for (std::string l; std::getline(in, l);) {
    bytes += l.size() + 1;
    lines.push_back(std::move(l));
  }
  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  preclear::Validator v(*load.pack);
  // As the CLI does: DQ-05 reads descriptions with the HS guidance.
  preclear::HsGuidanceLoad guidance = preclear::HsClassifier::Load(*load.pack, preclear::datasets::DefaultGuidancePacks());
  v.UseGuidance(guidance.classifier.get());
  preclear::ValidateOptions o;
  o.as_of = *preclear::Date::Parse("2026-11-23");
  using Clock = std::chrono::steady_clock;
  // Profiling aid: PRECLEAR_BENCH_ONLY=rules|validate|json runs just that stage, for perf.
  if (const char* only = std::getenv("PRECLEAR_BENCH_ONLY")) {
    std::string what = only;
    if (what == "rules") v.UseGuidance(nullptr);
    size_t n = 0;
    for (int r = 0; r < rounds; ++r) {
      for (const std::string& l : lines) {
        preclear::ValidationResult res = v.Validate(l, o);
        n += what == "json" ? v.ToJson(res, "en").size() : res.problems.size();
      }
    }
    std::printf("%zu\n", n);
    return 0;
  }
  std::vector<double> parse_s, validate_s;
  size_t sink = 0;
  for (int r = 0; r < rounds; ++r) {
    auto t0 = Clock::now();
    for (const std::string& l : lines) {
      nlohmann::json j = nlohmann::json::parse(l, nullptr, false);
      sink += j.is_discarded() ? 0 : j.size();
    }
    auto t1 = Clock::now();
    for (const std::string& l : lines) sink += v.ToJson(v.Validate(l, o), "en").size();
    auto t2 = Clock::now();
    parse_s.push_back(std::chrono::duration<double>(t1 - t0).count());
    validate_s.push_back(std::chrono::duration<double>(t2 - t1).count());
  }
  std::sort(parse_s.begin(), parse_s.end());
  std::sort(validate_s.begin(), validate_s.end());
  double p = parse_s[parse_s.size() / 2], q = validate_s[validate_s.size() / 2];
  double mb = static_cast<double>(bytes) / 1e6;
  std::printf("validate/ndjson/corpus: %zu lines, %.1f MB, median of %d rounds (one core)\n", lines.size(), mb, rounds);
  std::printf("  bare nlohmann parse : %9.0f lines/s  %6.1f MB/s\n", lines.size() / p, mb / p);
  std::printf("  preclear validate   : %9.0f lines/s  %6.1f MB/s\n", lines.size() / q, mb / q);
  std::printf("  ratio validate/parse: %.2f (target >= 0.5)   [checksum %zu]\n", p / q, sink % 997);
  if (std::getenv("PRECLEAR_BENCH_STAGES")) {
    auto time = [&](auto&& f) {
      auto t0 = Clock::now();
      for (const std::string& l : lines) f(l);
      return std::chrono::duration<double>(Clock::now() - t0).count();
    };
    double dom = time([&](const std::string& l) {
      preclear::internal::InputDoc d;
      preclear::internal::JsonSyntaxError e;
      sink += d.Parse(l, &e);
    });
    double val = time([&](const std::string& l) { sink += v.Validate(l, o).problems.size(); });
    v.UseGuidance(nullptr);
    double noguide = time([&](const std::string& l) { sink += v.Validate(l, o).problems.size(); });
    std::printf("  stages (x bare parse): input DOM %.2f, validate w/o guidance %.2f, validate %.2f, +json %.2f\n",
                dom / p, noguide / p, val / p, q / p);
  }
  return 0;
}
