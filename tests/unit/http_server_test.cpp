#include <boost/test/unit_test.hpp>

#include "http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

using preclear::native::HttpRequest;
using preclear::native::HttpResponse;
using preclear::native::HttpServer;
using preclear::native::HttpServerOptions;
using preclear::native::MimeTypeForPath;
using preclear::native::ServeStaticFile;

namespace fs = std::filesystem;

const char kIndexHtml[] = "<!doctype html><title>preclear</title>\n";
// Includes NUL bytes to prove binary bodies survive intact.
const std::string kWasmBytes("\0asm\x01\0\0\0", 8);

class TempDir {
 public:
  TempDir() {
    std::string tmpl = (fs::temp_directory_path() / "http_server_test.XXXXXX").string();
    if (::mkdtemp(tmpl.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = tmpl;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  void Write(const std::string& relative, const std::string& content) const {
    fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out << content;
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

struct Response {
  bool ok = false;  // False if the connection ended before a full response.
  std::string status_line;
  std::map<std::string, std::string> headers;  // Lowercased names.
  std::string body;

  std::string Get(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string("<missing>") : it->second;
  }
};

// Blocking loopback client that keeps leftover bytes between responses.
class Client {
 public:
  explicit Client(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    BOOST_REQUIRE(fd_ >= 0);
    timeval tv{};
    tv.tv_sec = 5;  // Never hang the test run on a server bug.
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    BOOST_REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
  }
  ~Client() { ::close(fd_); }
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  void Send(const std::string& data) {
    size_t sent = 0;
    while (sent < data.size()) {
      ssize_t n = ::send(fd_, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
      BOOST_REQUIRE(n > 0);
      sent += static_cast<size_t>(n);
    }
  }

  Response Read(bool head_request = false) {
    Response resp;
    size_t end;
    while ((end = buf_.find("\r\n\r\n")) == std::string::npos) {
      if (!Fill()) return resp;
    }
    std::string head = buf_.substr(0, end);
    buf_.erase(0, end + 4);
    size_t line_end = head.find("\r\n");
    resp.status_line = head.substr(0, line_end);
    while (line_end != std::string::npos) {
      size_t start = line_end + 2;
      line_end = head.find("\r\n", start);
      std::string line = head.substr(start, line_end == std::string::npos
                                                ? std::string::npos
                                                : line_end - start);
      size_t colon = line.find(':');
      if (colon == std::string::npos) continue;
      std::string name = line.substr(0, colon);
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      size_t value_start = line.find_first_not_of(' ', colon + 1);
      resp.headers[name] = value_start == std::string::npos ? "" : line.substr(value_start);
    }
    size_t length = 0;
    if (!head_request && resp.headers.count("content-length") != 0) {
      length = std::stoul(resp.headers["content-length"]);
    }
    while (buf_.size() < length) {
      if (!Fill()) return resp;
    }
    resp.body = buf_.substr(0, length);
    buf_.erase(0, length);
    resp.ok = true;
    return resp;
  }

  // True if the server closed the connection and sent nothing further.
  bool ClosedByServer() {
    if (!buf_.empty()) return false;
    char c;
    ssize_t n = ::recv(fd_, &c, 1, 0);
    return n == 0 || (n < 0 && errno == ECONNRESET);
  }

 private:
  bool Fill() {
    char chunk[4096];
    ssize_t n = ::recv(fd_, chunk, sizeof(chunk), 0);
    if (n <= 0) return false;
    buf_.append(chunk, static_cast<size_t>(n));
    return true;
  }

  int fd_ = -1;
  std::string buf_;
};

// Runs a server with test routes on an ephemeral loopback port.
class ServerFixture {
 public:
  ServerFixture() {
    dir_.Write("index.html", kIndexHtml);
    dir_.Write("app.wasm", kWasmBytes);
    dir_.Write("sub/index.html", "sub index");
    dir_.Write("data/types.d.ts", "export {};");
    HttpServerOptions options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 2;
    options.max_body_bytes = 1024;
    options.max_header_bytes = 4096;
    options.read_timeout_ms = 5000;
    std::string root = dir_.path().string();
    server_ = std::make_unique<HttpServer>(options, [root](const HttpRequest& req) {
      return Route(root, req);
    });
    std::string error;
    BOOST_REQUIRE_MESSAGE(server_->Listen(&error), error);
    BOOST_REQUIRE(server_->port() > 0);
    thread_ = std::thread([this] { server_->Run(); });
  }
  ~ServerFixture() { StopAndJoin(); }

  void StopAndJoin() {
    if (!thread_.joinable()) return;
    server_->Stop();
    thread_.join();
  }

  int port() const { return server_->port(); }
  const TempDir& dir() const { return dir_; }

  // One request on a fresh connection.
  Response Fetch(const std::string& raw, bool head_request = false) {
    Client client(port());
    client.Send(raw);
    return client.Read(head_request);
  }

 private:
  static HttpResponse Route(const std::string& root, const HttpRequest& req) {
    if (req.path == "/echo" && req.method == "POST") {
      HttpResponse resp;
      resp.content_type = "application/octet-stream";
      resp.body = req.body;
      return resp;
    }
    if (req.path == "/throw") throw std::runtime_error("boom");
    if (req.path.rfind("/info", 0) == 0) {
      HttpResponse resp;
      const std::string* agent = req.Header("x-test");
      resp.body = req.method + "|" + req.path + "|" + req.query + "|" +
                  (agent != nullptr ? *agent : std::string("-"));
      return resp;
    }
    if (req.method == "GET" || req.method == "HEAD") return ServeStaticFile(root, req.path);
    HttpResponse resp;
    resp.status = 405;
    resp.body = "Method Not Allowed\n";
    resp.headers.emplace_back("Allow", "GET, HEAD");
    return resp;
  }

  TempDir dir_;
  std::unique_ptr<HttpServer> server_;
  std::thread thread_;
};

std::string Get(const std::string& target) {
  return "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
}

}  // namespace

BOOST_AUTO_TEST_SUITE(http_server)

BOOST_AUTO_TEST_CASE(get_index_html) {
  ServerFixture fx;
  Response resp = fx.Fetch(Get("/"));
  BOOST_REQUIRE(resp.ok);
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.body == kIndexHtml);
  BOOST_TEST(resp.Get("content-type") == "text/html; charset=utf-8");
  BOOST_TEST(resp.Get("content-length") == std::to_string(sizeof(kIndexHtml) - 1));
  BOOST_TEST(resp.Get("cache-control") == "no-store");
  BOOST_TEST(resp.Get("connection") == "keep-alive");
}

BOOST_AUTO_TEST_CASE(get_wasm_content_type) {
  ServerFixture fx;
  Response resp = fx.Fetch(Get("/app.wasm"));
  BOOST_REQUIRE(resp.ok);
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.Get("content-type") == "application/wasm");
  BOOST_TEST(resp.body == kWasmBytes);
}

BOOST_AUTO_TEST_CASE(directory_serves_index_and_missing_is_404) {
  ServerFixture fx;
  Response resp = fx.Fetch(Get("/sub/"));
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.body == "sub index");
  resp = fx.Fetch(Get("/sub"));
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.Get("content-type") == "text/html; charset=utf-8");
  resp = fx.Fetch(Get("/data/types.d.ts"));
  BOOST_TEST(resp.Get("content-type") == "text/plain");
  resp = fx.Fetch(Get("/nope.html"));
  BOOST_TEST(resp.status_line == "HTTP/1.1 404 Not Found");
  BOOST_TEST(resp.Get("content-type") == "text/plain; charset=utf-8");
}

BOOST_AUTO_TEST_CASE(path_traversal_is_404) {
  ServerFixture fx;
  // A secret beside the root and a symlink inside the root pointing at it.
  TempDir outside;
  outside.Write("secret.txt", "secret");
  fs::create_symlink(outside.path() / "secret.txt", fx.dir().path() / "link.txt");
  for (const char* target :
       {"/../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/sub/..%2f..%2f..%2fetc/passwd",
        "/sub/../index.html", "/link.txt"}) {
    Response resp = fx.Fetch(Get(target));
    BOOST_TEST_INFO("target " << target);
    BOOST_TEST(resp.status_line == "HTTP/1.1 404 Not Found");
    BOOST_TEST(resp.body.find("secret") == std::string::npos);
  }
}

BOOST_AUTO_TEST_CASE(post_echo_body) {
  ServerFixture fx;
  Response resp = fx.Fetch(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello world");
  BOOST_REQUIRE(resp.ok);
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.body == "hello world");
  BOOST_TEST(resp.Get("content-type") == "application/octet-stream");
}

BOOST_AUTO_TEST_CASE(path_decoding_and_query_split) {
  ServerFixture fx;
  Response resp = fx.Fetch(
      "GET /info/a%20b%2Fc?x=1&y=%20 HTTP/1.1\r\nHost: x\r\nX-Test:  v1 \r\n\r\n");
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.body == "GET|/info/a b/c|x=1&y=%20|v1");
}

BOOST_AUTO_TEST_CASE(keep_alive_two_requests_one_connection) {
  ServerFixture fx;
  Client client(fx.port());
  client.Send(Get("/"));
  Response first = client.Read();
  BOOST_TEST(first.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(first.body == kIndexHtml);
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc");
  Response second = client.Read();
  BOOST_TEST(second.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(second.body == "abc");
  // Pipelined: both requests in one write.
  client.Send(Get("/app.wasm") + Get("/info"));
  BOOST_TEST(client.Read().body == kWasmBytes);
  BOOST_TEST(client.Read().body == "GET|/info||-");
}

BOOST_AUTO_TEST_CASE(connection_close_and_http10) {
  ServerFixture fx;
  {
    Client client(fx.port());
    client.Send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    Response resp = client.Read();
    BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
    BOOST_TEST(resp.Get("connection") == "close");
    BOOST_TEST(client.ClosedByServer());
  }
  {
    Client client(fx.port());
    client.Send("GET / HTTP/1.0\r\n\r\n");
    Response resp = client.Read();
    BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
    BOOST_TEST(resp.Get("connection") == "close");
    BOOST_TEST(client.ClosedByServer());
  }
  {
    Client client(fx.port());
    client.Send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n");
    BOOST_TEST(client.Read().Get("connection") == "keep-alive");
    client.Send("GET /info HTTP/1.0\r\n\r\n");
    BOOST_TEST(client.Read().body == "GET|/info||-");
  }
}

BOOST_AUTO_TEST_CASE(content_length_too_large_is_413) {
  ServerFixture fx;
  Client client(fx.port());
  // Only headers are sent: the server must answer without waiting for a body.
  client.Send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 1025\r\n\r\n");
  Response resp = client.Read();
  BOOST_TEST(resp.status_line == "HTTP/1.1 413 Content Too Large");
  BOOST_TEST(resp.Get("connection") == "close");
  BOOST_TEST(client.ClosedByServer());
  resp = fx.Fetch("POST /echo HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n");
  BOOST_TEST(resp.status_line == "HTTP/1.1 413 Content Too Large");
}

BOOST_AUTO_TEST_CASE(malformed_requests_are_400) {
  ServerFixture fx;
  for (const char* raw : {
           "garbage\r\n\r\n",
           "GET /\r\n\r\n",
           "GET  / HTTP/1.1\r\n\r\n",
           "GET / HTTP/1.1 extra\r\n\r\n",
           "GET / HTTX/1.1\r\n\r\n",
           "G(T / HTTP/1.1\r\n\r\n",
           "GET nopath HTTP/1.1\r\n\r\n",
           "GET /%zz HTTP/1.1\r\n\r\n",
           "GET /a%00b HTTP/1.1\r\n\r\n",
           "GET /a%4 HTTP/1.1\r\n\r\n",
           "GET / HTTP/1.1\r\nNo colon here\r\n\r\n",
           "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",
           "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
           "POST /echo HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
           "POST /echo HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
           "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
       }) {
    Client client(fx.port());
    client.Send(raw);
    Response resp = client.Read();
    BOOST_TEST_INFO("request " << raw);
    BOOST_TEST(resp.status_line == "HTTP/1.1 400 Bad Request");
    BOOST_TEST(client.ClosedByServer());
  }
}

BOOST_AUTO_TEST_CASE(unsupported_features_and_limits) {
  ServerFixture fx;
  BOOST_TEST(fx.Fetch("GET / HTTP/2.0\r\n\r\n").status_line ==
             "HTTP/1.1 505 HTTP Version Not Supported");
  BOOST_TEST(fx.Fetch("POST /echo HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                      "3\r\nabc\r\n0\r\n\r\n")
                 .status_line == "HTTP/1.1 501 Not Implemented");
  BOOST_TEST(fx.Fetch("GET / HTTP/1.1\r\nX-Big: " + std::string(5000, 'a') + "\r\n\r\n")
                 .status_line == "HTTP/1.1 431 Request Header Fields Too Large");
  Response resp = fx.Fetch("PUT /x HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
  BOOST_TEST(resp.status_line == "HTTP/1.1 405 Method Not Allowed");
  BOOST_TEST(resp.Get("allow") == "GET, HEAD");
}

BOOST_AUTO_TEST_CASE(handler_exception_is_500_and_server_survives) {
  ServerFixture fx;
  Client client(fx.port());
  client.Send(Get("/throw"));
  Response resp = client.Read();
  BOOST_TEST(resp.status_line == "HTTP/1.1 500 Internal Server Error");
  BOOST_TEST(resp.body == "Internal Server Error\n");
  // Same connection still usable, and so is a new one.
  client.Send(Get("/info"));
  BOOST_TEST(client.Read().status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(fx.Fetch(Get("/")).status_line == "HTTP/1.1 200 OK");
}

BOOST_AUTO_TEST_CASE(head_has_no_body) {
  ServerFixture fx;
  Client client(fx.port());
  client.Send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n");
  Response resp = client.Read(/*head_request=*/true);
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(resp.Get("content-length") == std::to_string(sizeof(kIndexHtml) - 1));
  BOOST_TEST(resp.body.empty());
  // If a body had been sent, it would precede this status line.
  client.Send(Get("/info"));
  Response next = client.Read();
  BOOST_TEST(next.status_line == "HTTP/1.1 200 OK");
  BOOST_TEST(next.body == "GET|/info||-");
}

BOOST_AUTO_TEST_CASE(stop_wakes_idle_connections) {
  ServerFixture fx;
  Client idle(fx.port());
  idle.Send(Get("/"));
  BOOST_REQUIRE(idle.Read().ok);
  Client partial(fx.port());
  partial.Send("GET / HTTP/1.1\r\n");  // Never finished.
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  auto start = std::chrono::steady_clock::now();
  fx.StopAndJoin();
  auto elapsed = std::chrono::steady_clock::now() - start;
  BOOST_TEST(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() < 2000);
  BOOST_TEST(idle.ClosedByServer());
}

BOOST_AUTO_TEST_CASE(more_connections_than_threads) {
  ServerFixture fx;  // Two workers; idle keep-alive connections must yield.
  Client a(fx.port());
  Client b(fx.port());
  a.Send(Get("/info"));
  b.Send(Get("/info"));
  BOOST_REQUIRE(a.Read().ok);
  BOOST_REQUIRE(b.Read().ok);
  Client c(fx.port());
  c.Send(Get("/info"));
  Response resp = c.Read();
  BOOST_TEST(resp.status_line == "HTTP/1.1 200 OK");
}

BOOST_AUTO_TEST_CASE(stop_before_run_and_listen_errors) {
  HttpServerOptions options;
  options.port = 0;
  HttpServer server(options, [](const HttpRequest&) { return HttpResponse(); });
  std::string error;
  BOOST_REQUIRE(server.Listen(&error));
  server.Stop();
  server.Run();  // Must return immediately.

  HttpServerOptions taken;
  taken.port = server.port();
  HttpServer second(taken, [](const HttpRequest&) { return HttpResponse(); });
  BOOST_TEST(!second.Listen(&error));
  BOOST_TEST(!error.empty());
}

BOOST_AUTO_TEST_CASE(mime_types) {
  BOOST_TEST(MimeTypeForPath("/a/index.HTML") == "text/html; charset=utf-8");
  BOOST_TEST(MimeTypeForPath("x.js") == "text/javascript; charset=utf-8");
  BOOST_TEST(MimeTypeForPath("x.mjs") == "text/javascript; charset=utf-8");
  BOOST_TEST(MimeTypeForPath("x.wasm") == "application/wasm");
  BOOST_TEST(MimeTypeForPath("x.json") == "application/json");
  BOOST_TEST(MimeTypeForPath("x.css") == "text/css");
  BOOST_TEST(MimeTypeForPath("x.svg") == "image/svg+xml");
  BOOST_TEST(MimeTypeForPath("x.png") == "image/png");
  BOOST_TEST(MimeTypeForPath("x.txt") == "text/plain; charset=utf-8");
  BOOST_TEST(MimeTypeForPath("x.ndjson") == "text/plain; charset=utf-8");
  BOOST_TEST(MimeTypeForPath("x.d.ts") == "text/plain");
  BOOST_TEST(MimeTypeForPath("x.bin") == "application/octet-stream");
  BOOST_TEST(MimeTypeForPath("Makefile") == "application/octet-stream");
  BOOST_TEST(MimeTypeForPath("dir.d/file") == "application/octet-stream");
}

BOOST_AUTO_TEST_SUITE_END()
