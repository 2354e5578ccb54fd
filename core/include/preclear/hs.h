// HS guidance: free text in any language -> ranked HS 2022 subheadings, a clarifying question,
// or "too vague". Runs on the guidance pack (datasets/hs: per-node vocabulary, attributes,
// exclusions) next to the common pack (codes and titles).
//
//   HsGuidanceLoad g = HsClassifier::Load(common_pack, guidance_bytes);
//   if (!g.classifier) { /* g.error, g.detail */ }
//   HsClassifyOptions opt;
//   opt.top = 3;
//   opt.answers["material"] = "cotton";          // the answer to an earlier question
//   HsResult r = g.classifier->Classify("men's t-shirt", opt);
//   std::string line = g.classifier->ToJson(Json("row-1"), r, opt);
//
// Scores use only +, -, *, / and the deterministic exp/log below, so native and wasm builds
// give the same bytes.
#ifndef PRECLEAR_HS_H_
#define PRECLEAR_HS_H_

#include "preclear/pack.h"
#include "preclear/problem.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

struct HsClassifyOptions {
  int top = 5;                                  // candidates returned (1..20)
  std::map<std::string, std::string> answers;   // attribute id -> value id
  std::string locale = "en";                    // for question labels
  std::string as_of;                            // copied into the receipt
};

struct HsMatchedTerm {
  std::string term;  // the vocabulary entry as written in datasets/hs
  std::string code;  // the node it belongs to (2, 4 or 6 digits)
  std::string lang;
};

struct HsAttributeFit {
  std::string attribute, value;  // value: from the text/answers, or the assumed one
  std::string fit;               // "match" | "assumed"
};

struct HsCandidate {
  std::string hs6;
  int score_milli = 0;  // calibrated 0..1000
  double raw = 0;       // internal score before calibration (not serialized)
  std::string rule;     // "terms" | "attribute" | "default"
  std::vector<HsMatchedTerm> matched;
  std::vector<HsAttributeFit> attributes;
};

struct HsQuestion {
  std::string attribute;
  std::vector<std::string> options;  // value ids, best candidate's first
};

struct HsResult {
  std::vector<HsCandidate> candidates;
  std::optional<HsQuestion> question;
  bool vague = false;
  std::string vague_reason;  // "no_words" | "stop_word" | "no_match" | ""
  double coverage = 0;       // share of the description's words that matched (0..1)
  double top_share = 0;      // the best candidate's part of the pool's score^power (0..1)
  std::vector<Problem> problems;  // input problems (line API only)
};

class HsClassifier;
struct HsGuidanceLoad {
  std::unique_ptr<HsClassifier> classifier;
  PackError error = PackError::kOk;
  std::string detail;
};

class HsClassifier {
 public:
  // |common| must outlive the classifier (titles come from it); the guidance bytes are copied.
  // The guidance comes as a core part (English vocabulary, attributes, settings) and optional
  // language parts (de, fr, zh, ...): a page loads the languages its users write in.
  static HsGuidanceLoad Load(const Pack& common, std::string_view guidance);
  static HsGuidanceLoad Load(const Pack& common, const std::vector<std::string_view>& parts);
  ~HsClassifier();
  HsClassifier(const HsClassifier&) = delete;
  HsClassifier& operator=(const HsClassifier&) = delete;

  const std::string& hash() const;  // of the guidance part, or of the parts' hashes
  const std::string& edition() const;
  std::vector<std::string> languages() const;  // vocabulary languages loaded
  // A value of the pack's "scoring" settings (0 when absent).
  double Setting(std::string_view key) const;

  // Thread-safe.
  HsResult Classify(std::string_view text, const HsClassifyOptions& options) const;

  // One NDJSON line {"id", "description", "answers"?} -> result (problems for bad lines).
  HsResult ClassifyLine(std::string_view line, const HsClassifyOptions& options, Json* id) const;

  // {"id","candidates":[{"hs6","score","title","why"}],"question","vague",...,"receipt"}.
  // |problem_text| renders input problems (may be null: messages are left out).
  std::string ToJson(const Json& id, const HsResult& result, const HsClassifyOptions& options,
                     const class MessageRenderer* problem_text = nullptr) const;

  // Summary counts for `preclear data info` and tests.
  struct Stats {
    size_t nodes_with_terms = 0, subheadings_with_terms = 0, phrases = 0, postings = 0;
    std::map<std::string, size_t> terms_by_lang;
  };
  Stats stats() const;

 private:
  HsClassifier();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Deterministic transcendental functions (basic IEEE operations only): exp and natural log.
double DetExp(double x);
double DetLog(double x);  // x > 0

}  // namespace preclear

#endif  // PRECLEAR_HS_H_
