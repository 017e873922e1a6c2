#pragma once
// The HTTP layer under the S3 client: one request in, one response (or a transport failure)
// out. The client signs and retries; the transport only moves bytes. Tests substitute a fake.
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace strata::load {

struct HttpRequest {
  std::string method;  // GET HEAD PUT POST DELETE
  std::string url;     // fully encoded
  std::vector<std::pair<std::string, std::string>> headers;
  std::string_view body;  // PUT/POST payload; must outlive perform()
};

struct HttpResponse {
  long status = 0;
  std::map<std::string, std::string> headers;  // names lower-cased
  std::string body;  // error bodies and small XML answers; empty when streamed to a sink
  std::string header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

// Receives a 2xx response body chunk by chunk; an error aborts the transfer.
using BodySink = std::function<Status(std::string_view chunk)>;

using HeadCheck = std::function<Status(const HttpResponse& head)>;

struct HttpOutcome {
  bool responded = false;       // an HTTP status was received (then `response` is set)
  int transport_code = 0;       // libcurl's CURLcode when the transfer failed
  std::string transport_error;  // its message
  std::optional<Error> sink_error;  // the sink refused data (e.g. disk full)
  HttpResponse response;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // Thread-safe. With a sink, 2xx bodies go to it; other bodies are buffered in response.body.
  // `check_head` (optional) sees a 2xx response's status and headers before any body byte
  // reaches the sink; an error from it aborts the transfer (reported as sink_error).
  virtual HttpOutcome perform(const HttpRequest& request, const BodySink* sink,
                              const HeadCheck* check_head = nullptr) = 0;
};

struct TransportOptions {
  long connect_timeout_ms = 10000;
  long low_speed_limit_bytes = 1024;  // abort a transfer slower than this...
  long low_speed_time_s = 30;         // ...for this long (no hang on a stalled server)
  bool verbose = false;               // libcurl's trace on stderr (STRATA_S3_DEBUG=1)
};

std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options);

}  // namespace strata::load
