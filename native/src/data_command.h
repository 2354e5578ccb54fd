// `preclear data ...`: dataset checks, pack building and questions about the embedded rules.
#ifndef PRECLEAR_NATIVE_DATA_COMMAND_H_
#define PRECLEAR_NATIVE_DATA_COMMAND_H_

#include <string>
#include <vector>

namespace preclear::native {

// |args| are the words after "data". Returns the process exit status (0 ok, 1 problems found,
// 2 usage or I/O error); writes results to stdout and diagnostics to stderr.
int RunDataCommand(const std::vector<std::string>& args);

}  // namespace preclear::native

#endif  // PRECLEAR_NATIVE_DATA_COMMAND_H_
