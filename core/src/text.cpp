#include "preclear/text.h"

#include <unicode/brkiter.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

namespace preclear {

bool IsValidUtf8(std::string_view s, size_t* error_offset) {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  size_t n = s.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = p[i];
    size_t len;
    uint32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      if (error_offset) *error_offset = i;
      return false;
    }
    if (i + len > n) {
      if (error_offset) *error_offset = i;
      return false;
    }
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) {
        if (error_offset) *error_offset = i;
        return false;
      }
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF are ill-formed.
    bool bad = (len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
               (len == 4 && (cp < 0x10000 || cp > 0x10FFFF));
    if (bad) {
      if (error_offset) *error_offset = i;
      return false;
    }
    i += len;
  }
  return true;
}

bool IsBlank(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s.data(), i, n, c);
    if (c < 0 || !u_isUWhiteSpace(c)) return false;
  }
  return true;
}

struct TextAnalyzer::Impl {
  const icu::Normalizer2* fold = nullptr;  // owned by ICU
  std::unique_ptr<icu::BreakIterator> words;
  std::unique_ptr<icu::Transliterator> ascii;
};

TextAnalyzer::TextAnalyzer() : impl_(new Impl) {
  UErrorCode status = U_ZERO_ERROR;
  impl_->fold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) impl_->fold = nullptr;
  status = U_ZERO_ERROR;
  impl_->words.reset(icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) impl_->words.reset();
  status = U_ZERO_ERROR;
  impl_->ascii.reset(icu::Transliterator::createInstance("Latin-ASCII", UTRANS_FORWARD, status));
  if (U_FAILURE(status)) impl_->ascii.reset();
}

TextAnalyzer::~TextAnalyzer() = default;

bool TextAnalyzer::ok() const { return impl_->fold && impl_->words && impl_->ascii; }

namespace {

std::string ToUtf8(const icu::UnicodeString& u) {
  std::string out;
  u.toUTF8String(out);
  return out;
}

icu::UnicodeString FromUtf8(std::string_view s) {
  return icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
}

bool IsAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80) return false;
  }
  return true;
}

}  // namespace

std::string TextAnalyzer::Fold(std::string_view utf8) const {
  if (IsAscii(utf8)) {
    // NFKC_Casefold changes nothing in ASCII but the capitals; skip ICU for the common case.
    std::string out(utf8);
    for (char& c : out) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return out;
  }
  if (!impl_->fold) return std::string(utf8);
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString out = impl_->fold->normalize(FromUtf8(utf8), status);
  if (U_FAILURE(status)) return std::string(utf8);
  return ToUtf8(out);
}

std::vector<std::string> TextAnalyzer::Words(std::string_view utf8) const {
  std::vector<std::string> out;
  if (!impl_->words) return out;
  icu::UnicodeString text = FromUtf8(utf8);
  icu::BreakIterator& it = *impl_->words;
  it.setText(text);
  int32_t start = it.first();
  for (int32_t end = it.next(); end != icu::BreakIterator::DONE; start = end, end = it.next()) {
    // Rule status below UBRK_WORD_NONE_LIMIT marks spaces and punctuation.
    if (it.getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
    icu::UnicodeString word;
    text.extractBetween(start, end, word);
    out.push_back(ToUtf8(word));
  }
  return out;
}

std::string TextAnalyzer::ToAscii(std::string_view utf8) const {
  if (!impl_->ascii || IsAscii(utf8)) return std::string(utf8);
  icu::UnicodeString text = FromUtf8(utf8);
  impl_->ascii->transliterate(text);
  return ToUtf8(text);
}

}  // namespace preclear
