// The wasm export surface: strings (or raw bytes) in, JSON text out. Everything else stays in
// core. The module keeps one loaded pack and validator for its lifetime (core itself has no
// globals; this layer is the browser's "process").
#include "preclear/datasets.h"
#include "preclear/hs.h"
#include "preclear/landed.h"
#include "preclear/market.h"
#include "preclear/messages.h"
#include "preclear/pack.h"
#include "preclear/problem.h"
#include "preclear/text.h"
#include "preclear/validate.h"
#include "preclear/version.h"

#include <emscripten/bind.h>

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace {

using preclear::Json;

struct Engine {
  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  std::unique_ptr<preclear::Validator> validator =
      load.pack ? std::make_unique<preclear::Validator>(*load.pack) : nullptr;
  preclear::TextAnalyzer text;
  std::map<std::string, std::unique_ptr<preclear::MarketPack>> markets;  // loaded on demand
  std::unique_ptr<preclear::HsClassifier> classifier;                    // loaded on demand
  std::unique_ptr<preclear::MessageRenderer> messages =
      load.pack ? std::make_unique<preclear::MessageRenderer>(*load.pack) : nullptr;
  // Borrows the loaded market packs (re-registered whenever one is loaded or replaced).
  std::unique_ptr<preclear::Estimator> estimator =
      load.pack ? std::make_unique<preclear::Estimator>(*load.pack) : nullptr;
};

Engine& GetEngine() {
  static Engine* engine = new Engine;  // lives as long as the module instance
  return *engine;
}

std::string Error(const std::string& code, const std::string& detail) {
  return Json{{"error", code}, {"detail", detail}}.dump();
}

// |line| arrives as the exact bytes of one NDJSON line (JS passes a Uint8Array); |options_json|
// is {"as_of", "locale", "partial", "fields": [...], "codes": [...]} (as_of required).
std::string ValidateLine(const std::string& line, const std::string& options_json) {
  Engine& e = GetEngine();
  if (!e.validator) {
    return Error("pack_" + std::string(preclear::PackErrorName(e.load.error)), e.load.detail);
  }
  Json o = Json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  if (o.is_discarded() || !o.is_object()) return Error("options_invalid", "options must be a JSON object");
  auto as_of = o.find("as_of");
  std::optional<preclear::Date> date =
      as_of != o.end() && as_of->is_string() ? preclear::Date::Parse(as_of->get<std::string>()) : std::nullopt;
  if (!date) return Error("as_of_invalid", "as_of must be YYYY-MM-DD");
  preclear::ValidateOptions options;
  options.as_of = *date;
  auto partial = o.find("partial");
  options.partial = partial != o.end() && partial->is_boolean() && partial->get<bool>();
  for (const char* key : {"fields", "codes"}) {
    auto list = o.find(key);
    if (list == o.end()) continue;
    if (!list->is_array()) return Error("options_invalid", std::string(key) + " must be a list of strings");
    for (const Json& v : *list) {
      if (!v.is_string()) return Error("options_invalid", std::string(key) + " must be a list of strings");
      (std::string(key) == "fields" ? options.fields : options.codes).push_back(v.get<std::string>());
    }
  }
  auto locale = o.find("locale");
  std::string loc = locale != o.end() && locale->is_string() ? locale->get<std::string>() : "en";
  return e.validator->ToJson(e.validator->Validate(line, options), loc);
}

std::string Version() {
  Engine& e = GetEngine();
  Json v = {{"preclear", preclear::LibraryVersion()}, {"icu", preclear::IcuVersion()},
            {"unicode", preclear::UnicodeVersion()}};
  if (e.load.pack) {
    v["ruleset"] = e.load.pack->ruleset();
    v["data_version"] = e.load.pack->data_version();
    v["hash"] = e.load.pack->hash();
  }
  return v.dump();
}

std::string TextAnalyze(const std::string& s) {
  Engine& e = GetEngine();
  size_t bad = 0;
  Json out = {{"valid", preclear::IsValidUtf8(s, &bad)}};
  if (!out["valid"].get<bool>()) {
    out["offset"] = bad;
    return out.dump();
  }
  out["fold"] = e.text.Fold(s);
  out["words"] = e.text.Words(s);
  out["ascii"] = e.text.ToAscii(s);
  return out.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// Market packs arrive as bytes from JS (fetched next to the module); a damaged or foreign
// download gives a typed error, never a crash.
std::string LoadMarket(const std::string& bytes) {
  preclear::MarketLoad load = preclear::MarketPack::Load(bytes);
  if (!load.pack) return Error("pack_" + std::string(preclear::PackErrorName(load.error)), load.detail);
  Json out = {{"code", load.pack->code()}, {"hash", load.pack->hash()}, {"rules", load.pack->rules().size()}};
  Engine& e = GetEngine();
  std::unique_ptr<preclear::MarketPack>& slot = e.markets[load.pack->code()];
  slot = std::move(load.pack);
  if (e.estimator) e.estimator->AddMarket(slot.get());
  return out.dump();
}

// One declaration line -> one estimate; |options_json| is {"as_of", "locale"} (as_of required).
// The destination's market pack must be loaded first (else MARKET_UNSUPPORTED in the result).
std::string EstimateLine(const std::string& line, const std::string& options_json) {
  Engine& e = GetEngine();
  if (!e.estimator) return Error("pack_" + std::string(preclear::PackErrorName(e.load.error)), e.load.detail);
  Json o = Json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  if (o.is_discarded() || !o.is_object()) return Error("options_invalid", "options must be a JSON object");
  auto as_of = o.find("as_of");
  std::optional<preclear::Date> date =
      as_of != o.end() && as_of->is_string() ? preclear::Date::Parse(as_of->get<std::string>()) : std::nullopt;
  if (!date) return Error("as_of_invalid", "as_of must be YYYY-MM-DD");
  preclear::EstimateOptions options;
  options.as_of = *date;
  auto locale = o.find("locale");
  std::string loc = locale != o.end() && locale->is_string() ? locale->get<std::string>() : "en";
  return e.estimator->ToJson(e.estimator->Estimate(line, options), loc);
}

std::string MarketRules(const std::string& code, const std::string& as_of) {
  Engine& e = GetEngine();
  auto it = e.markets.find(code);
  if (it == e.markets.end()) return Error("market_not_loaded", code);
  std::optional<preclear::Date> date = preclear::Date::Parse(as_of);
  if (!date) return Error("as_of_invalid", "as_of must be YYYY-MM-DD");
  return preclear::RulesInForceJson(*it->second, *date);
}

// The HS guidance parts arrive from JS in one buffer, each as a 4-byte little-endian length and
// its bytes (core first, then languages), like market packs.
std::string LoadGuidance(const std::string& framed) {
  Engine& e = GetEngine();
  if (!e.load.pack) return Error("pack_" + std::string(preclear::PackErrorName(e.load.error)), e.load.detail);
  std::vector<std::string_view> parts;
  for (size_t at = 0; at < framed.size();) {
    if (framed.size() - at < 4) return Error("pack_truncated", "guidance part length");
    size_t n = 0;
    for (int k = 3; k >= 0; --k) n = n * 256 + static_cast<unsigned char>(framed[at + k]);
    at += 4;
    if (framed.size() - at < n) return Error("pack_truncated", "guidance part bytes");
    parts.push_back(std::string_view(framed).substr(at, n));
    at += n;
  }
  preclear::HsGuidanceLoad g = preclear::HsClassifier::Load(*e.load.pack, parts);
  if (!g.classifier) return Error("pack_" + std::string(preclear::PackErrorName(g.error)), g.detail);
  preclear::HsClassifier::Stats st = g.classifier->stats();
  Json out = {{"hash", g.classifier->hash()}, {"edition", g.classifier->edition()},
              {"languages", g.classifier->languages()}, {"subheadings_with_terms", st.subheadings_with_terms}};
  e.classifier = std::move(g.classifier);
  if (e.validator) e.validator->UseGuidance(e.classifier.get());  // DQ-05 reads with it, as natively
  return out.dump();
}

// |line| is one NDJSON line {"id", "description", "answers"?}; |options_json| is
// {"top", "locale", "as_of"} (as_of required, as for validateLine).
std::string ClassifyLine(const std::string& line, const std::string& options_json) {
  Engine& e = GetEngine();
  if (!e.classifier) return Error("guidance_not_loaded", "call loadGuidance first");
  Json o = Json::parse(options_json, nullptr, /*allow_exceptions=*/false);
  if (o.is_discarded() || !o.is_object()) return Error("options_invalid", "options must be a JSON object");
  preclear::HsClassifyOptions options;
  auto as_of = o.find("as_of");
  if (as_of == o.end() || !as_of->is_string() || !preclear::Date::Parse(as_of->get<std::string>())) {
    return Error("as_of_invalid", "as_of must be YYYY-MM-DD");
  }
  options.as_of = as_of->get<std::string>();
  if (auto top = o.find("top"); top != o.end()) {
    if (!top->is_number_integer() || top->get<int>() < 1 || top->get<int>() > 20) return Error("options_invalid", "top must be 1..20");
    options.top = top->get<int>();
  }
  if (auto locale = o.find("locale"); locale != o.end() && locale->is_string()) options.locale = locale->get<std::string>();
  Json id;
  preclear::HsResult r = e.classifier->ClassifyLine(line, options, &id);
  return e.classifier->ToJson(id, r, options, e.messages.get());
}

std::string Markets() {
  Engine& e = GetEngine();
  Json out = Json::array();
  if (!e.load.pack) return out.dump();
  for (const preclear::MarketInfo& m : e.load.pack->markets()) {
    out.push_back({{"code", m.code}, {"name", m.name}, {"currency", m.currency},
                   {"loaded", e.markets.count(m.code) > 0}});
  }
  return out.dump();
}

std::string ProblemCodes() {
  size_t n = 0;
  const preclear::ProblemInfo* infos = preclear::ProblemInfos(&n);
  Json out = Json::array();
  for (size_t i = 0; i < n; ++i) {
    out.push_back({{"code", std::string(infos[i].name)},
                   {"severity", std::string(preclear::SeverityName(infos[i].severity))},
                   {"rule", std::string(infos[i].rule)}});
  }
  return out.dump();
}

}  // namespace

EMSCRIPTEN_BINDINGS(preclear) {
  emscripten::function("validateLine", &ValidateLine);
  emscripten::function("estimateLine", &EstimateLine);
  emscripten::function("version", &Version);
  emscripten::function("textAnalyze", &TextAnalyze);
  emscripten::function("problemCodes", &ProblemCodes);
  emscripten::function("loadMarket", &LoadMarket);
  emscripten::function("marketRules", &MarketRules);
  emscripten::function("markets", &Markets);
  emscripten::function("loadGuidance", &LoadGuidance);
  emscripten::function("classifyLine", &ClassifyLine);
}
