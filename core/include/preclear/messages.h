// Problem codes + arguments -> text in the caller's locale, through ICU MessageFormat, from the
// pack's catalogues (datasets/messages/*.json).
//
//   MessageRenderer r(pack);                    // does not own |pack|
//   std::string text = r.Render("fr", problem);  // French, English fallback
//
// Every argument a message names is given: the problem's args, "none" for absent ones (so a
// select can test for them), and <name>_money for an amount formatted with the problem's
// currency in the locale's style ("152,50 €"). Thread-safe.
#ifndef PRECLEAR_MESSAGES_H_
#define PRECLEAR_MESSAGES_H_

#include "preclear/pack.h"
#include "preclear/problem.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace preclear {

class MessageRenderer {
 public:
  explicit MessageRenderer(const Pack& pack);
  ~MessageRenderer();
  MessageRenderer(const MessageRenderer&) = delete;
  MessageRenderer& operator=(const MessageRenderer&) = delete;

  // The catalogue locale used for |requested| ("fr-CA" -> "fr"; unknown -> "en").
  std::string ResolveLocale(std::string_view requested) const;
  std::string Render(std::string_view locale, const Problem& problem) const;
  // Any catalogue key (a problem code or an explanation key) with its arguments.
  std::string RenderKey(std::string_view locale, std::string_view key, const Json& args) const;

 private:
  std::optional<std::string> Money(const std::string& locale, const std::string& amount, const std::string& currency) const;
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Message keys of landed-cost explanation lines (explain_keys.inc), in that file's order.
const std::vector<std::string_view>& ExplainKeys();

// The argument names a MessageFormat pattern uses, nested ones included, in order of appearance.
std::vector<std::string> MessageArgumentNames(std::string_view pattern);

}  // namespace preclear

#endif  // PRECLEAR_MESSAGES_H_
