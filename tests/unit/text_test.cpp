#include "preclear/text.h"

#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

using preclear::IsBlank;
using preclear::IsValidUtf8;
using preclear::TextAnalyzer;
using Words = std::vector<std::string>;

BOOST_AUTO_TEST_SUITE(text)

BOOST_AUTO_TEST_CASE(utf8_accepts_well_formed) {
  for (const char* ok : {"", "plain ascii", "Crème brûlée", "蓝牙耳机", "emoji \xF0\x9F\x98\x80", "\xEF\xBF\xBD",
                         "\xF4\x8F\xBF\xBF" /* U+10FFFF */}) {
    BOOST_TEST_INFO(ok);
    BOOST_TEST(IsValidUtf8(ok));
  }
}

BOOST_AUTO_TEST_CASE(utf8_rejects_ill_formed_with_offset) {
  struct Case { std::string bytes; size_t offset; };
  const Case cases[] = {
      {"caf\xE9", 3},                 // Latin-1 é
      {"ab\xC0\x80", 2},              // overlong NUL
      {"\xE0\x80\xAF", 0},            // overlong '/'
      {"x\xED\xA0\x80", 1},           // UTF-16 surrogate D800
      {"\xF4\x90\x80\x80", 0},        // above U+10FFFF
      {"ok\xE2\x82", 2},              // truncated €
      {"\x80", 0},                    // lone continuation byte
      {"\xF8\x88\x80\x80\x80", 0},    // 5-byte form
      {"abc\xFF", 3},
  };
  for (const Case& c : cases) {
    size_t offset = 999;
    BOOST_TEST_INFO(c.bytes);
    BOOST_TEST(!IsValidUtf8(c.bytes, &offset));
    BOOST_TEST(offset == c.offset);
  }
}

BOOST_AUTO_TEST_CASE(blank_means_only_white_space) {
  BOOST_TEST(IsBlank(""));
  BOOST_TEST(IsBlank("   \t\n"));
  BOOST_TEST(IsBlank("\xC2\xA0\xE3\x80\x80"));  // NBSP + ideographic space
  BOOST_TEST(!IsBlank(" x "));
  BOOST_TEST(!IsBlank("-"));
  BOOST_TEST(!IsBlank("\xE9"));  // ill-formed is not blank
}

BOOST_AUTO_TEST_CASE(fold_is_nfkc_casefold) {
  TextAnalyzer t;
  BOOST_REQUIRE(t.ok());
  BOOST_TEST(t.Fold("Crème BRÛLÉE") == "crème brûlée");
  BOOST_TEST(t.Fold("\xEF\xBC\xA1\xEF\xBC\xA2\xEF\xBC\xA3") == "abc");  // full-width ＡＢＣ
  BOOST_TEST(t.Fold("Straße") == "strasse");
  BOOST_TEST(t.Fold("ﬁle") == "file");  // ligature
  BOOST_TEST(t.Fold("\xE2\x91\xA0") == "1");  // circled digit one
}

BOOST_AUTO_TEST_CASE(words_follow_uax29) {
  TextAnalyzer t;
  BOOST_TEST(t.Words("men's cotton knitted T-shirt, 2 pcs") == (Words{"men's", "cotton", "knitted", "T", "shirt", "2", "pcs"}));
  BOOST_TEST(t.Words("coque iPhone 15 silicone") == (Words{"coque", "iPhone", "15", "silicone"}));
  BOOST_TEST(t.Words("  ...  ") == Words{});
  BOOST_TEST(t.Words("3.5 kg") == (Words{"3.5", "kg"}));
  // No CJK dictionary is linked in (size budget): a run of Han stays one word, in both builds.
  BOOST_TEST(t.Words("蓝牙耳机 bluetooth") == (Words{"蓝牙耳机", "bluetooth"}));
}

BOOST_AUTO_TEST_CASE(latin_ascii_transliteration) {
  TextAnalyzer t;
  BOOST_TEST(t.ToAscii("Crème brûlée Straße") == "Creme brulee Strasse");
  BOOST_TEST(t.ToAscii("Łódź Øresund Æble") == "Lodz Oresund AEble");
  BOOST_TEST(t.ToAscii("plain") == "plain");
  BOOST_TEST(t.ToAscii("蓝牙") == "蓝牙");  // not Latin: unchanged
}

BOOST_AUTO_TEST_SUITE_END()
