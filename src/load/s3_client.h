#pragma once
// strata's S3 client: the object-store API that `strata stage` and `strata load` use.
//
//   auto client = S3Client::from_environment();           // AWS_* variables / profiles
//   if (!client) { report(client.error()); ... }
//   auto objects = (*client)->list_objects("bucket", "raw/movielens/");
//   for (const ObjectInfo& o : *objects) { o.key; o.size; o.etag; o.last_modified; }
//   (*client)->download_to_file("bucket", "raw/ratings.csv", "/tmp/ratings.csv");  // parallel ranges
//   (*client)->get_object("bucket", "raw/movies.csv", [&](std::string_view chunk) { ...; return Status(); });
//   (*client)->upload_file("bucket", "raw/ratings.csv", "data/ratings.csv");       // multipart if large
//
// Every request is signed with SigV4 (x-amz-content-sha256 = SHA-256 of the body), retried
// with backoff on throttling/5xx/connection errors (RetryPolicy), and checked: Content-MD5 on
// uploads, each part's ETag against its MD5, the multipart ETag against the parts, downloaded
// sizes against Content-Length/HEAD, and single-part objects' bytes against their MD5 ETag.
// Errors name the resource, the endpoint and S3's error code and message (see s3_errors.h).
//
// Thread-safety: all methods are const and may be called concurrently from several threads.
// Memory: downloads stream (never the whole object); uploads hold at most `parallelism`
// parts of `part_size` bytes.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "load/aws_credentials.h"
#include "load/digest.h"
#include "load/http_transport.h"
#include "load/retry_policy.h"
#include "load/s3_errors.h"
#include "load/s3_url.h"
#include "load/s3_xml.h"

namespace strata::load {

inline constexpr uint64_t kMiB = 1024 * 1024;

struct S3ClientOptions {
  AwsSettings settings;                 // credentials, region, endpoint, addressing
  TransportOptions transport;           // timeouts
  RetryPolicy retry;
  uint64_t multipart_threshold = 16 * kMiB;  // upload_file: multipart above this size
  uint64_t part_size = 16 * kMiB;            // upload part size (S3: >= 5 MiB except the last)
  uint64_t download_part_size = 16 * kMiB;   // download_to_file: size of each ranged GET
  int parallelism = 4;                       // concurrent part uploads / ranged GETs
};

// Bytes [offset, offset + length) of an object.
struct ByteRange {
  uint64_t offset = 0;
  uint64_t length = 0;
};

struct GetOptions {
  std::optional<ByteRange> range;  // whole object when unset
  std::string if_match;            // fail if the object's ETag (checked on every response) is not this
  bool verify_md5 = true;          // whole-object reads of single-part objects: MD5 vs ETag
};

struct DownloadOptions {
  bool verify_md5 = true;  // single-part objects: MD5 of the file vs the ETag (re-reads a
                           // parallel download's file once, from the page cache)
};

struct UploadResult {
  std::string etag;
  uint64_t size = 0;
  int parts = 0;  // 0 for a single PUT
};

// Called after each finished part (upload) or range (download) with bytes done so far; calls
// come from worker threads but never overlap.
using ProgressCallback = std::function<void(uint64_t bytes_done, uint64_t bytes_total)>;

class S3Client {
 public:
  // transport: nullptr = libcurl; retry_env: sleeping and randomness (tests fake them).
  static Result<std::unique_ptr<S3Client>> create(S3ClientOptions options,
                                                  std::shared_ptr<HttpTransport> transport = nullptr,
                                                  RetryEnvironment retry_env = RetryEnvironment::system());
  // Settings from the process environment and ~/.aws (resolve_aws_settings), then `adjust`.
  static Result<std::unique_ptr<S3Client>> from_environment(
      const std::function<void(S3ClientOptions&)>& adjust = nullptr);

  const S3ClientOptions& options() const { return options_; }
  std::string endpoint() const { return endpoint_.str(); }

  // --- Reading --------------------------------------------------------------------------
  // One ListObjectsV2 page (max_keys <= 1000). An empty token starts at the beginning.
  Result<ListPage> list_objects_page(const std::string& bucket, const std::string& prefix,
                                     const std::string& continuation_token = "", int max_keys = 1000,
                                     const std::string& delimiter = "") const;
  // Every object under the prefix (all pages), in S3's key order (UTF-8 binary order).
  Result<std::vector<ObjectInfo>> list_objects(const std::string& bucket, const std::string& prefix,
                                               int page_size = 1000) const;
  // Size, ETag and Last-Modified (ISO 8601) of one object; a missing one is a 404 NotFound error.
  Result<ObjectInfo> head_object(const std::string& bucket, const std::string& key) const;
  // Streams the object (or a range) to `sink` in order, chunk by chunk. A dropped connection
  // resumes where it stopped (a ranged GET pinned to the first response's ETag), so the sink
  // sees every byte exactly once. Returns the object's info (size = the whole object's size).
  Result<ObjectInfo> get_object(const std::string& bucket, const std::string& key, const BodySink& sink,
                                const GetOptions& options = {}) const;
  // Like get_object, but objects larger than download_part_size are fetched as `parallelism`
  // concurrent ranged GETs and handed to the sink in order, from the calling thread. Memory
  // is bounded: at most 2 x parallelism parts are buffered. Single-part objects are checked
  // against their MD5 ETag. For feeding a parser/pipe at more than one connection's speed.
  Result<ObjectInfo> get_object_parallel(const std::string& bucket, const std::string& key, const BodySink& sink,
                                         const ProgressCallback& progress = nullptr) const;
  // Small objects / ranges into memory.
  Result<std::string> get_object_string(const std::string& bucket, const std::string& key,
                                        std::optional<ByteRange> range = std::nullopt) const;
  // Writes the object to `path` (created or truncated). Objects larger than
  // download_part_size are fetched as parallel ranged GETs written at their offsets.
  // On failure the partial file is removed.
  Result<ObjectInfo> download_to_file(const std::string& bucket, const std::string& key, const std::string& path,
                                      const DownloadOptions& options = {},
                                      const ProgressCallback& progress = nullptr) const;

  // --- Writing --------------------------------------------------------------------------
  // PUT of an in-memory body with Content-MD5; returns the ETag (checked against the MD5).
  Result<std::string> put_object(const std::string& bucket, const std::string& key, std::string_view data) const;
  // A local file: one PUT up to multipart_threshold, else a parallel multipart upload
  // (aborted on failure so no orphaned parts remain).
  Result<UploadResult> upload_file(const std::string& bucket, const std::string& key, const std::string& path,
                                   const ProgressCallback& progress = nullptr) const;
  // The multipart primitives upload_file is made of.
  Result<std::string> create_multipart_upload(const std::string& bucket, const std::string& key) const;
  Result<std::string> upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                  int part_number, std::string_view data) const;  // the part's ETag
  // The same with the part's MD5 already computed (upload_file needs it for the final ETag check).
  Result<std::string> upload_part(const std::string& bucket, const std::string& key, const std::string& upload_id,
                                  int part_number, std::string_view data, const Md5Digest& data_md5) const;
  Result<std::string> complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                const std::string& upload_id,
                                                const std::vector<CompletedPart>& parts) const;
  Status abort_multipart_upload(const std::string& bucket, const std::string& key, const std::string& upload_id) const;

  // PUT bucket; succeeds if the bucket already exists and is ours.
  Status create_bucket(const std::string& bucket) const;
  Status delete_object(const std::string& bucket, const std::string& key) const;

  // Internal request description, public for the implementation's helpers.
  struct Request {
    std::string method;
    std::string bucket;
    std::string key;
    QueryParams query;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string_view body;
    std::string resource;  // for errors; defaults to s3://bucket/key
  };

 private:
  S3Client(S3ClientOptions options, Endpoint endpoint, std::shared_ptr<HttpTransport> transport,
           RetryEnvironment retry_env);

  // Signs and sends once (fresh date per attempt).
  HttpOutcome send_once(const Request& request, const std::string& payload_sha256, const BodySink* sink = nullptr,
                        const HeadCheck* check_head = nullptr) const;
  // Sends with retries; any non-2xx answer becomes an Error (and its S3 code goes to
  // *error_code when given). No sink: body buffered.
  Result<HttpResponse> send(const Request& request, std::string* error_code = nullptr) const;
  S3ErrorContext error_context(const Request& request) const;
  Error error_from(const Request& request, const HttpOutcome& outcome, int attempts) const;

  S3ClientOptions options_;
  Endpoint endpoint_;
  std::shared_ptr<HttpTransport> transport_;
  RetryEnvironment retry_env_;
};

}  // namespace strata::load
