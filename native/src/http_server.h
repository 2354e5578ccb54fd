// Minimal HTTP/1.1 server (POSIX sockets + std::thread) used by
// `preclear serve` to expose static files and JSON endpoints on loopback.
#ifndef PRECLEAR_NATIVE_HTTP_SERVER_H_
#define PRECLEAR_NATIVE_HTTP_SERVER_H_

#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace preclear::native {

struct HttpRequest {
  std::string method;  // Case-sensitive token, e.g. "GET".
  std::string target;  // Raw request-target as received.
  std::string path;    // Percent-decoded path, always starts with '/' (or "*").
  std::string query;   // Raw (not decoded) text after '?', without the '?'.
  std::vector<std::pair<std::string, std::string>> headers;  // Names lowercased.
  std::string body;

  // First header with the given (lowercase) name, or nullptr.
  const std::string* Header(std::string_view lower_name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  // Extra headers. Content-Length, Connection and Transfer-Encoding are
  // managed by the server and ignored here; a "Content-Type" entry overrides
  // content_type; a "Cache-Control" entry suppresses the no-store default.
  std::vector<std::pair<std::string, std::string>> headers;
};

using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 picks a free port.
  int threads = 2;  // Worker threads; each serves one connection at a time.
  size_t max_body_bytes = 16 << 20;
  size_t max_header_bytes = 64 << 10;
  int read_timeout_ms = 30000;  // Per request head / body inactivity / idle.
};

class HttpServer {
 public:
  HttpServer(HttpServerOptions options, HttpHandler handler);
  ~HttpServer();  // Run() must have returned before destruction.

  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. Returns false and fills *error (if non-null) on failure.
  bool Listen(std::string* error);
  // Actual bound port after a successful Listen().
  int port() const { return port_; }
  // Blocks serving connections until Stop(). Requires a successful Listen().
  void Run();
  // Thread-safe and async-signal-safe (atomic store + write to a pipe).
  // Run() returns shortly after; in-flight handlers finish first.
  void Stop();

 private:
  enum class ReadResult { kData, kEof, kTimeout, kStopped, kEvicted, kError };

  void AcceptLoop();
  void WorkerLoop();
  void ServeConnection(int fd);
  ReadResult ReadSome(int fd, std::string* buf, long long deadline_ms,
                      bool idle);
  bool HasPendingConnections();
  void LingeringClose(int fd);

  HttpServerOptions options_;
  HttpHandler handler_;
  int listen_fd_ = -1;
  int wake_read_fd_ = -1;   // Becomes readable (forever) once Stop() is called.
  int wake_write_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stopping_{false};

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<int> pending_;  // Accepted sockets waiting for a worker.
};

// Serves a file below root_dir for a decoded URL path ("/" and directories map
// to index.html). Anything missing, containing "..", or resolving outside
// root_dir (e.g. via symlinks) yields 404. Intended for GET/HEAD only.
HttpResponse ServeStaticFile(const std::string& root_dir,
                             const std::string& url_path);

// MIME type for a file name, by extension (case-insensitive).
std::string MimeTypeForPath(std::string_view path);

}  // namespace preclear::native

#endif  // PRECLEAR_NATIVE_HTTP_SERVER_H_
