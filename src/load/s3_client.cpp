#include "load/s3_client.h"

#include <algorithm>
#include <cstdio>

#include "load/digest.h"
#include "load/etag.h"
#include "load/s3_errors.h"
#include "load/sigv4.h"

namespace strata::load {

namespace {

bool is_2xx(long status) { return status >= 200 && status < 300; }

// "bytes 0-9/1234" -> start 0, end 9, total 1234 ('*' total -> 0).
bool parse_content_range(const std::string& value, uint64_t& start, uint64_t& end, uint64_t& total) {
  unsigned long long s = 0, e = 0, t = 0;
  if (std::sscanf(value.c_str(), "bytes %llu-%llu/%llu", &s, &e, &t) == 3) {
    start = s, end = e, total = t;
    return true;
  }
  if (std::sscanf(value.c_str(), "bytes %llu-%llu/*", &s, &e) == 2) {
    start = s, end = e, total = 0;
    return true;
  }
  return false;
}

uint64_t parse_u64(const std::string& text) {
  try {
    return text.empty() ? 0 : std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

}  // namespace

S3Client::S3Client(S3ClientOptions options, Endpoint endpoint, std::shared_ptr<HttpTransport> transport,
                   RetryEnvironment retry_env)
    : options_(std::move(options)), endpoint_(std::move(endpoint)), transport_(std::move(transport)),
      retry_env_(std::move(retry_env)) {}

Result<std::unique_ptr<S3Client>> S3Client::create(S3ClientOptions options, std::shared_ptr<HttpTransport> transport,
                                                   RetryEnvironment retry_env) {
  Endpoint endpoint;
  if (options.settings.endpoint_url.empty()) {
    endpoint = aws_endpoint(options.settings.region);
  } else {
    auto parsed = parse_endpoint(options.settings.endpoint_url);
    if (!parsed) return std::move(parsed).error();
    endpoint = *parsed;
  }
  if (options.part_size == 0 || options.download_part_size == 0)
    return Error(ErrorCode::Usage, "S3 part sizes must be positive");
  options.parallelism = std::clamp(options.parallelism, 1, 64);
  options.retry.max_attempts = std::max(options.retry.max_attempts, 1);
  if (!transport) transport = make_curl_transport(options.transport);
  if (!retry_env.sleep || !retry_env.random01) retry_env = RetryEnvironment::system();
  return std::unique_ptr<S3Client>(
      new S3Client(std::move(options), std::move(endpoint), std::move(transport), std::move(retry_env)));
}

Result<std::unique_ptr<S3Client>> S3Client::from_environment(const std::function<void(S3ClientOptions&)>& adjust) {
  auto settings = resolve_aws_settings(ConfigSource::system());
  if (!settings) return std::move(settings).error();
  S3ClientOptions options;
  options.settings = std::move(*settings);
  if (const char* debug = std::getenv("STRATA_S3_DEBUG"); debug && std::string(debug) == "1")
    options.transport.verbose = true;
  if (adjust) adjust(options);
  return create(std::move(options));
}

// --- Request plumbing ---------------------------------------------------------------------

S3ErrorContext S3Client::error_context(const Request& request) const {
  S3ErrorContext context;
  context.resource = request.resource.empty() ? "s3://" + request.bucket + "/" + request.key : request.resource;
  context.endpoint = endpoint_.str();
  context.credentials_source = options_.settings.credentials_source;
  context.region = options_.settings.region;
  return context;
}

HttpOutcome S3Client::send_once(const Request& request, const std::string& payload_sha256, const BodySink* sink,
                                const HeadCheck* check_head) const {
  RequestTarget target = request_target(endpoint_, options_.settings.addressing, request.bucket, request.key);
  SignableRequest signable;
  signable.method = request.method;
  signable.host = target.host;
  signable.encoded_path = target.path;
  signable.canonical_query = canonical_query(request.query);
  signable.headers = request.headers;
  signable.payload_sha256 = payload_sha256;
  SigningKeys keys{options_.settings.access_key_id, options_.settings.secret_access_key,
                   options_.settings.session_token, options_.settings.region};
  SignedHeaders signed_headers = sign_request(signable, keys, amz_date_now());

  HttpRequest http;
  http.method = request.method;
  http.url = target.url(signable.canonical_query);
  http.headers = std::move(signed_headers.headers);
  http.body = request.body;
  return transport_->perform(http, sink, check_head);
}

Error S3Client::error_from(const Request& request, const HttpOutcome& outcome, int attempts) const {
  S3ErrorContext context = error_context(request);
  if (outcome.sink_error) return *outcome.sink_error;
  if (!outcome.responded) {
    RequestTarget target = request_target(endpoint_, options_.settings.addressing, request.bucket, request.key);
    return s3_transport_error(context, target.url(canonical_query(request.query)), outcome.transport_error, attempts);
  }
  return s3_http_error(context, outcome.response.status, parse_error_body(outcome.response.body));
}

Result<HttpResponse> S3Client::send(const Request& request, std::string* error_code) const {
  std::string payload_hash = request.body.empty() ? std::string(kEmptyPayloadSha256) : sha256_hex(request.body);
  for (int attempt = 1;; ++attempt) {
    HttpOutcome outcome = send_once(request, payload_hash);
    if (outcome.responded && is_2xx(outcome.response.status)) return std::move(outcome.response);
    std::string code = outcome.responded ? parse_error_body(outcome.response.body).code : std::string();
    bool retryable = outcome.responded ? is_retryable_http(outcome.response.status, code)
                                       : is_retryable_transport(outcome.transport_code);
    if (!should_retry(options_.retry, attempt, retryable)) {
      if (error_code) *error_code = code;
      return error_from(request, outcome, attempt);
    }
    retry_env_.sleep(backoff_delay(options_.retry, attempt, retry_env_.random01()));
  }
}

// --- Listing and metadata -----------------------------------------------------------------

Result<ListPage> S3Client::list_objects_page(const std::string& bucket, const std::string& prefix,
                                             const std::string& continuation_token, int max_keys,
                                             const std::string& delimiter) const {
  Request request;
  request.method = "GET";
  request.bucket = bucket;
  request.query = {{"list-type", "2"}, {"encoding-type", "url"}, {"max-keys", std::to_string(std::clamp(max_keys, 1, 1000))}};
  request.query.emplace_back("prefix", prefix);
  if (!continuation_token.empty()) request.query.emplace_back("continuation-token", continuation_token);
  if (!delimiter.empty()) request.query.emplace_back("delimiter", delimiter);
  request.resource = "s3://" + bucket + "/" + prefix + " (list)";
  auto response = send(request);
  if (!response) return std::move(response).error();
  auto page = parse_list_objects_v2(response->body, true);
  if (!page) {
    Error error = std::move(page).error();
    error.message = request.resource + " from " + endpoint_.str() + ": " + error.message;
    return error;
  }
  return page;
}

Result<std::vector<ObjectInfo>> S3Client::list_objects(const std::string& bucket, const std::string& prefix,
                                                       int page_size) const {
  std::vector<ObjectInfo> objects;
  std::string token;
  do {
    auto page = list_objects_page(bucket, prefix, token, page_size);
    if (!page) return std::move(page).error();
    for (ObjectInfo& object : page->objects) objects.push_back(std::move(object));
    if (page->truncated && page->next_continuation_token == token)
      return Error(ErrorCode::Network, "s3://" + bucket + "/" + prefix + ": the server repeated a continuation token");
    token = page->truncated ? page->next_continuation_token : std::string();
  } while (!token.empty());
  return objects;
}

Result<ObjectInfo> S3Client::head_object(const std::string& bucket, const std::string& key) const {
  Request request{"HEAD", bucket, key, {}, {}, {}, {}};
  auto response = send(request);
  if (!response) return std::move(response).error();
  ObjectInfo info;
  info.key = key;
  info.size = parse_u64(response->header("content-length"));
  info.etag = unquote_etag(response->header("etag"));
  info.last_modified = http_date_to_iso8601(response->header("last-modified"));
  return info;
}

// --- Downloads ----------------------------------------------------------------------------

Result<ObjectInfo> S3Client::get_object(const std::string& bucket, const std::string& key, const BodySink& sink,
                                        const GetOptions& options) const {
  Request request{"GET", bucket, key, {}, {}, {}, {}};
  ObjectInfo info;
  info.key = key;
  info.etag = unquote_etag(options.if_match);
  if (options.range && options.range->length == 0) {  // "bytes=5-4" is not a range: ask HEAD instead
    auto head = head_object(bucket, key);
    if (!head) return std::move(head).error();
    return *head;
  }
  uint64_t delivered = 0;
  std::optional<uint64_t> expected;  // bytes this read should deliver in total
  bool verify_md5 = options.verify_md5 && !options.range;
  bool md5_applicable = false;
  Md5Stream md5;

  BodySink counting_sink = [&](std::string_view chunk) -> Status {
    delivered += chunk.size();
    if (verify_md5) md5.update(chunk);
    return sink(chunk);
  };

  for (int attempt = 1;; ++attempt) {
    uint64_t start = (options.range ? options.range->offset : 0) + delivered;
    bool ranged = options.range.has_value() || delivered > 0;
    request.headers.clear();
    if (ranged) {
      std::string value = "bytes=" + std::to_string(start) + "-";
      if (options.range) value += std::to_string(options.range->offset + options.range->length - 1);
      request.headers.emplace_back("Range", value);
    }
    const S3ErrorContext context = error_context(request);
    HeadCheck check_head = [&](const HttpResponse& head) -> Status {
      std::string etag = unquote_etag(head.header("etag"));
      if (!info.etag.empty() && etag != info.etag)
        return Error(ErrorCode::Network, context.resource + ": the object changed while it was read (ETag " + info.etag +
                                             " became " + etag + ")")
            .with_hint("run the command again");
      if (info.etag.empty()) info.etag = etag;
      if (info.last_modified.empty()) info.last_modified = http_date_to_iso8601(head.header("last-modified"));
      uint64_t length = parse_u64(head.header("content-length"));
      if (ranged) {
        uint64_t got_start = 0, got_end = 0, total = 0;
        if (head.status != 206 || !parse_content_range(head.header("content-range"), got_start, got_end, total) ||
            got_start != start)
          return Error(ErrorCode::Network, context.resource + ": " + endpoint_.str() +
                                               " ignored the byte range " + std::to_string(start) + "- (status " +
                                               std::to_string(head.status) + ")");
        info.size = total;
        if (!expected) expected = delivered + (got_end - got_start + 1);
      } else {
        info.size = length;
        expected = length;
        md5_applicable = etag_is_content_md5(head, info.etag);
      }
      return {};
    };

    HttpOutcome outcome = send_once(request, std::string(kEmptyPayloadSha256), &counting_sink, &check_head);
    if (outcome.responded && is_2xx(outcome.response.status)) {
      if (!expected) {  // an empty body: check_head never ran
        STRATA_TRY(check_head(outcome.response));
      }
      if (delivered != expected.value_or(delivered))
        return Error(ErrorCode::Network, context.resource + ": received " + std::to_string(delivered) +
                                             " bytes but expected " + std::to_string(*expected) + " from " +
                                             endpoint_.str())
            .with_hint("the transfer was cut short; run the command again");
      if (verify_md5 && md5_applicable) {
        std::string actual = hex(md5.finish());
        if (!md5_matches_etag(actual, info.etag))
          return Error(ErrorCode::Network, context.resource + ": downloaded bytes have MD5 " + actual +
                                               " but the object's ETag is " + info.etag)
              .with_hint("the data was corrupted in transit; run the command again");
      }
      return info;
    }
    bool retryable = !outcome.sink_error &&
                     (outcome.responded ? is_retryable_http(outcome.response.status,
                                                            parse_error_body(outcome.response.body).code)
                                        : is_retryable_transport(outcome.transport_code));
    if (!should_retry(options_.retry, attempt, retryable)) return error_from(request, outcome, attempt);
    retry_env_.sleep(backoff_delay(options_.retry, attempt, retry_env_.random01()));
  }
}

Result<std::string> S3Client::get_object_string(const std::string& bucket, const std::string& key,
                                                std::optional<ByteRange> range) const {
  std::string out;
  GetOptions options;
  options.range = range;
  auto info = get_object(
      bucket, key,
      [&](std::string_view chunk) -> Status {
        out.append(chunk);
        return {};
      },
      options);
  if (!info) return std::move(info).error();
  return out;
}

// --- Buckets and deletes ------------------------------------------------------------------

Status S3Client::create_bucket(const std::string& bucket) const {
  std::string body;
  if (endpoint_.is_aws && options_.settings.region != "us-east-1")
    body = "<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>" +
           options_.settings.region + "</LocationConstraint></CreateBucketConfiguration>";
  Request request{"PUT", bucket, "", {}, {}, body, "s3://" + bucket + "/ (create bucket)"};
  std::string code;
  auto response = send(request, &code);
  if (response) return {};
  // Already there: fine if it is ours (S3 says BucketAlreadyOwnedByYou; Swift BucketAlreadyExists).
  if (code == "BucketAlreadyOwnedByYou") return {};
  if (code == "BucketAlreadyExists") {
    Request head{"HEAD", bucket, "", {}, {}, {}, "s3://" + bucket + "/"};
    if (send(head)) return {};
  }
  return std::move(response).error();
}

Status S3Client::delete_object(const std::string& bucket, const std::string& key) const {
  Request request{"DELETE", bucket, key, {}, {}, {}, {}};
  auto response = send(request);
  if (!response) return std::move(response).error();
  return {};
}

}  // namespace strata::load
