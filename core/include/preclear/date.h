// Calendar dates (proleptic Gregorian) as carried in declarations and receipts.
// core never reads the clock: callers pass the as-of date.
#ifndef PRECLEAR_DATE_H_
#define PRECLEAR_DATE_H_

#include <optional>
#include <string>
#include <string_view>

namespace preclear {

struct Date {
  int year = 0;   // 1..9999
  int month = 0;  // 1..12
  int day = 0;    // 1..days in month

  // Exactly "YYYY-MM-DD" (ISO 8601 extended, calendar date) naming a real day.
  static std::optional<Date> Parse(std::string_view text);
  std::string ToString() const;
  // Days since 1970-01-01 (negative before).
  long long DaysSinceEpoch() const;

  friend bool operator==(const Date& a, const Date& b) {
    return a.year == b.year && a.month == b.month && a.day == b.day;
  }
  friend bool operator<(const Date& a, const Date& b) {
    return a.DaysSinceEpoch() < b.DaysSinceEpoch();
  }
};

}  // namespace preclear

#endif  // PRECLEAR_DATE_H_
