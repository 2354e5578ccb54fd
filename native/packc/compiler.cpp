#include "compiler.h"

#include "json_schema.h"
#include "preclear/date.h"
#include "preclear/decimal.h"
#include "preclear/messages.h"
#include "preclear/pack.h"
#include "preclear/problem.h"

#include <algorithm>
#include <cctype>
#include <regex>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

namespace preclear::packc {
namespace {

namespace fs = std::filesystem;
using Canon = nlohmann::json;  // std::map objects: sorted keys, so dump() is canonical

class Compiler {
 public:
  explicit Compiler(const std::string& manifest_path) : manifest_path_(manifest_path) {
    dir_ = fs::path(manifest_path).parent_path().string();
    if (!dir_.empty()) dir_ += "/";
  }

  CompileResult Run() {
    Canon manifest = Load(manifest_path_);
    if (!manifest.is_object()) return Finish();
    schema_dir_ = dir_ + manifest.value("schemas", std::string("schema")) + "/";

    Canon common = Canon::object();
    common["kind"] = "common";
    common["format"] = preclear::kPackFormat;
    common["schema_version"] = manifest.value("schema_version", 0);
    if (common["schema_version"] != 1) Error(manifest_path_, "schema_version must be 1 (the datasets/schema/ this compiler checks)");
    for (const char* key : {"ruleset", "data_version", "default_regime"}) {
      if (!manifest.contains(key) || !manifest[key].is_string()) Error(manifest_path_, std::string(key) + " must be a string");
      else common[key] = manifest[key];
    }
    if (manifest.contains("data_version") && !IsDate(manifest["data_version"])) Error(manifest_path_, "data_version must be a date");

    common["sources"] = Sources(manifest);
    common["hs"] = Nomenclature(manifest);
    common["lists"] = Lists(manifest);
    common["regimes"] = Regimes(manifest);
    if (common.contains("default_regime") && !common["regimes"].contains(common["default_regime"].get<std::string>())) {
      Error(manifest_path_, "default_regime is not one of the regimes");
    }
    common["enums"] = Enums(manifest);
    common["messages"] = Messages(manifest);
    common["model"] = Model(manifest);
    Canon tariffs = Tariffs(manifest);
    Canon markets = Markets(manifest, common, tariffs);
    Canon index = Canon::array();
    for (auto& [code, m] : markets.items()) {
      index.push_back({{"code", code}, {"name", m["name"]}, {"currency", m["currency"]},
                       {"union", m.contains("union") ? m["union"] : Canon(nullptr)}});
    }
    common["markets"] = index;
    Canon guidance = Guidance(manifest, common);
    if (!errors_.empty()) return Finish();

    result_.common = EncodePack(common);
    CheckLoads(result_.common, "common pack");
    for (auto& [code, m] : markets.items()) {
      m["ruleset"] = common["ruleset"];
      m["data_version"] = common["data_version"];
      m["schema_version"] = common["schema_version"];
      result_.markets[code] = EncodePack(m);
    }
    for (auto& [part, payload] : guidance.items()) result_.guidance[part] = EncodePack(payload);
    return Finish();
  }

 private:
  // --- helpers ---
  void Error(const std::string& where, const std::string& what) { errors_.push_back(where + ": " + what); }

  Canon Load(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      Error(path, "cannot read");
      return nullptr;
    }
    std::ostringstream ss;
    ss << in.rdbuf();
    Canon doc = Canon::parse(ss.str(), nullptr, false);
    if (doc.is_discarded()) {
      Error(path, "not valid JSON");
      return nullptr;
    }
    return doc;
  }

  // Loads |path| and checks it against schema/<schema_name>.schema.json when that exists.
  Canon LoadChecked(const std::string& path, const std::string& schema_name) {
    Canon doc = Load(path);
    if (doc.is_null()) return doc;
    std::string schema_path = schema_dir_ + schema_name + ".schema.json";
    if (!fs::exists(schema_path)) return doc;
    auto cached = schemas_.find(schema_path);
    if (cached == schemas_.end()) cached = schemas_.emplace(schema_path, Load(schema_path)).first;
    std::vector<std::string> errs;
    ValidateSchema(cached->second, doc, &errs);
    for (const std::string& e : errs) Error(path, e);
    // Later checks read fields the schema guarantees: a document that fails it goes no further.
    return errs.empty() ? doc : Canon(nullptr);
  }

  // The .json files of |dir| in name order (the pack must not depend on directory order).
  static std::vector<std::string> JsonFilesIn(const std::string& dir) {
    std::vector<std::string> files;
    if (fs::is_directory(dir)) {
      for (const auto& entry : fs::directory_iterator(dir)) {
        if (entry.path().extension() == ".json") files.push_back(entry.path().string());
      }
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  static bool IsDate(const Canon& v) { return v.is_string() && preclear::Date::Parse(v.get<std::string>()).has_value(); }

  void CheckDated(const Canon& e, const std::string& where) {
    if (!e.contains("effective_from") || !IsDate(e["effective_from"])) Error(where, "effective_from must be YYYY-MM-DD");
    auto to = e.find("effective_to");
    if (to == e.end() || !(to->is_null() || IsDate(*to))) Error(where, "effective_to must be YYYY-MM-DD or null");
    if (to != e.end() && to->is_string() && e["effective_from"].is_string() &&
        !(e["effective_from"].get<std::string>() < to->get<std::string>())) {
      Error(where, "effective_to must come after effective_from");
    }
  }

  void CheckConfidence(const Canon& e, const std::string& where) {
    static const std::set<std::string> kConfidence = {"verified", "secondary", "unverified"};
    auto conf = e.find("confidence");
    if (conf == e.end() || !conf->is_string() || !kConfidence.count(conf->get<std::string>())) {
      Error(where, "confidence must be verified | secondary | unverified");
    }
  }

  // Inline {ref, title, ...} objects (regimes, enums) or arrays of registry ids (markets).
  void CheckSource(const Canon& e, const std::string& where) {
    auto src = e.find("source");
    if (src == e.end()) {
      Error(where, "needs a source");
    } else if (src->is_object()) {
      if (!src->contains("ref") || !src->contains("title")) Error(where, "source needs ref and title");
    } else if (src->is_array() && !src->empty()) {
      for (const Canon& id : *src) {
        if (!id.is_string() || !source_ids_.count(id.get<std::string>())) Error(where, "unknown source id " + id.dump());
      }
    } else {
      Error(where, "source must be an object or a non-empty list of source ids");
    }
  }

  // A format pattern must compile, and the examples written next to it must behave as stated
  // (the data carries its own tests, as libphonenumber's example numbers do).
  void CheckFormat(const Canon& e, const std::string& where) {
    auto fmt = e.find("format");
    if (fmt == e.end() || !fmt->is_object() || !fmt->contains("pattern") || !(*fmt)["pattern"].is_string()) return;
    std::string pattern = (*fmt)["pattern"].get<std::string>();
    std::regex re;
    try {
      re = std::regex(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      Error(where, "format pattern does not compile: " + pattern);
      return;
    }
    Canon examples = fmt->value("examples", Canon::object());
    for (const Canon& v : examples.value("valid", Canon::array())) {
      if (!std::regex_search(v.get<std::string>(), re)) Error(where, "valid example " + v.dump() + " does not match " + pattern);
    }
    for (const Canon& v : examples.value("invalid", Canon::array())) {
      if (std::regex_search(v.get<std::string>(), re)) Error(where, "invalid example " + v.dump() + " matches " + pattern);
    }
  }

  // --- parts ---
  Canon Sources(const Canon& manifest) {
    Canon out = Canon::object();
    if (!manifest.contains("sources")) return out;
    std::string path = dir_ + manifest["sources"].get<std::string>();
    Canon doc = LoadChecked(path, "sources");
    for (const Canon& s : doc.value("sources", Canon::array())) {
      std::string id = s.value("id", std::string());
      if (id.empty() || out.contains(id)) Error(path, "source ids must be unique and non-empty");
      source_ids_.insert(id);
      out[id] = {{"citation", s.value("citation", std::string())}, {"urls", s.value("urls", Canon::array())}};
    }
    return out;
  }

  Canon Regimes(const Canon& manifest) {
    Canon regimes = Canon::object();
    for (const Canon& f : manifest.value("regimes", Canon::array())) {
      std::string path = dir_ + f.get<std::string>();
      Canon doc = LoadChecked(path, "regime");
      Canon list = doc.is_array() ? doc : Canon::array({doc});
      for (const Canon& r : list) {
        if (!r.is_object() || !r.contains("id") || !r["id"].is_string()) {
          Error(path, "regime needs an id");
          continue;
        }
        std::string id = r["id"];
        if (regimes.contains(id)) Error(path, "regime " + id + " defined twice");
        int i = 0;
        for (const Canon& q : r.value("required", Canon::array())) {
          std::string where = path + " " + id + " required[" + std::to_string(i++) + "]";
          if (!q.contains("path") || !q["path"].is_string() || q["path"].get<std::string>().rfind('/', 0) != 0) {
            Error(where, "path must be a JSON Pointer pattern");
          }
          if (!q.contains("rule") || !q["rule"].is_string()) Error(where, "rule (DQ id) missing");
          CheckDated(q, where);
          CheckConfidence(q, where);
          CheckSource(q, where);
          CheckFormat(q, where);
        }
        int k = 0;
        for (const Canon& q : r.value("elements", Canon::array())) {
          std::string where = path + " " + id + " elements[" + std::to_string(k++) + "]";
          CheckDated(q, where);
          CheckConfidence(q, where);
          CheckSource(q, where);
          CheckFormat(q, where);
        }
        for (const char* key : {"excluded_lists", "stop_word_lists"}) {
          for (const Canon& l : r.value(key, Canon::array())) {
            if (!list_ids_.count(l.get<std::string>())) Error(path, std::string(key) + ": unknown list " + l.dump());
          }
        }
        if (r.contains("value_limit")) {
          const Canon& v = r["value_limit"];
          CheckDated(v, path + " value_limit");
          CheckConfidence(v, path + " value_limit");
          CheckSource(v, path + " value_limit");
          preclear::DecimalResult amount = preclear::Decimal::Parse(v.value("amount", std::string()));
          preclear::DecimalResult near = preclear::Decimal::Parse(v.value("near_from", std::string("0")));
          if (!amount.ok || !near.ok || near.value.Compare(amount.value) >= 0) {
            Error(path, "value_limit: amount and near_from must be decimals with near_from below amount");
          }
        }
        if (r.contains("default_for")) {
          const Canon& df = r["default_for"];
          CheckDated(df, path + " default_for");
          std::string from = df.value("effective_from", std::string());
          std::string to = df["effective_to"].is_string() ? df["effective_to"].get<std::string>() : "9999-99-99";
          for (const Canon& m : df.value("markets", Canon::array())) {
            for (const auto& [other, period] : default_periods_[m.get<std::string>()]) {
              if (from < period.second && period.first < to) {
                Error(path, "default regime for " + m.get<std::string>() + " overlaps " + other);
              }
            }
            default_periods_[m.get<std::string>()].emplace_back(id, std::make_pair(from, to));
          }
        }
        regimes[id] = r;
      }
    }
    return regimes;
  }

  // Model data: identifier formats, value bands, text lists, address rules (datasets/model).
  Canon Model(const Canon& manifest) {
    Canon out = Canon::object();
    const Canon model = manifest.value("model", Canon::object());  // items() must not outlive it
    for (const auto& [key, file] : model.items()) {
      std::string path = dir_ + file.get<std::string>();
      std::string schema = key;
      std::replace(schema.begin(), schema.end(), '_', '-');
      Canon doc = LoadChecked(path, schema);
      if (!doc.is_object()) continue;
      if (key == "identifiers") {
        for (auto& [id, e] : doc.items()) {
          if (!e.is_object()) continue;
          std::string where = path + " " + id;
          CheckDated(e, where);
          CheckConfidence(e, where);
          CheckSource(e, where);
          // Check digits are verified by the core's unit tests; here the shape: valid examples
          // must match, and invalid ones too where the pattern alone decides (IOSS, phone).
          Canon fmt = {{"pattern", e.value("pattern", std::string())}, {"examples", Canon::object()}};
          if (!e.contains("pattern")) continue;
          fmt["examples"]["valid"] = Canon::array();
          for (const Canon& v : e["examples"].value("valid", Canon::array())) fmt["examples"]["valid"].push_back(Strip(v, e));
          if (id == "ioss" || id == "phone") {
            fmt["examples"]["invalid"] = Canon::array();
            for (const Canon& v : e["examples"].value("invalid", Canon::array())) fmt["examples"]["invalid"].push_back(Strip(v, e));
          }
          CheckFormat({{"format", fmt}}, where);
        }
      } else if (key == "addresses") {
        const Canon countries = doc.value("countries", Canon::object());
        for (auto& [cc, c] : countries.items()) {
          std::string where = path + " " + cc;
          if (cc.size() != 2 || !std::isupper(static_cast<unsigned char>(cc[0])) || !std::isupper(static_cast<unsigned char>(cc[1]))) {
            Error(where, "country keys are ISO 3166-1 alpha-2 codes");
          }
          CheckDated(c, where);
          CheckConfidence(c, where);
          CheckSource(c, where);
          if (c.contains("postcode") && c["postcode"].contains("pattern")) CheckFormat({{"format", c["postcode"]}}, where);
        }
      } else {
        CheckDated(doc, path);
        CheckConfidence(doc, path);
        CheckSource(doc, path);
      }
      out[key] = doc;
    }
    return out;
  }

  // An example as the rule sees it: layout characters removed when the format says so.
  static Canon Strip(const Canon& v, const Canon& e) {
    std::string s = v.get<std::string>();
    std::string strip = e.value("strip", std::string());
    s.erase(std::remove_if(s.begin(), s.end(), [&](char c) { return strip.find(c) != std::string::npos; }), s.end());
    return s;
  }

  Canon Enums(const Canon& manifest) {
    std::string path = dir_ + manifest.value("enums", std::string());
    Canon enums = LoadChecked(path, "enums");
    if (!enums.is_object()) return Canon::object();
    for (auto& [field, e] : enums.items()) {
      if (!e.is_object() || !e.contains("values") || !e["values"].is_array()) Error(path, "enums/" + field + " needs values[]");
      CheckConfidence(e, path + " enums/" + field);
      CheckSource(e, path + " enums/" + field);
    }
    return enums;
  }

  Canon Messages(const Canon& manifest) {
    Canon messages = Canon::object();
    for (const Canon& f : manifest.value("messages", Canon::array())) {
      std::string path = dir_ + f.get<std::string>();
      Canon doc = LoadChecked(path, "messages");
      if (!doc.is_object() || !doc.contains("locale") || !doc.contains("messages")) {
        Error(path, "needs locale and messages");
        continue;
      }
      messages[doc["locale"].get<std::string>()] = doc["messages"];
    }
    size_t n = 0;
    const preclear::ProblemInfo* infos = preclear::ProblemInfos(&n);
    std::set<std::string> codes;
    for (size_t i = 0; i < n; ++i) codes.insert(std::string(infos[i].name));
    for (std::string_view key : preclear::ExplainKeys()) codes.insert(std::string(key));
    for (const std::string& code : codes) {
      if (!messages.contains("en") || !messages["en"].contains(code)) Error("messages/en", "no message for " + code);
    }
    for (auto& [locale, table] : messages.items()) {
      for (auto& [key, text] : table.items()) {
        if (!codes.count(key)) Error("messages/" + locale, "unknown problem code or explanation key " + key);
        if (!text.is_string()) {
          Error("messages/" + locale + "/" + key, "must be a string");
          continue;
        }
        // A translation says the same things: the same arguments, and well-formed braces.
        std::string t = text.get<std::string>();
        int depth = 0;
        for (char c : t) {
          depth += c == '{' ? 1 : c == '}' ? -1 : 0;
          if (depth < 0) break;
        }
        if (depth != 0) Error("messages/" + locale + "/" + key, "unbalanced braces");
        if (locale != "en" && messages.contains("en") && messages["en"].contains(key)) {
          std::vector<std::string> ours = preclear::MessageArgumentNames(t);
          std::vector<std::string> en = preclear::MessageArgumentNames(messages["en"][key].get<std::string>());
          std::sort(ours.begin(), ours.end());
          std::sort(en.begin(), en.end());
          if (ours != en) Error("messages/" + locale + "/" + key, "arguments differ from the English message");
        }
      }
    }
    return messages;
  }

  // HS nomenclature: {"edition", "sections": [...], "codes": [[code, title], ...]} in code order.
  Canon Nomenclature(const Canon& manifest) {
    Canon out = Canon::object();
    if (!manifest.contains("hs")) return out;
    const Canon& hs = manifest["hs"];
    out["edition"] = hs.value("edition", std::string("HS2022"));
    std::vector<std::pair<std::string, std::string>> codes;
    std::set<std::string> chapters_seen;
    std::string chapter_dir = dir_ + hs.value("chapters", std::string("hs/chapters"));
    std::vector<std::string> files = JsonFilesIn(chapter_dir);
    size_t headings = 0, subheadings = 0;
    for (const std::string& path : files) {
      Canon doc = LoadChecked(path, "hs-chapter");
      if (!doc.is_object()) continue;
      std::string ch = doc.value("chapter", std::string());
      if (ch.size() != 2 || fs::path(path).stem().string() != ch) Error(path, "chapter must match the file name");
      if (!chapters_seen.insert(ch).second) Error(path, "chapter " + ch + " twice");
      codes.emplace_back(ch, doc.value("title", std::string()));
      KeepGuidance(path, ch, doc);
      for (const Canon& h : doc.value("headings", Canon::array())) {
        std::string hc = h.value("code", std::string());
        if (hc.size() != 4 || hc.compare(0, 2, ch) != 0) Error(path, "heading " + hc + " not in chapter " + ch);
        codes.emplace_back(hc, h.value("title", std::string()));
        KeepGuidance(path, hc, h);
        ++headings;
        for (const Canon& s : h.value("subheadings", Canon::array())) {
          std::string sc = s.value("code", std::string());
          if (sc.size() != 6 || sc.compare(0, 4, hc) != 0) Error(path, "subheading " + sc + " not in heading " + hc);
          codes.emplace_back(sc, s.value("title", std::string()));
          KeepGuidance(path, sc, s);
          ++subheadings;
        }
      }
    }
    std::sort(codes.begin(), codes.end());
    Canon list = Canon::array();
    for (size_t i = 0; i < codes.size(); ++i) {
      if (i > 0 && codes[i].first == codes[i - 1].first) Error(chapter_dir, "code " + codes[i].first + " twice");
      if (codes[i].second.empty()) Error(chapter_dir, "code " + codes[i].first + " has no title");
      hs_codes_.insert(codes[i].first);
      list.push_back({codes[i].first, codes[i].second});
    }
    out["codes"] = list;
    if (hs.contains("sections")) {
      std::string path = dir_ + hs["sections"].get<std::string>();
      Canon doc = LoadChecked(path, "hs-sections");
      out["sections"] = doc.value("sections", Canon::array());
    }
    // The expected size of the edition (HS 2022: 96 / 1,228 / 5,612) guards against lost codes.
    if (hs.contains("expect")) {
      const Canon& ex = hs["expect"];
      auto expect = [&](const char* what, size_t got) {
        if (ex.contains(what) && ex[what].get<size_t>() != got) {
          Error(chapter_dir, std::string(what) + ": expected " + ex[what].dump() + ", found " + std::to_string(got));
        }
      };
      expect("chapters", chapters_seen.size());
      expect("headings", headings);
      expect("subheadings", subheadings);
    }
    result_.notes.push_back("hs: " + std::to_string(chapters_seen.size()) + " chapters, " + std::to_string(headings) +
                            " headings, " + std::to_string(subheadings) + " subheadings");
    return out;
  }

  // HS guidance vocabulary of one node (terms, attrs, exclude), checked once attributes are known.
  void KeepGuidance(const std::string& path, const std::string& code, const Canon& node) {
    Canon g = Canon::object();
    for (const char* key : {"terms", "attrs", "exclude"}) {
      if (node.contains(key)) g[key] = node[key];
    }
    if (!g.empty()) guidance_nodes_.push_back({path, code, std::move(g)});
  }

  // The guidance pack: {"kind": "hs-guidance", attributes, model, nodes: [{code, terms, attrs,
  // exclude}]}; null when the manifest names no guidance files.
  Canon Guidance(const Canon& manifest, const Canon& common) {
    if (!manifest.contains("hs") || !manifest["hs"].contains("guidance") || !manifest["hs"].contains("attributes")) {
      return nullptr;
    }
    const Canon& hs = manifest["hs"];
    std::string attr_path = dir_ + hs["attributes"].get<std::string>();
    std::string model_path = dir_ + hs["guidance"].get<std::string>();
    Canon attrs = LoadChecked(attr_path, "hs-attributes");
    Canon model = LoadChecked(model_path, "hs-guidance");
    if (!attrs.is_object() || !model.is_object()) return nullptr;
    for (const auto& [path, doc] : {std::pair<const std::string&, const Canon&>(attr_path, attrs), {model_path, model}}) {
      CheckDated(doc, path);
      CheckConfidence(doc, path);
      CheckSource(doc, path);
    }
    // attribute id -> value ids; parents must name values of the same attribute.
    std::map<std::string, std::set<std::string>> values;
    for (const Canon& a : attrs["attributes"]) {
      std::set<std::string>& ids = values[a["id"].get<std::string>()];
      for (const Canon& v : a["values"]) {
        if (!ids.insert(v["id"].get<std::string>()).second) Error(attr_path, "value " + v["id"].dump() + " twice");
      }
      for (const Canon& v : a["values"]) {
        if (v["parent"].is_string() && !ids.count(v["parent"].get<std::string>())) {
          Error(attr_path, "parent " + v["parent"].dump() + " of " + v["id"].dump() + " is not a value of " + a["id"].dump());
        }
      }
    }
    Canon nodes = Canon::array();
    size_t term_count = 0;
    std::sort(guidance_nodes_.begin(), guidance_nodes_.end(),
              [](const GuidanceNode& a, const GuidanceNode& b) { return a.code < b.code; });
    for (const GuidanceNode& n : guidance_nodes_) {
      std::string where = n.path + " " + n.code;
      for (const char* key : {"terms", "exclude"}) {
        if (!n.data.contains(key)) continue;
        for (const auto& [lang, list] : n.data[key].items()) {
          std::set<std::string> seen;
          for (const Canon& t : list) {
            std::string text = t.get<std::string>();
            if (text.empty() || text.front() == ' ' || text.back() == ' ') Error(where, std::string(key) + " " + t.dump() + " has outer spaces or is empty");
            if (!seen.insert(text).second) Error(where, std::string(key) + "." + lang + " " + t.dump() + " twice");
            ++term_count;
          }
        }
      }
      if (n.data.contains("attrs")) {
        for (const auto& [attr, list] : n.data["attrs"].items()) {
          auto known = values.find(attr);
          if (known == values.end()) {
            Error(where, "unknown attribute " + Canon(attr).dump());
            continue;
          }
          for (const Canon& v : list) {
            if (!known->second.count(v.get<std::string>())) Error(where, attr + " value " + v.dump() + " is not in " + attr_path);
          }
        }
      }
      Canon out = n.data;
      out["code"] = n.code;
      nodes.push_back(std::move(out));
    }
    Canon g = Canon::object();
    g["kind"] = "hs-guidance";
    g["format"] = preclear::kPackFormat;
    g["ruleset"] = common.value("ruleset", std::string());
    g["data_version"] = common.value("data_version", std::string());
    g["edition"] = common["hs"].value("edition", std::string());
    g["attributes"] = attrs["attributes"];
    for (const char* key : {"context_markers", "head_first", "noise", "scoring", "calibration"}) g[key] = model[key];
    // The core keeps English words; every other language becomes a part of its own, so a page
    // downloads only the languages its users write in.
    std::map<std::string, Canon> by_lang;
    Canon core_nodes = Canon::array();
    for (Canon& n : nodes) {
      Canon core = Canon::object();
      core["code"] = n["code"];
      for (const char* key : {"terms", "exclude"}) {
        if (!n.contains(key)) continue;
        for (auto& [lang, list] : n[key].items()) {
          if (lang == "en") {
            core[key]["en"] = list;
            continue;
          }
          Canon& lang_nodes = by_lang[lang];
          if (lang_nodes.is_null()) lang_nodes = Canon::array();
          if (lang_nodes.empty() || lang_nodes.back()["code"] != n["code"]) lang_nodes.push_back({{"code", n["code"]}});
          lang_nodes.back()[key][lang] = list;
        }
      }
      if (n.contains("attrs")) core["attrs"] = n["attrs"];
      if (core.size() > 1) core_nodes.push_back(std::move(core));
    }
    g["nodes"] = std::move(core_nodes);
    Canon parts = Canon::object();
    parts["core"] = std::move(g);
    for (auto& [lang, lang_nodes] : by_lang) {
      Canon p = Canon::object();
      p["kind"] = "hs-guidance-terms";
      p["format"] = preclear::kPackFormat;
      p["ruleset"] = common.value("ruleset", std::string());
      p["data_version"] = common.value("data_version", std::string());
      p["edition"] = common["hs"].value("edition", std::string());
      p["lang"] = lang;
      p["nodes"] = std::move(lang_nodes);
      parts[lang] = std::move(p);
    }
    result_.notes.push_back("hs guidance: " + std::to_string(guidance_nodes_.size()) + " nodes, " +
                            std::to_string(term_count) + " terms, " + std::to_string(by_lang.size() + 1) + " parts");
    return parts;
  }

  // Lists (stop words, placeholders, HS indicators): one file each, keyed by their id.
  Canon Lists(const Canon& manifest) {
    Canon out = Canon::object();
    if (!manifest.contains("lists")) return out;
    std::string ldir = dir_ + manifest["lists"].get<std::string>();
    std::vector<std::string> files = JsonFilesIn(ldir);
    for (const std::string& path : files) {
      Canon doc = LoadChecked(path, "list");
      if (!doc.is_object()) continue;
      std::string id = doc.value("id", std::string());
      if (id.empty() || out.contains(id)) Error(path, "list id missing or used twice");
      CheckDated(doc, path);
      CheckConfidence(doc, path);
      CheckSource(doc, path);
      std::set<std::string> terms;
      for (const Canon& e : doc.value("entries", Canon::array())) {
        if (e.contains("hs") && !hs_codes_.count(e["hs"].get<std::string>())) {
          Error(path, "HS " + e["hs"].dump() + " is not in the nomenclature");
        }
        if (e.contains("term")) {
          std::string t = e["term"].get<std::string>();
          std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
          if (!terms.insert(t).second) Error(path, "term " + e["term"].dump() + " twice");
        }
      }
      list_ids_.insert(id);
      out[id] = doc;
    }
    result_.notes.push_back("lists: " + std::to_string(out.size()));
    return out;
  }

  // Market packs: union rules merged into each member (a member rule with the same id replaces
  // all of the union's periods of that id). Returns code -> payload.
  // Duty schedules (datasets/tariffs/schedules): checked against the nomenclature, dated without
  // overlaps, covering every subheading of the e-commerce goods list. Returns id -> schedule as
  // it travels in market packs (notes and titles stay in the datasets).
  Canon Tariffs(const Canon& manifest) {
    Canon out = Canon::object();
    if (!manifest.contains("tariffs")) return out;
    const Canon& t = manifest["tariffs"];
    std::string dir = dir_ + t.value("schedules", std::string("tariffs/schedules"));
    std::vector<std::string> goods;
    if (t.contains("coverage")) {
      std::string path = dir_ + t["coverage"].get<std::string>();
      Canon doc = LoadChecked(path, "tariff-goods");
      for (const Canon& g : doc.value("goods", Canon::array())) {
        std::string hs = g.value("hs", std::string());
        if (!hs_codes_.count(hs)) Error(path, "goods " + hs + " is not an HS subheading");
        goods.push_back(hs);
      }
    }
    for (const std::string& path : JsonFilesIn(dir)) {
      Canon doc = LoadChecked(path, "tariff");
      if (!doc.is_object()) continue;
      std::string id = doc.value("id", std::string());
      if (fs::path(path).stem().string() != id) Error(path, "id must match the file name");
      auto check_sources = [&](const Canon& e, const std::string& where) {
        for (const Canon& sid : e.value("source", Canon::array())) {
          if (!source_ids_.count(sid.get<std::string>())) Error(where, "unknown source " + sid.get<std::string>());
        }
      };
      auto check_prefixes = [&](const Canon& list, const std::string& where) {
        for (const Canon& g : list) {
          if (!hs_codes_.count(g.get<std::string>())) Error(where, "HS prefix " + g.get<std::string>() + " is not in the nomenclature");
        }
      };
      check_sources(doc, path);
      check_prefixes(doc.value("excluded_goods", Canon::array()), path);
      std::map<std::string, std::vector<std::pair<std::string, std::string>>> periods;
      Canon rates = Canon::array();
      int i = 0;
      for (const Canon& r : doc["rates"]) {
        std::string where = path + " rates[" + std::to_string(i++) + "]";
        std::string hs = r.value("hs", std::string());
        if (!hs_codes_.count(hs)) Error(where, "HS prefix " + hs + " is not in the nomenclature");
        check_sources(r, where);
        periods[hs].emplace_back(r.value("effective_from", std::string()),
                                 r["effective_to"].is_string() ? r["effective_to"].get<std::string>() : std::string("9999-12-31"));
        Canon kept = {{"hs", hs}, {"duty", r["duty"]}, {"effective_from", r["effective_from"]},
                      {"effective_to", r["effective_to"]}, {"confidence", r["confidence"]}, {"estimate", r["estimate"]}};
        kept["source"] = r.contains("source") ? r["source"] : doc["source"];
        rates.push_back(kept);
      }
      for (auto& [hs, ps] : periods) {
        std::sort(ps.begin(), ps.end());
        for (size_t k = 0; k < ps.size(); ++k) {
          if (ps[k].second <= ps[k].first) Error(path, "rate for " + hs + " ends before it starts");
          if (k > 0 && ps[k].first < ps[k - 1].second) Error(path, "rates for " + hs + " overlap from " + ps[k].first);
        }
      }
      Canon additional = Canon::array();
      i = 0;
      for (const Canon& a : doc.value("additional", Canon::array())) {
        std::string where = path + " additional[" + std::to_string(i++) + "]";
        check_sources(a, where);
        check_prefixes(a["goods"], where);
        check_prefixes(a["excluded_goods"], where);
        Canon kept = a;
        kept.erase("title");
        kept.erase("note");
        additional.push_back(kept);
      }
      // Every e-commerce subheading has a rate (or an explicit unknown) through some prefix.
      std::set<std::string> prefixes;
      for (const auto& [hs, ps] : periods) prefixes.insert(hs);
      for (const Canon& g : doc.value("excluded_goods", Canon::array())) prefixes.insert(g.get<std::string>());
      for (const std::string& hs : goods) {
        bool covered = prefixes.count(hs) || prefixes.count(hs.substr(0, 4)) || prefixes.count(hs.substr(0, 2));
        if (!covered) Error(path, "no rate covers e-commerce subheading " + hs);
      }
      Canon kept = {{"id", id}, {"markets", doc["markets"]}, {"currency", doc["currency"]}, {"source", doc["source"]},
                    {"excluded_goods", doc.value("excluded_goods", Canon::array())}, {"rates", rates},
                    {"additional", additional}};
      out[id] = kept;
    }
    result_.notes.push_back("tariffs: " + std::to_string(out.size()) + " schedules");
    return out;
  }

  Canon Markets(const Canon& manifest, const Canon& common, const Canon& tariffs) {
    Canon out = Canon::object();
    if (!manifest.contains("markets")) return out;
    std::string mdir = dir_ + manifest["markets"].get<std::string>();
    std::vector<std::string> files = JsonFilesIn(mdir);
    std::map<std::string, Canon> docs;
    for (const std::string& path : files) {
      Canon doc = LoadChecked(path, "market");
      if (!doc.is_object()) continue;
      std::string code = doc.value("code", std::string());
      if (fs::path(path).stem().string() != code) Error(path, "code must match the file name");
      CheckRules(doc, path);
      docs[code] = doc;
    }
    for (auto& [code, doc] : docs) {
      if (doc.value("kind", std::string()) != "market") continue;
      std::string path = mdir + "/" + code + ".json";
      if (!doc.contains("currency")) Error(path, "a market needs a currency");
      Canon rules = doc.value("rules", Canon::array());
      if (doc.contains("extends")) {
        std::string u = doc["extends"];
        auto it = docs.find(u);
        if (it == docs.end() || it->second.value("kind", std::string()) != "union") {
          Error(path, "extends unknown union " + u);
        } else {
          const Canon& members = it->second["members"];
          if (std::find(members.begin(), members.end(), Canon(code)) == members.end()) {
            Error(path, "not listed as a member of " + u);
          }
          std::set<std::string> own;
          for (const Canon& r : rules) own.insert(r.value("id", std::string()));
          for (const Canon& r : it->second.value("rules", Canon::array())) {
            if (!own.count(r.value("id", std::string()))) rules.push_back(r);
          }
        }
      }
      std::stable_sort(rules.begin(), rules.end(), [](const Canon& a, const Canon& b) {
        return std::make_pair(a.value("id", std::string()), a.value("effective_from", std::string())) <
               std::make_pair(b.value("id", std::string()), b.value("effective_from", std::string()));
      });
      Canon m = {{"kind", "market"}, {"format", preclear::kPackFormat}, {"code", code}, {"name", doc["name"]},
                 {"currency", doc.value("currency", std::string())}, {"rules", rules}};
      if (doc.contains("extends")) m["union"] = doc["extends"];
      // The market's duty schedules (its own, or its union's) travel with it.
      Canon schedules = Canon::array();
      for (const auto& [tid, sched] : tariffs.items()) {
        for (const Canon& mc : sched["markets"]) {
          if (mc == Canon(code) || (doc.contains("extends") && mc == doc["extends"])) {
            schedules.push_back(sched);
            break;
          }
        }
      }
      std::set<std::string> named;
      for (const Canon& r : rules) {
        if (r.value("kind", std::string()) == "tariff") named.insert(r.value("schedule", std::string()));
      }
      for (const std::string& sid : named) {
        bool found = false;
        for (const Canon& sched : schedules) found = found || sched["id"] == Canon(sid);
        if (!found) Error(path, "tariff rule names schedule " + sid + ", which does not list this market");
      }
      if (schedules.size() > 1 && named.size() < schedules.size()) {
        Error(path, "several duty schedules list this market: tariff rules must say when each applies");
      }
      m["tariffs"] = schedules;
      // Sources used by this market travel with it, so explanations can cite them offline.
      Canon used = Canon::object();
      auto use = [&](const Canon& entry) {
        for (const Canon& id : entry.value("source", Canon::array())) {
          if (id.is_string() && common["sources"].contains(id.get<std::string>())) used[id.get<std::string>()] = common["sources"][id.get<std::string>()];
        }
      };
      for (const Canon& r : rules) use(r);
      for (const Canon& sched : schedules) {
        use(sched);
        for (const Canon& r : sched["rates"]) use(r);
        for (const Canon& a : sched["additional"]) use(a);
      }
      m["sources"] = used;
      out[code] = m;
    }
    for (auto& [code, doc] : docs) {
      if (doc.value("kind", std::string()) != "union") continue;
      for (const Canon& member : doc.value("members", Canon::array())) {
        auto it = docs.find(member.get<std::string>());
        if (it == docs.end()) Error(mdir + "/" + code + ".json", "member " + member.get<std::string>() + " has no market file");
        else if (it->second.value("extends", std::string()) != code) Error(mdir + "/" + member.get<std::string>() + ".json", "must extend " + code);
      }
    }
    result_.notes.push_back("markets: " + std::to_string(out.size()));
    return out;
  }

  void CheckRules(const Canon& doc, const std::string& path) {
    std::string code = doc.value("code", std::string());
    std::map<std::string, std::vector<std::pair<std::string, std::string>>> periods;
    int i = 0;
    for (const Canon& r : doc.value("rules", Canon::array())) {
      std::string where = path + " rules[" + std::to_string(i++) + "]";
      std::string id = r.value("id", std::string());
      // A member may override one of its union's rules by using the union's id.
      std::string union_code = doc.value("extends", std::string());
      bool own = id.compare(0, code.size() + 1, code + ".") == 0;
      bool overrides = !union_code.empty() && id.compare(0, union_code.size() + 1, union_code + ".") == 0;
      if (!own && !overrides) Error(where, "id " + id + " must start with " + code + ".");
      CheckDated(r, where);
      CheckConfidence(r, where);
      CheckSource(r, where);
      for (const Canon& g : r.value("excluded_goods", Canon::array())) {
        std::string v = g.is_string() ? g.get<std::string>() : std::string();
        if (!list_ids_.count(v) && !hs_codes_.count(v)) Error(where, "excluded_goods " + g.dump() + " is neither a list id nor an HS code");
      }
      for (const Canon& g : r.value("goods", Canon::array())) {
        if (!g.is_string() || !hs_codes_.count(g.get<std::string>())) Error(where, "goods " + g.dump() + " is not an HS code of the nomenclature");
      }
      std::string from = r.value("effective_from", std::string());
      std::string to = r["effective_to"].is_string() ? r["effective_to"].get<std::string>() : "9999-99-99";
      periods[id].emplace_back(from, to);
    }
    for (auto& [id, ps] : periods) {
      std::sort(ps.begin(), ps.end());
      for (size_t k = 1; k < ps.size(); ++k) {
        if (ps[k].first < ps[k - 1].second) Error(path, "rule " + id + ": periods overlap at " + ps[k].first);
      }
    }
  }

  void CheckLoads(const std::string& bytes, const std::string& what) {
    preclear::PackLoad check = preclear::Pack::Load(bytes);
    if (!check.pack) Error(manifest_path_, what + " does not load: " + check.detail);
  }

  CompileResult Finish() {
    result_.errors = errors_;
    return std::move(result_);
  }

  std::string manifest_path_;
  std::string dir_;
  std::string schema_dir_;
  std::map<std::string, Canon> schemas_;
  std::set<std::string> source_ids_;
  std::set<std::string> hs_codes_;
  struct GuidanceNode {
    std::string path, code;
    Canon data;
  };
  std::vector<GuidanceNode> guidance_nodes_;
  std::set<std::string> list_ids_;
  std::map<std::string, std::vector<std::pair<std::string, std::pair<std::string, std::string>>>> default_periods_;
  std::vector<std::string> errors_;
  CompileResult result_;
};

}  // namespace

std::string EncodePack(const nlohmann::json& payload) {
  std::string body = payload.dump();
  std::string bytes = "PRECLEAR";
  auto put32 = [&bytes](uint32_t v) {
    for (int k = 0; k < 4; ++k) bytes += static_cast<char>((v >> (8 * k)) & 0xFF);
  };
  put32(preclear::kPackFormat);
  put32(static_cast<uint32_t>(body.size()));
  return bytes + body;
}

CompileResult Compile(const std::string& manifest_path) { return Compiler(manifest_path).Run(); }

std::string EmbedSource(const std::string& common, const std::map<std::string, std::string>& markets,
                        const std::map<std::string, std::string>& guidance, const std::string& origin,
                        const std::string& prefix) {
  std::string out = "// GENERATED by preclear-packc from " + origin + " - DO NOT EDIT\n";
  out += "#include <string_view>\n#include <vector>\n\nnamespace preclear::datasets {\nnamespace {\n";
  auto array = [&out](const std::string& name, const std::string& bytes) {
    out += "alignas(16) const unsigned char " + name + "[" + std::to_string(bytes.size() + 1) + "] = {\n";
    char buf[8];
    for (size_t i = 0; i < bytes.size(); ++i) {
      std::snprintf(buf, sizeof buf, "%u,", static_cast<unsigned char>(bytes[i]));
      out += buf;
      if (i % 24 == 23) out += "\n";
    }
    out += "0};\n";
  };
  array("kCommon", common);
  for (const auto& [code, bytes] : markets) array("kMarket_" + code, bytes);
  for (const auto& [part, bytes] : guidance) array("kGuidance_" + part, bytes);
  out += "\nstd::string_view View(const unsigned char* p, size_t n) { return std::string_view(reinterpret_cast<const char*>(p), n); }\n";
  out += "}  // namespace\n\n";
  out += "std::string_view " + prefix + "PackBytes() { return View(kCommon, sizeof kCommon - 1); }\n\n";
  out += "std::vector<std::string_view> " + prefix + "GuidancePacks() {\n  std::vector<std::string_view> parts;\n";
  auto part = [&out](const std::string& name) {
    out += "  parts.push_back(View(kGuidance_" + name + ", sizeof kGuidance_" + name + " - 1));\n";
  };
  if (guidance.count("core")) part("core");
  for (const auto& [name, bytes] : guidance)
    if (name != "core") part(name);
  out += "  return parts;\n}\n\n";
  out += "std::string_view " + prefix + "MarketPackBytes(std::string_view code) {\n";
  for (const auto& [code, bytes] : markets) {
    out += "  if (code == \"" + code + "\") return View(kMarket_" + code + ", sizeof kMarket_" + code + " - 1);\n";
  }
  out += "  return std::string_view();\n}\n\n";
  out += "const char* const* " + prefix + "MarketPackCodes() {\n  static const char* const kCodes[] = {";
  for (const auto& [code, bytes] : markets) out += "\"" + code + "\", ";
  out += "nullptr};\n  return kCodes;\n}\n\n}  // namespace preclear::datasets\n";
  return out;
}

}  // namespace preclear::packc
