#include <gtest/gtest.h>

#include "load/s3_xml.h"

namespace strata::load {
namespace {

TEST(S3Xml, ListObjectsV2Page) {
  const char* xml = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name><Prefix>raw/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <Contents><Key>raw/movies.csv</Key><LastModified>2026-11-23T00:05:01.000Z</LastModified>
    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>494431</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>raw/ratings.csv</Key><LastModified>2026-11-23T00:05:02.000Z</LastModified>
    <ETag>"6c51bd1a0e4e8f4b2b8f1f4e5f000000-34"</ETag><Size>5368709120000</Size></Contents>
</ListBucketResult>)";
  auto page = parse_list_objects_v2(xml);
  ASSERT_TRUE(page.ok()) << page.error().message;
  EXPECT_TRUE(page->truncated);
  EXPECT_EQ(page->next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  ASSERT_EQ(page->objects.size(), 2u);
  EXPECT_EQ(page->objects[0].key, "raw/movies.csv");
  EXPECT_EQ(page->objects[0].size, 494431u);
  EXPECT_EQ(page->objects[0].etag, "9b2cf535f27731c974343645a3985328");
  EXPECT_EQ(page->objects[0].last_modified, "2026-11-23T00:05:01.000Z");
  EXPECT_EQ(page->objects[1].size, 5368709120000u);  // > 4 GiB
  EXPECT_EQ(page->objects[1].etag, "6c51bd1a0e4e8f4b2b8f1f4e5f000000-34");
}

TEST(S3Xml, UrlEncodedKeysAreDecoded) {
  const char* xml = "<ListBucketResult><IsTruncated>false</IsTruncated>"
                    "<Contents><Key>dir/a+b%3Dc%C3%BC%2B.csv</Key><Size>1</Size></Contents>"
                    "<CommonPrefixes><Prefix>dir/sub%20x/</Prefix></CommonPrefixes></ListBucketResult>";
  auto page = parse_list_objects_v2(xml, true);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->objects[0].key, "dir/a b=c\xC3\xBC+.csv");
  EXPECT_EQ(page->common_prefixes.at(0), "dir/sub x/");
  EXPECT_FALSE(page->truncated);
}

TEST(S3Xml, MalformedListingsAreErrors) {
  EXPECT_FALSE(parse_list_objects_v2("<ListBucketResult><Contents>").ok());
  EXPECT_FALSE(parse_list_objects_v2("<Error><Code>X</Code></Error>").ok());
  EXPECT_FALSE(parse_list_objects_v2("<ListBucketResult><Contents><Key>k</Key><Size>-1</Size></Contents></ListBucketResult>").ok());
  EXPECT_FALSE(parse_list_objects_v2("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>").ok());
  EXPECT_FALSE(parse_list_objects_v2("").ok());
}

TEST(S3Xml, ErrorBody) {
  S3ErrorBody body = parse_error_body(
      "<?xml version='1.0' encoding='UTF-8'?>\n<Error><Code>SignatureDoesNotMatch</Code>"
      "<Message>The request signature we calculated does not match the signature you provided.</Message>"
      "<RequestId>tx123</RequestId></Error>");
  EXPECT_EQ(body.code, "SignatureDoesNotMatch");
  EXPECT_EQ(body.message, "The request signature we calculated does not match the signature you provided.");
  EXPECT_EQ(body.request_id, "tx123");
  EXPECT_EQ(parse_error_body("not xml").code, "");
  EXPECT_EQ(parse_error_body("<Other/>").code, "");
}

TEST(S3Xml, MultipartDocuments) {
  auto id = parse_initiate_multipart_upload(
      "<InitiateMultipartUploadResult><Bucket>b</Bucket><Key>k</Key><UploadId>abc-123</UploadId>"
      "</InitiateMultipartUploadResult>");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(*id, "abc-123");
  EXPECT_FALSE(parse_initiate_multipart_upload("<InitiateMultipartUploadResult/>").ok());

  auto done = parse_complete_multipart_upload(
      "<CompleteMultipartUploadResult><ETag>\"abc-2\"</ETag></CompleteMultipartUploadResult>");
  ASSERT_TRUE(done.ok());
  EXPECT_EQ(done->etag, "abc-2");
  auto failed = parse_complete_multipart_upload("<Error><Code>InternalError</Code><Message>m</Message></Error>");
  ASSERT_TRUE(failed.ok());
  EXPECT_EQ(failed->error.code, "InternalError");

  EXPECT_EQ(complete_multipart_upload_body({{1, "\"aa\""}, {2, "bb"}}),
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<Part><PartNumber>1</PartNumber><ETag>\"aa\"</ETag></Part>"
            "<Part><PartNumber>2</PartNumber><ETag>\"bb\"</ETag></Part></CompleteMultipartUpload>");
}

TEST(S3Xml, HttpDatesBecomeIso8601) {
  EXPECT_EQ(http_date_to_iso8601("Mon, 23 Nov 2026 00:15:16 GMT"), "2026-11-23T00:15:16.000Z");
  EXPECT_EQ(http_date_to_iso8601("Fri, 05 Jan 2024 09:08:07 GMT"), "2024-01-05T09:08:07.000Z");
  EXPECT_EQ(http_date_to_iso8601("yesterday"), "yesterday");
  EXPECT_EQ(http_date_to_iso8601("Mon, 23 Foo 2026 00:15:16 GMT"), "Mon, 23 Foo 2026 00:15:16 GMT");
}

}  // namespace
}  // namespace strata::load
