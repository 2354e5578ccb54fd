#include "preclear/problem.h"

namespace preclear {
namespace {

constexpr ProblemInfo kInfos[] = {
#define PRECLEAR_PROBLEM(code, severity, rule) {ProblemCode::code, #code, Severity::severity, rule},
#include "preclear/problem_codes.inc"
#undef PRECLEAR_PROBLEM
};

}  // namespace

const ProblemInfo* ProblemInfos(size_t* count) {
  *count = sizeof(kInfos) / sizeof(kInfos[0]);
  return kInfos;
}

const ProblemInfo& Info(ProblemCode code) { return kInfos[static_cast<size_t>(code)]; }

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

Json ProblemJson(const Problem& p, const std::string* message) {
  Json j = Json::object();
  j["code"] = std::string(Info(p.code).name);
  j["severity"] = std::string(SeverityName(p.severity));
  j["path"] = p.path;
  j["rule"] = p.rule;
  if (message) j["message"] = *message;
  j["args"] = p.args;
  return j;
}

Problem MakeProblem(ProblemCode code, std::string path, Json args) {
  const ProblemInfo& info = Info(code);
  return Problem{code, info.severity, std::move(path), std::string(info.rule), std::move(args)};
}

std::string PointerToken(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

}  // namespace preclear
