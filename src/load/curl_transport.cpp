// HttpTransport over libcurl's easy interface. Easy handles are pooled so connections are
// reused across requests (and across threads, one handle per concurrent request).
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

#include "load/http_transport.h"

namespace strata::load {

namespace {

struct Transfer {
  const HttpRequest* request = nullptr;
  const BodySink* sink = nullptr;
  const HeadCheck* check_head = nullptr;
  CURL* handle = nullptr;
  HttpOutcome* outcome = nullptr;
  size_t upload_offset = 0;
  bool status_known = false;
  bool streaming = false;
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view line(data, size * count);
  if (line.substr(0, 5) == "HTTP/") {  // a new response (e.g. after 100 Continue): start over
    transfer->outcome->response.headers.clear();
    return line.size();
  }
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return line.size();
  std::string name(line.substr(0, colon));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string_view value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.remove_suffix(1);
  transfer->outcome->response.headers[name] = std::string(value);
  return line.size();
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t bytes = size * count;
  if (!transfer->status_known) {
    long status = 0;
    curl_easy_getinfo(transfer->handle, CURLINFO_RESPONSE_CODE, &status);
    transfer->streaming = transfer->sink && status >= 200 && status < 300;
    transfer->status_known = true;
    if (transfer->streaming && transfer->check_head) {
      transfer->outcome->response.status = status;
      Status accepted = (*transfer->check_head)(transfer->outcome->response);
      if (!accepted) {
        transfer->outcome->sink_error = std::move(accepted).error();
        return CURL_WRITEFUNC_ERROR;
      }
    }
  }
  if (!transfer->streaming) {
    transfer->outcome->response.body.append(data, bytes);
    return bytes;
  }
  Status status = (*transfer->sink)(std::string_view(data, bytes));
  if (!status) {
    transfer->outcome->sink_error = std::move(status).error();
    return CURL_WRITEFUNC_ERROR;
  }
  return bytes;
}

size_t on_upload(char* buffer, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string_view body = transfer->request->body;
  size_t n = std::min(size * count, body.size() - transfer->upload_offset);
  std::copy_n(body.data() + transfer->upload_offset, n, buffer);
  transfer->upload_offset += n;
  return n;
}

// Rewinding for a redirect or auth retry within libcurl.
int on_seek(void* user, curl_off_t offset, int origin) {
  auto* transfer = static_cast<Transfer*>(user);
  if (origin != SEEK_SET || offset < 0 || static_cast<size_t>(offset) > transfer->request->body.size())
    return CURL_SEEKFUNC_CANTSEEK;
  transfer->upload_offset = static_cast<size_t>(offset);
  return CURL_SEEKFUNC_OK;
}

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(const TransportOptions& options) : options_(options) {
    static std::once_flag init;  // curl_global_init is not thread-safe; once per process
    std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  }
  ~CurlTransport() override {
    for (CURL* handle : idle_) curl_easy_cleanup(handle);
  }

  HttpOutcome perform(const HttpRequest& request, const BodySink* sink, const HeadCheck* check_head) override {
    HttpOutcome outcome;
    CURL* handle = acquire();
    if (!handle) {
      outcome.transport_code = CURLE_OUT_OF_MEMORY;
      outcome.transport_error = "could not create a libcurl handle";
      return outcome;
    }
    Transfer transfer{&request, sink, check_head, handle, &outcome};
    curl_slist* headers = nullptr;
    for (const auto& [name, value] : request.headers) headers = curl_slist_append(headers, (name + ": " + value).c_str());
    // No "Expect: 100-continue" round trip, no default Accept; POST bodies are not forms.
    headers = curl_slist_append(headers, "Expect:");
    headers = curl_slist_append(headers, "Accept:");
    if (request.method == "POST") headers = curl_slist_append(headers, "Content-Type:");

    curl_easy_setopt(handle, CURLOPT_URL, request.url.c_str());
    curl_easy_setopt(handle, CURLOPT_PATH_AS_IS, 1L);  // keys like "a/../b" are literal
    curl_easy_setopt(handle, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT_MS, options_.connect_timeout_ms);
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_LIMIT, options_.low_speed_limit_bytes);
    curl_easy_setopt(handle, CURLOPT_LOW_SPEED_TIME, options_.low_speed_time_s);
    curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(handle, CURLOPT_HEADERDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, on_body);
    curl_easy_setopt(handle, CURLOPT_WRITEDATA, &transfer);
    curl_easy_setopt(handle, CURLOPT_BUFFERSIZE, 256L * 1024);
    curl_easy_setopt(handle, CURLOPT_UPLOAD_BUFFERSIZE, 512L * 1024);
    curl_easy_setopt(handle, CURLOPT_TCP_NODELAY, 1L);
    if (options_.verbose) curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);

    if (request.method == "HEAD") {
      curl_easy_setopt(handle, CURLOPT_NOBODY, 1L);
    } else if (request.method == "PUT") {
      curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
      curl_easy_setopt(handle, CURLOPT_READFUNCTION, on_upload);
      curl_easy_setopt(handle, CURLOPT_READDATA, &transfer);
      curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, on_seek);
      curl_easy_setopt(handle, CURLOPT_SEEKDATA, &transfer);
      curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method == "POST") {
      curl_easy_setopt(handle, CURLOPT_POST, 1L);
      curl_easy_setopt(handle, CURLOPT_POSTFIELDS, request.body.data());
      curl_easy_setopt(handle, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
    } else if (request.method != "GET") {
      curl_easy_setopt(handle, CURLOPT_CUSTOMREQUEST, request.method.c_str());
    }

    CURLcode code = curl_easy_perform(handle);
    long status = 0;
    curl_easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
    if (code == CURLE_OK) {
      outcome.responded = true;
      outcome.response.status = status;
    } else {
      outcome.transport_code = code;
      outcome.transport_error = curl_easy_strerror(code);
    }
    curl_slist_free_all(headers);
    release(handle);
    return outcome;
  }

 private:
  CURL* acquire() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        CURL* handle = idle_.back();
        idle_.pop_back();
        curl_easy_reset(handle);  // keeps the connection cache
        return handle;
      }
    }
    return curl_easy_init();
  }
  void release(CURL* handle) {
    std::lock_guard lock(mutex_);
    idle_.push_back(handle);
  }

  TransportOptions options_;
  std::mutex mutex_;
  std::vector<CURL*> idle_;
};

}  // namespace

std::shared_ptr<HttpTransport> make_curl_transport(const TransportOptions& options) {
  return std::make_shared<CurlTransport>(options);
}

}  // namespace strata::load
