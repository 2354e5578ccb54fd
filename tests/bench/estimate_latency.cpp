// estimate/3-item cart: latency of one landed-cost estimate (parse, map, rules, duty schedule
// lookups, taxes, explanation rendered in English, result JSON) for a 3-item cart in several
// markets, natively. Issue 6 asks for "well under 1 ms".
//
//   build/native/tests/preclear_estimate_bench [rounds]
#include "preclear/datasets.h"
#include "preclear/landed.h"
#include "preclear/market.h"
#include "preclear/pack.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

namespace {

// Three items, a registration where the market has a checkout scheme, an fx entry where the
// cart is priced in another currency.
const char* kCarts[][2] = {
    {"DE", R"({"id":"b-de","date":"2026-11-23","destination":"DE","currency":"EUR","shipping":"4.90","mode":"postal","transaction":"B2C","seller":{"registrations":[{"scheme":"IOSS","number":"IM2760000012"}]},"items":[{"hs":"610910","quantity":2,"unit_price":"12.50","origin":"CN"},{"hs":"910211","quantity":1,"unit_price":"39.00","origin":"CN"},{"hs":"420222","quantity":1,"unit_price":"24.00","origin":"CN"}]})"},
    {"US", R"({"id":"b-us","date":"2026-11-23","destination":"US","currency":"USD","shipping":"9.00","mode":"courier","items":[{"hs":"610910","quantity":2,"unit_price":"15.00","origin":"CN"},{"hs":"851830","quantity":1,"unit_price":"49.00","origin":"CN"},{"hs":"640411","quantity":1,"unit_price":"60.00","origin":"VN"}]})"},
    {"CA", R"({"id":"b-ca","date":"2026-11-23","destination":"CA","currency":"USD","shipping":"12.00","mode":"courier","seller":{"address":{"country":"US"}},"buyer":{"address":{"region":"QC","country":"CA"}},"items":[{"hs":"610910","quantity":2,"unit_price":"15.00","origin":"US"},{"hs":"330499","quantity":1,"unit_price":"35.00","origin":"FR"},{"hs":"950300","quantity":1,"unit_price":"80.00","origin":"CN"}],"fx":[{"from":"USD","to":"CAD","rate":"1.39","date":"2026-11-20","source":"caller"}]})"},
    {"GB", R"({"id":"b-gb","date":"2026-11-23","destination":"GB","currency":"GBP","shipping":"6.00","mode":"postal","items":[{"hs":"620462","quantity":1,"unit_price":"85.00","origin":"CN"},{"hs":"611020","quantity":1,"unit_price":"45.00","origin":"BD"},{"hs":"640399","quantity":1,"unit_price":"70.00","origin":"VN"}]})"},
    {"JP", R"({"id":"b-jp","date":"2026-11-23","destination":"JP","currency":"JPY","shipping":"1500","mode":"postal","transaction":"B2B","items":[{"hs":"620193","quantity":1,"unit_price":"18000","origin":"CN"},{"hs":"420221","quantity":1,"unit_price":"25000","origin":"IT"},{"hs":"330300","quantity":1,"unit_price":"9000","origin":"FR"}]})"},
};

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::max(1, std::atoi(argv[1])) : 20000;
  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  if (!load.pack) return 2;
  preclear::Estimator estimator(*load.pack);
  std::vector<std::unique_ptr<preclear::MarketPack>> markets;
  for (const auto& c : kCarts) {
    preclear::MarketLoad m = preclear::MarketPack::Load(preclear::datasets::DefaultMarketPackBytes(c[0]));
    if (!m.pack) return 2;
    estimator.AddMarket(m.pack.get());
    markets.push_back(std::move(m.pack));
  }
  preclear::EstimateOptions options;
  options.as_of = *preclear::Date::Parse("2026-11-23");
  using Clock = std::chrono::steady_clock;
  std::printf("estimate/3-item cart: %d rounds per market, one core\n", rounds);
  size_t sink = 0;
  for (const auto& c : kCarts) {
    std::vector<double> us;
    us.reserve(static_cast<size_t>(rounds));
    std::string out;
    for (int i = 0; i < rounds; ++i) {
      auto t0 = Clock::now();
      preclear::EstimateResult r = estimator.Estimate(c[1], options);
      out = estimator.ToJson(r, "en");
      us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t0).count());
      sink += out.size() + (r.complete ? 1 : 0);
    }
    std::sort(us.begin(), us.end());
    auto pct = [&](double p) { return us[std::min(us.size() - 1, static_cast<size_t>(p * static_cast<double>(us.size())))]; };
    std::printf("  %s  p50 %6.1f us  p90 %6.1f us  p99 %6.1f us  (%zu bytes out)\n", c[0], pct(0.5), pct(0.9), pct(0.99), out.size());
  }
  std::printf("  [checksum %zu]\n", sink % 997);
  return 0;
}
