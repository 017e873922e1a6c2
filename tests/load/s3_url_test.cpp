#include <gtest/gtest.h>

#include "load/s3_url.h"

namespace strata::load {
namespace {

TEST(S3Uri, ParsesBucketAndPrefix) {
  auto uri = parse_s3_uri("s3://my-bucket/raw/movielens/");
  ASSERT_TRUE(uri.ok());
  EXPECT_EQ(uri->bucket, "my-bucket");
  EXPECT_EQ(uri->key, "raw/movielens/");
  EXPECT_EQ(uri->str(), "s3://my-bucket/raw/movielens/");

  auto bare = parse_s3_uri("s3://my-bucket");
  ASSERT_TRUE(bare.ok());
  EXPECT_EQ(bare->key, "");
  auto key = parse_s3_uri("s3://b.with.dots/a b/c=d.csv");
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->key, "a b/c=d.csv");
}

TEST(S3Uri, RejectsWhatIsNotAnS3Uri) {
  auto wrong_scheme = parse_s3_uri("https://bucket/key");
  ASSERT_FALSE(wrong_scheme.ok());
  EXPECT_NE(wrong_scheme.error().message.find("not an s3:// URI"), std::string::npos);
  EXPECT_FALSE(parse_s3_uri("s3:///key").ok());
  EXPECT_FALSE(parse_s3_uri("s3://ab/key").ok());          // too short
  EXPECT_FALSE(parse_s3_uri("s3://bad bucket/key").ok());  // space
}

TEST(Endpoint, ParsesAndValidates) {
  auto endpoint = parse_endpoint("http://127.0.0.1:9000/");
  ASSERT_TRUE(endpoint.ok());
  EXPECT_EQ(endpoint->scheme, "http");
  EXPECT_EQ(endpoint->authority, "127.0.0.1:9000");
  EXPECT_FALSE(endpoint->is_aws);
  EXPECT_FALSE(parse_endpoint("127.0.0.1:9000").ok());
  EXPECT_FALSE(parse_endpoint("ftp://host").ok());
  EXPECT_FALSE(parse_endpoint("http://host/path").ok());
  EXPECT_EQ(aws_endpoint("eu-west-1").str(), "https://s3.eu-west-1.amazonaws.com");
}

TEST(RequestTarget, PathStyleForCustomEndpoints) {
  auto endpoint = parse_endpoint("http://127.0.0.1:9000");
  ASSERT_TRUE(endpoint.ok());
  RequestTarget target = request_target(*endpoint, AddressingStyle::Auto, "bucket", "dir/a b+c=ü.csv");
  EXPECT_EQ(target.host, "127.0.0.1:9000");
  EXPECT_EQ(target.path, "/bucket/dir/a%20b%2Bc%3D%C3%BC.csv");
  EXPECT_EQ(target.url("list-type=2"), "http://127.0.0.1:9000/bucket/dir/a%20b%2Bc%3D%C3%BC.csv?list-type=2");
  EXPECT_EQ(request_target(*endpoint, AddressingStyle::Auto, "bucket", "").path, "/bucket");
}

TEST(RequestTarget, VirtualHostedOnAwsWhenTheBucketIsDnsSafe) {
  Endpoint aws = aws_endpoint("us-east-1");
  RequestTarget target = request_target(aws, AddressingStyle::Auto, "my-bucket", "k/x.csv");
  EXPECT_EQ(target.host, "my-bucket.s3.us-east-1.amazonaws.com");
  EXPECT_EQ(target.path, "/k/x.csv");
  // Dots break TLS wildcard certificates: path style instead.
  EXPECT_EQ(request_target(aws, AddressingStyle::Auto, "my.bucket", "k").host, "s3.us-east-1.amazonaws.com");
  // Forced styles win.
  EXPECT_EQ(request_target(aws, AddressingStyle::Path, "my-bucket", "k").path, "/my-bucket/k");
  auto local = parse_endpoint("http://localhost:9000");
  ASSERT_TRUE(local.ok());
  EXPECT_EQ(request_target(*local, AddressingStyle::VirtualHosted, "b1b", "k").host, "b1b.localhost:9000");
}

TEST(Encoding, UriEncodeFollowsSigV4Rules) {
  EXPECT_EQ(uri_encode("AZaz09-._~", false), "AZaz09-._~");
  EXPECT_EQ(uri_encode("a/b c", true), "a/b%20c");
  EXPECT_EQ(uri_encode("a/b c", false), "a%2Fb%20c");
  EXPECT_EQ(uri_encode("=+*&?%", false), "%3D%2B%2A%26%3F%25");
  EXPECT_EQ(uri_encode("\xC3\xA9", false), "%C3%A9");
}

TEST(Encoding, CanonicalQuerySortsAfterEncoding) {
  QueryParams params = {{"prefix", "models/a b"}, {"list-type", "2"}, {"continuation-token", "x+y=/z"},
                        {"max-keys", "5"}, {"uploads", ""}};
  EXPECT_EQ(canonical_query(params),
            "continuation-token=x%2By%3D%2Fz&list-type=2&max-keys=5&prefix=models%2Fa%20b&uploads=");
  EXPECT_EQ(canonical_query({}), "");
}

TEST(AddressingStyle, Parses) {
  EXPECT_EQ(*parse_addressing_style("path"), AddressingStyle::Path);
  EXPECT_EQ(*parse_addressing_style("virtual"), AddressingStyle::VirtualHosted);
  EXPECT_EQ(*parse_addressing_style(""), AddressingStyle::Auto);
  EXPECT_FALSE(parse_addressing_style("sideways").ok());
}

}  // namespace
}  // namespace strata::load
