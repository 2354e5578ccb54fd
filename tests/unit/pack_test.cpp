#include "preclear/datasets.h"
#include "preclear/pack.h"
#include "preclear/sha256.h"
#include "printers.h"

#include <boost/test/unit_test.hpp>

#include <ostream>
#include <string>

using preclear::Pack;
using preclear::PackError;

namespace {
std::string TestBytes() { return std::string(preclear::datasets::TestingPackBytes()); }
}  // namespace

BOOST_AUTO_TEST_SUITE(pack)

BOOST_AUTO_TEST_CASE(loads_the_testing_pack) {
  preclear::PackLoad load = Pack::Load(preclear::datasets::TestingPackBytes());
  BOOST_REQUIRE(static_cast<bool>(load.pack));
  BOOST_TEST(load.error == PackError::kOk);
  const Pack& p = *load.pack;
  BOOST_TEST(p.ruleset() == "preclear-testing");
  BOOST_TEST(p.data_version() == "2000-01-01");
  BOOST_TEST(p.default_regime() == "TEST-BASE");
  BOOST_TEST(p.hash() == "sha256:" + preclear::Sha256Hex(TestBytes()));
  BOOST_TEST(p.RegimeIds() == (std::vector<std::string>{"TEST-BASE", "TEST-LIMITS", "TEST-STRICT"}));
  BOOST_TEST(p.Locales() == (std::vector<std::string>{"en", "fr"}));
}

BOOST_AUTO_TEST_CASE(regimes_keep_their_dates_and_marks) {
  preclear::PackLoad load = Pack::Load(preclear::datasets::TestingPackBytes());
  const preclear::Regime* base = load.pack->FindRegime("TEST-BASE");
  BOOST_REQUIRE(base != nullptr);
  BOOST_REQUIRE(base->required.size() == 5u);
  const preclear::Requirement& items = base->required[1];
  BOOST_TEST(items.path == "/items");
  BOOST_TEST(items.min_items == 1);
  const preclear::Requirement& seller = base->required[3];
  BOOST_TEST(seller.tokens == (std::vector<std::string>{"seller", "name"}));
  BOOST_TEST(seller.confidence == preclear::Confidence::kUnverified);
  BOOST_TEST(!seller.InForceOn(*preclear::Date::Parse("2029-12-31")));
  BOOST_TEST(seller.InForceOn(*preclear::Date::Parse("2030-01-01")));
  const preclear::Requirement& sku = base->required[4];
  BOOST_TEST(sku.InForceOn(*preclear::Date::Parse("2000-12-31")));
  BOOST_TEST(!sku.InForceOn(*preclear::Date::Parse("2001-01-01")));  // effective_to is exclusive
  BOOST_TEST(load.pack->FindRegime("EU-H7") == nullptr);
}

BOOST_AUTO_TEST_CASE(messages_fall_back_to_english) {
  preclear::PackLoad load = Pack::Load(preclear::datasets::TestingPackBytes());
  const Pack& p = *load.pack;
  BOOST_TEST(*p.Message("fr", "FIELD_MISSING") == "manquant{min_items, plural, =0 {} other { min #}}");
  BOOST_TEST(*p.Message("fr", "JSON_SYNTAX") == "syntax at {offset}");
  BOOST_TEST(*p.Message("xx", "FIELD_MISSING") == "missing{min_items, plural, =0 {} other { min #}}");
  BOOST_TEST(p.Message("en", "NOT_A_CODE") == nullptr);
  BOOST_TEST(*p.Enum("mode") == (std::vector<std::string>{"postal", "air"}));
  BOOST_TEST(p.Enum("colour") == nullptr);
}

BOOST_AUTO_TEST_CASE(rejects_damaged_bytes_with_a_typed_error) {
  std::string good = TestBytes();
  BOOST_TEST(Pack::Load("").error == PackError::kBadMagic);
  BOOST_TEST(Pack::Load("<!doctype html><html>").error == PackError::kBadMagic);

  std::string format2 = good;
  format2[8] = 2;
  BOOST_TEST(Pack::Load(format2).error == PackError::kUnsupportedFormat);

  BOOST_TEST(Pack::Load(good.substr(0, good.size() - 1)).error == PackError::kTruncated);
  BOOST_TEST(Pack::Load(good + "x").error == PackError::kCorrupt);

  std::string garbled = good;
  garbled[16] = '[';  // payload is no longer an object
  preclear::PackLoad g = Pack::Load(garbled);
  BOOST_TEST(g.error == PackError::kCorrupt);
  BOOST_TEST(!g.pack);

  // Valid JSON but not a pack: every required part is checked.
  std::string body = R"({"kind":"common","ruleset":"x"})";
  std::string tiny = "PRECLEAR";
  for (uint32_t v : {1u, static_cast<uint32_t>(body.size())}) {
    for (int k = 0; k < 4; ++k) tiny += static_cast<char>((v >> (8 * k)) & 0xFF);
  }
  preclear::PackLoad t = Pack::Load(tiny + body);
  BOOST_TEST(t.error == PackError::kCorrupt);
  BOOST_TEST(t.detail == "data_version");
  // A market pack handed to the common loader is refused, and the other way round.
  preclear::PackLoad wrong = Pack::Load(preclear::datasets::TestingMarketPackBytes("XA"));
  BOOST_TEST(wrong.error == PackError::kCorrupt);
  BOOST_TEST(wrong.detail == "not a common pack");
}

BOOST_AUTO_TEST_CASE(nomenclature_and_market_index) {
  preclear::PackLoad load = Pack::Load(preclear::datasets::TestingPackBytes());
  const Pack& p = *load.pack;
  BOOST_TEST(p.hs_edition() == "HS2022");
  BOOST_TEST(p.CountHs(2) == 2u);
  BOOST_TEST(p.CountHs(4) == 3u);
  BOOST_TEST(p.CountHs(6) == 5u);
  BOOST_REQUIRE(p.FindHs("610910") != nullptr);
  BOOST_TEST(p.FindHs("610910")->title == "Test cotton T-shirts");
  BOOST_TEST(p.FindHs("6109")->title == "Test T-shirts");
  BOOST_TEST(p.FindHs("610911") == nullptr);
  BOOST_TEST(p.FindHs("") == nullptr);
  std::vector<std::string> codes;
  for (const preclear::MarketInfo& m : p.markets()) codes.push_back(m.code + ":" + m.currency + ":" + m.union_code);
  BOOST_TEST(codes == (std::vector<std::string>{"MC:EUR:XU", "XA:EUR:XU", "XB:EUR:XU", "XC:JPY:"}));
}

BOOST_AUTO_TEST_CASE(every_byte_flip_is_safe) {
  // Damaged packs must never crash the loader (browsers fetch them over the network).
  std::string good = TestBytes();
  int loaded = 0;
  for (size_t i = 0; i < good.size(); i += 7) {
    std::string bad = good;
    bad[i] = static_cast<char>(bad[i] ^ 0x5A);
    preclear::PackLoad r = Pack::Load(bad);
    if (r.pack) {
      ++loaded;
      BOOST_TEST(r.pack->hash() != "sha256:" + preclear::Sha256Hex(good));  // the receipt shows the change
    }
  }
  BOOST_TEST_MESSAGE("flipped packs that still loaded: " << loaded);
}

BOOST_AUTO_TEST_SUITE_END()
