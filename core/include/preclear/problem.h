// Problems are values: validation returns a list of them and never throws.
//
//   for (const Problem& p : result.problems)
//     if (p.severity == Severity::kError) ...
//
// Human text is a separate step (messages.h): core emits codes, JSON Pointer paths and
// arguments only.
#ifndef PRECLEAR_PROBLEM_H_
#define PRECLEAR_PROBLEM_H_

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace preclear {

using Json = nlohmann::ordered_json;

enum class Severity { kError, kWarning, kInfo };

enum class ProblemCode {
#define PRECLEAR_PROBLEM(code, severity, rule) code,
#include "preclear/problem_codes.inc"
#undef PRECLEAR_PROBLEM
};

struct ProblemInfo {
  ProblemCode code;
  std::string_view name;  // "JSON_SYNTAX": the stable identifier used in JSON and message keys
  Severity severity;
  std::string_view rule;  // default DQ rule id
};

// All codes in declaration order.
const ProblemInfo* ProblemInfos(size_t* count);
const ProblemInfo& Info(ProblemCode code);
std::string_view SeverityName(Severity s);  // "error" | "warning" | "info"

struct Problem {
  ProblemCode code;
  Severity severity;
  std::string path;  // JSON Pointer into the input, "" for the whole line
  std::string rule;  // DQ id
  Json args = Json::object();
};

// A problem with the code's default severity and rule.
Problem MakeProblem(ProblemCode code, std::string path, Json args = Json::object());

// {code, severity, path, rule, message, args}: a problem as results print it ("message" left out
// when |message| is null).
Json ProblemJson(const Problem& p, const std::string* message);

// RFC 6901 escaping of one reference token ("a/b" -> "a~1b").
std::string PointerToken(std::string_view key);

}  // namespace preclear

#endif  // PRECLEAR_PROBLEM_H_
