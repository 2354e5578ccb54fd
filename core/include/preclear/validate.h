// Validation of one declaration line: bytes in, a result with problems and a receipt out.
//
//   preclear::Validator v(pack);                       // does not own |pack|
//   preclear::ValidateOptions opt;
//   opt.as_of = *preclear::Date::Parse("2026-11-22");  // the caller's "today"
//   preclear::ValidationResult r = v.Validate(line, opt);
//   std::string json = v.ToJson(r, "en");              // the design.md contract, one line
//
// Same bytes + same pack + same as-of date give the same JSON, natively and in wasm.
#ifndef PRECLEAR_VALIDATE_H_
#define PRECLEAR_VALIDATE_H_

#include "preclear/date.h"
#include "preclear/declaration.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

struct ValidateOptions {
  // Rules in force on this date apply when the declaration carries no valid `date`.
  Date as_of;
  // As-you-type: the declaration is incomplete on purpose; absent required fields and
  // incomplete addresses are not reported.
  bool partial = false;
  // Only problems at these JSON Pointers (or below them) are kept; empty = all.
  std::vector<std::string> fields;
  // Only problems with these codes are kept; empty = all.
  std::vector<std::string> codes;
};

struct Receipt {
  std::string ruleset;
  std::string hash;
  std::string as_of;     // the date the rules were taken at
  std::string guidance;  // hash of the HS guidance pack DQ-05 used ("" when none)
};

struct ValidationResult {
  Json id;  // the declaration's "id" when it is a string, else null
  bool ok = true;
  std::string regime;  // the regime whose rules were applied ("" when the line was not JSON)
  std::vector<Problem> problems;
  Receipt receipt;
};

class QualityRules;
class MessageRenderer;

class Validator {
 public:
  explicit Validator(const Pack& pack);  // does not own |pack|; it must outlive the validator
  ~Validator();
  Validator(const Validator&) = delete;
  Validator& operator=(const Validator&) = delete;

  // |line| is one NDJSON line (without its newline), any bytes at all.
  ValidationResult Validate(std::string_view line, const ValidateOptions& options) const;

  // One-line JSON: {id, ok, regime, problems:[{code, severity, path, rule, message, args}], receipt}.
  // Messages come from the pack's catalogue for |locale| (English fallback).
  std::string ToJson(const ValidationResult& result, std::string_view locale) const;

  // DQ-05 reads descriptions with the HS guidance from now on (not owned; null turns it off).
  // Results then name the guidance pack in their receipt.
  void UseGuidance(const class HsClassifier* classifier);

 private:
  const Pack& pack_;
  std::unique_ptr<QualityRules> quality_;
  std::unique_ptr<MessageRenderer> messages_;
  const HsClassifier* guidance_ = nullptr;
};

}  // namespace preclear

#endif  // PRECLEAR_VALIDATE_H_
