// S3Client logic against a scripted fake transport: retries, resumed downloads, integrity
// checks and error texts, without a server. (The real-server proof is s3_e2e_client_test.)
#include <gtest/gtest.h>

#include <curl/curl.h>

#include <deque>
#include <mutex>

#include "load/digest.h"
#include "load/s3_client.h"

namespace strata::load {
namespace {

struct Scripted {
  long status = 200;                            // 0 = transport failure
  std::map<std::string, std::string> headers;
  std::string body;
  int transport_code = CURLE_COULDNT_CONNECT;
  size_t deliver_then_fail = std::string::npos;  // stream this many body bytes then fail
};

Scripted refused() {
  Scripted s;
  s.status = 0;
  return s;
}

class FakeTransport : public HttpTransport {
 public:
  std::deque<Scripted> script;
  std::vector<HttpRequest> seen;
  std::vector<std::string> seen_bodies;

  HttpOutcome perform(const HttpRequest& request, const BodySink* sink, const HeadCheck* check_head) override {
    std::lock_guard lock(mutex_);
    seen.push_back(request);
    seen_bodies.emplace_back(request.body);
    HttpOutcome outcome;
    if (script.empty()) {
      outcome.transport_error = "script exhausted";
      return outcome;
    }
    Scripted next = script.front();
    script.pop_front();
    if (next.status == 0) {
      outcome.transport_code = next.transport_code;
      outcome.transport_error = curl_easy_strerror(static_cast<CURLcode>(next.transport_code));
      return outcome;
    }
    outcome.response.status = next.status;
    outcome.response.headers = next.headers;
    bool ok = next.status >= 200 && next.status < 300;
    if (ok && sink) {
      if (check_head && !next.body.empty()) {
        Status accepted = (*check_head)(outcome.response);
        if (!accepted) {
          outcome.sink_error = accepted.error();
          return outcome;
        }
      }
      std::string_view body = next.body;
      if (next.deliver_then_fail != std::string::npos) body = body.substr(0, next.deliver_then_fail);
      if (!body.empty()) {
        Status status = (*sink)(body);
        if (!status) {
          outcome.sink_error = status.error();
          return outcome;
        }
      }
      if (next.deliver_then_fail != std::string::npos) {
        outcome.transport_code = CURLE_PARTIAL_FILE;
        outcome.transport_error = "Transferred a partial file";
        return outcome;
      }
    } else {
      outcome.response.body = next.body;
    }
    outcome.responded = true;
    return outcome;
  }

 private:
  std::mutex mutex_;
};

struct Harness {
  std::shared_ptr<FakeTransport> transport = std::make_shared<FakeTransport>();
  std::vector<std::chrono::milliseconds> sleeps;
  std::unique_ptr<S3Client> client;

  explicit Harness(int max_attempts = 4) {
    S3ClientOptions options;
    options.settings.access_key_id = "test:tester";
    options.settings.secret_access_key = "testing";
    options.settings.endpoint_url = "http://127.0.0.1:9";
    options.settings.credentials_source = "the environment";
    options.retry.max_attempts = max_attempts;
    RetryEnvironment env;
    env.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    env.random01 = [] { return 0.5; };
    auto created = S3Client::create(options, transport, env);
    EXPECT_TRUE(created.ok());
    client = std::move(*created);
  }
};

std::string error_xml(const std::string& code, const std::string& message) {
  return "<Error><Code>" + code + "</Code><Message>" + message + "</Message></Error>";
}

const char* kEmptyList = "<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>";

TEST(S3ClientFake, RetriesThrottlingThenSucceeds) {
  Harness h;
  h.transport->script = {{503, {}, error_xml("SlowDown", "Reduce your request rate.")},
                         {500, {}, error_xml("InternalError", "oops")},
                         refused(),
                         {200, {}, kEmptyList}};
  auto page = h.client->list_objects_page("bucket", "raw/");
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_EQ(h.transport->seen.size(), 4u);
  // Full jitter with random 0.5: half of 100, 200, 400 ms.
  ASSERT_EQ(h.sleeps.size(), 3u);
  EXPECT_EQ(h.sleeps[0].count(), 50);
  EXPECT_EQ(h.sleeps[1].count(), 100);
  EXPECT_EQ(h.sleeps[2].count(), 200);
  // The request is well formed: sorted, encoded query; path-style URL; signed.
  EXPECT_EQ(h.transport->seen[0].url,
            "http://127.0.0.1:9/bucket?encoding-type=url&list-type=2&max-keys=1000&prefix=raw%2F");
  bool has_auth = false;
  for (const auto& [name, value] : h.transport->seen[0].headers)
    if (name == "Authorization") has_auth = value.rfind("AWS4-HMAC-SHA256 Credential=test:tester/", 0) == 0;
  EXPECT_TRUE(has_auth);
}

TEST(S3ClientFake, GivesUpAfterMaxAttemptsWithTheLastError) {
  Harness h(3);
  h.transport->script = {{503, {}, error_xml("SlowDown", "a")}, {503, {}, error_xml("SlowDown", "b")},
                         {503, {}, error_xml("SlowDown", "Reduce your request rate.")}};
  auto page = h.client->list_objects_page("bucket", "p/");
  ASSERT_FALSE(page.ok());
  EXPECT_EQ(h.transport->seen.size(), 3u);
  EXPECT_EQ(page.error().message,
            "s3://bucket/p/ (list): 503 SlowDown from http://127.0.0.1:9: Reduce your request rate.");
  EXPECT_NE(page.error().hint.find("try again later"), std::string::npos);
}

TEST(S3ClientFake, DoesNotRetryAuthErrors) {
  Harness h;
  h.transport->script = {{403, {}, error_xml("SignatureDoesNotMatch", "The request signature we calculated does not match")}};
  auto head = h.client->get_object_string("bucket", "k");
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(h.transport->seen.size(), 1u);
  EXPECT_TRUE(h.sleeps.empty());
  EXPECT_EQ(head.error().message,
            "s3://bucket/k: 403 SignatureDoesNotMatch from http://127.0.0.1:9: The request signature we calculated "
            "does not match");
  EXPECT_NE(head.error().hint.find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
}

TEST(S3ClientFake, ConnectionFailuresNameTheUrl) {
  Harness h(2);
  h.transport->script = {refused(), refused()};
  auto head = h.client->head_object("bucket", "a b.csv");
  ASSERT_FALSE(head.ok());
  EXPECT_NE(head.error().message.find("Couldn't connect to server"), std::string::npos) << head.error().message;
  EXPECT_NE(head.error().message.find("http://127.0.0.1:9/bucket/a%20b.csv"), std::string::npos);
  EXPECT_NE(head.error().message.find("after 2 attempts"), std::string::npos);
}

TEST(S3ClientFake, HeadWithoutBodyGetsACodeFromTheStatus) {
  Harness h;
  h.transport->script = {{404, {}, ""}};
  auto head = h.client->head_object("bucket", "missing.csv");
  ASSERT_FALSE(head.ok());
  EXPECT_EQ(head.error().message, "s3://bucket/missing.csv: 404 NotFound from http://127.0.0.1:9");
}

TEST(S3ClientFake, InterruptedDownloadResumesWithARange) {
  Harness h;
  std::string data = "0123456789abcdefghij";
  std::string etag = hex(md5(data));
  h.transport->script = {
      {200, {{"etag", "\"" + etag + "\""}, {"content-length", "20"}}, data, 0, 7},
      {206, {{"etag", "\"" + etag + "\""}, {"content-length", "13"}, {"content-range", "bytes 7-19/20"}}, data.substr(7)}};
  std::string got;
  auto info = h.client->get_object("bucket", "k", [&](std::string_view chunk) {
    got.append(chunk);
    return Status();
  });
  ASSERT_TRUE(info.ok()) << info.error().message;
  EXPECT_EQ(got, data);
  EXPECT_EQ(info->size, 20u);
  ASSERT_EQ(h.transport->seen.size(), 2u);
  bool ranged = false;
  for (const auto& [name, value] : h.transport->seen[1].headers) ranged |= name == "Range" && value == "bytes=7-";
  EXPECT_TRUE(ranged);
}

TEST(S3ClientFake, ResumedDownloadRefusesAChangedObject) {
  Harness h;
  std::string data = "0123456789";
  h.transport->script = {
      {200, {{"etag", "\"" + hex(md5(data)) + "\""}, {"content-length", "10"}}, data, 0, 4},
      {206, {{"etag", "\"ffffffffffffffffffffffffffffffff\""}, {"content-range", "bytes 4-9/10"}}, "XXXXXX"}};
  auto got = h.client->get_object_string("bucket", "k");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("the object changed while it was read"), std::string::npos);
}

TEST(S3ClientFake, CorruptBytesFailTheMd5Check) {
  Harness h;
  std::string data = "hello world";
  h.transport->script = {{200, {{"etag", "\"" + hex(md5("something else")) + "\""}, {"content-length", "11"}}, data}};
  auto got = h.client->get_object_string("bucket", "k");
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("downloaded bytes have MD5"), std::string::npos) << got.error().message;
}

TEST(S3ClientFake, RangeIgnoredByServerIsAnError) {
  Harness h;
  h.transport->script = {{200, {{"etag", "\"x\""}, {"content-length", "10"}}, "0123456789"}};
  auto got = h.client->get_object_string("bucket", "k", ByteRange{2, 3});
  ASSERT_FALSE(got.ok());
  EXPECT_NE(got.error().message.find("ignored the byte range"), std::string::npos);
}

TEST(S3ClientFake, PutSendsContentMd5AndChecksTheEtag) {
  Harness h;
  std::string data = "a,b\r\n1,2\r\n";
  h.transport->script = {{200, {{"etag", "\"" + hex(md5(data)) + "\""}}, ""},
                         {200, {{"etag", "\"00000000000000000000000000000000\""}}, ""}};
  auto etag = h.client->put_object("bucket", "k.csv", data);
  ASSERT_TRUE(etag.ok()) << etag.error().message;
  EXPECT_EQ(*etag, hex(md5(data)));
  std::map<std::string, std::string> headers(h.transport->seen[0].headers.begin(), h.transport->seen[0].headers.end());
  EXPECT_EQ(headers["Content-MD5"], base64(md5(data)));
  EXPECT_EQ(headers["x-amz-content-sha256"], sha256_hex(data));
  EXPECT_EQ(h.transport->seen_bodies[0], data);

  auto bad = h.client->put_object("bucket", "k.csv", data);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.error().message.find("stored ETag"), std::string::npos);
}

TEST(S3ClientFake, CompleteMultipartErrorInsideA200IsRetriedThenReported) {
  Harness h(2);
  h.transport->script = {{200, {}, error_xml("InternalError", "try again")},
                         {200, {}, error_xml("InternalError", "We encountered an internal error.")}};
  auto done = h.client->complete_multipart_upload("bucket", "k", "up1", {{1, "aa"}});
  ASSERT_FALSE(done.ok());
  EXPECT_EQ(h.transport->seen.size(), 2u);
  EXPECT_NE(done.error().message.find("InternalError"), std::string::npos);
  EXPECT_NE(h.transport->seen[0].url.find("?uploadId=up1"), std::string::npos);
}

TEST(S3ClientFake, ListFollowsContinuationTokens) {
  Harness h;
  h.transport->script = {
      {200, {}, "<ListBucketResult><IsTruncated>true</IsTruncated><NextContinuationToken>t+1/=</NextContinuationToken>"
                "<Contents><Key>a</Key><Size>1</Size></Contents></ListBucketResult>"},
      {200, {}, "<ListBucketResult><IsTruncated>false</IsTruncated>"
                "<Contents><Key>b</Key><Size>2</Size></Contents></ListBucketResult>"}};
  auto all = h.client->list_objects("bucket", "", 1);
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[1].key, "b");
  EXPECT_NE(h.transport->seen[1].url.find("continuation-token=t%2B1%2F%3D"), std::string::npos) << h.transport->seen[1].url;
}

}  // namespace
}  // namespace strata::load
