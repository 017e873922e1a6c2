#include "load/s3_errors.h"

namespace strata::load {

namespace {
std::string code_for_status(long status) {
  switch (status) {
    case 400: return "BadRequest";
    case 403: return "Forbidden";
    case 404: return "NotFound";
    case 412: return "PreconditionFailed";
    case 416: return "InvalidRange";
    case 429: return "TooManyRequests";
    case 500: return "InternalError";
    case 503: return "ServiceUnavailable";
    default: return "HTTP" + std::to_string(status);
  }
}
}  // namespace

std::string s3_error_hint(const std::string& code, const S3ErrorContext& context) {
  std::string keys = context.credentials_source.empty() ? "" : " (credentials from " + context.credentials_source + ")";
  if (code == "SignatureDoesNotMatch")
    return "check AWS_SECRET_ACCESS_KEY: it does not match the access key" + keys +
           " (some servers, e.g. Swift, also answer this for an unknown AWS_ACCESS_KEY_ID); also check that AWS_REGION ('" +
           context.region + "') is the bucket's region";
  if (code == "InvalidAccessKeyId") return "check AWS_ACCESS_KEY_ID: the server does not know this key" + keys;
  if (code == "AccessDenied" || code == "Forbidden" || code == "AllAccessDisabled")
    return "the credentials" + keys + " are not allowed to do this; check the key and the bucket's policy";
  if (code == "InvalidToken" || code == "ExpiredToken" || code == "TokenRefreshRequired")
    return "refresh the temporary credentials (AWS_SESSION_TOKEN)";
  if (code == "NoSuchBucket")
    return "check the bucket name and the endpoint (AWS_ENDPOINT_URL); create it with `strata stage put "
           "--create-bucket`";
  if (code == "NoSuchKey" || code == "NotFound") return "check the key; list what exists with `strata stage ls`";
  if (code == "AuthorizationHeaderMalformed" || code == "PermanentRedirect" || code == "IllegalLocationConstraintException")
    return "the bucket lives in another region: set AWS_REGION to it";
  if (code == "RequestTimeTooSkewed") return "the system clock is off; synchronise it (e.g. with NTP)";
  if (code == "SlowDown" || code == "ServiceUnavailable" || code == "InternalError" || code == "TooManyRequests")
    return "the server is overloaded or failing; retries were exhausted, try again later or lower --jobs";
  if (code == "BadDigest" || code == "InvalidDigest" || code == "XAmzContentSHA256Mismatch")
    return "the data changed or was corrupted in transit; retry the command";
  if (code == "EntityTooSmall") return "multipart parts must be at least 5 MiB except the last; raise --part-size";
  return {};
}

Error s3_http_error(const S3ErrorContext& context, long status, const S3ErrorBody& body) {
  std::string code = body.code.empty() ? code_for_status(status) : body.code;
  std::string message = context.resource + ": " + std::to_string(status) + " " + code + " from " + context.endpoint;
  if (!body.message.empty()) message += ": " + body.message;
  if (!body.request_id.empty()) message += " (request id " + body.request_id + ")";
  Error error(ErrorCode::Network, std::move(message));
  error.hint = s3_error_hint(code, context);
  return error;
}

Error s3_transport_error(const S3ErrorContext& context, const std::string& url, const std::string& curl_message,
                         int attempts) {
  std::string message = context.resource + ": " + curl_message + " (" + url + ")";
  if (attempts > 1) message += " after " + std::to_string(attempts) + " attempts";
  return Error(ErrorCode::Network, std::move(message))
      .with_hint("check that the S3 endpoint " + context.endpoint +
                 " is reachable (AWS_ENDPOINT_URL), and the network connection");
}

}  // namespace strata::load
