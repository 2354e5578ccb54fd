#include "json_schema.h"

#include <regex>

namespace preclear::packc {
namespace {

using nlohmann::json;

class Validator {
 public:
  Validator(const json& root, std::vector<std::string>* errors) : root_(root), errors_(errors) {}

  // Returns true when |doc| satisfies |s|; reports only when |report|.
  bool Check(const json& s, const json& doc, const std::string& at, bool report) {
    if (s.is_boolean()) return s.get<bool>() || Fail(report, at, "not allowed here");
    if (!s.is_object()) return true;
    bool ok = true;
    if (auto r = s.find("$ref"); r != s.end()) {
      const json* target = Resolve(r->get<std::string>());
      if (!target) return Fail(report, at, "schema $ref not found: " + r->get<std::string>());
      ok = Check(*target, doc, at, report) && ok;
    }
    if (auto t = s.find("type"); t != s.end() && !TypeMatches(*t, doc)) {
      return Fail(report, at, "expected type " + t->dump() + ", got " + std::string(doc.type_name()));
    }
    if (auto e = s.find("enum"); e != s.end()) {
      bool found = false;
      for (const json& v : *e) found = found || v == doc;
      if (!found) ok = Fail(report, at, doc.dump() + " is not one of " + e->dump());
    }
    if (auto c = s.find("const"); c != s.end() && *c != doc) ok = Fail(report, at, "must be " + c->dump());
    if (doc.is_string()) {
      if (auto p = s.find("pattern"); p != s.end()) {
        std::regex re(p->get<std::string>(), std::regex::ECMAScript);
        if (!std::regex_search(doc.get<std::string>(), re)) {
          ok = Fail(report, at, doc.dump() + " does not match " + p->get<std::string>());
        }
      }
    }
    if (doc.is_number()) {
      if (auto m = s.find("minimum"); m != s.end() && doc.get<double>() < m->get<double>()) ok = Fail(report, at, "below minimum");
      if (auto m = s.find("maximum"); m != s.end() && doc.get<double>() > m->get<double>()) ok = Fail(report, at, "above maximum");
    }
    if (doc.is_object()) ok = CheckObject(s, doc, at, report) && ok;
    if (doc.is_array()) {
      if (auto m = s.find("minItems"); m != s.end() && doc.size() < m->get<size_t>()) ok = Fail(report, at, "too few items");
      if (auto items = s.find("items"); items != s.end()) {
        for (size_t i = 0; i < doc.size(); ++i) ok = Check(*items, doc[i], at + "/" + std::to_string(i), report) && ok;
      }
    }
    if (auto one = s.find("oneOf"); one != s.end()) {
      int matches = 0;
      for (const json& alt : *one) matches += Check(alt, doc, at, false) ? 1 : 0;
      if (matches > 1) ok = Fail(report, at, "matches more than one alternative of oneOf");
      if (matches == 0) {
        ok = false;
        if (report) {
          // Say why, from the alternative that comes closest (fewest errors).
          std::vector<std::string> best;
          bool first = true;
          for (const json& alt : *one) {
            std::vector<std::string> errs;
            Validator(root_, &errs).Check(alt, doc, at, true);
            if (first || errs.size() < best.size()) best = errs;
            first = false;
          }
          for (const std::string& e : best) errors_->push_back(e);
          if (best.empty()) Fail(report, at, "matches none of oneOf");
        }
      }
    }
    if (auto any = s.find("anyOf"); any != s.end()) {
      bool matched = false;
      for (const json& alt : *any) matched = matched || Check(alt, doc, at, false);
      if (!matched) ok = Fail(report, at, "matches none of anyOf");
    }
    return ok;
  }

 private:
  bool CheckObject(const json& s, const json& doc, const std::string& at, bool report) {
    bool ok = true;
    if (auto req = s.find("required"); req != s.end()) {
      for (const json& k : *req) {
        if (!doc.contains(k.get<std::string>())) ok = Fail(report, at, "missing required \"" + k.get<std::string>() + "\"");
      }
    }
    auto props = s.find("properties");
    auto extra = s.find("additionalProperties");
    for (const auto& [key, value] : doc.items()) {
      std::string child = at + "/" + key;
      if (props != s.end() && props->contains(key)) {
        ok = Check((*props)[key], value, child, report) && ok;
      } else if (extra != s.end()) {
        ok = Check(*extra, value, child, report) && ok;
      }
    }
    return ok;
  }

  static bool TypeMatches(const json& t, const json& doc) {
    if (t.is_array()) {
      for (const json& one : t)
        if (TypeMatches(one, doc)) return true;
      return false;
    }
    std::string name = t.get<std::string>();
    if (name == "object") return doc.is_object();
    if (name == "array") return doc.is_array();
    if (name == "string") return doc.is_string();
    if (name == "integer") return doc.is_number_integer();
    if (name == "number") return doc.is_number();
    if (name == "boolean") return doc.is_boolean();
    if (name == "null") return doc.is_null();
    return false;
  }

  const json* Resolve(const std::string& ref) {
    if (ref.rfind("#/", 0) != 0) return nullptr;
    json::json_pointer ptr(ref.substr(1));
    return root_.contains(ptr) ? &root_.at(ptr) : nullptr;
  }

  bool Fail(bool report, const std::string& at, const std::string& what) {
    if (report) errors_->push_back((at.empty() ? "/" : at) + ": " + what);
    return false;
  }

  const json& root_;
  std::vector<std::string>* errors_;
};

}  // namespace

void ValidateSchema(const nlohmann::json& schema, const nlohmann::json& doc, std::vector<std::string>* errors) {
  Validator(schema, errors).Check(schema, doc, "", true);
}

}  // namespace preclear::packc
