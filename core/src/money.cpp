#include "preclear/money.h"

#include <atomic>
#include <mutex>

#include <unicode/ucurr.h>
#include <unicode/ures.h>
#include <unicode/utypes.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace preclear {
namespace {

constexpr int64_t kMillisPerDay = 86400000;

// NUL-terminated UTF-16 copy of a code already checked by IsCurrencyCode;
// ICU looks codes up as NUL-terminated strings.
struct IcuCode {
  UChar text[4];
};

IcuCode ToIcuCode(std::string_view code) {
  IcuCode out = {{static_cast<UChar>(code[0]), static_cast<UChar>(code[1]),
                  static_cast<UChar>(code[2]), 0}};
  return out;
}

bool IsLeapYear(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

bool IsValidCivilDate(int year, int month, int day) {
  constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30,
                                    31, 31, 30, 31, 30, 31};
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) {
    return false;
  }
  int limit = kDaysInMonth[month - 1];
  if (month == 2 && IsLeapYear(year)) limit = 29;
  return day <= limit;
}

// Days since 1970-01-01 in the proleptic Gregorian calendar, integer only.
// Shifting the year to start in March puts the leap day last.
int64_t DaysFromCivil(int year, int month, int day) {
  const int64_t y = static_cast<int64_t>(year) - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t year_of_era = y - era * 400;
  const int64_t shifted_month = month > 2 ? month - 3 : month + 9;
  const int64_t day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
  const int64_t day_of_era = year_of_era * 365 + year_of_era / 4 -
                             year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

// ICU stores dates as two int32 halves of a millisecond count.
bool ReadDate(const UResourceBundle* entry, const char* key, int64_t* out) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* res = ures_getByKey(entry, key, nullptr, &status);
  bool found = false;
  if (U_SUCCESS(status)) {
    int32_t len = 0;
    const int32_t* halves = ures_getIntVector(res, &len, &status);
    if (U_SUCCESS(status) && halves != nullptr && len == 2) {
      *out = static_cast<int64_t>(
          (static_cast<uint64_t>(static_cast<uint32_t>(halves[0])) << 32) |
          static_cast<uint32_t>(halves[1]));
      found = true;
    }
  }
  ures_close(res);
  return found;
}

// ucurr_isAvailable keeps a single interval per code (from whichever region
// ICU loads last), so e.g. DEM reads as unused in mid-1999 because Kosovo
// adopted it later than Germany. Scanning every region's entry in ICU's
// CurrencyMap gives the answer the data actually supports.
bool AnyRegionUsed(std::string_view code, int64_t date_ms) {
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* root =
      ures_openDirect(U_ICUDATA_NAME "-curr", "supplementalData", &status);
  UResourceBundle* map = ures_getByKey(root, "CurrencyMap", nullptr, &status);
  bool used = false;
  if (U_SUCCESS(status)) {
    const int32_t regions = ures_getSize(map);
    for (int32_t i = 0; i < regions && !used; ++i) {
      UErrorCode region_status = U_ZERO_ERROR;
      UResourceBundle* region =
          ures_getByIndex(map, i, nullptr, &region_status);
      const int32_t entries =
          U_SUCCESS(region_status) ? ures_getSize(region) : 0;
      for (int32_t j = 0; j < entries && !used; ++j) {
        UErrorCode entry_status = U_ZERO_ERROR;
        UResourceBundle* entry =
            ures_getByIndex(region, j, nullptr, &entry_status);
        int32_t id_len = 0;
        const UChar* id =
            ures_getStringByKey(entry, "id", &id_len, &entry_status);
        if (U_SUCCESS(entry_status) && id != nullptr && id_len == 3 &&
            id[0] == static_cast<UChar>(code[0]) &&
            id[1] == static_cast<UChar>(code[1]) &&
            id[2] == static_cast<UChar>(code[2])) {
          // Missing bounds mean open-ended, as in ICU itself.
          int64_t from = INT64_MIN;
          int64_t to = INT64_MAX;
          ReadDate(entry, "from", &from);
          ReadDate(entry, "to", &to);
          used = from <= date_ms && date_ms <= to;
        }
        ures_close(entry);
      }
      ures_close(region);
    }
  }
  ures_close(map);
  ures_close(root);
  return used;
}

}  // namespace

bool IsCurrencyCode(std::string_view code) {
  if (code.size() != 3) return false;
  for (char c : code) {
    if (c < 'A' || c > 'Z') return false;
  }
  return true;
}

namespace {
bool AskCurrencyInUse(std::string_view code, int year, int month, int day);
}  // namespace

bool IsCurrencyInUse(std::string_view code, int year, int month, int day) {
  // ISO 4217 reserves X.. codes for units that are not money (XAU gold, XDR, XTS test, XXX).
  if (!IsCurrencyCode(code) || code[0] == 'X') return false;
  if (!IsValidCivilDate(year, month, day)) return false;
  // A batch asks about the same few (currency, date) pairs again and again; ICU's answer for
  // a pair never changes, so each thread keeps the last few.
  struct Entry {
    char code[3];
    int32_t day;
    bool in_use;
  };
  thread_local Entry recent[8];
  thread_local unsigned filled = 0, next = 0;
  const int32_t key = year * 512 + month * 32 + day;
  for (unsigned i = 0; i < filled; ++i) {
    const Entry& e = recent[i];
    if (e.day == key && e.code[0] == code[0] && e.code[1] == code[1] && e.code[2] == code[2]) return e.in_use;
  }
  const bool in_use = AskCurrencyInUse(code, year, month, day);
  recent[next] = Entry{{code[0], code[1], code[2]}, key, in_use};
  next = (next + 1) % 8;
  if (filled < 8) ++filled;
  return in_use;
}

namespace {

bool AskCurrencyInUse(std::string_view code, int year, int month, int day) {
  const int64_t date_ms = DaysFromCivil(year, month, day) * kMillisPerDay;
  // UDate is a timestamp, not money: a double holds it exactly.
  const UDate date = static_cast<UDate>(date_ms);
  const IcuCode icu_code = ToIcuCode(code);
  UErrorCode status = U_ZERO_ERROR;
  const UBool available = ucurr_isAvailable(icu_code.text, date, date, &status);
  if (U_FAILURE(status)) return false;
  if (available) return true;
  // Unknown codes need no scan; a known one may have been missed (see above).
  status = U_ZERO_ERROR;
  const UBool known =
      ucurr_isAvailable(icu_code.text, U_DATE_MIN, U_DATE_MAX, &status);
  if (U_FAILURE(status) || !known) return false;
  return AnyRegionUsed(code, date_ms);
}

}  // namespace

namespace {

// What ICU answers for a code never changes while the process runs: remember it per code
// (26^3 slots; -1 = unknown currency, -2 = not asked yet). Hot on every amount validated.
std::atomic<int8_t> g_minor_units[26 * 26 * 26];
std::once_flag g_minor_units_init;

std::optional<int> AskMinorUnits(std::string_view code);

}  // namespace

std::optional<int> CurrencyMinorUnits(std::string_view code) {
  if (!IsCurrencyCode(code) || code[0] == 'X') return std::nullopt;
  std::call_once(g_minor_units_init, [] {
    for (auto& slot : g_minor_units) slot.store(-2, std::memory_order_relaxed);
  });
  std::atomic<int8_t>& slot = g_minor_units[((code[0] - 'A') * 26 + (code[1] - 'A')) * 26 + (code[2] - 'A')];
  int8_t v = slot.load(std::memory_order_acquire);
  if (v == -2) {
    std::optional<int> asked = AskMinorUnits(code);
    v = static_cast<int8_t>(asked ? *asked : -1);
    slot.store(v, std::memory_order_release);
  }
  if (v < 0) return std::nullopt;
  return static_cast<int>(v);
}

namespace {

std::optional<int> AskMinorUnits(std::string_view code) {
  const IcuCode icu_code = ToIcuCode(code);
  // ICU answers 2 for codes it has never heard of, so ask first.
  UErrorCode status = U_ZERO_ERROR;
  const UBool known =
      ucurr_isAvailable(icu_code.text, U_DATE_MIN, U_DATE_MAX, &status);
  if (U_FAILURE(status) || !known) return std::nullopt;
  status = U_ZERO_ERROR;
  const int32_t digits = ucurr_getDefaultFractionDigitsForUsage(
      icu_code.text, UCURR_USAGE_STANDARD, &status);
  if (U_FAILURE(status) || digits < 0 || digits > Decimal::kMaxScale) {
    return std::nullopt;
  }
  return static_cast<int>(digits);
}

}  // namespace

MoneyResult RoundToMinor(const Money& money, RoundingMode mode) {
  const std::optional<int> digits = CurrencyMinorUnits(money.currency);
  if (!digits) return MoneyResult::Fail(MoneyError::kUnknownCurrency);
  const DecimalResult rounded = money.amount.Round(*digits, mode);
  if (!rounded.ok) return MoneyResult::Fail(MoneyError::kOutOfRange);
  return MoneyResult::Ok(Money{rounded.value, money.currency});
}

}  // namespace preclear
