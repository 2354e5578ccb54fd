// Checks over the real rule packs (not the invented test data): the examples written next to
// each identifier format run through the core's checks, and every problem code renders in every
// catalogue language. Like libphonenumber's ExampleNumbersTest, data and code must agree.
#define BOOST_TEST_MODULE preclear_real_data
#ifdef PRECLEAR_BOOST_HEADER_ONLY
#include <boost/test/included/unit_test.hpp>
#else
#include <boost/test/included/unit_test.hpp>
#endif

#include "preclear/datasets.h"
#include "preclear/messages.h"
#include "preclear/pack.h"
#include "preclear/validate.h"

#include <string>

namespace {

struct RealPack {
  RealPack() : load(preclear::Pack::Load(preclear::datasets::DefaultPackBytes())), v(*load.pack) {}
  std::vector<std::string> Codes(const std::string& line) {
    preclear::ValidateOptions o;
    o.as_of = *preclear::Date::Parse("2026-11-23");
    std::vector<std::string> out;
    for (const preclear::Problem& p : v.Validate(line, o).problems) out.push_back(std::string(preclear::Info(p.code).name) + " " + p.path);
    return out;
  }
  preclear::PackLoad load;
  preclear::Validator v;
};

std::string Json(const std::string& s) { return preclear::Json(s).dump(); }

}  // namespace

BOOST_FIXTURE_TEST_SUITE(real_data, RealPack)

BOOST_AUTO_TEST_CASE(identifier_examples_behave_as_written) {
  const preclear::Json& ids = load.pack->model()["identifiers"];
  struct Case { const char* id; std::string (*line)(const std::string&); const char* code; const char* path; };
  const Case cases[] = {
      {"s10", [](const std::string& x) { return R"({"regime":"WCO-GENERIC","mode":"postal","transport_document":)" + Json(x) + "}"; },
       "TRANSPORT_DOC_FORMAT", "/transport_document"},
      {"awb", [](const std::string& x) { return R"({"regime":"WCO-GENERIC","mode":"air","transport_document":)" + Json(x) + "}"; },
       "TRANSPORT_DOC_FORMAT", "/transport_document"},
      {"gtin", [](const std::string& x) { return R"({"regime":"WCO-GENERIC","items":[{"gtin":)" + Json(x) + "}]}"; },
       "GTIN_CHECK_DIGIT", "/items/0/gtin"},
      {"ioss", [](const std::string& x) { return R"({"regime":"WCO-GENERIC","destination":"DE","seller":{"registrations":[{"scheme":"IOSS","number":)" + Json(x) + "}]}}"; },
       "IOSS_FORMAT", "/seller/registrations/0/number"},
      {"phone", [](const std::string& x) { return R"({"regime":"WCO-GENERIC","buyer":{"phone":)" + Json(x) + "}}"; },
       "PHONE_FORMAT", "/buyer/phone"},
  };
  for (const Case& c : cases) {
    const preclear::Json& ex = ids[c.id]["examples"];
    std::string want = std::string(c.code) + " " + c.path;
    for (const auto& e : ex["valid"]) {
      std::vector<std::string> got = Codes(c.line(e.get<std::string>()));
      BOOST_TEST_INFO(c.id << " valid " << e.get<std::string>());
      BOOST_TEST((std::find(got.begin(), got.end(), want) == got.end()));
    }
    for (const auto& e : ex["invalid"]) {
      std::vector<std::string> got = Codes(c.line(e.get<std::string>()));
      BOOST_TEST_INFO(c.id << " invalid " << e.get<std::string>());
      BOOST_TEST((std::find(got.begin(), got.end(), want) != got.end()));
    }
  }
}

BOOST_AUTO_TEST_CASE(hs_examples_behave_as_written) {
  const preclear::Json& ex = load.pack->model()["identifiers"]["hs"]["examples"];
  auto line = [](const std::string& hs) {
    return R"({"regime":"WCO-GENERIC","items":[{"description":"cotton T-shirt","hs":)" + Json(hs) + "}]}";
  };
  auto hs_problem = [](const std::vector<std::string>& got) {
    for (const std::string& g : got) {
      if (g == "HS_FORMAT /items/0/hs" || g == "HS_UNKNOWN /items/0/hs") return true;
    }
    return false;
  };
  for (const auto& e : ex["valid"]) {
    BOOST_TEST_INFO("valid " << e.get<std::string>());
    BOOST_TEST(!hs_problem(Codes(line(e.get<std::string>()))));
  }
  for (const auto& e : ex["invalid"]) {
    BOOST_TEST_INFO("invalid " << e.get<std::string>());
    BOOST_TEST(hs_problem(Codes(line(e.get<std::string>()))));
  }
}

BOOST_AUTO_TEST_CASE(every_code_renders_in_every_language) {
  preclear::MessageRenderer r(*load.pack);
  size_t n = 0;
  const preclear::ProblemInfo* infos = preclear::ProblemInfos(&n);
  std::vector<std::string> locales = load.pack->Locales();
  BOOST_TEST(locales == (std::vector<std::string>{"ar", "de", "en", "es", "fr", "ja", "zh"}));
  // Sample arguments for every name a message may use; then the same with none given.
  preclear::Json sample = {{"value", "12.50"}, {"currency", "EUR"}, {"limit", "150.00"}, {"min", "0.20"}, {"max", "50000"},
                           {"reason", "value"}, {"offset", 1234}, {"max_depth", 256}, {"min_items", 2}, {"max_decimals", 0},
                           {"expected", 5}, {"actual", "string"}, {"suggestion", "GB"}, {"date", "2026-11-23"},
                           {"allowed", preclear::Json::array({"postal", "air"})}, {"applied", "WCO-GENERIC"},
                           {"regime", "EU-H7"}, {"term", "gift"}, {"list", "eu_ics2_stop_words"}, {"normalized", "610910"},
                           {"hs", "610910"}, {"chapter", "85"}, {"suggested_chapter", "61"}, {"suggested", preclear::Json::array({"610910"})},
                           {"destination", "GB"}, {"category", "alcohol"}, {"net", "0.80"}, {"gross", "0.50"},
                           {"missing", preclear::Json::array({"street", "city"})}, {"country", "DE"}};
  for (size_t i = 0; i < n; ++i) {
    for (const std::string& loc : locales) {
      for (const preclear::Json& args : {sample, preclear::Json::object()}) {
        preclear::Problem p = preclear::MakeProblem(infos[i].code, "", args);
        std::string text = r.Render(loc, p);
        BOOST_TEST_INFO(infos[i].name << " in " << loc << ": " << text);
        BOOST_TEST(!text.empty());
        BOOST_TEST(text.find('{') == std::string::npos);  // a raw pattern means ICU could not format it
        if (loc != "en") BOOST_TEST(text != r.Render("en", p));
      }
    }
  }
  preclear::Problem money = preclear::MakeProblem(preclear::ProblemCode::REGIME_VALUE_LIMIT, "/items",
                                                  {{"value", "1160.00"}, {"limit", "150.00"}, {"currency", "EUR"}, {"regime", "EU-H7"}});
  BOOST_TEST(r.Render("fr", money) == "1\u202F160,00\u00A0€ dépasse le plafond du régime EU-H7, fixé à 150,00\u00A0€. Utilisez plutôt une déclaration complète.");
  BOOST_TEST(r.Render("en", money) == "€1,160.00 is above the EU-H7 limit of €150.00. Use a full declaration instead.");
  BOOST_TEST(r.Render("de-AT", money).find("1.160,00") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
