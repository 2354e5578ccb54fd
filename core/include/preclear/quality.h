// Data-quality rules DQ-01..DQ-24 (docs/domain.md §5.1) over a mapped declaration. Thresholds,
// lists, patterns and bands come from the pack; this module only holds the checks.
//
//   QualityRules rules(pack);                       // once per pack: compiles patterns, indexes titles
//   rules.Check(doc, declaration, *regime, as_of, &problems);
//
// Thread-safe after construction (the serve command shares one instance between workers).
#ifndef PRECLEAR_QUALITY_H_
#define PRECLEAR_QUALITY_H_

#include "preclear/date.h"
#include "preclear/declaration.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <memory>
#include <vector>

namespace preclear {

class QualityRules {
 public:
  explicit QualityRules(const Pack& pack);  // does not own |pack|; it must outlive this
  ~QualityRules();
  QualityRules(const QualityRules&) = delete;
  QualityRules& operator=(const QualityRules&) = delete;

  // Appends the problems of |doc| (already mapped into |d|) under |regime| on |date|.
  // |partial|: the declaration is being typed; incomplete addresses are not reported yet.
  void Check(const internal::InputValue& doc, const Declaration& d, const Regime& regime, const Date& date, bool partial,
             std::vector<Problem>* out) const;

  // DQ-05 with the HS guidance: the declared code is judged against what the classifier reads in
  // the description (else against title words). Not owned; null turns it off.
  void UseGuidance(const class HsClassifier* classifier);

  struct Impl;  // compiled patterns, term lists, title index (public for the checker in the .cpp)

 private:
  std::unique_ptr<Impl> impl_;
};

// GS1 mod-10 check digit of the digits before the last one (GTIN-8/12/13/14).
int Gs1CheckDigit(std::string_view digits_without_check);
// UPU S10 check digit of an 8-digit serial with the given weights (10 -> 0, 11 -> 5).
int S10CheckDigit(std::string_view serial8, const std::vector<int>& weights);

}  // namespace preclear

#endif  // PRECLEAR_QUALITY_H_
