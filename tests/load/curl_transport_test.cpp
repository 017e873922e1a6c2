// The libcurl transport's "never hang" guarantees against real sockets on loopback: a server
// that accepts the connection but never answers, and a port where nothing listens.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>

#include "load/http_transport.h"
#include "load/retry_policy.h"

namespace strata::load {
namespace {

// A listening socket nobody accept()s: the kernel completes the TCP handshake, then silence.
struct SilentServer {
  int fd = -1;
  int port = 0;
  SilentServer() {
    fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd, 4) != 0) return;
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
  }
  ~SilentServer() { ::close(fd); }
};

TEST(CurlTransport, StalledServerTimesOutInsteadOfHanging) {
  SilentServer server;
  ASSERT_GT(server.port, 0);
  TransportOptions options;
  options.low_speed_time_s = 1;
  auto transport = make_curl_transport(options);
  HttpRequest request{"GET", "http://127.0.0.1:" + std::to_string(server.port) + "/bucket/key", {}, {}};
  auto start = std::chrono::steady_clock::now();
  HttpOutcome outcome = transport->perform(request, nullptr);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(outcome.responded);
  EXPECT_NE(outcome.transport_error.find("Timeout"), std::string::npos) << outcome.transport_error;
  EXPECT_TRUE(is_retryable_transport(outcome.transport_code));
  EXPECT_LT(seconds, 10.0);
}

TEST(CurlTransport, RefusedConnectionIsATransportFailure) {
  int port = 0;
  {
    SilentServer server;  // find a free port, then close it
    port = server.port;
  }
  auto transport = make_curl_transport(TransportOptions{});
  HttpRequest request{"GET", "http://127.0.0.1:" + std::to_string(port) + "/", {}, {}};
  HttpOutcome outcome = transport->perform(request, nullptr);
  EXPECT_FALSE(outcome.responded);
  EXPECT_EQ(outcome.transport_error, "Couldn't connect to server");
  EXPECT_TRUE(is_retryable_transport(outcome.transport_code));
}

}  // namespace
}  // namespace strata::load
