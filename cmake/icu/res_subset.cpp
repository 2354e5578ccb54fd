// res_subset: host tool that prints, as genrb source text, only the named key paths of an ICU
// resource bundle. Used to cut ICU's big bundles (translit/root is ~900 KB) down to what core
// reads, so the same small data package can be linked into the native and the wasm build.
//
//   res_subset [--fallback] <dir/> <bundle> <key/path>...   > bundle.txt
//
// --fallback keeps ICU's locale fallback (for locale bundles such as fr or root); otherwise the
// bundle is written as nofallback (supplemental data).
//
// Every non-ASCII code point is written as \uXXXX / \UXXXXXXXX so the output is plain ASCII.
#include <unicode/ures.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace {

std::string Quote(const UChar* s, int32_t len) {
  std::string out = "\"";
  char buf[16];
  for (int32_t i = 0; i < len;) {
    UChar32 c;
    U16_NEXT(s, i, len, c);
    if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";  // genrb would unescape \u005C again and eat the next character
    } else if (c >= 0x20 && c < 0x7F) {
      out += static_cast<char>(c);
    } else if (c <= 0xFFFF) {
      std::snprintf(buf, sizeof buf, "\\u%04X", static_cast<unsigned>(c));
      out += buf;
    } else {
      std::snprintf(buf, sizeof buf, "\\U%08X", static_cast<unsigned>(c));
      out += buf;
    }
  }
  return out + "\"";
}

std::string QuoteKey(const char* key) {
  std::string out = "\"";
  out += key;
  return out + "\"";
}

bool Emit(UResourceBundle* res, const char* key, int depth, std::string& out);

bool EmitChildren(UResourceBundle* res, int depth, bool keyed, std::string& out) {
  int32_t n = ures_getSize(res);
  // Keys as the table itself holds them: for an alias item, ures_getKey() of the resolved
  // child would give the alias target's key, so collect them with ures_getNextString, which
  // reports the table key even when the item is not a string.
  std::vector<std::string> keys;
  if (keyed) {
    ures_resetIterator(res);
    for (int32_t i = 0; i < n; ++i) {
      UErrorCode st = U_ZERO_ERROR;
      const char* k = nullptr;
      int32_t len = 0;
      ures_getNextString(res, &len, &k, &st);
      keys.emplace_back(k ? k : "");
    }
    ures_resetIterator(res);
  }
  for (int32_t i = 0; i < n; ++i) {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* child = ures_getByIndex(res, i, nullptr, &status);
    if (U_FAILURE(status)) return false;
    bool ok = Emit(child, keyed ? keys[static_cast<size_t>(i)].c_str() : nullptr, depth, out);
    ures_close(child);
    if (!ok) return false;
  }
  return true;
}

bool Emit(UResourceBundle* res, const char* key, int depth, std::string& out) {
  std::string pad(static_cast<size_t>(depth) * 2, ' ');
  std::string head = pad + (key ? QuoteKey(key) : std::string());
  UErrorCode status = U_ZERO_ERROR;
  switch (ures_getType(res)) {
    case URES_STRING: {
      int32_t len = 0;
      const UChar* s = ures_getString(res, &len, &status);
      if (U_FAILURE(status)) return false;
      out += head + (key ? ":string{" : "") + Quote(s, len) + (key ? "}" : ",") + "\n";
      return true;
    }
    case URES_ALIAS: {
      int32_t len = 0;
      const UChar* s = ures_getString(res, &len, &status);
      if (U_FAILURE(status)) return false;
      out += head + ":alias{" + Quote(s, len) + "}\n";
      return true;
    }
    case URES_INT:
      out += head + ":int{" + std::to_string(ures_getInt(res, &status)) + "}\n";
      return U_SUCCESS(status);
    case URES_INT_VECTOR: {
      int32_t len = 0;
      const int32_t* v = ures_getIntVector(res, &len, &status);
      if (U_FAILURE(status)) return false;
      out += head + ":intvector{";
      for (int32_t i = 0; i < len; ++i) out += (i ? "," : "") + std::to_string(v[i]);
      out += "}\n";
      return true;
    }
    case URES_BINARY: {
      int32_t len = 0;
      const uint8_t* b = ures_getBinary(res, &len, &status);
      if (U_FAILURE(status)) return false;
      out += head + ":bin{";
      char buf[3];
      for (int32_t i = 0; i < len; ++i) {
        std::snprintf(buf, sizeof buf, "%02X", b[i]);
        out += buf;
      }
      out += "}\n";
      return true;
    }
    case URES_TABLE:
      out += head + ":table{\n";
      if (!EmitChildren(res, depth + 1, true, out)) return false;
      out += pad + "}\n";
      return true;
    case URES_ARRAY:
      out += head + ":array{\n";
      if (!EmitChildren(res, depth + 1, false, out)) return false;
      out += pad + "}\n";
      return true;
    default:
      std::fprintf(stderr, "res_subset: unsupported resource type %d\n", ures_getType(res));
      return false;
  }
}

// Path tree: keep only the requested key paths, but keep their ancestors as tables.
struct Node {
  std::string key;
  bool whole = false;
  std::vector<Node> kids;
};

void AddPath(Node& root, const std::string& path) {
  Node* cur = &root;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    Node* next = nullptr;
    for (Node& k : cur->kids)
      if (k.key == part) next = &k;
    if (!next) {
      cur->kids.push_back(Node{part, false, {}});
      next = &cur->kids.back();
    }
    cur = next;
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  cur->whole = true;
}

bool g_tolerate_missing = false;  // locale bundles: a key absent here comes from the parent

bool EmitSelected(UResourceBundle* res, const Node& sel, int depth, std::string& out) {
  for (const Node& k : sel.kids) {
    UErrorCode status = U_ZERO_ERROR;
    UResourceBundle* child = ures_getByKey(res, k.key.c_str(), nullptr, &status);
    if (status == U_MISSING_RESOURCE_ERROR && g_tolerate_missing) continue;
    if (U_FAILURE(status)) {
      std::fprintf(stderr, "res_subset: missing key %s (%s)\n", k.key.c_str(), u_errorName(status));
      return false;
    }
    bool ok;
    if (k.whole) {
      ok = Emit(child, k.key.c_str(), depth, out);
    } else {
      out += std::string(static_cast<size_t>(depth) * 2, ' ') + QuoteKey(k.key.c_str()) + ":table{\n";
      ok = EmitSelected(child, k, depth + 1, out);
      out += std::string(static_cast<size_t>(depth) * 2, ' ') + "}\n";
    }
    ures_close(child);
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  bool fallback = argc > 1 && std::strcmp(argv[1], "--fallback") == 0;
  if (fallback) {
    --argc;
    ++argv;
    g_tolerate_missing = true;
  }
  if (argc < 4) {
    std::fprintf(stderr, "usage: res_subset [--fallback] <dir/> <bundle> <key/path>...\n");
    return 2;
  }
  UErrorCode status = U_ZERO_ERROR;
  UResourceBundle* bundle = ures_openDirect(argv[1], argv[2], &status);
  if (U_FAILURE(status)) {
    std::fprintf(stderr, "res_subset: cannot open %s%s: %s\n", argv[1], argv[2], u_errorName(status));
    return 1;
  }
  Node sel;
  for (int i = 3; i < argc; ++i) AddPath(sel, argv[i]);
  std::string out = "// GENERATED by cmake/icu/res_subset from ICU's own data - DO NOT EDIT\n";
  out += std::string(argv[2]) + (fallback ? ":table{\n" : ":table(nofallback){\n");
  bool ok = EmitSelected(bundle, sel, 1, out);
  out += "}\n";
  ures_close(bundle);
  if (!ok) return 1;
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}
