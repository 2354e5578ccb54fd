#include <boost/test/unit_test.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "preclear/sha256.h"

namespace {

using preclear::Sha256;
using preclear::Sha256Hex;

std::string Hex(const std::array<uint8_t, Sha256::kDigestSize>& digest) {
  constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : digest) {
    out.push_back(kDigits[b >> 4]);
    out.push_back(kDigits[b & 0x0f]);
  }
  return out;
}

// Feeds `data` in chunks whose sizes cycle through `sizes`.
std::string ChunkedHex(const std::string& data, const size_t* sizes,
                       size_t num_sizes) {
  Sha256 h;
  size_t pos = 0;
  for (size_t i = 0; pos < data.size(); ++i) {
    size_t n = sizes[i % num_sizes];
    if (n > data.size() - pos) n = data.size() - pos;
    h.Update(data.data() + pos, n);
    pos += n;
  }
  return Hex(h.Final());
}

}  // namespace

BOOST_AUTO_TEST_SUITE(sha256)

BOOST_AUTO_TEST_CASE(nist_short_vectors) {
  BOOST_TEST(Sha256Hex("") ==
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  BOOST_TEST(Sha256Hex("abc") ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
             "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  BOOST_TEST(Sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
                       "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
             "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

BOOST_AUTO_TEST_CASE(padding_boundaries) {
  // 55 bytes is the longest message whose padding fits in one block.
  BOOST_TEST(Sha256Hex(std::string(55, 'a')) ==
             "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  BOOST_TEST(Sha256Hex(std::string(56, 'a')) ==
             "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  BOOST_TEST(Sha256Hex(std::string(64, 'a')) ==
             "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  std::string all_bytes;
  for (int i = 0; i < 256; ++i) all_bytes.push_back(static_cast<char>(i));
  BOOST_TEST(Sha256Hex(all_bytes) ==
             "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

BOOST_AUTO_TEST_CASE(one_million_a_incremental) {
  const std::string data(1000000, 'a');
  const size_t sizes[] = {1, 7, 64, 63, 65, 1000, 3, 4096, 55, 56};
  BOOST_TEST(ChunkedHex(data, sizes, 10) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  BOOST_TEST(Sha256Hex(data) ==
             "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

BOOST_AUTO_TEST_CASE(chunked_equals_one_shot) {
  // Deterministic pseudo-random bytes (LCG), all lengths across 3 blocks.
  std::string data;
  uint32_t x = 12345;
  for (int i = 0; i < 300; ++i) {
    x = x * 1103515245u + 12345u;
    data.push_back(static_cast<char>(x >> 24));
  }
  const size_t patterns[][3] = {{1, 1, 1}, {3, 61, 5}, {64, 64, 64},
                                {0, 17, 100}, {127, 1, 2}};
  for (size_t len = 0; len <= data.size(); ++len) {
    const std::string prefix = data.substr(0, len);
    const std::string expected = Sha256Hex(prefix);
    for (const auto& pattern : patterns) {
      BOOST_TEST_CONTEXT("len " << len) {
        BOOST_TEST(ChunkedHex(prefix, pattern, 3) == expected);
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(final_resets_for_reuse) {
  Sha256 h;
  h.Update("garbage", 7);
  h.Final();
  h.Update(std::string_view("ab"));
  h.Update(std::string_view("c"));
  BOOST_TEST(Hex(h.Final()) ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  BOOST_TEST(Hex(h.Final()) ==
             "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

BOOST_AUTO_TEST_SUITE_END()
