// Market packs from the invented test data (datasets/testing/markets): union rules merged into
// members, member overrides, rules selected by date, damaged bytes refused with typed errors.
#include "preclear/datasets.h"
#include "preclear/market.h"
#include "preclear/sha256.h"
#include "printers.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using preclear::Date;
using preclear::MarketPack;
using preclear::PackError;

namespace {

std::vector<std::string> Ids(const std::vector<const preclear::MarketRule*>& rules) {
  std::vector<std::string> out;
  for (const preclear::MarketRule* r : rules) out.push_back(r->id + "@" + r->effective_from.ToString());
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(market)

BOOST_AUTO_TEST_CASE(member_pack_merges_union_rules) {
  preclear::MarketLoad load = MarketPack::Load(preclear::datasets::TestingMarketPackBytes("XA"));
  BOOST_REQUIRE(static_cast<bool>(load.pack));
  const MarketPack& m = *load.pack;
  BOOST_TEST(m.code() == "XA");
  BOOST_TEST(m.name() == "Test market A");
  BOOST_TEST(m.currency() == "EUR");
  BOOST_TEST(m.union_code() == "XU");
  BOOST_TEST(m.ruleset() == "preclear-testing");
  BOOST_TEST(m.data_version() == "2000-01-01");
  BOOST_TEST(m.hash() == "sha256:" + preclear::Sha256Hex(preclear::datasets::TestingMarketPackBytes("XA")));
  std::vector<std::string> all;
  for (const preclear::MarketRule& r : m.rules()) all.push_back(r.id + "@" + r.effective_from.ToString());
  // XA's own XU.vat.standard replaces the union's; the other union rules come along.
  BOOST_TEST(all == (std::vector<std::string>{"XA.vat.reduced@2010-01-01", "XA.vat.reduced@2020-01-01",
                                              "XU.duty_threshold@2000-01-01", "XU.fixed_duty@2026-07-01",
                                              "XU.vat.standard@2000-01-01"}));
  BOOST_TEST(m.rules().back().data["rate"] == "25");
  BOOST_TEST(m.rules()[3].confidence == preclear::Confidence::kSecondary);
  BOOST_TEST(m.rules()[3].sources == (std::vector<std::string>{"S1", "S2"}));
  BOOST_TEST(*m.SourceCitation("S2") == "Invented test source two");
  BOOST_TEST(m.SourceCitation("S9") == nullptr);
}

BOOST_AUTO_TEST_CASE(rules_in_force_on_a_date) {
  preclear::MarketLoad load = MarketPack::Load(preclear::datasets::TestingMarketPackBytes("XA"));
  const MarketPack& m = *load.pack;
  BOOST_TEST(Ids(m.InForce(*Date::Parse("2026-06-30"))) ==
             (std::vector<std::string>{"XA.vat.reduced@2020-01-01", "XU.duty_threshold@2000-01-01", "XU.vat.standard@2000-01-01"}));
  // The day the threshold ends (exclusive) the flat duty starts.
  BOOST_TEST(Ids(m.InForce(*Date::Parse("2026-07-01"))) ==
             (std::vector<std::string>{"XA.vat.reduced@2020-01-01", "XU.fixed_duty@2026-07-01", "XU.vat.standard@2000-01-01"}));
  BOOST_TEST(Ids(m.InForce(*Date::Parse("2015-05-05"))) ==
             (std::vector<std::string>{"XA.vat.reduced@2010-01-01", "XU.duty_threshold@2000-01-01", "XU.vat.standard@2000-01-01"}));
  BOOST_TEST(Ids(m.InForce(*Date::Parse("1999-12-31"))) == std::vector<std::string>{});
}

BOOST_AUTO_TEST_CASE(member_without_own_rules_and_standalone_market) {
  preclear::MarketLoad xb = MarketPack::Load(preclear::datasets::TestingMarketPackBytes("XB"));
  BOOST_REQUIRE(static_cast<bool>(xb.pack));
  BOOST_TEST(xb.pack->rules().size() == 3u);
  BOOST_TEST(xb.pack->rules().back().data["rate"] == "20");
  preclear::MarketLoad xc = MarketPack::Load(preclear::datasets::TestingMarketPackBytes("XC"));
  BOOST_REQUIRE(static_cast<bool>(xc.pack));
  BOOST_TEST(xc.pack->union_code() == "");
  BOOST_TEST(xc.pack->currency() == "JPY");
  std::vector<std::string> codes;
  for (const char* const* c = preclear::datasets::TestingMarketPackCodes(); *c; ++c) codes.push_back(*c);
  BOOST_TEST(codes == (std::vector<std::string>{"MC", "XA", "XB", "XC"}));  // a union has no pack of its own
}

BOOST_AUTO_TEST_CASE(damaged_or_wrong_bytes_give_typed_errors) {
  BOOST_TEST((MarketPack::Load(preclear::datasets::TestingMarketPackBytes("XU")).error == PackError::kBadMagic));
  preclear::MarketLoad common = MarketPack::Load(preclear::datasets::TestingPackBytes());
  BOOST_TEST((common.error == PackError::kCorrupt));
  BOOST_TEST(common.detail == "not a market pack");
  std::string good(preclear::datasets::TestingMarketPackBytes("XA"));
  BOOST_TEST((MarketPack::Load(good.substr(0, good.size() / 2)).error == PackError::kTruncated));
  std::string v2 = good;
  v2[8] = 7;
  BOOST_TEST((MarketPack::Load(v2).error == PackError::kUnsupportedFormat));
}

BOOST_AUTO_TEST_CASE(fuzzed_packs_never_crash) {
  // Truncations and bit flips at every position: a typed error or a loaded pack whose hash
  // shows the change, never a crash (run under ASan/UBSan in native-debug).
  for (std::string_view bytes : {preclear::datasets::TestingMarketPackBytes("XA"), preclear::datasets::TestingPackBytes()}) {
    std::string good(bytes);
    for (size_t cut = 0; cut < good.size(); cut += 1 + cut / 16) {
      preclear::MarketLoad m = MarketPack::Load(std::string_view(good).substr(0, cut));
      preclear::PackLoad p = preclear::Pack::Load(std::string_view(good).substr(0, cut));
      BOOST_TEST(!m.pack);
      BOOST_TEST(!p.pack);
    }
    for (size_t i = 0; i < good.size(); ++i) {
      for (unsigned char flip : {0x01, 0x80}) {
        std::string bad = good;
        bad[i] = static_cast<char>(bad[i] ^ flip);
        preclear::MarketLoad m = MarketPack::Load(bad);
        preclear::PackLoad p = preclear::Pack::Load(bad);
        if (m.pack) BOOST_TEST(m.pack->hash() != "sha256:" + preclear::Sha256Hex(good));
        if (p.pack) BOOST_TEST(p.pack->hash() != "sha256:" + preclear::Sha256Hex(good));
        if (!m.pack) BOOST_TEST(!m.detail.empty());
      }
    }
  }
}

BOOST_AUTO_TEST_SUITE_END()
