// SigV4 against the worked examples in AWS's S3 documentation ("Signature Calculations for
// the Authorization Header"), which use these keys and 2013-05-24T00:00:00Z.
#include <gtest/gtest.h>

#include "load/digest.h"
#include "load/s3_url.h"
#include "load/sigv4.h"

namespace strata::load {
namespace {

SigningKeys example_keys() {
  return {"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "", "us-east-1"};
}

std::string header(const SignedHeaders& signed_headers, const std::string& name) {
  for (const auto& [n, v] : signed_headers.headers)
    if (n == name) return v;
  return {};
}

TEST(SigV4, AwsExampleGetObjectWithRange) {
  SignableRequest request;
  request.method = "GET";
  request.host = "examplebucket.s3.amazonaws.com";
  request.encoded_path = "/test.txt";
  request.headers = {{"Range", "bytes=0-9"}};
  request.payload_sha256 = std::string(kEmptyPayloadSha256);
  SignedHeaders out = sign_request(request, example_keys(), "20130524T000000Z");
  EXPECT_EQ(out.canonical_request,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
            "x-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(out.canonical_request), "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(header(out, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,"
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(header(out, "x-amz-content-sha256"), kEmptyPayloadSha256);
  EXPECT_EQ(header(out, "x-amz-date"), "20130524T000000Z");
}

TEST(SigV4, AwsExampleListObjectsQueryIsSortedAndEncoded) {
  SignableRequest request;
  request.method = "GET";
  request.host = "examplebucket.s3.amazonaws.com";
  request.encoded_path = "/";
  request.canonical_query = canonical_query({{"prefix", "J"}, {"max-keys", "2"}});  // given unsorted
  request.payload_sha256 = std::string(kEmptyPayloadSha256);
  EXPECT_EQ(request.canonical_query, "max-keys=2&prefix=J");
  SignedHeaders out = sign_request(request, example_keys(), "20130524T000000Z");
  EXPECT_NE(header(out, "Authorization").find("Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
            std::string::npos)
      << out.canonical_request;
}

TEST(SigV4, AwsExamplePutObjectSignsBodyHashAndExtraHeaders) {
  std::string body = "Welcome to Amazon S3.";
  SignableRequest request;
  request.method = "PUT";
  request.host = "examplebucket.s3.amazonaws.com";
  request.encoded_path = "/" + uri_encode("test$file.text", true);
  request.headers = {{"Date", "Fri, 24 May 2013 00:00:00 GMT"}, {"x-amz-storage-class", "REDUCED_REDUNDANCY"}};
  request.payload_sha256 = sha256_hex(body);
  EXPECT_EQ(request.encoded_path, "/test%24file.text");
  EXPECT_EQ(request.payload_sha256, "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  SignedHeaders out = sign_request(request, example_keys(), "20130524T000000Z");
  EXPECT_EQ(header(out, "Authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,"
            "SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,"
            "Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4, SessionTokenIsSentAndSigned) {
  SigningKeys keys = example_keys();
  keys.session_token = "token/with+chars";
  SignableRequest request{"GET", "h.example", "/b/k", "", {}, std::string(kEmptyPayloadSha256)};
  SignedHeaders out = sign_request(request, keys, "20130524T000000Z");
  EXPECT_EQ(header(out, "x-amz-security-token"), "token/with+chars");
  EXPECT_NE(header(out, "Authorization").find("SignedHeaders=host;x-amz-content-sha256;x-amz-date;x-amz-security-token,"),
            std::string::npos);
}

TEST(SigV4, HeaderValuesAreTrimmedAndNamesLowercased) {
  SignableRequest request{"GET", "h.example", "/", "", {{"X-Amz-Meta-Note", "  a   b  "}}, std::string(kEmptyPayloadSha256)};
  SignedHeaders out = sign_request(request, example_keys(), "20130524T000000Z");
  EXPECT_NE(out.canonical_request.find("\nx-amz-meta-note:a b\n"), std::string::npos) << out.canonical_request;
}

TEST(Digest, KnownVectors) {
  EXPECT_EQ(sha256_hex(""), kEmptyPayloadSha256);
  EXPECT_EQ(hex(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(base64(md5("")), "1B2M2Y8AsgTpgAmY7PhCfg==");
  Md5Stream stream;
  stream.update("Welcome to ");
  stream.update("Amazon S3.");
  EXPECT_EQ(hex(stream.finish()), hex(md5("Welcome to Amazon S3.")));
}

}  // namespace
}  // namespace strata::load
