#pragma once
// Where S3 credentials, region and endpoint come from, in the AWS CLI's order:
//   1. environment: AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN,
//      AWS_REGION / AWS_DEFAULT_REGION, AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL;
//   2. the profile AWS_PROFILE (else "default") in AWS_SHARED_CREDENTIALS_FILE
//      (~/.aws/credentials) and AWS_CONFIG_FILE (~/.aws/config, sections "[profile NAME]"):
//      aws_access_key_id, aws_secret_access_key, aws_session_token, region, endpoint_url,
//      and the nested "s3 =" setting addressing_style.
// STRATA_S3_ADDRESSING_STYLE (auto|path|virtual) overrides the addressing style.
// The environment and file reader are injected so tests never touch the real ones.
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "common/result.h"
#include "load/s3_url.h"

namespace strata::load {

struct ConfigSource {
  std::function<std::optional<std::string>(const std::string& name)> env;
  std::function<std::optional<std::string>(const std::string& path)> read_file;
  // The process environment and the real file system.
  static ConfigSource system();
};

struct AwsSettings {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;
  std::string region = "us-east-1";
  std::string endpoint_url;  // empty: AWS itself
  AddressingStyle addressing = AddressingStyle::Auto;
  // Where the keys came from, for error hints: "environment" or "profile 'x' in FILE".
  std::string credentials_source;
};

// Fails with a clear error naming the variables to set when no credentials are found, or
// when AWS_PROFILE names a profile that does not exist.
Result<AwsSettings> resolve_aws_settings(const ConfigSource& source);

// An INI file as the AWS CLI writes it: section -> key -> value; nested blocks under a key
// with an empty value ("s3 =" then indented lines) become "s3.key".
using IniSections = std::map<std::string, std::map<std::string, std::string>>;
IniSections parse_aws_ini(const std::string& text);

}  // namespace strata::load
