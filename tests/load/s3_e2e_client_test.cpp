// The S3 client against a real S3 server: OpenStack Swift with s3api on loopback, which
// verifies SigV4 signatures and Content-MD5. Run through tests/e2e/swift/with_env.sh (ctest
// test s3_e2e_client), which sets AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY.
#include <gtest/gtest.h>
#include <unistd.h>

#include <curl/curl.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "load/digest.h"
#include "load/s3_client.h"

namespace strata::load {
namespace {

std::string random_bytes(size_t size, uint32_t seed) {
  std::mt19937 engine(seed);
  std::string out(size, '\0');
  for (char& c : out) c = static_cast<char>(engine() & 0xff);
  return out;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& data) {
  std::ofstream out(path, std::ios::binary);
  out << data;
}

class SwiftS3 : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_NE(std::getenv("AWS_ENDPOINT_URL"), nullptr) << "run through tests/e2e/swift/with_env.sh";
    auto created = S3Client::from_environment([](S3ClientOptions& options) {
      options.part_size = 5 * kMiB;  // S3's minimum, so the multipart test stays small
      options.multipart_threshold = 5 * kMiB;
      options.download_part_size = 1 * kMiB;
      options.parallelism = 4;
    });
    ASSERT_TRUE(created.ok()) << created.error().message;
    client_ = std::move(*created).release();
    bucket_ = "strata-e2e-" + std::to_string(::getpid());
    Status made = client_->create_bucket(bucket_);
    ASSERT_TRUE(made.ok()) << made.error().message;
    dir_ = std::filesystem::temp_directory_path() / ("strata-s3-e2e-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  static void TearDownTestSuite() {
    delete client_;
    std::filesystem::remove_all(dir_);
  }
  static S3Client* client_;
  static std::string bucket_;
  static std::filesystem::path dir_;
};
S3Client* SwiftS3::client_ = nullptr;
std::string SwiftS3::bucket_;
std::filesystem::path SwiftS3::dir_;

TEST_F(SwiftS3, CreateBucketIsIdempotent) {
  Status again = client_->create_bucket(bucket_);
  EXPECT_TRUE(again.ok()) << again.error().message;
}

TEST_F(SwiftS3, PutHeadGetSmallObject) {
  std::string data = "movieId,title,genres\r\n1,\"11'09\"\"01 - September 11 (2002)\",Drama\r\n2,Amélie (2001),Comedy\r\n";
  auto etag = client_->put_object(bucket_, "small/movies.csv", data);
  ASSERT_TRUE(etag.ok()) << etag.error().message;
  EXPECT_EQ(*etag, hex(md5(data)));

  auto head = client_->head_object(bucket_, "small/movies.csv");
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->size, data.size());
  EXPECT_EQ(head->etag, hex(md5(data)));
  EXPECT_EQ(head->last_modified.size(), 24u) << head->last_modified;  // 2026-11-23T00:15:16.000Z
  auto listed = client_->list_objects(bucket_, "small/movies.csv");
  ASSERT_TRUE(listed.ok() && listed->size() == 1);
  EXPECT_EQ((*listed)[0].last_modified.substr(0, 19), head->last_modified.substr(0, 19));

  auto got = client_->get_object_string(bucket_, "small/movies.csv");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, data);

  auto range = client_->get_object_string(bucket_, "small/movies.csv", ByteRange{6, 15});
  ASSERT_TRUE(range.ok()) << range.error().message;
  EXPECT_EQ(*range, data.substr(6, 15));

  auto empty_range = client_->get_object_string(bucket_, "small/movies.csv", ByteRange{3, 0});
  ASSERT_TRUE(empty_range.ok()) << empty_range.error().message;
  EXPECT_EQ(*empty_range, "");
  auto past_end = client_->get_object_string(bucket_, "small/movies.csv", ByteRange{data.size() + 10, 5});
  ASSERT_FALSE(past_end.ok());
  EXPECT_NE(past_end.error().message.find("416 InvalidRange"), std::string::npos) << past_end.error().message;
}

TEST_F(SwiftS3, EmptyObject) {
  ASSERT_TRUE(client_->put_object(bucket_, "small/empty.csv", "").ok());
  auto got = client_->get_object_string(bucket_, "small/empty.csv");
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, "");
  std::string path = (dir_ / "empty.csv").string();
  auto file = client_->download_to_file(bucket_, "small/empty.csv", path);
  ASSERT_TRUE(file.ok()) << file.error().message;
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
}

TEST_F(SwiftS3, MultipartUploadThenParallelRangedDownload) {
  // 12 MiB + 123 bytes: parts of 5, 5 and 2 MiB + 123 B; downloaded as 13 ranges of 1 MiB.
  std::string data = random_bytes(12 * kMiB + 123, 42);
  std::string source = (dir_ / "big.bin").string();
  write_file(source, data);
  uint64_t last_progress = 0;
  auto uploaded = client_->upload_file(bucket_, "big/ratings.bin", source,
                                       [&](uint64_t done, uint64_t) { last_progress = std::max(last_progress, done); });
  ASSERT_TRUE(uploaded.ok()) << uploaded.error().message;
  EXPECT_EQ(uploaded->parts, 3);
  EXPECT_EQ(uploaded->size, data.size());
  EXPECT_EQ(last_progress, data.size());
  // The multipart ETag: MD5 of the parts' MD5s, "-3" (upload_file checked it; check the form).
  EXPECT_NE(uploaded->etag.find("-3"), std::string::npos) << uploaded->etag;

  auto head = client_->head_object(bucket_, "big/ratings.bin");
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->size, data.size());
  EXPECT_EQ(head->etag, uploaded->etag);

  std::string target = (dir_ / "big.download").string();
  int progress_calls = 0;
  auto downloaded = client_->download_to_file(bucket_, "big/ratings.bin", target, {},
                                              [&](uint64_t, uint64_t) { ++progress_calls; });
  ASSERT_TRUE(downloaded.ok()) << downloaded.error().message;
  EXPECT_EQ(progress_calls, 13);
  EXPECT_EQ(std::filesystem::file_size(target), data.size());
  EXPECT_TRUE(read_file(target) == data) << "downloaded bytes differ";

  // Streaming the whole object in order to a callback.
  Md5Stream streamed;
  uint64_t bytes = 0;
  auto info = client_->get_object(bucket_, "big/ratings.bin", [&](std::string_view chunk) {
    streamed.update(chunk);
    bytes += chunk.size();
    return Status();
  });
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(bytes, data.size());
  EXPECT_EQ(hex(streamed.finish()), hex(md5(data)));

  // Parallel ranged GETs delivered in order to a callback (13 parts of 1 MiB, 4 at a time).
  std::string ordered;
  uint64_t progress_seen = 0;
  auto parallel = client_->get_object_parallel(
      bucket_, "big/ratings.bin",
      [&](std::string_view chunk) {
        ordered.append(chunk);
        return Status();
      },
      [&](uint64_t done, uint64_t) { progress_seen = done; });
  ASSERT_TRUE(parallel.ok()) << parallel.error().message;
  EXPECT_EQ(progress_seen, data.size());
  EXPECT_TRUE(ordered == data) << "parallel in-order stream differs";

  // A sink error stops everything and comes back as the error.
  int calls = 0;
  auto refused = client_->get_object_parallel(bucket_, "big/ratings.bin", [&](std::string_view) {
    return ++calls == 3 ? Status(Error(ErrorCode::Io, "disk full (test)")) : Status();
  });
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message, "disk full (test)");
  EXPECT_EQ(calls, 3);

  // A range across the first part boundary.
  auto range = client_->get_object_string(bucket_, "big/ratings.bin", ByteRange{5 * kMiB - 3, 10});
  ASSERT_TRUE(range.ok()) << range.error().message;
  EXPECT_EQ(*range, data.substr(5 * kMiB - 3, 10));
}

TEST_F(SwiftS3, ParallelDownloadOfSinglePartObjectChecksMd5) {
  std::string data = random_bytes(3 * kMiB + 7, 7);
  ASSERT_TRUE(client_->put_object(bucket_, "single/three.bin", data).ok());
  std::string target = (dir_ / "three.download").string();
  auto downloaded = client_->download_to_file(bucket_, "single/three.bin", target);
  ASSERT_TRUE(downloaded.ok()) << downloaded.error().message;
  EXPECT_EQ(downloaded->etag, hex(md5(data)));
  EXPECT_TRUE(read_file(target) == data);

  std::string ordered;  // 4 parts, in order, MD5-checked against the ETag
  auto parallel = client_->get_object_parallel(bucket_, "single/three.bin", [&](std::string_view chunk) {
    ordered.append(chunk);
    return Status();
  });
  ASSERT_TRUE(parallel.ok()) << parallel.error().message;
  EXPECT_TRUE(ordered == data);
}

TEST_F(SwiftS3, ListingPaginatesWithContinuationTokens) {
  std::vector<std::string> keys;
  for (int i = 0; i < 7; ++i) keys.push_back("paged/part-" + std::to_string(i) + ".csv");
  keys.push_back("paged/sub/nested.csv");
  for (const std::string& key : keys) ASSERT_TRUE(client_->put_object(bucket_, key, key).ok());

  auto first = client_->list_objects_page(bucket_, "paged/", "", 3);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->objects.size(), 3u);
  EXPECT_TRUE(first->truncated);
  EXPECT_FALSE(first->next_continuation_token.empty());

  auto all = client_->list_objects(bucket_, "paged/", 2);  // 4 pages
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), keys.size());
  for (size_t i = 0; i < keys.size(); ++i) {
    EXPECT_EQ((*all)[i].key, keys[i]);
    EXPECT_EQ((*all)[i].size, keys[i].size());
    EXPECT_EQ((*all)[i].etag, hex(md5(keys[i])));
    EXPECT_FALSE((*all)[i].last_modified.empty());
  }

  auto top = client_->list_objects_page(bucket_, "paged/", "", 1000, "/");
  ASSERT_TRUE(top.ok()) << top.error().message;
  EXPECT_EQ(top->objects.size(), 7u);
  ASSERT_EQ(top->common_prefixes.size(), 1u);
  EXPECT_EQ(top->common_prefixes[0], "paged/sub/");
}

TEST_F(SwiftS3, KeysWithSpacesUnicodeAndReservedCharacters) {
  std::string key = "odd keys/année 2024/a=b+c&d;e,f(1)~!$'@.csv";
  std::string data = "title\r\n\"Amélie\"\r\n";
  ASSERT_TRUE(client_->put_object(bucket_, key, data).ok());
  auto head = client_->head_object(bucket_, key);
  ASSERT_TRUE(head.ok()) << head.error().message;
  EXPECT_EQ(head->size, data.size());
  auto got = client_->get_object_string(bucket_, key);
  ASSERT_TRUE(got.ok()) << got.error().message;
  EXPECT_EQ(*got, data);
  auto listed = client_->list_objects(bucket_, "odd keys/année");
  ASSERT_TRUE(listed.ok()) << listed.error().message;
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].key, key);
  ASSERT_TRUE(client_->delete_object(bucket_, key).ok());
  auto gone = client_->head_object(bucket_, key);
  ASSERT_FALSE(gone.ok());
  EXPECT_NE(gone.error().message.find("404"), std::string::npos);
}

TEST_F(SwiftS3, MissingObjectNamesTheKeyAndCode) {
  auto got = client_->get_object_string(bucket_, "nope/missing.csv");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("s3://" + bucket_ + "/nope/missing.csv: 404 NoSuchKey from http://127.0.0.1:"),
            std::string::npos)
      << got.error().message;
  std::string path = (dir_ / "missing.download").string();
  auto file = client_->download_to_file(bucket_, "nope/missing.csv", path);
  ASSERT_FALSE(file.ok());
  EXPECT_FALSE(std::filesystem::exists(path));
}

TEST_F(SwiftS3, WrongSecretIsSignatureDoesNotMatch) {
  S3ClientOptions options = client_->options();
  options.settings.secret_access_key = "not-the-secret";
  auto wrong = S3Client::create(options);
  ASSERT_TRUE(wrong.ok());
  auto listed = (*wrong)->list_objects(bucket_, "paged/");
  ASSERT_FALSE(listed.ok());
  const Error& error = listed.error();
  EXPECT_EQ(error.message.rfind("s3://" + bucket_ + "/paged/ (list): 403 SignatureDoesNotMatch from " +
                                    client_->endpoint() + ": The request signature we calculated does not match",
                                0),
            0u)
      << error.message;
  EXPECT_NE(error.hint.find("AWS_SECRET_ACCESS_KEY"), std::string::npos) << error.hint;

  auto put = (*wrong)->put_object(bucket_, "never.csv", "x");
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.error().message.find("403 SignatureDoesNotMatch"), std::string::npos);
  EXPECT_FALSE(client_->head_object(bucket_, "never.csv").ok()) << "a badly signed PUT stored an object";
}

// AWS answers InvalidAccessKeyId; Swift's tempauth cannot tell an unknown key from a bad
// signature and answers SignatureDoesNotMatch. Either way: 403, and the hint names the key.
TEST_F(SwiftS3, UnknownAccessKeyIsRejected) {
  S3ClientOptions options = client_->options();
  options.settings.access_key_id = "nobody:nobody";
  auto wrong = S3Client::create(options);
  ASSERT_TRUE(wrong.ok());
  auto listed = (*wrong)->list_objects(bucket_, "");
  ASSERT_FALSE(listed.ok());
  const std::string& message = listed.error().message;
  EXPECT_TRUE(message.find("403 InvalidAccessKeyId") != std::string::npos ||
              message.find("403 SignatureDoesNotMatch") != std::string::npos)
      << message;
  EXPECT_NE(listed.error().hint.find("AWS_ACCESS_KEY_ID"), std::string::npos);
}

// Flips one byte of every PUT body after it was hashed and signed: what a corrupting network
// would do. The server must refuse it (Content-MD5 / x-amz-content-sha256), and nothing is stored.
class CorruptingTransport : public HttpTransport {
 public:
  explicit CorruptingTransport(std::shared_ptr<HttpTransport> inner) : inner_(std::move(inner)) {}
  HttpOutcome perform(const HttpRequest& request, const BodySink* sink, const HeadCheck* check_head) override {
    if (request.method != "PUT" || request.body.empty()) return inner_->perform(request, sink, check_head);
    std::string corrupted(request.body);
    corrupted[corrupted.size() / 2] ^= 0x01;
    HttpRequest copy = request;
    copy.body = corrupted;
    return inner_->perform(copy, sink, check_head);
  }

 private:
  std::shared_ptr<HttpTransport> inner_;
};

TEST_F(SwiftS3, CorruptedUploadIsRejectedByTheServer) {
  auto corrupting = S3Client::create(client_->options(),
                                     std::make_shared<CorruptingTransport>(make_curl_transport(TransportOptions{})));
  ASSERT_TRUE(corrupting.ok());
  auto put = (*corrupting)->put_object(bucket_, "corrupt/x.csv", "movieId,rating\r\n1,4.5\r\n");
  ASSERT_FALSE(put.ok());
  EXPECT_NE(put.error().message.find("s3://" + bucket_ + "/corrupt/x.csv: 400 "), std::string::npos)
      << put.error().message;
  std::cout << "server refused the corrupted body: " << put.error().message << "\n";
  EXPECT_FALSE(client_->head_object(bucket_, "corrupt/x.csv").ok()) << "a corrupted body was stored";
}

// Cuts the first `drops` GET bodies after `after` bytes, as a reset connection would: the
// client must resume with a ranged GET against the real server and deliver every byte once.
class DroppingTransport : public HttpTransport {
 public:
  DroppingTransport(std::shared_ptr<HttpTransport> inner, int drops, size_t after)
      : inner_(std::move(inner)), drops_(drops), after_(after) {}
  HttpOutcome perform(const HttpRequest& request, const BodySink* sink, const HeadCheck* check_head) override {
    if (request.method != "GET" || !sink || drops_.fetch_sub(1) <= 0) return inner_->perform(request, sink, check_head);
    size_t seen = 0;
    BodySink cut = [&](std::string_view chunk) -> Status {
      if (seen + chunk.size() <= after_) {
        seen += chunk.size();
        return (*sink)(chunk);
      }
      STRATA_TRY((*sink)(chunk.substr(0, after_ - seen)));
      seen = after_;
      return Error(ErrorCode::Network, "simulated reset");
    };
    HttpOutcome outcome = inner_->perform(request, &cut, check_head);
    if (outcome.sink_error && outcome.sink_error->message == "simulated reset") {
      outcome.sink_error.reset();
      outcome.responded = false;
      outcome.transport_code = CURLE_RECV_ERROR;
      outcome.transport_error = "Failure when receiving data from the peer (simulated)";
    }
    return outcome;
  }

 private:
  std::shared_ptr<HttpTransport> inner_;
  std::atomic<int> drops_;
  size_t after_;
};

TEST_F(SwiftS3, DroppedConnectionsResumeWithRanges) {
  std::string data = random_bytes(3 * kMiB + 11, 99);
  ASSERT_TRUE(client_->put_object(bucket_, "flaky/one.bin", data).ok());
  auto flaky = S3Client::create(client_->options(), std::make_shared<DroppingTransport>(
                                                        make_curl_transport(TransportOptions{}), 2, 1234567));
  ASSERT_TRUE(flaky.ok());
  std::string got;
  auto info = (*flaky)->get_object(bucket_, "flaky/one.bin", [&](std::string_view chunk) {
    got.append(chunk);
    return Status();
  });
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(info->size, data.size());
  EXPECT_TRUE(got == data) << "resumed stream differs (" << got.size() << " bytes)";  // and the MD5 check passed

  // Every connection drops: retries are bounded and the error says what happened.
  S3ClientOptions options = client_->options();
  options.retry.max_attempts = 3;
  options.retry.base_delay = std::chrono::milliseconds(1);
  auto broken = S3Client::create(options, std::make_shared<DroppingTransport>(make_curl_transport(TransportOptions{}),
                                                                               1000, 1000));
  ASSERT_TRUE(broken.ok());
  auto failed = (*broken)->get_object_string(bucket_, "flaky/one.bin");
  ASSERT_FALSE(failed.ok());
  EXPECT_NE(failed.error().message.find("Failure when receiving data from the peer (simulated)"), std::string::npos)
      << failed.error().message;
  EXPECT_NE(failed.error().message.find("after 3 attempts"), std::string::npos) << failed.error().message;
}

TEST_F(SwiftS3, AnotherAccountIsDenied) {
  S3ClientOptions options = client_->options();
  options.settings.access_key_id = "other:reader";
  options.settings.secret_access_key = "reading";
  auto other = S3Client::create(options);
  ASSERT_TRUE(other.ok());
  auto got = (*other)->get_object_string(bucket_, "small/movies.csv");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("s3://" + bucket_ + "/small/movies.csv: 403 AccessDenied from "), std::string::npos)
      << got.error().message;
  EXPECT_NE(got.error().hint.find("not allowed"), std::string::npos);
}

TEST_F(SwiftS3, MissingBucketIsNoSuchBucket) {
  auto listed = client_->list_objects("strata-no-such-bucket", "");
  ASSERT_FALSE(listed.ok());
  EXPECT_NE(listed.error().message.find("404 NoSuchBucket"), std::string::npos) << listed.error().message;
}

TEST_F(SwiftS3, UnreachableEndpointFailsFastWithTheUrl) {
  S3ClientOptions options = client_->options();
  options.settings.endpoint_url = "http://127.0.0.1:1";  // nothing listens on port 1
  options.retry.max_attempts = 2;
  auto dead = S3Client::create(options);
  ASSERT_TRUE(dead.ok());
  auto head = (*dead)->head_object(bucket_, "k");
  ASSERT_FALSE(head.ok());
  EXPECT_NE(head.error().message.find("Couldn't connect to server (http://127.0.0.1:1/" + bucket_ + "/k)"),
            std::string::npos)
      << head.error().message;
}

}  // namespace
}  // namespace strata::load

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
