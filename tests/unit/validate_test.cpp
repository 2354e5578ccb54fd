// Validation of whole lines against the invented test pack (datasets/testing/): every test
// states the complete problem list it expects.
#include "preclear/datasets.h"
#include "preclear/pack.h"
#include "preclear/validate.h"

#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

namespace {

using preclear::Date;
using Lines = std::vector<std::string>;

struct Fixture {
  Fixture() : load(preclear::Pack::Load(preclear::datasets::TestingPackBytes())), v(*load.pack) {
    options.as_of = *Date::Parse("2026-11-22");
  }
  // "CODE severity path rule args" per problem, in order.
  Lines Check(const std::string& line, const std::string& as_of = "2026-11-22") {
    options.as_of = *Date::Parse(as_of);
    last = v.Validate(line, options);
    Lines out;
    for (const preclear::Problem& p : last.problems) {
      out.push_back(std::string(preclear::Info(p.code).name) + " " + std::string(preclear::SeverityName(p.severity)) +
                    " " + p.path + " " + p.rule + " " + p.args.dump());
    }
    return out;
  }
  preclear::PackLoad load;
  preclear::Validator v;
  preclear::ValidateOptions options;
  preclear::ValidationResult last;
};

const char* kGood =
    R"({"id":"ord-1","destination":"DE","currency":"EUR","mode":"postal","seller":{"name":"Shop"},)"
    R"("items":[{"description":"men's cotton knitted t-shirt","quantity":2,"unit_price":"12.50","origin":"CN"}]})";

}  // namespace

BOOST_FIXTURE_TEST_SUITE(validate, Fixture)

BOOST_AUTO_TEST_CASE(clean_declaration_has_no_problems) {
  BOOST_TEST(Check(kGood) == Lines{});
  BOOST_TEST(last.ok);
  BOOST_TEST(last.id == "ord-1");
}

BOOST_AUTO_TEST_CASE(result_json_is_the_design_contract) {
  Check(R"({"id":"a1","destination":"DE","items":[]})");
  BOOST_TEST(v.ToJson(last, "en") ==
             R"({"id":"a1","ok":false,"regime":"TEST-BASE","problems":[{"code":"FIELD_MISSING","severity":"error","path":"/items",)"
             R"("rule":"DQ-01","message":"missing min 1","args":{"min_items":1}}],"receipt":{"ruleset":"preclear-testing",)"
             R"("hash":")" + load.pack->hash() + R"(","as_of":"2026-11-22"}})");
  BOOST_TEST(v.ToJson(last, "fr").find(R"("message":"manquant min 1")") != std::string::npos);
  BOOST_TEST(v.ToJson(last, "fr-CA").find(R"("message":"manquant min 1")") != std::string::npos);
  BOOST_TEST(v.ToJson(last, "xx-unknown").find(R"("message":"missing min 1")") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(not_json_is_one_problem_never_a_missing_line) {
  BOOST_TEST(Check("{bad") == Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":1,"reason":"syntax","token":"{b"})"});
  BOOST_TEST(!last.ok);
  BOOST_TEST(last.id.is_null());
  BOOST_TEST(Check("") == Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":0,"reason":"syntax"})"});
  BOOST_TEST(Check(R"({"a":1} {"b":2})") == Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":8,"reason":"syntax","token":"1} {"})"});
  BOOST_TEST(Check(R"({"s":"\ud800"})") ==
             Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":12,"reason":"syntax","token":"\"\\ud800\""})"});
}

BOOST_AUTO_TEST_CASE(nesting_is_bounded) {
  std::string deep(300, '[');
  BOOST_TEST(Check(deep) == Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":256,"reason":"too_deep","max_depth":256})"});
  std::string ok_depth = std::string(100, '[') + std::string(100, ']');
  BOOST_TEST(Check(ok_depth) == Lines{R"(FIELD_TYPE error  DQ-22 {"expected":"object","actual":"array"})"});
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_text_encoding) {
  BOOST_TEST(Check("{\"id\":\"caf\xE9\"}") == Lines{R"(TEXT_ENCODING error  DQ-22 {"offset":10})"});
  BOOST_TEST(last.id.is_null());
}

BOOST_AUTO_TEST_CASE(required_fields_come_from_the_regime) {
  BOOST_TEST(Check(R"({"currency":"EUR"})") ==
             (Lines{R"(FIELD_MISSING error /destination DQ-06 {})", R"(FIELD_MISSING error /items DQ-01 {"min_items":1})"}));
  BOOST_TEST(Check(R"({"destination":"DE","items":[{"description":"   "},{},{"description":null}]})") ==
             (Lines{R"(FIELD_MISSING error /items/0/description DQ-01 {})",
                    R"(FIELD_MISSING error /items/1/description DQ-01 {})",
                    R"(FIELD_MISSING error /items/2/description DQ-01 {})"}));
}

BOOST_AUTO_TEST_CASE(requirements_are_dated) {
  // /seller/name is required only from 2030-01-01; /items/*/sku only before 2001-01-01.
  std::string decl = R"({"destination":"DE","items":[{"description":"mug"}]})";
  BOOST_TEST(Check(decl, "2029-12-31") == Lines{});
  BOOST_TEST(Check(decl, "2030-01-01") == Lines{R"(FIELD_MISSING error /seller/name DQ-03 {})"});
  BOOST_TEST(last.receipt.as_of == "2030-01-01");
  BOOST_TEST(Check(R"({"date":"2000-06-01","destination":"DE","items":[{"description":"mug"}]})", "2030-01-01") ==
             Lines{R"(FIELD_MISSING error /items/0/sku DQ-14 {})"});
  BOOST_TEST(last.receipt.as_of == "2000-06-01");  // the declaration's own date decides
}

BOOST_AUTO_TEST_CASE(wrong_types_are_reported_once_each) {
  BOOST_TEST(Check(R"({"id":7,"destination":"DE","gift":"no","packages":1.0,"items":[{"description":"mug","quantity":"2","hs":610910,"origin":true}]})") ==
             (Lines{R"(FIELD_TYPE error /id DQ-22 {"expected":"string","actual":"number"})",
                    R"(FIELD_TYPE error /gift DQ-22 {"expected":"boolean","actual":"string"})",
                    R"(FIELD_TYPE error /packages DQ-22 {"expected":"integer","actual":"number","value":"1.0"})",
                    R"(FIELD_TYPE error /items/0/hs DQ-22 {"expected":"string","actual":"number"})",
                    R"(FIELD_TYPE error /items/0/quantity DQ-22 {"expected":"integer","actual":"string"})",
                    R"(FIELD_TYPE error /items/0/origin DQ-22 {"expected":"string","actual":"boolean"})"}));
}

BOOST_AUTO_TEST_CASE(amounts_are_exact_decimals) {
  auto line = [](const std::string& price) {
    return R"({"destination":"DE","currency":"EUR","items":[{"description":"mug","unit_price":)" + price + "}]}";
  };
  BOOST_TEST(Check(line(R"("12.50")")) == Lines{});
  BOOST_TEST(Check(line("12.50")) == Lines{});  // JSON number read from its text
  BOOST_TEST(Check(line("1.25e1")) == Lines{});
  BOOST_TEST(Check(line(R"("12,50")")) ==
             Lines{R"(AMOUNT_INVALID error /items/0/unit_price DQ-07 {"value":"12,50","reason":"syntax"})"});
  BOOST_TEST(Check(line(R"("-3.00")")) ==
             Lines{R"(AMOUNT_INVALID error /items/0/unit_price DQ-07 {"value":"-3.00","reason":"negative"})"});
  BOOST_TEST(Check(line("1e40")) ==
             Lines{R"(AMOUNT_INVALID error /items/0/unit_price DQ-07 {"value":"1e40","reason":"out_of_range"})"});
  // Beyond a double's range the JSON parser itself stops (RFC 8259 §9 implementation limit).
  BOOST_TEST(Check(line("1e400")) ==
             Lines{R"(JSON_SYNTAX error  DQ-22 {"offset":84,"reason":"number_out_of_range","token":"1e400"})"});
  BOOST_TEST(Check(line(R"("1.005")")) ==
             Lines{R"(CURRENCY_DECIMALS error /items/0/unit_price DQ-07 {"value":"1.005","currency":"EUR","max_decimals":2})"});
  BOOST_TEST(Check(line(R"("1.500")")) == Lines{});  // trailing zeros are not extra precision
  BOOST_TEST(Check(line("true")) ==
             Lines{R"(FIELD_TYPE error /items/0/unit_price DQ-22 {"expected":"decimal string","actual":"boolean"})"});
  BOOST_TEST(Check(R"({"destination":"JP","currency":"JPY","items":[{"description":"mug","unit_price":"1500.5"}]})") ==
             Lines{R"(CURRENCY_DECIMALS error /items/0/unit_price DQ-07 {"value":"1500.5","currency":"JPY","max_decimals":0})"});
  BOOST_TEST(Check(R"({"destination":"DE","gross_mass_kg":"-0.5","items":[{"description":"mug"}]})") ==
             Lines{R"(AMOUNT_INVALID error /gross_mass_kg DQ-22 {"value":"-0.5","reason":"negative"})"});
}

BOOST_AUTO_TEST_CASE(countries_come_from_icu) {
  auto line = [](const std::string& cc) {
    return R"({"destination":")" + cc + R"(","items":[{"description":"mug"}]})";
  };
  BOOST_TEST(Check(line("XK")) == Lines{});
  BOOST_TEST(Check(line("UK")) == Lines{R"(COUNTRY_UNKNOWN error /destination DQ-06 {"value":"UK","suggestion":"GB"})"});
  BOOST_TEST(Check(line("de")) == Lines{R"(COUNTRY_UNKNOWN error /destination DQ-06 {"value":"de","suggestion":"DE"})"});
  BOOST_TEST(Check(line("EU")) == Lines{R"(COUNTRY_UNKNOWN error /destination DQ-06 {"value":"EU"})"});
  BOOST_TEST(Check(line("ZZ")) == Lines{R"(COUNTRY_UNKNOWN error /destination DQ-06 {"value":"ZZ"})"});
  BOOST_TEST(Check(line("DEU")) == Lines{R"(COUNTRY_UNKNOWN error /destination DQ-06 {"value":"DEU"})"});
  // An unknown destination is reported once, not again as missing.
  BOOST_TEST(Check(R"({"destination":"GB","buyer":{"address":{"country":"EL"}},"items":[{"description":"mug","origin":"cn"}]})") ==
             (Lines{R"(COUNTRY_UNKNOWN error /buyer/address/country DQ-06 {"value":"EL"})",
                    R"(COUNTRY_UNKNOWN error /items/0/origin DQ-06 {"value":"cn","suggestion":"CN"})",
                    R"(ADDRESS_INCOMPLETE error /buyer/address DQ-18 {"missing":["street","city"]})"}));
}

BOOST_AUTO_TEST_CASE(currencies_are_checked_on_the_date) {
  auto line = [](const std::string& cur, const std::string& date) {
    return R"({)" + (date.empty() ? std::string() : R"("date":")" + date + R"(",)") +
           R"("destination":"HR","currency":")" + cur + R"(","items":[{"description":"mug"}]})";
  };
  BOOST_TEST(Check(line("EUR", "")) == Lines{});
  BOOST_TEST(Check(line("EURO", "")) ==
             Lines{R"(CURRENCY_UNKNOWN error /currency DQ-07 {"value":"EURO","date":"2026-11-22"})"});
  BOOST_TEST(Check(line("eur", "")) ==
             Lines{R"(CURRENCY_UNKNOWN error /currency DQ-07 {"value":"eur","date":"2026-11-22","suggestion":"EUR"})"});
  BOOST_TEST(Check(line("HRK", "")) ==
             Lines{R"(CURRENCY_UNKNOWN error /currency DQ-07 {"value":"HRK","date":"2026-11-22"})"});
  BOOST_TEST(Check(line("HRK", "2020-05-01")) == Lines{});  // the kuna was Croatia's currency then
  BOOST_TEST(Check(line("XAU", "")) ==
             Lines{R"(CURRENCY_UNKNOWN error /currency DQ-07 {"value":"XAU","date":"2026-11-22"})"});
}

BOOST_AUTO_TEST_CASE(bad_date_falls_back_to_as_of) {
  BOOST_TEST(Check(R"({"date":"2026-02-30","destination":"DE","items":[{"description":"mug"}]})") ==
             Lines{R"(DATE_INVALID error /date DQ-22 {"value":"2026-02-30"})"});
  BOOST_TEST(last.receipt.as_of == "2026-11-22");
  BOOST_TEST(Check(R"({"date":20261122,"destination":"DE","items":[{"description":"mug"}]})") ==
             Lines{R"(FIELD_TYPE error /date DQ-22 {"expected":"string","actual":"number"})"});
}

BOOST_AUTO_TEST_CASE(values_outside_pack_lists) {
  BOOST_TEST(Check(R"({"destination":"DE","mode":"boat","packages":0,"seller":{"registrations":[{"scheme":"VAT"},7]},"items":[{"description":"mug","quantity":-1}]})") ==
             (Lines{R"(FIELD_VALUE error /mode DQ-22 {"value":"boat","allowed":["postal","air"]})",
                    R"(FIELD_VALUE error /packages DQ-22 {"value":"0","min":1})",
                    R"(FIELD_VALUE error /seller/registrations/0/scheme DQ-22 {"value":"VAT","allowed":["IOSS","TEST_SCHEME"]})",
                    R"(FIELD_TYPE error /seller/registrations/1 DQ-22 {"expected":"object","actual":"number"})",
                    R"(FIELD_VALUE error /items/0/quantity DQ-22 {"value":"-1","min":1})"}));
}

BOOST_AUTO_TEST_CASE(regime_selection) {
  std::string strict = R"({"regime":"TEST-STRICT","destination":"DE","items":[{"description":"mug"}]})";
  BOOST_TEST(Check(strict) == (Lines{R"(FIELD_MISSING error /buyer/address/country DQ-18 {})",
                                     R"(FIELD_MISSING error /items/0/origin DQ-24 {})"}));
  // A regime this ruleset does not know: a warning, and the default profile applies.
  BOOST_TEST(Check(R"({"regime":"EU-H7","destination":"DE","items":[{"description":"mug"}]})") ==
             Lines{R"(FIELD_VALUE warning /regime DQ-22 {"value":"EU-H7","allowed":["TEST-BASE","TEST-LIMITS","TEST-STRICT"],"applied":"TEST-BASE"})"});
  BOOST_TEST(last.ok);
}

BOOST_AUTO_TEST_CASE(unknown_fields_are_ignored_and_last_duplicate_wins) {
  BOOST_TEST(Check(R"({"destination":"XX","destination":"DE","x-shop":{"deep":[1,2,3]},"items":[{"description":"mug","colour":"red"}]})") ==
             Lines{});
}

BOOST_AUTO_TEST_CASE(large_input_is_fine) {
  std::string big;
  while (big.size() < (1u << 20)) big += "cotton shirt ";
  BOOST_TEST(Check(R"({"destination":"DE","items":[{"description":")" + big + R"("}]})") == Lines{});
}

BOOST_AUTO_TEST_SUITE_END()
