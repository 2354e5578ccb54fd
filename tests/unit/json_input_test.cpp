// The fast input reader against nlohmann's strict parser: the same lines accepted and rejected,
// the same values read (numbers keep their text), and rejected lines carry nlohmann's own error
// details. Seeded mutations of realistic lines cover what hand-written cases miss.
#include "json_input.h"

#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace {

using preclear::Json;
using preclear::internal::InputDoc;
using preclear::internal::JsonSyntaxError;

// nlohmann's reading of |text| in the reader's terms: floats and over-long integers as marked text.
struct Marked {
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;
  std::vector<Json*> stack;
  Json root;
  std::string pending;
  bool Put(Json v) {
    if (stack.empty()) {
      root = std::move(v);
      return true;
    }
    Json* top = stack.back();
    if (top->is_array()) top->push_back(std::move(v));
    else (*top)[pending] = std::move(v);
    return true;
  }
  Json* Last() {
    if (stack.empty()) return &root;
    Json* top = stack.back();
    return top->is_array() ? &top->back() : &(*top)[pending];
  }
  bool null() { return Put(nullptr); }
  bool boolean(bool v) { return Put(v); }
  bool number_integer(number_integer_t v) { return Put(v); }
  bool number_unsigned(number_unsigned_t v) { return Put(v); }
  bool number_float(number_float_t, const string_t& t) { return Put(std::string(1, preclear::internal::kNumberMark) + t); }
  bool string(string_t& v) { return Put(v); }
  bool binary(binary_t&) { return false; }
  bool start_object(std::size_t) {
    Put(Json::object());
    stack.push_back(Last());
    return true;
  }
  bool start_array(std::size_t) {
    Put(Json::array());
    stack.push_back(Last());
    return true;
  }
  bool key(string_t& k) {
    pending = k;
    return true;
  }
  bool end_object() {
    stack.pop_back();
    return true;
  }
  bool end_array() {
    stack.pop_back();
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }
};

bool NlohmannRead(const std::string& text, Json* out) {
  Marked m;
  if (!Json::sax_parse(text.begin(), text.end(), &m, nlohmann::detail::input_format_t::json, true)) return false;
  *out = std::move(m.root);
  return true;
}

void Same(const std::string& text) {
  Json expected;
  bool want = NlohmannRead(text, &expected);
  InputDoc doc;
  JsonSyntaxError error;
  bool got = doc.Parse(text, &error);
  BOOST_TEST_CONTEXT("line: " << text) {
    BOOST_TEST(got == want);
    // The number mark is not UTF-8: dump with replacement on both sides.
    auto dump = [](const Json& j) { return j.dump(-1, ' ', false, Json::error_handler_t::replace); };
    if (got && want) BOOST_TEST(dump(doc.root().ToJson()) == dump(expected));
    if (!got) BOOST_TEST(!error.reason.empty());
  }
}

}  // namespace

BOOST_AUTO_TEST_SUITE(json_input)

BOOST_AUTO_TEST_CASE(reads_what_nlohmann_reads) {
  for (const char* t : {
           R"({"a":1,"b":-2,"c":"x","d":[true,false,null],"e":{"f":12.50}})",
           R"({"big":18446744073709551615,"bigger":18446744073709551616,"neg":-9223372036854775808,"negbig":-9223372036854775809})",
           R"({"z":-0,"e":1e5,"E":1E-5,"f":0.0,"g":-0.5e+3})",
           R"( {"ws" : [ 1 , 2 ] } )", "\t[]\r\n", "{}", "[]", "\"s\"", "12", "true", "null",
           R"({"esc":"a\"b\\c\/d\b\f\n\r\t\u0041\u00e9\u4e2d\ud83d\ude00"})",
           R"({"nul":"\u0000"})",
           "\xEF\xBB\xBF{\"bom\":1}",
           R"({"dup":1,"dup":"two"})",
       }) {
    Same(t);
  }
}

BOOST_AUTO_TEST_CASE(rejects_what_nlohmann_rejects) {
  for (const char* t : {
           "", " ", "{", "}", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{a:1}", "[01]", "[1.]", "[.5]", "[1e]", "[-]",
           "[+1]", "[1e400]", "[-1e400]", "[tru]", "[nul]", "[True]", "\"\\x\"", "\"\\u12\"", "\"\\ud800\"",
           "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"a\tb\"", "[1] [2]", "{\"a\":1}x", "\"unterminated", "[\"a\",",
       }) {
    Same(t);
  }
}

BOOST_AUTO_TEST_CASE(errors_come_from_nlohmann) {
  InputDoc doc;
  JsonSyntaxError e;
  BOOST_TEST(!doc.Parse(R"({"a":1,})", &e));
  BOOST_TEST(e.reason == "syntax");
  BOOST_TEST(e.offset == 7u);
  BOOST_TEST(e.token == "1,}");
  BOOST_TEST(!doc.Parse("[1e400]", &e));
  BOOST_TEST(e.reason == "number_out_of_range");
  std::string deep(300, '[');
  BOOST_TEST(!doc.Parse(deep, &e));
  BOOST_TEST(e.reason == "too_deep");
  BOOST_TEST(e.offset == 256u);
}

BOOST_AUTO_TEST_CASE(depth_limit_is_256) {
  Same(std::string(256, '[') + std::string(256, ']'));
  InputDoc doc;
  JsonSyntaxError e;
  BOOST_TEST(doc.Parse(std::string(256, '[') + std::string(256, ']'), &e));
  BOOST_TEST(!doc.Parse(std::string(257, '[') + std::string(257, ']'), &e));
}

BOOST_AUTO_TEST_CASE(views) {
  InputDoc doc;
  JsonSyntaxError e;
  BOOST_REQUIRE(doc.Parse(R"({"a":null,"b":[1,{"c":"d"}],"a":"last","n":7.25})", &e));
  auto root = doc.root();
  BOOST_TEST(root.size() == 4u);
  BOOST_TEST(root.find("a").text() == "last");
  BOOST_TEST(!root.find("missing"));
  BOOST_TEST(root.find("n").is_number_text());
  BOOST_TEST(root.find("n").text() == "7.25");
  auto members = root.members();
  BOOST_TEST(members.size() == 3u);
  BOOST_TEST(members[0].first == "a");
  BOOST_TEST(members[0].second.text() == "last");
  auto b = root.find("b").elements();
  BOOST_TEST(b.size() == 2u);
  BOOST_TEST(b[0].unsigned_value() == 1u);
  BOOST_TEST(b[1].find("c").text() == "d");
  BOOST_TEST(root.field("a").is_string());
}

// Seeded byte mutations of a realistic declaration: deletions, insertions of JSON punctuation,
// swaps. Both readers must agree on every one.
BOOST_AUTO_TEST_CASE(agrees_on_mutations) {
  const std::string base =
      R"({"id":"ord-1","date":"2026-11-22","destination":"DE","currency":"EUR","shipping":4.90,"packages":1,)"
      R"("gift":false,"seller":{"name":"A\u00e9 Co","address":{"country":"CN"},"registrations":[{"scheme":"IOSS"}]},)"
      R"("items":[{"description":"men's cotton t-shirt","hs":"610910","quantity":2,"unit_price":"12.50","net_mass_kg":0.3}]})";
  const char kInserts[] = "{}[],:\"\\0123456789.-+eE tfn\x01";
  uint64_t s = 0x9E3779B97F4A7C15ull;
  auto next = [&s]() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  };
  for (int round = 0; round < 4000; ++round) {
    std::string t = base;
    int edits = 1 + static_cast<int>(next() % 3);
    for (int k = 0; k < edits; ++k) {
      size_t at = next() % (t.size() + 1);
      switch (next() % 3) {
        case 0:
          if (at < t.size()) t.erase(at, 1);
          break;
        case 1: t.insert(at, 1, kInserts[next() % (sizeof(kInserts) - 1)]); break;
        default:
          if (at + 1 < t.size()) std::swap(t[at], t[at + 1]);
      }
    }
    Same(t);
  }
}

BOOST_AUTO_TEST_SUITE_END()
