// One test per data-quality rule, against the invented test pack (datasets/testing/): destination
// XA takes regime TEST-LIMITS (EUR 100 limit, near band from EUR 95, excise heading 0102,
// 6-digit HS format); every test states the complete problem list.
#include "preclear/datasets.h"
#include "preclear/pack.h"
#include "preclear/quality.h"
#include "preclear/validate.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace {

using Lines = std::vector<std::string>;

struct Fixture {
  Fixture() : load(preclear::Pack::Load(preclear::datasets::TestingPackBytes())), v(*load.pack) {}
  Lines Check(const std::string& line, preclear::ValidateOptions o = {}) {
    if (o.as_of.year == 0) o.as_of = *preclear::Date::Parse("2026-11-22");
    last = v.Validate(line, o);
    Lines out;
    for (const preclear::Problem& p : last.problems) {
      out.push_back(std::string(preclear::Info(p.code).name) + " " + std::string(preclear::SeverityName(p.severity)) +
                    " " + p.path + " " + p.args.dump());
    }
    return out;
  }
  // A clean MC declaration with one item; |item| and |extra| are spliced in as JSON members.
  static std::string Decl(const std::string& item, const std::string& extra = "") {
    return R"({"destination":"MC","currency":"EUR",)" + extra + R"("items":[{)" + item + "}]}";
  }
  preclear::PackLoad load;
  preclear::Validator v;
  preclear::ValidationResult last;
};

const char* kItem = R"("description":"warm cotton shirt","hs":"610910","quantity":1,"unit_price":"10.00")";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(quality, Fixture)

BOOST_AUTO_TEST_CASE(clean_declaration_and_derived_regime) {
  BOOST_TEST(Check(Decl(kItem)) == Lines{});
  BOOST_TEST(last.regime == "TEST-LIMITS");
  Check(R"({"destination":"DE","currency":"EUR","items":[{)" + std::string(kItem) + "}]}");
  BOOST_TEST(last.regime == "TEST-BASE");
  Check(R"({"regime":"TEST-STRICT","destination":"MC","currency":"EUR","items":[]})");
  BOOST_TEST(last.regime == "TEST-STRICT");
}

BOOST_AUTO_TEST_CASE(dq01_description_placeholder) {
  BOOST_TEST(Check(Decl(R"("description":"12345","hs":"610910","quantity":1,"unit_price":"10.00")")) ==
             Lines{R"(DESCRIPTION_PLACEHOLDER error /items/0/description {"value":"12345","reason":"no_letters"})"});
  BOOST_TEST(Check(Decl(R"("description":"x x x","hs":"610910","quantity":1,"unit_price":"10.00")")) ==
             Lines{R"(DESCRIPTION_PLACEHOLDER error /items/0/description {"value":"x x x","reason":"repeated_character"})"});
  BOOST_TEST(Check(Decl(R"("description":"IMG_0042.JPG","hs":"610910","quantity":1,"unit_price":"10.00")")) ==
             Lines{R"(DESCRIPTION_PLACEHOLDER error /items/0/description {"value":"IMG_0042.JPG","reason":"file_name"})"});
  BOOST_TEST(Check(Decl(R"("description":"--- / ---","hs":"610910","quantity":1,"unit_price":"10.00")")) ==
             Lines{R"(DESCRIPTION_PLACEHOLDER error /items/0/description {"value":"--- / ---","reason":"no_letters"})"});
}

BOOST_AUTO_TEST_CASE(dq02_stop_words_and_generic_descriptions) {
  auto with = [](const std::string& d) { return Decl(R"("description":")" + d + R"(","hs":"610910","quantity":1,"unit_price":"10.00")"); };
  BOOST_TEST(Check(with("Gifts")) ==
             Lines{R"(DESCRIPTION_STOP_WORD error /items/0/description {"value":"Gifts","term":"Gift","list":"test_stop_words"})"});
  BOOST_TEST(Check(with("SPARE PARTS")) ==
             Lines{R"(DESCRIPTION_STOP_WORD error /items/0/description {"value":"SPARE PARTS","term":"Spare parts","list":"test_stop_words"})"});
  BOOST_TEST(Check(with("sppt")) ==
             Lines{R"(DESCRIPTION_STOP_WORD error /items/0/description {"value":"sppt","term":"Spare parts","list":"test_stop_words"})"});
  BOOST_TEST(Check(with("Fish")) == Lines{});  // disabled entry
  BOOST_TEST(Check(with("kids clothes")) ==
             Lines{R"(DESCRIPTION_GENERIC warning /items/0/description {"value":"kids clothes","term":"Clothes","list":"test_stop_words"})"});
  BOOST_TEST(Check(with("cotton clothes for kids")) ==
             Lines{R"(DESCRIPTION_GENERIC warning /items/0/description {"value":"cotton clothes for kids","term":"Clothes","list":"test_stop_words"})"});
  BOOST_TEST(Check(with("warm cotton clothes")) == Lines{});
}

BOOST_AUTO_TEST_CASE(dq03_party_placeholders) {
  BOOST_TEST(Check(Decl(kItem, R"("seller":{"name":"n/a"},"buyer":{"name":" Unknown "},)")) ==
             (Lines{R"(PARTY_PLACEHOLDER error /seller/name {"value":"n/a","term":"N/A"})",
                    R"(PARTY_PLACEHOLDER error /buyer/name {"value":" Unknown ","term":"unknown"})"}));
  BOOST_TEST(Check(Decl(kItem, R"("seller":{"name":"Nadia Unger"},)")) == Lines{});
}

BOOST_AUTO_TEST_CASE(dq04_hs_format_and_unknown_codes) {
  auto with = [](const std::string& hs) { return Decl(R"("description":"warm cotton shirt","hs":")" + hs + R"(","quantity":1,"unit_price":"10.00")"); };
  // The regime wants 6 digits: its own format rule reports first.
  BOOST_TEST(Check(with("6109.10")) ==
             Lines{R"(HS_FORMAT error /items/0/hs {"value":"6109.10","regime":"TEST-LIMITS","reason":"regime_format"})"});
  BOOST_TEST(Check(with("61091")) ==
             Lines{R"(HS_FORMAT error /items/0/hs {"value":"61091","regime":"TEST-LIMITS","reason":"regime_format"})"});
  BOOST_TEST(Check(with("610911")) ==
             Lines{R"(HS_UNKNOWN error /items/0/hs {"value":"610911","reason":"not_in_edition","edition":"HS2022"})"});
  BOOST_TEST(Check(with("980100")) ==
             Lines{R"(HS_UNKNOWN error /items/0/hs {"value":"980100","reason":"national_provision"})"});
  // Under a regime without its own format, separators are a warning with the clean form.
  BOOST_TEST(Check(R"({"destination":"DE","items":[{"description":"warm cotton shirt","hs":"6109 10"}]})") ==
             Lines{R"(HS_FORMAT warning /items/0/hs {"value":"6109 10","reason":"separators","normalized":"610910"})"});
  BOOST_TEST(Check(R"({"destination":"DE","items":[{"description":"warm cotton shirt","hs":"61O910"}]})") ==
             Lines{R"(HS_FORMAT error /items/0/hs {"value":"61O910","reason":"digits"})"});
}

BOOST_AUTO_TEST_CASE(dq05_description_points_elsewhere) {
  BOOST_TEST(Check(Decl(R"("description":"cotton shirt","hs":"010121","quantity":1,"unit_price":"10.00")")) ==
             Lines{R"(HS_DESCRIPTION_MISMATCH warning /items/0/hs {"hs":"010121","chapter":"01","suggested_chapter":"61","suggested":["610910","610990"]})"});
  BOOST_TEST(Check(Decl(kItem)) == Lines{});
}

BOOST_AUTO_TEST_CASE(dq07_implausible_values) {
  auto price = [](const std::string& p) { return Decl(R"("description":"warm cotton shirt","hs":"610910","quantity":1,"unit_price":")" + p + R"(")"); };
  BOOST_TEST(Check(price("0")) == Lines{R"(VALUE_IMPLAUSIBLE warning /items/0/unit_price {"value":"0","currency":"EUR","reason":"zero"})"});
  BOOST_TEST(Check(price("0.10")) ==
             Lines{R"(VALUE_IMPLAUSIBLE warning /items/0/unit_price {"value":"0.10","currency":"EUR","reason":"low","min":"0.50"})"});
}

BOOST_AUTO_TEST_CASE(dq08_16_value_limit_and_near_threshold) {
  auto total = [](const std::string& q, const std::string& p) {
    return Decl(R"("description":"warm cotton shirt","hs":"610910","quantity":)" + q + R"(,"unit_price":")" + p + R"(")");
  };
  BOOST_TEST(Check(total("2", "60.00")) ==
             Lines{R"(REGIME_VALUE_LIMIT error /items {"value":"120.00","limit":"100.00","currency":"EUR","regime":"TEST-LIMITS","basis":"intrinsic_value"})"});
  // Exactly the limit is inside it (not an error), but in the band just under it.
  BOOST_TEST(Check(total("4", "25.00")) ==
             Lines{R"(VALUE_NEAR_THRESHOLD warning /items {"value":"100.00","limit":"100.00","currency":"EUR","regime":"TEST-LIMITS","basis":"intrinsic_value"})"});
  BOOST_TEST(Check(total("1", "94.99")) == Lines{});
  BOOST_TEST(Check(total("1", "96.00")) ==
             Lines{R"(VALUE_NEAR_THRESHOLD warning /items {"value":"96.00","limit":"100.00","currency":"EUR","regime":"TEST-LIMITS","basis":"intrinsic_value"})"});
  // Another currency needs an exchange rate: no verdict from validation.
  BOOST_TEST(Check(R"({"destination":"MC","currency":"JPY","items":[{"description":"warm cotton shirt","hs":"610910","quantity":1,"unit_price":"99000"}]})") == Lines{});
}

BOOST_AUTO_TEST_CASE(dq10_12_ioss_and_excise_goods) {
  std::string ioss_bad = R"("seller":{"registrations":[{"scheme":"IOSS","number":"IN2760000012"}]},)";
  BOOST_TEST(Check(Decl(kItem, ioss_bad)) ==
             Lines{R"(IOSS_FORMAT error /seller/registrations/0/number {"value":"IN2760000012"})"});
  std::string ioss = R"("seller":{"registrations":[{"scheme":"IOSS","number":"IM2760000012"},{"scheme":"TEST_SCHEME","number":"whatever"}]},)";
  BOOST_TEST(Check(Decl(kItem, ioss)) == Lines{});
  BOOST_TEST(Check(R"({"destination":"DE","currency":"EUR",)" + ioss + R"("items":[{)" + kItem + "}]}") ==
             Lines{R"(IOSS_NOT_APPLICABLE error /destination {"reason":"destination","destination":"DE","registration":"/seller/registrations/0"})"});
  BOOST_TEST(Check(Decl(R"("description":"test live animal","hs":"010200","quantity":1,"unit_price":"10.00")", ioss)) ==
             (Lines{R"(EXCISE_GOODS error /items/0/hs {"hs":"010200","category":"alcohol","list":"test_excise","regime":"TEST-LIMITS"})",
                    R"(IOSS_NOT_APPLICABLE error /items/0/hs {"reason":"excise","category":"alcohol","registration":"/seller/registrations/0"})"}));
}

BOOST_AUTO_TEST_CASE(dq14_gtin_check_digit) {
  auto gtin = [](const std::string& g) { return Decl(std::string(kItem) + R"(,"gtin":")" + g + R"(")"); };
  BOOST_TEST(Check(gtin("4006381333931")) == Lines{});
  BOOST_TEST(Check(gtin("4006381333932")) ==
             Lines{R"(GTIN_CHECK_DIGIT error /items/0/gtin {"value":"4006381333932","reason":"check_digit","expected":1})"});
  BOOST_TEST(Check(gtin("12345")) ==
             Lines{R"(GTIN_CHECK_DIGIT error /items/0/gtin {"value":"12345","reason":"length","lengths":[8,12,13,14]})"});
  BOOST_TEST(preclear::Gs1CheckDigit("03600029145") == 2);
}

BOOST_AUTO_TEST_CASE(dq15_masses) {
  BOOST_TEST(Check(Decl(std::string(kItem) + R"(,"net_mass_kg":"0.80")", R"("gross_mass_kg":"0.50",)")) ==
             (Lines{R"(MASS_INCONSISTENT warning /items/0/net_mass_kg {"reason":"item_over_gross","net":"0.80","gross":"0.50"})",
                    R"(MASS_INCONSISTENT warning /gross_mass_kg {"reason":"sum_over_gross","net":"0.80","gross":"0.50"})"}));
  BOOST_TEST(Check(Decl(std::string(kItem) + R"(,"net_mass_kg":"0.30")", R"("gross_mass_kg":"0.50",)")) == Lines{});
}

BOOST_AUTO_TEST_CASE(dq18_addresses_and_postcodes) {
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"name":"Jana","address":{"city":"Leipzig","postcode":"4109","country":"DE"}},)")) ==
             (Lines{R"(ADDRESS_INCOMPLETE error /buyer/address {"missing":["street"]})",
                    R"(POSTCODE_FORMAT error /buyer/address/postcode {"value":"4109","country":"DE"})"}));
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"name":"Wong","address":{"street":"1 Queen's Rd","city":"Hong Kong","country":"HK"}},)")) == Lines{});
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"name":"Jana","address":{"country":"DE"}},)")) ==
             Lines{R"(ADDRESS_INCOMPLETE error /buyer/address {"missing":["street","city","postcode"]})"});
  preclear::ValidateOptions typing;
  typing.partial = true;
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"name":"Jana","address":{"country":"DE"}},)"), typing) == Lines{});
}

BOOST_AUTO_TEST_CASE(dq19_phone_numbers) {
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"phone":"+999 123 4567"},)")) == Lines{});
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"phone":"0341 555"},)")) ==
             Lines{R"(PHONE_FORMAT warning /buyer/phone {"value":"0341 555","reason":"not_international"})"});
  BOOST_TEST(Check(Decl(kItem, R"("buyer":{"phone":"+1 (555) 123-4567"},)")) ==
             Lines{R"(PHONE_FORMAT warning /buyer/phone {"value":"+1 (555) 123-4567","reason":"country_code"})"});
}

BOOST_AUTO_TEST_CASE(dq20_transport_documents) {
  auto doc = [](const std::string& mode, const std::string& d) {
    return Decl(kItem, R"("mode":")" + mode + R"(","transport_document":")" + d + R"(",)");
  };
  BOOST_TEST(Check(doc("postal", "LX123456785CN")) == Lines{});
  BOOST_TEST(Check(doc("postal", "LX123456784CN")) ==
             Lines{R"(TRANSPORT_DOC_FORMAT error /transport_document {"value":"LX123456784CN","reason":"s10_check_digit","expected":5})"});
  BOOST_TEST(Check(doc("air", "020-12345676")) ==
             Lines{R"(TRANSPORT_DOC_FORMAT error /transport_document {"value":"020-12345676","reason":"awb_check_digit","expected":5})"});
  BOOST_TEST(Check(doc("postal", "1Z999AA10123456784")) ==
             Lines{R"(TRANSPORT_DOC_FORMAT error /transport_document {"value":"1Z999AA10123456784","reason":"not_s10"})"});
  BOOST_TEST(Check(doc("air", "1Z999AA10123456784")) == Lines{});  // courier numbers vary: no check
  BOOST_TEST(preclear::S10CheckDigit("00000000", {8, 6, 4, 2, 3, 5, 9, 7}) == 5);
}

BOOST_AUTO_TEST_CASE(as_you_type_filters) {
  std::string line = Decl(R"("description":"Gifts","hs":"6109.10","quantity":"1")");
  preclear::ValidateOptions o;
  o.partial = true;
  o.fields = {"/items/0/description"};
  BOOST_TEST(Check(line, o) ==
             Lines{R"(DESCRIPTION_STOP_WORD error /items/0/description {"value":"Gifts","term":"Gift","list":"test_stop_words"})"});
  o.fields = {"/items/0"};
  o.codes = {"HS_FORMAT", "FIELD_TYPE"};
  BOOST_TEST(Check(line, o) ==
             (Lines{R"(FIELD_TYPE error /items/0/quantity {"expected":"integer","actual":"string"})",
                    R"(HS_FORMAT error /items/0/hs {"value":"6109.10","regime":"TEST-LIMITS","reason":"regime_format"})"}));
  // Without partial, a missing required field is reported; with it, not.
  preclear::ValidateOptions full;
  BOOST_TEST(Check(Decl(R"("description":"warm cotton shirt","quantity":1,"unit_price":"10.00")"), full) ==
             Lines{R"(FIELD_MISSING error /items/0/hs {})"});
  preclear::ValidateOptions typing;
  typing.partial = true;
  BOOST_TEST(Check(Decl(R"("description":"warm cotton shirt","quantity":1,"unit_price":"10.00")"), typing) == Lines{});
}

BOOST_AUTO_TEST_SUITE_END()
