// SHA-256 (FIPS 180-4), used to fingerprint inputs and rule sets.
#ifndef PRECLEAR_SHA256_H_
#define PRECLEAR_SHA256_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace preclear {

// Incremental hasher: Update any number of times, then Final once.
// Final resets the object so it can be reused for a new message.
class Sha256 {
 public:
  static constexpr size_t kDigestSize = 32;
  static constexpr size_t kBlockSize = 64;

  Sha256();

  void Update(const void* data, size_t len);
  void Update(std::string_view data) { Update(data.data(), data.size()); }
  std::array<uint8_t, kDigestSize> Final();

 private:
  void Reset();
  void Compress(const uint8_t* block);

  std::array<uint32_t, 8> state_;
  std::array<uint8_t, kBlockSize> buffer_;
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

// Lowercase hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace preclear

#endif  // PRECLEAR_SHA256_H_
