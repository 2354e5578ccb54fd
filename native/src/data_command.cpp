#include "data_command.h"

#include "compiler.h"
#include "tariff_import.h"
#include "preclear/datasets.h"
#include "preclear/market.h"
#include "preclear/pack.h"

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <set>

namespace preclear::native {
namespace {

using preclear::Date;
using preclear::Json;

constexpr const char* kDataUsage =
    "usage: preclear data <command> [options]\n"
    "\n"
    "  check [--datasets DIR]            validate the datasets (schemas, dates, sources, cross-references)\n"
    "  build [--datasets DIR] --out DIR  compile them into packs: DIR/common.pack, DIR/markets/CC.pack,\n"
    "                                    DIR/guidance/{core,LANG}.pack\n"
    "  info                              JSON summary of the embedded rule packs\n"
    "  hs --level 2|4|6                  the HS codes of one level, one per line\n"
    "  rules --market CC [--as-of DATE]  JSON of the market's rules in force on DATE (default: today, UTC)\n"
    "  diff --from DATE --to DATE [--market CC] [--json]\n"
    "                                    rules that start, end or change between two dates\n"
    "  import-tariff --format usitc-hts --in FILE --id ID --market CC --currency CUR --source S..\n"
    "                --effective-from DATE [--title TEXT] [--out FILE]\n"
    "                                    turn an official tariff file into a duty schedule for\n"
    "                                    datasets/tariffs/schedules (stdout without --out)\n";

int Usage(const std::string& msg) {
  if (!msg.empty()) std::fprintf(stderr, "preclear data: %s\n\n", msg.c_str());
  std::fputs(kDataUsage, stderr);
  return 2;
}

struct Options {
  std::string datasets = PRECLEAR_DATASETS_DIR;
  std::string out;
  std::string market;
  std::optional<Date> from, to, as_of;
  int level = 0;
  bool json = false;
  // import-tariff
  std::string format, in, id, currency, source, title;
  std::optional<Date> effective_from;
};

std::string ParseOptions(const std::vector<std::string>& args, size_t start, Options* o) {
  for (size_t i = start; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto next = [&](std::string* v) {
      if (i + 1 >= args.size()) return false;
      *v = args[++i];
      return true;
    };
    std::string v;
    if (a == "--datasets") {
      if (!next(&o->datasets)) return "--datasets needs a directory";
    } else if (a == "--out") {
      if (!next(&o->out)) return "--out needs a directory";
    } else if (a == "--market") {
      if (!next(&o->market)) return "--market needs a code";
    } else if (a == "--from" || a == "--to" || a == "--as-of") {
      if (!next(&v)) return a + " needs a date";
      std::optional<Date> d = Date::Parse(v);
      if (!d) return a + " must be YYYY-MM-DD, got " + v;
      (a == "--from" ? o->from : a == "--to" ? o->to : o->as_of) = d;
    } else if (a == "--level") {
      if (!next(&v) || (v != "2" && v != "4" && v != "6")) return "--level must be 2, 4 or 6";
      o->level = v[0] - '0';
    } else if (a == "--json") {
      o->json = true;
    } else if (a == "--format" || a == "--in" || a == "--id" || a == "--currency" || a == "--source" || a == "--title") {
      std::string* dst = a == "--format" ? &o->format : a == "--in" ? &o->in : a == "--id" ? &o->id
                         : a == "--currency" ? &o->currency : a == "--source" ? &o->source : &o->title;
      if (!next(dst)) return a + " needs a value";
    } else if (a == "--effective-from") {
      if (!next(&v)) return a + " needs a date";
      o->effective_from = Date::Parse(v);
      if (!o->effective_from) return a + " must be YYYY-MM-DD, got " + v;
    } else {
      return "unexpected argument " + a;
    }
  }
  return "";
}

int Check(const Options& o, bool build) {
  std::string manifest = o.datasets + "/manifest.json";
  preclear::packc::CompileResult r = preclear::packc::Compile(manifest);
  for (const std::string& e : r.errors) std::fprintf(stderr, "%s\n", e.c_str());
  if (!r.errors.empty()) {
    std::fprintf(stderr, "preclear data: %zu problem(s) in %s\n", r.errors.size(), o.datasets.c_str());
    return 1;
  }
  for (const std::string& n : r.notes) std::printf("%s\n", n.c_str());
  if (!build) {
    std::printf("ok: %s\n", manifest.c_str());
    return 0;
  }
  std::error_code ec;
  std::filesystem::create_directories(o.out + "/markets", ec);
  auto write = [](const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary);
    out << bytes;
    return static_cast<bool>(out);
  };
  bool ok = !ec && write(o.out + "/common.pack", r.common);
  for (const auto& [code, bytes] : r.markets) ok = ok && write(o.out + "/markets/" + code + ".pack", bytes);
  if (!r.guidance.empty()) std::filesystem::create_directories(o.out + "/guidance", ec);
  for (const auto& [part, bytes] : r.guidance) ok = ok && write(o.out + "/guidance/" + part + ".pack", bytes);
  if (!ok) {
    std::fprintf(stderr, "preclear data: cannot write to %s\n", o.out.c_str());
    return 2;
  }
  std::printf("wrote %s/common.pack (%zu bytes) and %zu market packs\n", o.out.c_str(), r.common.size(), r.markets.size());
  return 0;
}

int Info(const preclear::Pack& pack) {
  Json markets = Json::array();
  for (const preclear::MarketInfo& m : pack.markets()) {
    markets.push_back({{"code", m.code}, {"name", m.name}, {"currency", m.currency}});
  }
  std::string edition = pack.hs_edition();
  if (edition.rfind("HS", 0) == 0) edition = edition.substr(2);
  Json info = {{"ruleset", pack.ruleset()}, {"hash", pack.hash()}, {"data_version", pack.data_version()},
               {"schema_version", pack.schema_version()}, {"format", preclear::kPackFormat},
               {"markets", markets}, {"hs_edition", edition}, {"hs_chapters", pack.CountHs(2)},
               {"hs_headings", pack.CountHs(4)}, {"hs_subheadings", pack.CountHs(6)}};
  std::printf("%s\n", info.dump(2).c_str());
  return 0;
}

// What a rule says, in one line: the kind-specific fields that matter to a reader.
std::string Describe(const preclear::MarketRule& r) {
  std::string out = r.kind;
  for (const char* key : {"tax_name", "category", "rate", "amount", "currency", "basis", "per", "applies_to", "model",
                          "region", "duty_basis"}) {
    auto it = r.data.find(key);
    if (it == r.data.end()) continue;
    out += std::string(" ") + key + "=" + (it->is_string() ? it->get<std::string>() : it->dump());
  }
  if (auto it = r.data.find("inclusive"); it != r.data.end()) out += it->get<bool>() ? " (limit inclusive)" : " (limit exclusive)";
  if (auto it = r.data.find("when"); it != r.data.end()) out += " when " + it->dump();
  return out;
}

std::string ConfidenceName(preclear::Confidence c) {
  return c == preclear::Confidence::kVerified ? "verified" : c == preclear::Confidence::kSecondary ? "secondary" : "unverified";
}

Json RuleJson(const preclear::MarketRule& r) {
  return {{"id", r.id}, {"kind", r.kind}, {"effective_from", r.effective_from.ToString()},
          {"effective_to", r.effective_to ? Json(r.effective_to->ToString()) : Json(nullptr)},
          {"confidence", ConfidenceName(r.confidence)}, {"source", r.sources}, {"rule", r.data}};
}

int Diff(const Options& o) {
  if (!o.from || !o.to) return Usage("diff needs --from and --to");
  std::vector<std::string> codes;
  if (!o.market.empty()) {
    codes.push_back(o.market);
  } else {
    for (const char* const* c = preclear::datasets::DefaultMarketPackCodes(); *c; ++c) codes.push_back(*c);
  }
  Json all = Json::array();
  for (const std::string& code : codes) {
    std::string_view bytes = preclear::datasets::DefaultMarketPackBytes(code);
    if (bytes.empty()) {
      std::fprintf(stderr, "preclear data: no market pack for %s\n", code.c_str());
      return 2;
    }
    preclear::MarketLoad load = preclear::MarketPack::Load(bytes);
    if (!load.pack) {
      std::fprintf(stderr, "preclear data: market pack %s unusable: %s\n", code.c_str(), load.detail.c_str());
      return 2;
    }
    // By rule id: the period in force on each date (a rule has at most one per date).
    std::map<std::string, const preclear::MarketRule*> before, after;
    for (const preclear::MarketRule* r : load.pack->InForce(*o.from)) before[r->id] = r;
    for (const preclear::MarketRule* r : load.pack->InForce(*o.to)) after[r->id] = r;
    std::set<std::string> ids;
    for (const auto& [id, r] : before) ids.insert(id);
    for (const auto& [id, r] : after) ids.insert(id);
    Json changes = Json::array();
    for (const std::string& id : ids) {
      const preclear::MarketRule* b = before.count(id) ? before[id] : nullptr;
      const preclear::MarketRule* a = after.count(id) ? after[id] : nullptr;
      if (a == b) continue;  // same period on both dates
      std::string change = !b ? "added" : !a ? "removed" : "changed";
      Json c = {{"market", code}, {"id", id}, {"change", change}};
      if (b) c["before"] = RuleJson(*b);
      if (a) c["after"] = RuleJson(*a);
      changes.push_back(c);
      if (!o.json) {
        std::printf("%s %s %s\n", code.c_str(), change == "added" ? "+" : change == "removed" ? "-" : "~", id.c_str());
        if (b) {
          std::printf("    before: %s [%s, from %s%s%s]\n", Describe(*b).c_str(), ConfidenceName(b->confidence).c_str(),
                      b->effective_from.ToString().c_str(), b->effective_to ? ", until " : "",
                      b->effective_to ? b->effective_to->ToString().c_str() : "");
        }
        if (a) {
          std::printf("    after:  %s [%s, from %s%s%s]\n", Describe(*a).c_str(), ConfidenceName(a->confidence).c_str(),
                      a->effective_from.ToString().c_str(), a->effective_to ? ", until " : "",
                      a->effective_to ? a->effective_to->ToString().c_str() : "");
        }
      }
    }
    for (Json& c : changes) all.push_back(std::move(c));
  }
  if (o.json) {
    Json out = {{"from", o.from->ToString()}, {"to", o.to->ToString()}, {"changes", all}};
    std::printf("%s\n", out.dump().c_str());
  } else if (all.empty()) {
    std::printf("no rule changes between %s and %s\n", o.from->ToString().c_str(), o.to->ToString().c_str());
  }
  return 0;
}

int ImportTariff(const Options& o) {
  if (o.format != "usitc-hts") return Usage("import-tariff: --format usitc-hts is the supported format");
  if (o.in.empty() || o.id.empty() || o.market.empty() || o.currency.empty() || o.source.empty() || !o.effective_from) {
    return Usage("import-tariff needs --in, --id, --market, --currency, --source and --effective-from");
  }
  std::ifstream in(o.in, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "preclear data: cannot read %s\n", o.in.c_str());
    return 2;
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  preclear::packc::TariffImportSpec spec;
  spec.id = o.id;
  spec.title = o.title.empty() ? "Imported " + o.id + " schedule" : o.title;
  spec.markets = {o.market};
  spec.currency = o.currency;
  spec.source = {o.source};
  spec.effective_from = o.effective_from->ToString();
  preclear::packc::TariffImportResult r = preclear::packc::ImportUsitcHts(text, spec);
  if (!r.ok) {
    std::fprintf(stderr, "preclear data: %s: %s\n", o.in.c_str(), r.error.c_str());
    return 1;
  }
  if (o.out.empty()) {
    std::fwrite(r.json.data(), 1, r.json.size(), stdout);
  } else {
    std::ofstream f(o.out, std::ios::binary);
    f << r.json;
    if (!f) {
      std::fprintf(stderr, "preclear data: cannot write %s\n", o.out.c_str());
      return 2;
    }
  }
  std::fprintf(stderr, "preclear data: %zu lines read, %zu subheadings, %zu estimates, %zu rates not read\n", r.lines_read,
               r.subheadings, r.estimates, r.unknown);
  return 0;
}

}  // namespace

int RunDataCommand(const std::vector<std::string>& args) {
  if (args.empty()) return Usage("no data command given");
  const std::string& cmd = args[0];
  if (cmd == "-h" || cmd == "--help") {
    std::fputs(kDataUsage, stdout);
    return 0;
  }
  Options o;
  std::string err = ParseOptions(args, 1, &o);
  if (!err.empty()) return Usage(err);
  if (cmd == "check") return Check(o, false);
  if (cmd == "build") return o.out.empty() ? Usage("build needs --out DIR") : Check(o, true);
  if (cmd == "import-tariff") return ImportTariff(o);

  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  if (!load.pack) {
    std::fprintf(stderr, "preclear data: embedded pack unusable: %s\n", load.detail.c_str());
    return 2;
  }
  if (cmd == "info") return Info(*load.pack);
  if (cmd == "hs") {
    if (o.level == 0) return Usage("hs needs --level 2|4|6");
    std::string out;
    for (const preclear::HsNode& n : load.pack->hs_codes()) {
      if (n.code.size() == static_cast<size_t>(o.level)) out += n.code + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  if (cmd == "diff") return Diff(o);
  if (cmd == "rules") {
    if (o.market.empty()) return Usage("rules needs --market CC");
    std::string_view bytes = preclear::datasets::DefaultMarketPackBytes(o.market);
    preclear::MarketLoad m = preclear::MarketPack::Load(bytes);
    if (!m.pack) {
      std::fprintf(stderr, "preclear data: no usable market pack for %s (%s)\n", o.market.c_str(), m.detail.c_str());
      return 2;
    }
    std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    Date date = o.as_of ? *o.as_of : Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
    std::printf("%s\n", preclear::RulesInForceJson(*m.pack, date).c_str());
    return 0;
  }
  return Usage("unknown data command " + cmd);
}

}  // namespace preclear::native
