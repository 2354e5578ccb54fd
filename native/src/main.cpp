// preclear: the command-line front end of the core (design.md "CLI").
//
//   preclear validate [FILE|-] [--as-of YYYY-MM-DD] [--locale L]
//   preclear classify [FILE|-] [--top N] [--locale L]
//   preclear estimate [FILE|-] [--as-of YYYY-MM-DD] [--locale L]
//   preclear serve [--host H] [--port P] [--threads N] [--root DIR] [--as-of YYYY-MM-DD]
//   preclear version
//
// validate: NDJSON in, NDJSON out, exactly one result line per input line, in order.
// Exit 0 when every line is ok, 1 when some line has an error problem, 2 for usage/IO errors.
// classify: NDJSON {"id","description","answers"?} in, ranked HS subheadings out, same rules.
// estimate: NDJSON declarations in, landed-cost results out, same rules.
#include "data_command.h"
#include "http_server.h"
#include "preclear/datasets.h"
#include "preclear/hs.h"
#include "preclear/landed.h"
#include "preclear/market.h"
#include "preclear/messages.h"
#include "preclear/pack.h"
#include "preclear/validate.h"
#include "preclear/version.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <pthread.h>
#include <string>
#include <thread>
#include <vector>

namespace {

using preclear::Date;
using preclear::Json;

constexpr const char* kUsage =
    "usage: preclear <command> [options]\n"
    "\n"
    "commands:\n"
    "  validate [FILE|-]   check NDJSON declarations (one JSON object per line) and print one\n"
    "                      NDJSON result per input line, in order\n"
    "  classify [FILE|-]   suggest HS 2022 subheadings for NDJSON {\"id\",\"description\"} lines\n"
    "                      (optional \"answers\": {\"material\":\"cotton\"} replies to a question)\n"
    "  estimate [FILE|-]   landed cost (duty, taxes, fees, who collects them) of NDJSON declarations,\n"
    "                      one result per input line; optional \"fx\": [{\"from\",\"to\",\"rate\",\"date\",\"source\"}]\n"
    "  serve               HTTP service: POST /v1/validate, /v1/estimate, /v1/classify, GET /healthz,\n"
    "                      the web demo\n"
    "  data ...            check, build and query the rule data (preclear data --help)\n"
    "  version             print versions of preclear, ICU and the rule pack\n"
    "\n"
    "options:\n"
    "  --as-of YYYY-MM-DD  date whose rules apply to declarations without a \"date\" (default: today, UTC)\n"
    "  --locale L          language of the messages: en, fr, de, es, zh, ja, ar (default: en)\n"
    "  --partial           as-you-type: the declaration is incomplete on purpose; no missing-field noise\n"
    "  --fields P,P        only problems at these JSON Pointers or below them (e.g. /items/0/description)\n"
    "  --codes C,C         only problems with these codes\n"
    "  --top N             classify: candidates per line, 1..20 (default: 5)\n"
    "  --guidance DIR      classify, validate: HS guidance parts from DIR/{core,LANG}.pack (as written by\n"
    "                      `preclear data build`) instead of the embedded ones\n"
    "  --host H            serve: address to bind (default: 127.0.0.1)\n"
    "  --port P            serve: TCP port (default: 8080; 0 picks a free one)\n"
    "  --threads N         serve: worker threads (default: 2)\n"
    "  --root DIR          serve: static files for the web demo (default: the wasm build's site)\n"
    "  -h, --help          this text\n"
    "\n"
    "exit status: 0 all lines ok, 1 some have error problems (classify: unreadable lines;\n"
    "             estimate: lines that could not be priced),\n"
    "             2 usage or I/O error\n";

int Usage(const char* msg) {
  if (msg) std::fprintf(stderr, "preclear: %s\n\n", msg);
  std::fputs(kUsage, stderr);
  return 2;
}

// "a,b,,c" -> {"a", "b", "c"}
std::vector<std::string> SplitCommas(const std::string& v) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= v.size()) {
    size_t comma = v.find(',', start);
    std::string item = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (!item.empty()) out.push_back(item);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

Date TodayUtc() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  return Date{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct Args {
  std::string command;
  std::string file = "-";
  Date as_of = TodayUtc();
  std::string locale = "en";
  bool partial = false;
  int top = 5;
  std::string guidance_dir;
  std::vector<std::string> fields, codes;
  preclear::native::HttpServerOptions http;
  std::string root = PRECLEAR_DEFAULT_WEB_ROOT;
};

// Returns an error text, or empty on success.
std::string ParseArgs(int argc, char** argv, Args* a) {
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](std::string* out) -> bool {
      if (i + 1 >= argc) return false;
      *out = argv[++i];
      return true;
    };
    std::string v;
    if (arg == "-h" || arg == "--help") {
      a->command = "help";
      return "";
    } else if (arg == "--version") {
      a->command = "version";
    } else if (arg == "--as-of") {
      if (!value(&v)) return "--as-of needs a date";
      std::optional<Date> d = Date::Parse(v);
      if (!d) return "--as-of must be YYYY-MM-DD, got " + v;
      a->as_of = *d;
    } else if (arg == "--locale") {
      if (!value(&a->locale)) return "--locale needs a value";
    } else if (arg == "--partial") {
      a->partial = true;
    } else if (arg == "--fields" || arg == "--codes") {
      if (!value(&v)) return arg + " needs a comma-separated list";
      (arg == "--fields" ? a->fields : a->codes) = SplitCommas(v);
    } else if (arg == "--host") {
      if (!value(&a->http.host)) return "--host needs a value";
    } else if (arg == "--port" || arg == "--threads" || arg == "--top") {
      if (!value(&v)) return arg + " needs a number";
      char* end = nullptr;
      long n = std::strtol(v.c_str(), &end, 10);
      if (v.empty() || *end != '\0' || n < 0 || n > 65535 || (arg == "--threads" && (n < 1 || n > 256)) ||
          (arg == "--top" && (n < 1 || n > 20))) {
        return arg + ": bad value " + v;
      }
      (arg == "--port" ? a->http.port : arg == "--top" ? a->top : a->http.threads) = static_cast<int>(n);
    } else if (arg == "--guidance") {
      if (!value(&a->guidance_dir)) return "--guidance needs a directory";
    } else if (arg == "--root") {
      if (!value(&a->root)) return "--root needs a directory";
    } else if (arg.size() > 1 && arg[0] == '-') {
      return "unknown option " + arg;
    } else {
      positional.push_back(arg);
    }
  }
  if (a->command.empty()) {
    if (positional.empty()) return "no command given";
    a->command = positional[0];
    positional.erase(positional.begin());
  }
  if (a->command == "validate" || a->command == "classify" || a->command == "estimate") {
    if (positional.size() > 1) return a->command + " takes at most one FILE";
    if (!positional.empty()) a->file = positional[0];
  } else if (!positional.empty()) {
    return "unexpected argument " + positional[0];
  }
  return "";
}

// Reads NDJSON from a.file, writes one line per input line from |each| (which says whether the
// line was ok). Returns the exit status.
template <typename Each>
int EachLine(const Args& a, Each each) {
  FILE* in = stdin;
  if (a.file != "-") {
    in = std::fopen(a.file.c_str(), "rb");
    if (!in) {
      std::fprintf(stderr, "preclear: cannot open %s: %s\n", a.file.c_str(), std::strerror(errno));
      return 2;
    }
  }
  bool all_ok = true;
  char* buf = nullptr;
  size_t cap = 0;
  ssize_t n;
  std::string out;
  while ((n = getline(&buf, &cap, in)) >= 0) {
    std::string_view line(buf, static_cast<size_t>(n));
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    out.clear();
    all_ok = each(line, &out) && all_ok;
    out += '\n';
    if (std::fwrite(out.data(), 1, out.size(), stdout) != out.size()) {
      std::fprintf(stderr, "preclear: write failed: %s\n", std::strerror(errno));
      std::free(buf);
      return 2;
    }
  }
  bool read_error = std::ferror(in);
  std::free(buf);
  if (in != stdin) std::fclose(in);
  if (read_error) {
    std::fprintf(stderr, "preclear: read failed on %s\n", a.file.c_str());
    return 2;
  }
  if (std::fflush(stdout) != 0) return 2;
  return all_ok ? 0 : 1;
}

// The guidance parts (embedded, or from --guidance DIR: core.pack first, then the languages in
// name order), or null with a message on stderr.
std::unique_ptr<preclear::HsClassifier> LoadClassifier(const Args& a, const preclear::Pack& pack,
                                                       std::vector<std::string>* storage) {
  std::vector<std::string_view> parts = preclear::datasets::DefaultGuidancePacks();
  if (!a.guidance_dir.empty()) {
    std::vector<std::string> names;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(a.guidance_dir, ec)) {
      std::string n = e.path().filename().string();
      if (n.size() > 5 && n.compare(n.size() - 5, 5, ".pack") == 0 && n != "core.pack") names.push_back(n);
    }
    std::sort(names.begin(), names.end());
    names.insert(names.begin(), "core.pack");
    storage->clear();
    for (const std::string& n : names) {
      std::ifstream in(a.guidance_dir + "/" + n, std::ios::binary);
      if (!in) {
        std::fprintf(stderr, "preclear: cannot read %s/%s\n", a.guidance_dir.c_str(), n.c_str());
        return nullptr;
      }
      std::ostringstream bytes;
      bytes << in.rdbuf();
      storage->push_back(bytes.str());
    }
    parts.assign(storage->begin(), storage->end());
  }
  preclear::HsGuidanceLoad g = preclear::HsClassifier::Load(pack, parts);
  if (!g.classifier) {
    std::fprintf(stderr, "preclear: HS guidance pack is unusable (%s: %s)\n",
                 std::string(preclear::PackErrorName(g.error)).c_str(), g.detail.c_str());
  }
  return std::move(g.classifier);
}

int Validate(const Args& a, const preclear::Pack& pack) {
  preclear::Validator validator(pack);
  std::vector<std::string> guidance_bytes;
  std::unique_ptr<preclear::HsClassifier> classifier = LoadClassifier(a, pack, &guidance_bytes);
  if (!classifier) return 2;
  validator.UseGuidance(classifier.get());
  preclear::ValidateOptions options;
  options.as_of = a.as_of;
  options.partial = a.partial;
  options.fields = a.fields;
  options.codes = a.codes;
  return EachLine(a, [&](std::string_view line, std::string* out) {
    preclear::ValidationResult r = validator.Validate(line, options);
    *out = validator.ToJson(r, a.locale);
    return r.ok;
  });
}

int Classify(const Args& a, const preclear::Pack& pack) {
  std::vector<std::string> guidance_bytes;
  std::unique_ptr<preclear::HsClassifier> classifier = LoadClassifier(a, pack, &guidance_bytes);
  if (!classifier) return 2;
  preclear::MessageRenderer messages(pack);
  preclear::HsClassifyOptions options;
  options.top = a.top;
  options.locale = a.locale;
  options.as_of = a.as_of.ToString();
  return EachLine(a, [&](std::string_view line, std::string* out) {
    Json id;
    preclear::HsResult r = classifier->ClassifyLine(line, options, &id);
    *out = classifier->ToJson(id, r, options, &messages);
    return r.problems.empty();
  });
}

// Every embedded market pack, loaded once; the estimator borrows them.
struct Markets {
  std::vector<std::unique_ptr<preclear::MarketPack>> packs;
  bool Load() {
    for (const char* const* c = preclear::datasets::DefaultMarketPackCodes(); *c; ++c) {
      preclear::MarketLoad m = preclear::MarketPack::Load(preclear::datasets::DefaultMarketPackBytes(*c));
      if (!m.pack) {
        std::fprintf(stderr, "preclear: market pack %s is unusable (%s: %s)\n", *c,
                     std::string(preclear::PackErrorName(m.error)).c_str(), m.detail.c_str());
        return false;
      }
      packs.push_back(std::move(m.pack));
    }
    return true;
  }
  void Into(preclear::Estimator* e) const {
    for (const auto& p : packs) e->AddMarket(p.get());
  }
};

int Estimate(const Args& a, const preclear::Pack& pack) {
  Markets markets;
  if (!markets.Load()) return 2;
  preclear::Estimator estimator(pack);
  markets.Into(&estimator);
  preclear::EstimateOptions options;
  options.as_of = a.as_of;
  return EachLine(a, [&](std::string_view line, std::string* out) {
    preclear::EstimateResult r = estimator.Estimate(line, options);
    *out = estimator.ToJson(r, a.locale);
    return r.ok;
  });
}

std::string VersionJson(const preclear::Pack& pack) {
  Json v = {{"preclear", preclear::LibraryVersion()}, {"icu", preclear::IcuVersion()},
            {"unicode", preclear::UnicodeVersion()}, {"ruleset", pack.ruleset()},
            {"data_version", pack.data_version()}, {"hash", pack.hash()}};
  return v.dump();
}

// Query parameter |key| from a raw query string (values are plain tokens here).
std::string QueryParam(const std::string& query, const std::string& key) {
  size_t pos = 0;
  while (pos <= query.size()) {
    size_t amp = query.find('&', pos);
    std::string part = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    if (part.compare(0, key.size() + 1, key + "=") == 0) return part.substr(key.size() + 1);
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  return "";
}

preclear::native::HttpResponse PostOnly() {
  preclear::native::HttpResponse res;
  res.status = 405;
  res.headers.push_back({"Allow", "POST"});
  res.body = "use POST\n";
  return res;
}

// One JSON body -> one result; Content-Type: application/x-ndjson -> one result line per line.
template <typename One>
preclear::native::HttpResponse AnswerLines(const preclear::native::HttpRequest& req, One one) {
  preclear::native::HttpResponse res;
  const std::string* ct = req.Header("content-type");
  if (!ct || ct->find("ndjson") == std::string::npos) {
    res.content_type = "application/json";
    res.body = one(req.body);
    return res;
  }
  res.content_type = "application/x-ndjson";
  std::string_view body(req.body);
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  size_t start = 0;
  while (start <= body.size() && !body.empty()) {
    size_t nl = body.find('\n', start);
    res.body += one(body.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    res.body += '\n';
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return res;
}

int Serve(const Args& a, const preclear::Pack& pack) {
  using preclear::native::HttpRequest;
  using preclear::native::HttpResponse;
  preclear::Validator validator(pack);  // immutable after construction: shared by workers
  std::vector<std::string> guidance_bytes;
  std::unique_ptr<preclear::HsClassifier> classifier = LoadClassifier(a, pack, &guidance_bytes);
  if (!classifier) return 2;
  validator.UseGuidance(classifier.get());
  preclear::MessageRenderer messages(pack);
  Markets markets;
  if (!markets.Load()) return 2;
  preclear::Estimator estimator(pack);  // immutable after AddMarket: shared by workers
  markets.Into(&estimator);
  std::string version = VersionJson(pack);
  Date default_as_of = a.as_of;
  std::string root = a.root;

  auto handler = [&](const HttpRequest& req) -> HttpResponse {
    HttpResponse res;
    if (req.path == "/healthz") {
      res.content_type = "application/json";
      res.body = "{\"status\":\"ok\",\"version\":" + version + "}";
      return res;
    }
    if (req.path == "/v1/classify") {
      if (req.method != "POST") return PostOnly();
      preclear::HsClassifyOptions options;
      options.as_of = default_as_of.ToString();
      std::string top = QueryParam(req.query, "top");
      if (!top.empty()) {
        char* end = nullptr;
        long n = std::strtol(top.c_str(), &end, 10);
        if (*end != '\0' || n < 1 || n > 20) {
          res.status = 400;
          res.content_type = "application/json";
          res.body = "{\"error\":\"top must be 1..20\"}";
          return res;
        }
        options.top = static_cast<int>(n);
      }
      options.locale = QueryParam(req.query, "locale");
      if (options.locale.empty()) options.locale = "en";
      return AnswerLines(req, [&](std::string_view line) {
        Json id;
        preclear::HsResult r = classifier->ClassifyLine(line, options, &id);
        return classifier->ToJson(id, r, options, &messages);
      });
    }
    if (req.path == "/v1/validate" || req.path == "/v1/estimate") {
      if (req.method != "POST") return PostOnly();
      Date as_of_date = default_as_of;
      std::string as_of = QueryParam(req.query, "as_of");
      if (!as_of.empty()) {
        std::optional<Date> d = Date::Parse(as_of);
        if (!d) {
          res.status = 400;
          res.content_type = "application/json";
          res.body = "{\"error\":\"as_of must be YYYY-MM-DD\"}";
          return res;
        }
        as_of_date = *d;
      }
      std::string locale = QueryParam(req.query, "locale");
      if (locale.empty()) locale = "en";
      if (req.path == "/v1/estimate") {
        preclear::EstimateOptions options;
        options.as_of = as_of_date;
        return AnswerLines(req, [&](std::string_view line) { return estimator.ToJson(estimator.Estimate(line, options), locale); });
      }
      preclear::ValidateOptions options;
      options.as_of = as_of_date;
      options.partial = QueryParam(req.query, "partial") == "true";
      options.fields = SplitCommas(QueryParam(req.query, "fields"));
      options.codes = SplitCommas(QueryParam(req.query, "codes"));
      return AnswerLines(req, [&](std::string_view line) { return validator.ToJson(validator.Validate(line, options), locale); });
    }
    if (req.method != "GET" && req.method != "HEAD") {
      res.status = 405;
      res.headers.push_back({"Allow", "GET, HEAD"});
      res.body = "method not allowed\n";
      return res;
    }
    return preclear::native::ServeStaticFile(root, req.path);
  };

  // Signals are taken by one thread with sigwait, so workers never see them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  preclear::native::HttpServerOptions opts = a.http;
  preclear::native::HttpServer server(opts, handler);
  std::string error;
  if (!server.Listen(&error)) {
    std::fprintf(stderr, "preclear: cannot listen on %s:%d: %s\n", opts.host.c_str(), opts.port, error.c_str());
    return 2;
  }
  std::printf("preclear serve: listening on http://%s:%d/ (static files from %s)\n", opts.host.c_str(),
              server.port(), root.c_str());
  std::fflush(stdout);
  std::thread watcher([&] {
    int sig = 0;
    sigwait(&signals, &sig);
    server.Stop();
  });
  server.Run();
  // Run() also returns if the server stopped by itself; wake the watcher either way.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 2 && std::string(argv[1]) == "data") {
    return preclear::native::RunDataCommand(std::vector<std::string>(argv + 2, argv + argc));
  }
  Args args;
  std::string err = ParseArgs(argc, argv, &args);
  if (!err.empty()) return Usage(err.c_str());
  if (args.command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  preclear::PackLoad load = preclear::Pack::Load(preclear::datasets::DefaultPackBytes());
  if (!load.pack) {
    std::fprintf(stderr, "preclear: embedded rule pack is unusable (%s: %s)\n",
                 std::string(preclear::PackErrorName(load.error)).c_str(), load.detail.c_str());
    return 2;
  }
  if (args.command == "validate") return Validate(args, *load.pack);
  if (args.command == "classify") return Classify(args, *load.pack);
  if (args.command == "estimate") return Estimate(args, *load.pack);
  if (args.command == "serve") return Serve(args, *load.pack);
  if (args.command == "version") {
    std::printf("%s\n", VersionJson(*load.pack).c_str());
    return 0;
  }
  return Usage(("unknown command " + args.command).c_str());
}
