// S3Client uploads: PutObject with Content-MD5, multipart uploads with parallel parts.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>

#include "load/etag.h"
#include "load/file_io.h"
#include "load/parallel.h"
#include "load/s3_client.h"

namespace strata::load {

namespace {
// The server's ETag for an uploaded body must be the MD5 we sent (unless encryption hides it).
Status check_upload_etag(const HttpResponse& response, const std::string& md5_hex, const std::string& resource,
                         const std::string& endpoint) {
  std::string etag = unquote_etag(response.header("etag"));
  if (etag.empty() || !etag_is_content_md5(response, etag)) return {};
  if (!md5_matches_etag(md5_hex, etag))
    return Error(ErrorCode::Network, resource + ": " + endpoint + " stored ETag " + etag + " but the MD5 sent was " +
                                         md5_hex)
        .with_hint("the data was corrupted in transit; run the command again");
  return {};
}
}  // namespace

Result<std::string> S3Client::put_object(const std::string& bucket, const std::string& key,
                                         std::string_view data) const {
  Md5Digest digest = md5(data);
  Request request{"PUT", bucket, key, {}, {{"Content-MD5", base64(digest)}}, data, {}};
  auto response = send(request);
  if (!response) return std::move(response).error();
  STRATA_TRY(check_upload_etag(*response, hex(digest), "s3://" + bucket + "/" + key, endpoint_.str()));
  return unquote_etag(response->header("etag"));
}

Result<std::string> S3Client::create_multipart_upload(const std::string& bucket, const std::string& key) const {
  Request request{"POST", bucket, key, {{"uploads", ""}}, {}, {}, {}};
  auto response = send(request);
  if (!response) return std::move(response).error();
  auto id = parse_initiate_multipart_upload(response->body);
  if (!id) return Error(ErrorCode::Network, "s3://" + bucket + "/" + key + ": " + id.error().message);
  return id;
}

Result<std::string> S3Client::upload_part(const std::string& bucket, const std::string& key,
                                          const std::string& upload_id, int part_number,
                                          std::string_view data) const {
  return upload_part(bucket, key, upload_id, part_number, data, md5(data));
}

Result<std::string> S3Client::upload_part(const std::string& bucket, const std::string& key,
                                          const std::string& upload_id, int part_number, std::string_view data,
                                          const Md5Digest& digest) const {
  Request request{"PUT", bucket, key, {{"partNumber", std::to_string(part_number)}, {"uploadId", upload_id}},
                  {{"Content-MD5", base64(digest)}}, data, {}};
  request.resource = "s3://" + bucket + "/" + key + " (part " + std::to_string(part_number) + ")";
  auto response = send(request);
  if (!response) return std::move(response).error();
  STRATA_TRY(check_upload_etag(*response, hex(digest), request.resource, endpoint_.str()));
  std::string etag = unquote_etag(response->header("etag"));
  if (etag.empty()) return Error(ErrorCode::Network, request.resource + ": no ETag in the UploadPart answer");
  return etag;
}

Result<std::string> S3Client::complete_multipart_upload(const std::string& bucket, const std::string& key,
                                                        const std::string& upload_id,
                                                        const std::vector<CompletedPart>& parts) const {
  std::string body = complete_multipart_upload_body(parts);
  Request request{"POST", bucket, key, {{"uploadId", upload_id}}, {}, body, {}};
  for (int attempt = 1;; ++attempt) {
    auto response = send(request);
    if (!response) return std::move(response).error();
    auto result = parse_complete_multipart_upload(response->body);
    if (!result) return Error(ErrorCode::Network, "s3://" + bucket + "/" + key + ": " + result.error().message);
    if (result->error.code.empty()) return result->etag;
    // S3 may answer 200 and report the failure in the body: retry the transient ones.
    if (!should_retry(options_.retry, attempt, is_retryable_http(500, result->error.code)))
      return s3_http_error(error_context(request), response->status, result->error);
    retry_env_.sleep(backoff_delay(options_.retry, attempt, retry_env_.random01()));
  }
}

Status S3Client::abort_multipart_upload(const std::string& bucket, const std::string& key,
                                        const std::string& upload_id) const {
  Request request{"DELETE", bucket, key, {{"uploadId", upload_id}}, {}, {}, {}};
  auto response = send(request);
  if (!response) return std::move(response).error();
  return {};
}

Result<UploadResult> S3Client::upload_file(const std::string& bucket, const std::string& key,
                                           const std::string& path, const ProgressCallback& progress) const {
  FileDescriptor file(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (file.fd < 0) return io_error("cannot open", path);
  struct stat st {};
  if (::fstat(file.fd, &st) != 0) return io_error("cannot stat", path);
  if (!S_ISREG(st.st_mode)) return Error(ErrorCode::Io, path + " is not a regular file");
  const uint64_t size = static_cast<uint64_t>(st.st_size);
  const std::string resource = "s3://" + bucket + "/" + key;

  UploadResult result;
  result.size = size;
  if (size <= options_.multipart_threshold) {
    std::string data(size, '\0');
    STRATA_TRY(pread_all(file.fd, data.data(), data.size(), 0, path));
    auto etag = put_object(bucket, key, data);
    if (!etag) return std::move(etag).error();
    result.etag = *etag;
    if (progress) progress(size, size);
    return result;
  }

  // S3 allows at most 10,000 parts: grow the part size (in whole MiB) for huge files.
  uint64_t part = std::max<uint64_t>(options_.part_size, (size + 9999) / 10000);
  part = (part + kMiB - 1) / kMiB * kMiB;
  const size_t parts = static_cast<size_t>((size + part - 1) / part);
  auto upload_id = create_multipart_upload(bucket, key);
  if (!upload_id) return std::move(upload_id).error();

  std::vector<CompletedPart> completed(parts);
  std::vector<Md5Digest> digests(parts);
  std::atomic<uint64_t> done{0};
  std::mutex progress_mutex;
  Status status = run_parallel(parts, options_.parallelism, [&](size_t index) -> Status {
    uint64_t offset = index * part;
    std::string data(static_cast<size_t>(std::min(part, size - offset)), '\0');
    STRATA_TRY(pread_all(file.fd, data.data(), data.size(), offset, path));
    digests[index] = md5(data);
    auto etag = upload_part(bucket, key, *upload_id, static_cast<int>(index + 1), data, digests[index]);
    if (!etag) return std::move(etag).error();
    completed[index] = CompletedPart{static_cast<int>(index + 1), *etag};
    uint64_t now = done.fetch_add(data.size()) + data.size();
    if (progress) {
      std::lock_guard lock(progress_mutex);
      progress(now, size);
    }
    return {};
  });
  auto etag = status ? complete_multipart_upload(bucket, key, *upload_id, completed)
                     : Result<std::string>(std::move(status).error());
  if (!etag) {
    (void)abort_multipart_upload(bucket, key, *upload_id);  // best effort; the first error is what matters
    return std::move(etag).error();
  }

  // A multipart ETag is MD5(concatenated part MD5s)-N: recompute it from what we sent.
  std::string all;
  for (const Md5Digest& d : digests) all.append(reinterpret_cast<const char*>(d.data()), d.size());
  std::string expected = hex(md5(all)) + "-" + std::to_string(parts);
  if (etag->find('-') != std::string::npos && !md5_matches_etag(expected, *etag))
    return Error(ErrorCode::Network, resource + ": multipart ETag " + *etag + " does not match the parts sent (" +
                                         expected + ")")
        .with_hint("the upload was corrupted; run the command again");
  result.etag = *etag;
  result.parts = static_cast<int>(parts);
  return result;
}

}  // namespace strata::load
