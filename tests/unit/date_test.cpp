#include "preclear/date.h"

#include <boost/test/unit_test.hpp>

using preclear::Date;

BOOST_AUTO_TEST_SUITE(date)

BOOST_AUTO_TEST_CASE(parses_real_calendar_days) {
  BOOST_TEST(Date::Parse("2026-11-22")->ToString() == "2026-11-22");
  BOOST_TEST(Date::Parse("2024-02-29").has_value());   // leap year
  BOOST_TEST(Date::Parse("2000-02-29").has_value());   // divisible by 400
  BOOST_TEST(Date::Parse("0001-01-01")->ToString() == "0001-01-01");
  BOOST_TEST(Date::Parse("9999-12-31").has_value());
}

BOOST_AUTO_TEST_CASE(rejects_everything_else) {
  for (const char* bad : {"2026-02-30", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31",
                          "0000-01-01", "2026-1-1", "22/11/2026", " 2026-11-22", "2026-11-22 ", "2026-11-22T00:00",
                          "2026/11/22", "", "20261122", "２０２６-11-22", "2026-11-2x"}) {
    BOOST_TEST_INFO(bad);
    BOOST_TEST(!Date::Parse(bad).has_value());
  }
}

BOOST_AUTO_TEST_CASE(days_since_epoch_and_order) {
  BOOST_TEST(Date::Parse("1970-01-01")->DaysSinceEpoch() == 0);
  BOOST_TEST(Date::Parse("1969-12-31")->DaysSinceEpoch() == -1);
  BOOST_TEST(Date::Parse("2000-03-01")->DaysSinceEpoch() == 11017);
  BOOST_TEST(Date::Parse("2026-07-01")->DaysSinceEpoch() == 20635);
  BOOST_TEST((*Date::Parse("2026-06-30") < *Date::Parse("2026-07-01")));
  BOOST_TEST(!(*Date::Parse("2026-07-01") < *Date::Parse("2026-07-01")));
}

BOOST_AUTO_TEST_SUITE_END()
