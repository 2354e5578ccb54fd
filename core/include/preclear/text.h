// Text primitives on ICU, shared by every rule that reads free text (descriptions, names).
//
//   preclear::TextAnalyzer text;               // owns ICU objects; one per thread
//   std::string folded = text.Fold("Crème BRÛLÉE");      // "crème brûlée"
//   std::vector<std::string> w = text.Words(folded);      // {"crème", "brûlée"}
//   std::string ascii = text.ToAscii("Straße");           // "Strasse"
//
// All input is UTF-8; call IsValidUtf8 first (the functions replace ill-formed bytes with
// U+FFFD rather than fail). Not thread-safe: give each thread its own TextAnalyzer.
#ifndef PRECLEAR_TEXT_H_
#define PRECLEAR_TEXT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

// Strict UTF-8 (RFC 3629): no overlongs, no surrogates, nothing above U+10FFFF. On failure,
// |error_offset| (if given) receives the byte offset of the first bad sequence.
bool IsValidUtf8(std::string_view s, size_t* error_offset = nullptr);

// True if |s| is empty or only Unicode white space (U+0020, U+00A0, U+3000, tabs, ...).
bool IsBlank(std::string_view s);

class TextAnalyzer {
 public:
  TextAnalyzer();
  ~TextAnalyzer();
  TextAnalyzer(const TextAnalyzer&) = delete;
  TextAnalyzer& operator=(const TextAnalyzer&) = delete;

  // False if ICU could not build the objects (corrupt data); then every call returns its input
  // unchanged (Fold, ToAscii) or no words.
  bool ok() const;

  // Unicode NFKC_Casefold: width, compatibility and case differences removed ("ＡＢＣ" -> "abc").
  std::string Fold(std::string_view utf8) const;
  // Words by the Unicode word-break rules (UAX #29, root locale), letters and numbers only.
  // No dictionaries are linked in, so a run of Han or Kana comes back as one word.
  std::vector<std::string> Words(std::string_view utf8) const;
  // ICU's Latin-ASCII transliteration ("Crème brûlée Straße" -> "Creme brulee Strasse").
  std::string ToAscii(std::string_view utf8) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace preclear

#endif  // PRECLEAR_TEXT_H_
