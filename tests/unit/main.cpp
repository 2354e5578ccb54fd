// The one translation unit that holds Boost.Test's implementation (header-only variant, so the
// same suite builds natively and under Emscripten).
#define BOOST_TEST_MODULE preclear_unit
#include <boost/test/included/unit_test.hpp>
