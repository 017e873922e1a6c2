#include "load/s3_xml.h"

#include <pugixml.hpp>

#include <charconv>
#include <cstdio>
#include <cstring>

namespace strata::load {

namespace {
Result<pugi::xml_node> load_root(pugi::xml_document& doc, std::string_view xml, const char* expected) {
  pugi::xml_parse_result parsed = doc.load_buffer(xml.data(), xml.size());
  if (!parsed)
    return Error(ErrorCode::Network, std::string("malformed XML in S3 response (") + parsed.description() + ")");
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != expected)
    return Error(ErrorCode::Network,
                 std::string("unexpected S3 response: <") + root.name() + "> where <" + expected + "> was expected");
  return root;
}

std::string text_of(pugi::xml_node node, const char* child) { return node.child(child).text().as_string(); }

// S3 lists sizes up to 5 TiB: parse as 64-bit explicitly.
Result<uint64_t> parse_size(const std::string& text, const std::string& key) {
  uint64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    return Error(ErrorCode::Network, "S3 listing has a bad <Size> '" + text + "' for key '" + key + "'");
  return value;
}
}  // namespace

std::string http_date_to_iso8601(const std::string& http_date) {
  static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char weekday[4] = {}, month[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0;
  if (std::sscanf(http_date.c_str(), "%3s, %d %3s %d %d:%d:%d GMT", weekday, &day, month, &year, &hour, &minute,
                  &second) != 7)
    return http_date;
  int month_number = 0;
  for (int i = 0; i < 12; ++i)
    if (std::strcmp(month, months[i]) == 0) month_number = i + 1;
  if (month_number == 0) return http_date;
  char out[40];
  std::snprintf(out, sizeof out, "%04d-%02d-%02dT%02d:%02d:%02d.000Z", year, month_number, day, hour, minute, second);
  return out;
}

std::string unquote_etag(std::string_view etag) {
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') etag = etag.substr(1, etag.size() - 2);
  if (etag.substr(0, 6) == "&quot;") etag.remove_prefix(6);
  if (etag.size() >= 6 && etag.substr(etag.size() - 6) == "&quot;") etag.remove_suffix(6);
  return std::string(etag);
}

std::string url_decode(std::string_view text) {
  auto hex_value = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out += ' ';
    } else if (text[i] == '%' && i + 2 < text.size() && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

Result<ListPage> parse_list_objects_v2(std::string_view xml, bool url_encoded) {
  auto decode = [&](std::string text) { return url_encoded ? url_decode(text) : text; };
  pugi::xml_document doc;
  auto root = load_root(doc, xml, "ListBucketResult");
  if (!root) return std::move(root).error();
  ListPage page;
  page.truncated = text_of(*root, "IsTruncated") == "true";
  page.next_continuation_token = text_of(*root, "NextContinuationToken");
  for (pugi::xml_node item : root->children("Contents")) {
    ObjectInfo info;
    info.key = decode(text_of(item, "Key"));
    auto size = parse_size(text_of(item, "Size"), info.key);
    if (!size) return std::move(size).error();
    info.size = *size;
    info.etag = unquote_etag(text_of(item, "ETag"));
    info.last_modified = text_of(item, "LastModified");
    page.objects.push_back(std::move(info));
  }
  for (pugi::xml_node prefix : root->children("CommonPrefixes")) page.common_prefixes.push_back(decode(text_of(prefix, "Prefix")));
  if (page.truncated && page.next_continuation_token.empty())
    return Error(ErrorCode::Network, "S3 listing is truncated but has no NextContinuationToken");
  return page;
}

S3ErrorBody parse_error_body(std::string_view xml) {
  S3ErrorBody body;
  pugi::xml_document doc;
  if (!doc.load_buffer(xml.data(), xml.size())) return body;
  pugi::xml_node root = doc.document_element();
  if (std::string_view(root.name()) != "Error") return body;
  body.code = text_of(root, "Code");
  body.message = text_of(root, "Message");
  body.request_id = text_of(root, "RequestId");
  return body;
}

Result<std::string> parse_initiate_multipart_upload(std::string_view xml) {
  pugi::xml_document doc;
  auto root = load_root(doc, xml, "InitiateMultipartUploadResult");
  if (!root) return std::move(root).error();
  std::string id = text_of(*root, "UploadId");
  if (id.empty()) return Error(ErrorCode::Network, "S3 did not return an UploadId for the multipart upload");
  return id;
}

Result<CompleteMultipartResult> parse_complete_multipart_upload(std::string_view xml) {
  CompleteMultipartResult result;
  result.error = parse_error_body(xml);
  if (!result.error.code.empty()) return result;
  pugi::xml_document doc;
  auto root = load_root(doc, xml, "CompleteMultipartUploadResult");
  if (!root) return std::move(root).error();
  result.etag = unquote_etag(text_of(*root, "ETag"));
  return result;
}

std::string complete_multipart_upload_body(const std::vector<CompletedPart>& parts) {
  pugi::xml_document doc;
  pugi::xml_node root = doc.append_child("CompleteMultipartUpload");
  root.append_attribute("xmlns") = "http://s3.amazonaws.com/doc/2006-03-01/";
  for (const CompletedPart& part : parts) {
    pugi::xml_node node = root.append_child("Part");
    node.append_child("PartNumber").text().set(part.number);
    node.append_child("ETag").text().set(("\"" + unquote_etag(part.etag) + "\"").c_str());
  }
  struct Writer : pugi::xml_writer {
    std::string out;
    void write(const void* data, size_t size) override { out.append(static_cast<const char*>(data), size); }
  } writer;
  doc.save(writer, "", pugi::format_raw | pugi::format_no_declaration);
  return writer.out;
}

}  // namespace strata::load
