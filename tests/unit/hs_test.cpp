// HS guidance on the invented test vocabulary (datasets/testing/hs): ranking over the tree,
// attributes and questions, exclusions, context words, typos, CJK, vague texts, bad lines,
// damaged packs, and the deterministic exp/log the scores rely on.
#include "preclear/datasets.h"
#include "preclear/hs.h"
#include "preclear/pack.h"
#include "printers.h"

#include <boost/test/unit_test.hpp>

#include <cmath>
#include <string>
#include <vector>

using preclear::HsClassifier;
using preclear::HsClassifyOptions;
using preclear::HsResult;
using preclear::PackError;

namespace {

struct Fixture {
  preclear::PackLoad pack = preclear::Pack::Load(preclear::datasets::TestingPackBytes());
  preclear::HsGuidanceLoad g = HsClassifier::Load(*pack.pack, preclear::datasets::TestingGuidancePacks());
  const HsClassifier& c() const { return *g.classifier; }
  HsResult Run(const std::string& text, std::map<std::string, std::string> answers = {}) const {
    HsClassifyOptions o;
    o.top = 5;
    o.answers = std::move(answers);
    return c().Classify(text, o);
  }
};

std::vector<std::string> Codes(const HsResult& r) {
  std::vector<std::string> out;
  for (const auto& c : r.candidates) out.push_back(c.hs6);
  return out;
}

using Strings = std::vector<std::string>;

}  // namespace

BOOST_FIXTURE_TEST_SUITE(hs, Fixture)

BOOST_AUTO_TEST_CASE(loads_the_test_vocabulary) {
  BOOST_REQUIRE(static_cast<bool>(g.classifier));
  BOOST_TEST(c().edition() == "HS2022");
  HsClassifier::Stats st = c().stats();
  BOOST_TEST(st.subheadings_with_terms == 2u);  // 010121 and 010129 carry their own words
  BOOST_TEST(st.nodes_with_terms == 5u);        // and headings 0101, 0102, 6109
}

BOOST_AUTO_TEST_CASE(attribute_in_the_text_decides_between_siblings) {
  HsResult r = Run("men's cotton t-shirt");
  BOOST_TEST(!r.vague);
  BOOST_TEST(Codes(r) == (Strings{"610910", "610990"}), boost::test_tools::per_element());
  BOOST_TEST(r.candidates[0].rule == "attribute");
  BOOST_TEST(!r.question.has_value());  // the text already says cotton
  BOOST_REQUIRE(r.candidates[0].matched.size() == 1u);
  BOOST_TEST(r.candidates[0].matched[0].term == "t-shirt");
  BOOST_TEST(r.candidates[0].matched[0].code == "6109");
  BOOST_TEST(r.candidates[0].score_milli > r.candidates[1].score_milli);
}

BOOST_AUTO_TEST_CASE(polyester_is_an_other_material_here) {
  // The test heading names only cotton, so synthetic fibres fall to "other".
  HsResult r = Run("polyester tee");
  BOOST_TEST(Codes(r) == (Strings{"610990", "610910"}), boost::test_tools::per_element());
  BOOST_TEST(r.candidates[0].rule == "attribute");
}

BOOST_AUTO_TEST_CASE(missing_attribute_gives_a_question_and_the_answer_settles_it) {
  HsResult r = Run("t-shirt");
  BOOST_TEST(Codes(r) == (Strings{"610910", "610990"}), boost::test_tools::per_element());
  BOOST_TEST(r.candidates[0].rule == "default");
  BOOST_REQUIRE(r.question.has_value());
  BOOST_TEST(r.question->attribute == "material");
  BOOST_TEST(r.question->options == (Strings{"cotton", "other"}), boost::test_tools::per_element());

  HsResult answered = Run("t-shirt", {{"material", "other"}});
  BOOST_TEST(Codes(answered) == (Strings{"610990", "610910"}), boost::test_tools::per_element());
  BOOST_TEST(!answered.question.has_value());
}

BOOST_AUTO_TEST_CASE(subheading_words_beat_heading_words) {
  BOOST_TEST(Codes(Run("riding horse")).front() == "010129");
  BOOST_TEST(Codes(Run("breeding horse")).front() == "010121");
  // Only the heading matched: both subheadings, in code order.
  BOOST_TEST(Codes(Run("horse")) == (Strings{"010121", "010129"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(exclusion_word_lowers_a_heading) {
  HsResult plain = Run("horse");
  HsResult toy = Run("toy horse");
  BOOST_TEST(toy.candidates[0].score_milli <= plain.candidates[0].score_milli);
  HsResult both = Run("toy horse and cow");  // the cow is not excluded: it wins
  BOOST_TEST(both.candidates[0].hs6 == "010200");
}

BOOST_AUTO_TEST_CASE(words_after_for_describe_what_the_goods_go_with) {
  BOOST_TEST(Codes(Run("t-shirt for horse riding")).front().substr(0, 4) == "6109");
  BOOST_TEST(Codes(Run("horse blanket for cow")).front().substr(0, 4) == "0101");
  // Japanese: what precedes 用 is the context.
  BOOST_TEST(Codes(Run("乗馬用t恤")).front().substr(0, 4) == "6109");
}

BOOST_AUTO_TEST_CASE(head_noun_position_follows_the_language) {
  // English puts the product last, French first.
  BOOST_TEST(Codes(Run("horse cow")).front() == "010200");
  BOOST_TEST(Codes(Run("vache horse")).front() == "010200");
}

BOOST_AUTO_TEST_CASE(one_wrong_letter_is_forgiven) {
  HsResult r = Run("ridding horse");  // an extra letter
  BOOST_TEST(r.candidates.front().hs6 == "010129");
  BOOST_TEST(Codes(Run("bredding horse")).front() == "010121");  // a wrong letter
  BOOST_TEST(Run("rxdxng horse").candidates.front().hs6 == "010121");  // two: not "riding"
}

BOOST_AUTO_TEST_CASE(cjk_and_accents_fold_like_the_vocabulary) {
  HsResult r = Run("纯棉T恤");  // full-width and case folded; 棉 = cotton
  BOOST_TEST(Codes(r).front() == "610910");
  BOOST_TEST(r.candidates[0].rule == "attribute");
  BOOST_TEST(Codes(Run("TEE-SHIRT COTON")).front() == "610910");
  BOOST_TEST(Codes(Run("ｔｅｅ")).front().substr(0, 4) == "6109");
}

BOOST_AUTO_TEST_CASE(vague_texts_say_why) {
  struct Case {
    const char* text;
    const char* reason;
  };
  for (Case k : {Case{"gift", "stop_word"}, Case{"GIFTS", "stop_word"}, Case{"12345 / 678", "no_words"},
                 Case{"", "no_words"}, Case{"qwertyuiop", "no_match"}, Case{"the new black", "no_words"}}) {
    HsResult r = Run(k.text);
    BOOST_TEST_CONTEXT(k.text) {
      BOOST_TEST(r.vague);
      BOOST_TEST(r.vague_reason == k.reason);
      BOOST_TEST(r.candidates.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(scores_are_calibrated_and_ordered) {
  HsResult r = Run("cotton t-shirt");
  int sum = 0;
  for (size_t i = 0; i < r.candidates.size(); ++i) {
    BOOST_TEST(r.candidates[i].score_milli >= 0);
    BOOST_TEST(r.candidates[i].score_milli <= 1000);
    if (i > 0) BOOST_TEST(r.candidates[i].score_milli <= r.candidates[i - 1].score_milli);
    sum += r.candidates[i].score_milli;
  }
  BOOST_TEST(sum <= 1001);  // rounding of each share
  // Fully understood text scores higher than the same words among unknown ones.
  HsResult noisy = Run("cotton t-shirt zxq vbn plk mnb");
  BOOST_TEST(noisy.candidates[0].hs6 == "610910");
  BOOST_TEST(noisy.candidates[0].score_milli < r.candidates[0].score_milli);
}

BOOST_AUTO_TEST_CASE(only_the_start_of_a_huge_description_is_read) {
  std::string huge;
  while (huge.size() < (1u << 20)) huge += "t-shirt cow 纯棉 ";  // 1 MB, mixed scripts
  HsResult r = Run(huge);
  BOOST_TEST(!r.vague);
  BOOST_TEST(Codes(r).front().substr(0, 4) == "6109");
  std::string cut_in_a_character(4095, 'x');
  cut_in_a_character += "棉";  // the byte limit falls inside this character
  BOOST_TEST(Run(cut_in_a_character).vague);
}

BOOST_AUTO_TEST_CASE(top_limits_the_candidates) {
  HsClassifyOptions o;
  o.top = 1;
  BOOST_TEST(c().Classify("t-shirt", o).candidates.size() == 1u);
}

BOOST_AUTO_TEST_CASE(json_line_is_the_design_contract) {
  HsClassifyOptions o;
  o.top = 2;
  o.as_of = "2026-11-23";
  preclear::Json id;
  HsResult r = c().ClassifyLine(R"({"id":"r1","description":"cotton tee","answers":{}})", o, &id);
  std::string line = c().ToJson(id, r, o);
  preclear::Json j = preclear::Json::parse(line);
  BOOST_TEST(j["id"] == "r1");
  BOOST_TEST(j["candidates"].size() == 2u);
  BOOST_TEST(j["candidates"][0]["hs6"] == "610910");
  BOOST_TEST(j["candidates"][0]["title"] == "Test cotton T-shirts");
  BOOST_TEST(j["candidates"][0]["why"]["rule"] == "attribute");
  BOOST_TEST(j["candidates"][0]["why"]["attributes"].dump() ==
             R"([{"attribute":"material","value":"cotton","fit":"match"},{"attribute":"construction","value":"knitted","fit":"assumed"}])");
  BOOST_TEST(j["question"].is_null());
  BOOST_TEST(j["vague"] == false);
  BOOST_TEST(j["receipt"]["hash"] == c().hash());
  BOOST_TEST(j["receipt"]["as_of"] == "2026-11-23");
  // Keys in contract order.
  std::vector<std::string> keys;
  for (const auto& [k, v] : j.items()) keys.push_back(k);
  BOOST_TEST(keys == (Strings{"id", "candidates", "question", "vague", "receipt"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(question_labels_follow_the_locale) {
  HsClassifyOptions o;
  o.locale = "fr-CA";
  preclear::Json id;
  HsResult r = c().ClassifyLine(R"({"id":"q","description":"tee"})", o, &id);
  preclear::Json j = preclear::Json::parse(c().ToJson(id, r, o));
  BOOST_TEST(j["question"].dump() == R"({"attribute":"material","options":["cotton","other"],"label":"matière","labels":["coton","another material"]})");
}

BOOST_AUTO_TEST_CASE(bad_lines_become_problems) {
  struct Case {
    std::string line;
    std::string code, path;
  };
  for (const Case& k : {Case{"{nope", "JSON_SYNTAX", ""}, Case{"[1,2]", "FIELD_TYPE", ""},
                        Case{R"({"id":"x"})", "FIELD_MISSING", "/description"},
                        Case{R"({"description":"  "})", "FIELD_MISSING", "/description"},
                        Case{R"({"description":12.5})", "FIELD_TYPE", "/description"},
                        Case{R"({"description":"tee","answers":["cotton"]})", "FIELD_TYPE", "/answers"},
                        Case{R"({"description":"tee","answers":{"material":1}})", "FIELD_TYPE", "/answers/material"},
                        Case{std::string("{\"description\":\"t\xC3\x28\"}"), "TEXT_ENCODING", ""}}) {
    preclear::Json id;
    HsResult r = c().ClassifyLine(k.line, HsClassifyOptions{}, &id);
    BOOST_TEST_CONTEXT(k.line) {
      BOOST_REQUIRE(r.problems.size() == 1u);
      BOOST_TEST(std::string(preclear::Info(r.problems[0].code).name) == k.code);
      BOOST_TEST(r.problems[0].path == k.path);
      BOOST_TEST(r.vague);
      BOOST_TEST(r.candidates.empty());
    }
  }
}

BOOST_AUTO_TEST_CASE(damaged_or_foreign_packs_are_refused) {
  std::string good(preclear::datasets::TestingGuidancePacks().front());
  for (size_t cut : {size_t{0}, size_t{5}, size_t{16}, good.size() / 2, good.size() - 1}) {
    preclear::HsGuidanceLoad bad = HsClassifier::Load(*pack.pack, good.substr(0, cut));
    BOOST_TEST(!bad.classifier);
    BOOST_TEST((bad.error == PackError::kTruncated || bad.error == PackError::kBadMagic));
  }
  preclear::HsGuidanceLoad common_as_guidance = HsClassifier::Load(*pack.pack, preclear::datasets::TestingPackBytes());
  BOOST_TEST(!common_as_guidance.classifier);
  BOOST_TEST((common_as_guidance.error == PackError::kCorrupt));
}

BOOST_AUTO_TEST_CASE(deterministic_exp_and_log_match_libm) {
  for (double x : {-30.0, -2.5, -0.3, 0.0, 1e-9, 0.7, 1.0, 3.3, 12.0, 40.0}) {
    BOOST_TEST(std::fabs(preclear::DetExp(x) - std::exp(x)) <= 1e-15 * std::exp(x));
  }
  for (double x : {1e-6, 0.01, 0.5, 1.0, 2.0, 7.5, 1228.0, 1e9}) {
    BOOST_TEST(std::fabs(preclear::DetLog(x) - std::log(x)) <= 1e-14 * std::max(1.0, std::fabs(std::log(x))));
  }
}

BOOST_AUTO_TEST_SUITE_END()
