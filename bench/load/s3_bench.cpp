// s3_bench FILE s3://bucket/key [--jobs N] [--part-size MiB]
// Uploads FILE (multipart), downloads it with parallel ranged GETs to FILE.s3copy, streams it
// to a callback with one GET and with parallel in-order GETs, checks the copy byte for byte,
// and prints MiB/s for each step and the client's own CPU time.
// Credentials and endpoint from the AWS_* environment (see tests/e2e/swift/with_env.sh).
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "load/digest.h"
#include "load/s3_client.h"

namespace {
using namespace strata::load;

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

bool same_files(const std::string& a, const std::string& b) {
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  std::string ba(1 << 20, '\0'), bb(1 << 20, '\0');
  while (fa && fb) {
    fa.read(ba.data(), static_cast<std::streamsize>(ba.size()));
    fb.read(bb.data(), static_cast<std::streamsize>(bb.size()));
    if (fa.gcount() != fb.gcount() || std::memcmp(ba.data(), bb.data(), static_cast<size_t>(fa.gcount())) != 0)
      return false;
  }
  return !fa && !fb;
}

int fail(const strata::Error& error) {
  std::fprintf(stderr, "s3_bench: %s\n", error.message.c_str());
  if (!error.hint.empty()) std::fprintf(stderr, "hint: %s\n", error.hint.c_str());
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: s3_bench FILE s3://bucket/key [--jobs N] [--part-size MiB]\n");
    return 2;
  }
  std::string file = argv[1];
  int jobs = 4;
  uint64_t part_mib = 16;
  for (int i = 3; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--jobs") jobs = std::stoi(argv[i + 1]);
    if (std::string(argv[i]) == "--part-size") part_mib = std::stoull(argv[i + 1]);
  }
  auto uri = parse_s3_uri(argv[2]);
  if (!uri) return fail(uri.error());
  auto client = S3Client::from_environment([&](S3ClientOptions& options) {
    options.parallelism = jobs;
    options.part_size = options.multipart_threshold = options.download_part_size = part_mib * kMiB;
  });
  if (!client) return fail(client.error());
  if (auto made = (*client)->create_bucket(uri->bucket); !made) return fail(made.error());

  auto start = std::chrono::steady_clock::now();
  auto uploaded = (*client)->upload_file(uri->bucket, uri->key, file);
  if (!uploaded) return fail(uploaded.error());
  double up = seconds_since(start);
  double mib = static_cast<double>(uploaded->size) / kMiB;

  std::string copy = file + ".s3copy";
  start = std::chrono::steady_clock::now();
  DownloadOptions no_md5;
  no_md5.verify_md5 = false;  // a multipart object has no whole-object MD5 to check anyway
  auto downloaded = (*client)->download_to_file(uri->bucket, uri->key, copy, no_md5);
  if (!downloaded) return fail(downloaded.error());
  double down = seconds_since(start);

  start = std::chrono::steady_clock::now();
  uint64_t streamed = 0;
  auto info = (*client)->get_object(uri->bucket, uri->key, [&](std::string_view chunk) {
    streamed += chunk.size();
    return strata::Status();
  });
  if (!info) return fail(info.error());
  double stream = seconds_since(start);

  start = std::chrono::steady_clock::now();
  uint64_t streamed_parallel = 0;
  auto parallel = (*client)->get_object_parallel(uri->bucket, uri->key, [&](std::string_view chunk) {
    streamed_parallel += chunk.size();
    return strata::Status();
  });
  if (!parallel) return fail(parallel.error());
  double stream_parallel = seconds_since(start);

  bool same = same_files(file, copy) && streamed_parallel == uploaded->size;
  std::remove(copy.c_str());
  (void)(*client)->delete_object(uri->bucket, uri->key);
  std::printf("size_mib=%.1f parts=%d jobs=%d part_mib=%llu\n", mib, uploaded->parts, jobs,
              static_cast<unsigned long long>(part_mib));
  std::printf("upload_s=%.2f upload_mib_s=%.1f\n", up, mib / up);
  std::printf("download_parallel_s=%.2f download_parallel_mib_s=%.1f\n", down, mib / down);
  std::printf("stream_single_s=%.2f stream_single_mib_s=%.1f\n", stream, mib / stream);
  std::printf("stream_parallel_s=%.2f stream_parallel_mib_s=%.1f\n", stream_parallel, mib / stream_parallel);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
               static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::printf("client_cpu_s=%.2f (whole run: hashing, signing, copying; 4 transfers)\n", cpu);
  std::printf("copy_identical=%s\n", same && streamed == uploaded->size ? "yes" : "NO");
  return same ? 0 : 1;
}
