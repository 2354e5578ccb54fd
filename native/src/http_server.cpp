#include "http_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/types.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <thread>

namespace preclear::native {
namespace {

// Accepted-but-unserved connections beyond this are dropped so a flood cannot
// exhaust file descriptors.
constexpr size_t kMaxPendingConnections = 1024;
// While idle on keep-alive, re-check this often whether others are waiting.
constexpr int kIdleSliceMs = 100;
// Bounds for draining unread input before close (avoids RST eating replies).
constexpr int kLingerMs = 500;
constexpr size_t kLingerMaxBytes = 1 << 20;

long long NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

char ToLowerAscii(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ToLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = ToLowerAscii(c);
  return out;
}

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (ToLowerAscii(a[i]) != ToLowerAscii(b[i])) return false;
  }
  return true;
}

bool IsTokenChar(unsigned char c) {
  if (c >= '0' && c <= '9') return true;
  if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return true;
  return std::strchr("!#$%&'*+-.^_`|~", c) != nullptr && c != 0;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTokenChar(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Field values may hold visible chars, SP, HT and obs-text; never CR/LF/NUL.
bool IsValidFieldValue(std::string_view s) {
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c < 0x20 && c != '\t') || c == 0x7f) return false;
  }
  return true;
}

std::string_view TrimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Decodes %XX escapes. Rejects malformed escapes and NUL, which could
// otherwise truncate paths handed to the filesystem.
bool PercentDecode(std::string_view in, std::string* out) {
  out->clear();
  out->reserve(in.size());
  for (size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out->push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return false;
    int hi = HexValue(in[i + 1]);
    int lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return false;
    int value = hi * 16 + lo;
    if (value == 0) return false;
    out->push_back(static_cast<char>(value));
    i += 2;
  }
  return true;
}

const char* ReasonPhrase(int status) {
  switch (status) {
    case 100: return "Continue";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 505: return "HTTP Version Not Supported";
    default: break;
  }
  if (status < 300) return "OK";
  if (status < 400) return "Redirect";
  if (status < 500) return "Client Error";
  return "Server Error";
}

HttpResponse TextResponse(int status, std::string body) {
  HttpResponse resp;
  resp.status = status;
  resp.body = std::move(body);
  return resp;
}

HttpResponse ErrorResponse(int status) {
  return TextResponse(status, std::string(ReasonPhrase(status)) + "\n");
}

std::string SerializeResponse(const HttpResponse& in, bool head_request,
                              bool keep_alive) {
  int status = in.status;
  // 1xx would need interim-response semantics we don't implement.
  if (status < 200 || status > 599) status = 500;
  bool no_body = status == 204 || status == 304;

  std::string content_type = in.content_type;
  bool has_cache_control = false;
  std::string extra;
  for (const auto& [name, value] : in.headers) {
    // Drop anything that could split the response or break framing.
    if (!IsToken(name) || !IsValidFieldValue(value)) continue;
    if (EqualsIgnoreCase(name, "content-length") ||
        EqualsIgnoreCase(name, "connection") ||
        EqualsIgnoreCase(name, "transfer-encoding")) {
      continue;
    }
    if (EqualsIgnoreCase(name, "content-type")) {
      content_type = value;
      continue;
    }
    if (EqualsIgnoreCase(name, "cache-control")) has_cache_control = true;
    extra += name;
    extra += ": ";
    extra += value;
    extra += "\r\n";
  }
  if (!IsValidFieldValue(content_type)) content_type = "application/octet-stream";

  std::string out;
  out.reserve(256 + extra.size() +
              (head_request || no_body ? 0 : in.body.size()));
  out += "HTTP/1.1 ";
  out += std::to_string(status);
  out += ' ';
  out += ReasonPhrase(status);
  out += "\r\n";
  if (!no_body) {
    out += "Content-Type: ";
    out += content_type;
    out += "\r\nContent-Length: ";
    out += std::to_string(in.body.size());
    out += "\r\n";
  }
  out += keep_alive ? "Connection: keep-alive\r\n" : "Connection: close\r\n";
  if (!has_cache_control) out += "Cache-Control: no-store\r\n";
  out += extra;
  out += "\r\n";
  if (!head_request && !no_body) out += in.body;
  return out;
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;  // Includes EAGAIN from SO_SNDTIMEO: client stopped reading.
    }
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

// Locates the blank line ending the header block, tolerating bare LF line
// endings. Scans from `from` so repeated calls stay linear.
bool FindHeaderEnd(const std::string& buf, size_t from, size_t* head_len,
                   size_t* body_start) {
  for (size_t i = buf.find('\n', from); i != std::string::npos;
       i = buf.find('\n', i + 1)) {
    if (i + 1 < buf.size() && buf[i + 1] == '\n') {
      *head_len = i + 1;
      *body_start = i + 2;
      return true;
    }
    if (i + 2 < buf.size() && buf[i + 1] == '\r' && buf[i + 2] == '\n') {
      *head_len = i + 1;
      *body_start = i + 3;
      return true;
    }
  }
  return false;
}

struct ParsedHead {
  HttpRequest request;
  int minor_version = 1;
};

// Parses "<request-line>\n<field-lines>\n". Returns 0 or an error status.
int ParseHead(std::string_view head, ParsedHead* parsed) {
  HttpRequest& req = parsed->request;
  std::vector<std::string_view> lines;
  while (!head.empty()) {
    size_t nl = head.find('\n');
    std::string_view line = head.substr(0, nl);
    head.remove_prefix(nl == std::string_view::npos ? head.size() : nl + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find('\r') != std::string_view::npos) return 400;
    lines.push_back(line);
  }
  if (lines.empty()) return 400;

  // Request line: exactly "METHOD SP target SP HTTP/x.y".
  std::string_view request_line = lines[0];
  size_t sp1 = request_line.find(' ');
  if (sp1 == std::string_view::npos) return 400;
  size_t sp2 = request_line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos) return 400;
  if (request_line.find(' ', sp2 + 1) != std::string_view::npos) return 400;
  std::string_view method = request_line.substr(0, sp1);
  std::string_view target = request_line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view version = request_line.substr(sp2 + 1);
  if (!IsToken(method) || target.empty()) return 400;
  if (version.size() != 8 || version.substr(0, 5) != "HTTP/" ||
      version[6] != '.' || version[5] < '0' || version[5] > '9' ||
      version[7] < '0' || version[7] > '9') {
    return 400;
  }
  if (version[5] != '1' || (version[7] != '0' && version[7] != '1')) return 505;
  parsed->minor_version = version[7] - '0';

  for (char ch : target) {
    unsigned char c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c >= 0x7f) return 400;
  }
  req.method = std::string(method);
  req.target = std::string(target);

  std::string_view path_and_query = target;
  if (target == "*") {
    if (method != "OPTIONS") return 400;
  } else if (target.front() != '/') {
    // Absolute-form (proxy style): keep only path and query.
    std::string lower = ToLower(target.substr(0, 8));
    size_t scheme_len = lower.rfind("http://", 0) == 0    ? 7
                        : lower.rfind("https://", 0) == 0 ? 8
                                                          : 0;
    if (scheme_len == 0) return 400;
    size_t slash = target.find_first_of("/?#", scheme_len);
    if (slash == scheme_len) return 400;  // Empty authority.
    path_and_query = slash == std::string_view::npos ? std::string_view("/")
                                                     : target.substr(slash);
  }
  size_t hash = path_and_query.find('#');
  if (hash != std::string_view::npos) path_and_query = path_and_query.substr(0, hash);
  size_t qmark = path_and_query.find('?');
  std::string_view raw_path = path_and_query.substr(0, qmark);
  if (qmark != std::string_view::npos) {
    req.query = std::string(path_and_query.substr(qmark + 1));
  }
  if (raw_path.empty()) raw_path = "/";
  if (raw_path.front() != '/' && raw_path != "*") return 400;
  if (!PercentDecode(raw_path, &req.path)) return 400;

  for (size_t i = 1; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (line.empty()) continue;  // Only the terminator can be empty.
    // Obsolete line folding is a known smuggling vector; refuse it.
    if (line.front() == ' ' || line.front() == '\t') return 400;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) return 400;
    std::string_view name = line.substr(0, colon);
    std::string_view value = TrimOws(line.substr(colon + 1));
    if (!IsToken(name) || !IsValidFieldValue(value)) return 400;
    req.headers.emplace_back(ToLower(name), std::string(value));
  }
  return 0;
}

// Parses all Content-Length fields. Returns 0 (with *length set), 400 for
// malformed/conflicting values, or 413 for absurdly large ones.
int ParseContentLength(const HttpRequest& req, bool* present, size_t* length) {
  *present = false;
  *length = 0;
  bool overflow = false;
  for (const auto& [name, value] : req.headers) {
    if (name != "content-length") continue;
    std::string_view rest = value;
    // A list of identical values ("5, 5") is tolerated per RFC 9110.
    while (true) {
      size_t comma = rest.find(',');
      std::string_view item = TrimOws(rest.substr(0, comma));
      if (item.empty()) return 400;
      size_t parsed = 0;
      bool item_overflow = false;
      for (char c : item) {
        if (c < '0' || c > '9') return 400;
        if (parsed > (static_cast<size_t>(-1) - 9) / 10) {
          item_overflow = true;
        } else {
          parsed = parsed * 10 + static_cast<size_t>(c - '0');
        }
      }
      if (*present && (item_overflow != overflow || parsed != *length)) {
        return 400;
      }
      *present = true;
      overflow = item_overflow;
      *length = parsed;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return overflow ? 413 : 0;
}

bool HeaderHasToken(const HttpRequest& req, std::string_view name,
                    std::string_view token) {
  for (const auto& [header_name, value] : req.headers) {
    if (header_name != name) continue;
    std::string_view rest = value;
    while (!rest.empty()) {
      size_t comma = rest.find(',');
      if (EqualsIgnoreCase(TrimOws(rest.substr(0, comma)), token)) return true;
      if (comma == std::string_view::npos) break;
      rest.remove_prefix(comma + 1);
    }
  }
  return false;
}

void SetSocketTimeouts(int fd, int timeout_ms) {
  timeval tv{};
  tv.tv_sec = timeout_ms / 1000;
  tv.tv_usec = static_cast<suseconds_t>((timeout_ms % 1000) * 1000);
  // Backstop for the poll()-based deadlines; also bounds blocking sends.
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
}

bool HasSuffix(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() &&
         s.substr(s.size() - suffix.size()) == suffix;
}

// realpath() returning std::string; empty on failure.
std::string RealPath(const std::string& path) {
  char* resolved = ::realpath(path.c_str(), nullptr);
  if (resolved == nullptr) return std::string();
  std::string out(resolved);
  std::free(resolved);
  return out;
}

bool IsUnderRoot(const std::string& root, const std::string& path) {
  if (path == root) return true;
  std::string prefix = root;
  if (prefix.empty() || prefix.back() != '/') prefix += '/';
  return path.compare(0, prefix.size(), prefix) == 0;
}

bool ReadRegularFile(const std::string& path, std::string* out) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    return false;
  }
  out->clear();
  out->reserve(static_cast<size_t>(st.st_size));
  char chunk[65536];
  while (true) {
    ssize_t n = ::read(fd, chunk, sizeof(chunk));
    if (n < 0) {
      if (errno == EINTR) continue;
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    out->append(chunk, static_cast<size_t>(n));
  }
  ::close(fd);
  return true;
}

}  // namespace

const std::string* HttpRequest::Header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return &value;
  }
  return nullptr;
}

HttpServer::HttpServer(HttpServerOptions options, HttpHandler handler)
    : options_(std::move(options)), handler_(std::move(handler)) {
  int fds[2];
  // Non-blocking so Stop() can never block, even if called many times.
  if (::pipe2(fds, O_CLOEXEC | O_NONBLOCK) == 0) {
    wake_read_fd_ = fds[0];
    wake_write_fd_ = fds[1];
  }
}

HttpServer::~HttpServer() {
  if (listen_fd_ >= 0) ::close(listen_fd_);
  if (wake_read_fd_ >= 0) ::close(wake_read_fd_);
  if (wake_write_fd_ >= 0) ::close(wake_write_fd_);
  for (int fd : pending_) ::close(fd);
}

bool HttpServer::Listen(std::string* error) {
  auto fail = [error](std::string message) {
    if (error != nullptr) *error = std::move(message);
    return false;
  };
  if (listen_fd_ >= 0) return fail("already listening");
  if (wake_read_fd_ < 0) return fail("cannot create wake pipe");
  if (options_.port < 0 || options_.port > 65535) {
    return fail("invalid port " + std::to_string(options_.port));
  }

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* results = nullptr;
  std::string port_text = std::to_string(options_.port);
  int rc = ::getaddrinfo(options_.host.empty() ? nullptr : options_.host.c_str(),
                         port_text.c_str(), &hints, &results);
  if (rc != 0) {
    return fail("cannot resolve '" + options_.host + "': " + gai_strerror(rc));
  }

  std::string last_error = "no usable address";
  int fd = -1;
  for (addrinfo* ai = results; ai != nullptr; ai = ai->ai_next) {
    fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                  ai->ai_protocol);
    if (fd < 0) {
      last_error = std::string("socket: ") + std::strerror(errno);
      continue;
    }
    int one = 1;
    // Lets a restarted server rebind while old connections sit in TIME_WAIT.
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) == 0 &&
        ::listen(fd, SOMAXCONN) == 0) {
      break;
    }
    last_error = options_.host + ":" + port_text + ": " + std::strerror(errno);
    ::close(fd);
    fd = -1;
  }
  ::freeaddrinfo(results);
  if (fd < 0) return fail(last_error);

  sockaddr_storage addr{};
  socklen_t addr_len = sizeof(addr);
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &addr_len) != 0) {
    std::string message = std::string("getsockname: ") + std::strerror(errno);
    ::close(fd);
    return fail(message);
  }
  if (addr.ss_family == AF_INET) {
    port_ = ntohs(reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
  } else if (addr.ss_family == AF_INET6) {
    port_ = ntohs(reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port);
  }
  listen_fd_ = fd;
  return true;
}

void HttpServer::Stop() {
  stopping_.store(true);
  if (wake_write_fd_ >= 0) {
    char byte = 1;
    // The byte is never consumed, so every poller sees the pipe readable.
    if (::write(wake_write_fd_, &byte, 1) < 0) {
      // Pipe full means earlier Stop() calls already signalled; nothing to do.
    }
  }
}

void HttpServer::Run() {
  if (listen_fd_ < 0 || wake_read_fd_ < 0) return;
  std::vector<std::thread> workers;
  int thread_count = std::max(1, options_.threads);
  for (int i = 0; i < thread_count; ++i) {
    try {
      workers.emplace_back([this] { WorkerLoop(); });
    } catch (const std::exception&) {
      break;  // Serve with however many threads we got.
    }
  }
  if (!workers.empty()) AcceptLoop();
  stopping_.store(true);
  {
    // Taking the lock orders the flag with workers' predicate checks, so no
    // worker can miss the notification.
    std::lock_guard<std::mutex> lock(mu_);
  }
  cv_.notify_all();
  for (std::thread& worker : workers) worker.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (int fd : pending_) ::close(fd);
  pending_.clear();
}

void HttpServer::AcceptLoop() {
  while (!stopping_.load()) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    int rc = ::poll(fds, 2, -1);
    if (rc < 0) {
      if (errno != EINTR) std::this_thread::sleep_for(std::chrono::milliseconds(10));
      continue;
    }
    if (fds[1].revents != 0) break;
    if ((fds[0].revents & POLLIN) == 0) continue;
    while (!stopping_.load()) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) {
        if (errno == EINTR || errno == ECONNABORTED) continue;
        if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS ||
            errno == ENOMEM) {
          // Back off instead of spinning while descriptors are exhausted.
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        break;  // EAGAIN: backlog drained.
      }
      SetSocketTimeouts(fd, std::max(1, options_.read_timeout_ms));
      int one = 1;
      setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (pending_.size() >= kMaxPendingConnections) {
          ::close(fd);
          continue;
        }
        pending_.push_back(fd);
      }
      cv_.notify_one();
    }
  }
}

void HttpServer::WorkerLoop() {
  while (true) {
    int fd = -1;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [this] { return stopping_.load() || !pending_.empty(); });
      if (stopping_.load()) return;
      fd = pending_.front();
      pending_.pop_front();
    }
    try {
      ServeConnection(fd);
    } catch (...) {
      // E.g. bad_alloc on a huge body; drop the connection, keep the worker.
    }
    ::close(fd);
  }
}

bool HttpServer::HasPendingConnections() {
  std::lock_guard<std::mutex> lock(mu_);
  return !pending_.empty();
}

HttpServer::ReadResult HttpServer::ReadSome(int fd, std::string* buf,
                                            long long deadline_ms, bool idle) {
  while (true) {
    if (stopping_.load()) return ReadResult::kStopped;
    long long remaining = deadline_ms - NowMs();
    if (remaining <= 0) return ReadResult::kTimeout;
    int wait_ms = static_cast<int>(std::min<long long>(remaining, 1 << 30));
    if (idle) wait_ms = std::min(wait_ms, kIdleSliceMs);
    pollfd fds[2] = {{fd, POLLIN, 0}, {wake_read_fd_, POLLIN, 0}};
    int rc = ::poll(fds, 2, wait_ms);
    if (rc < 0) {
      if (errno == EINTR) continue;
      return ReadResult::kError;
    }
    if (fds[1].revents != 0) return ReadResult::kStopped;
    if (rc == 0) {
      // With a fixed pool, an idle keep-alive connection must not starve
      // queued ones; clients reopen idle connections transparently.
      if (idle && HasPendingConnections()) return ReadResult::kEvicted;
      continue;
    }
    char chunk[16384];
    ssize_t n = ::recv(fd, chunk, sizeof(chunk), 0);
    if (n > 0) {
      buf->append(chunk, static_cast<size_t>(n));
      return ReadResult::kData;
    }
    if (n == 0) return ReadResult::kEof;
    if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK) continue;
    return ReadResult::kError;
  }
}

void HttpServer::LingeringClose(int fd) {
  // Closing with unread input makes the kernel send RST, which can destroy
  // the response we just sent; so half-close and drain briefly first.
  ::shutdown(fd, SHUT_WR);
  long long deadline = NowMs() + kLingerMs;
  size_t drained = 0;
  std::string scratch;
  while (drained < kLingerMaxBytes) {
    scratch.clear();
    if (ReadSome(fd, &scratch, deadline, false) != ReadResult::kData) break;
    drained += scratch.size();
  }
}

void HttpServer::ServeConnection(int fd) {
  const size_t max_header = std::max<size_t>(options_.max_header_bytes, 64);
  const long long timeout_ms = std::max(1, options_.read_timeout_ms);
  std::string buf;

  auto fail = [&](int status) {
    SendAll(fd, SerializeResponse(ErrorResponse(status), false, false));
    LingeringClose(fd);
  };

  while (true) {
    // Phase 1: request head, under one overall deadline so a client trickling
    // bytes cannot hold the worker indefinitely.
    long long deadline = NowMs() + timeout_ms;
    size_t head_len = 0;
    size_t body_start = 0;
    size_t scan_from = 0;
    while (true) {
      // Empty lines before a request line are permitted and ignored.
      size_t skip = 0;
      while (skip < buf.size() && (buf[skip] == '\r' || buf[skip] == '\n')) ++skip;
      if (skip > 0) {
        buf.erase(0, skip);
        scan_from = 0;
      }
      if (!buf.empty() && FindHeaderEnd(buf, scan_from, &head_len, &body_start)) {
        break;
      }
      if (buf.size() > max_header) return fail(431);
      scan_from = buf.size() > 2 ? buf.size() - 2 : 0;
      ReadResult result = ReadSome(fd, &buf, deadline, buf.empty());
      if (result == ReadResult::kData) continue;
      if (result == ReadResult::kTimeout && !buf.empty()) return fail(408);
      return;  // EOF, idle timeout, eviction, stop or socket error.
    }
    if (head_len > max_header) return fail(431);

    ParsedHead parsed;
    int status = ParseHead(std::string_view(buf).substr(0, head_len), &parsed);
    if (status != 0) return fail(status);
    HttpRequest& req = parsed.request;

    // Without a length we can't find the body's end; chunked isn't supported.
    if (req.Header("transfer-encoding") != nullptr) return fail(501);
    bool has_length = false;
    size_t content_length = 0;
    status = ParseContentLength(req, &has_length, &content_length);
    if (status != 0) return fail(status);
    if (content_length > options_.max_body_bytes) return fail(413);

    // Phase 2: body, with an inactivity deadline that resets on progress.
    size_t have = buf.size() - body_start;
    if (content_length > have && parsed.minor_version == 1 &&
        HeaderHasToken(req, "expect", "100-continue")) {
      if (!SendAll(fd, "HTTP/1.1 100 Continue\r\n\r\n")) return;
    }
    while (buf.size() - body_start < content_length) {
      ReadResult result = ReadSome(fd, &buf, NowMs() + timeout_ms, false);
      if (result == ReadResult::kData) continue;
      if (result == ReadResult::kTimeout) return fail(408);
      return;
    }
    req.body = buf.substr(body_start, content_length);
    buf.erase(0, body_start + content_length);

    bool keep_alive = parsed.minor_version == 1
                          ? !HeaderHasToken(req, "connection", "close")
                          : HeaderHasToken(req, "connection", "keep-alive");

    HttpResponse response;
    try {
      response = handler_(req);
    } catch (...) {
      response = ErrorResponse(500);
    }
    if (stopping_.load()) keep_alive = false;
    bool head_request = req.method == "HEAD";
    if (!SendAll(fd, SerializeResponse(response, head_request, keep_alive))) {
      return;
    }
    if (!keep_alive) {
      LingeringClose(fd);
      return;
    }
  }
}

std::string MimeTypeForPath(std::string_view path) {
  size_t slash = path.rfind('/');
  std::string name = ToLower(slash == std::string_view::npos
                                 ? path
                                 : path.substr(slash + 1));
  if (HasSuffix(name, ".d.ts")) return "text/plain";
  size_t dot = name.rfind('.');
  if (dot == std::string::npos) return "application/octet-stream";
  std::string_view ext = std::string_view(name).substr(dot + 1);
  struct Entry {
    const char* ext;
    const char* type;
  };
  static constexpr Entry kTypes[] = {
      {"html", "text/html; charset=utf-8"},
      {"htm", "text/html; charset=utf-8"},
      {"js", "text/javascript; charset=utf-8"},
      {"mjs", "text/javascript; charset=utf-8"},
      {"wasm", "application/wasm"},
      {"json", "application/json"},
      {"map", "application/json"},
      {"css", "text/css"},
      {"svg", "image/svg+xml"},
      {"png", "image/png"},
      {"jpg", "image/jpeg"},
      {"jpeg", "image/jpeg"},
      {"gif", "image/gif"},
      {"webp", "image/webp"},
      {"ico", "image/x-icon"},
      {"woff2", "font/woff2"},
      {"txt", "text/plain; charset=utf-8"},
      {"ndjson", "text/plain; charset=utf-8"},
      {"csv", "text/csv; charset=utf-8"},
  };
  for (const Entry& entry : kTypes) {
    if (ext == entry.ext) return entry.type;
  }
  return "application/octet-stream";
}

HttpResponse ServeStaticFile(const std::string& root_dir,
                             const std::string& url_path) {
  HttpResponse not_found = ErrorResponse(404);
  if (url_path.empty() || url_path.front() != '/') return not_found;
  if (url_path.find('\0') != std::string::npos) return not_found;

  // Rebuild the relative path segment by segment; ".." is refused outright
  // rather than normalised, since it's never needed by legitimate clients.
  std::string relative;
  size_t pos = 1;
  while (pos <= url_path.size()) {
    size_t next = url_path.find('/', pos);
    if (next == std::string::npos) next = url_path.size();
    std::string_view segment(url_path.data() + pos, next - pos);
    pos = next + 1;
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return not_found;
    relative += '/';
    relative += segment;
  }
  if (relative.empty() || url_path.back() == '/') relative += "/index.html";

  std::string root = RealPath(root_dir);
  if (root.empty()) return not_found;
  // realpath() also resolves symlinks, so links escaping the root are caught.
  std::string resolved = RealPath(root + relative);
  if (resolved.empty() || !IsUnderRoot(root, resolved)) return not_found;
  struct stat st {};
  if (::stat(resolved.c_str(), &st) != 0) return not_found;
  // Type follows the requested name, not a symlink target's name.
  std::string type_name = relative;
  if (S_ISDIR(st.st_mode)) {
    resolved = RealPath(resolved + "/index.html");
    if (resolved.empty() || !IsUnderRoot(root, resolved)) return not_found;
    type_name = "index.html";
  }

  HttpResponse resp;
  if (!ReadRegularFile(resolved, &resp.body)) return not_found;
  resp.content_type = MimeTypeForPath(type_name);
  return resp;
}

}  // namespace preclear::native
