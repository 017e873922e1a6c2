#include "load/aws_credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

namespace strata::load {

namespace {
std::string trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return {};
  size_t end = text.find_last_not_of(" \t\r");
  return text.substr(begin, end - begin + 1);
}

std::string env_value(const ConfigSource& source, const std::string& name) {
  auto value = source.env ? source.env(name) : std::nullopt;
  return value ? trim(*value) : std::string();
}

const std::map<std::string, std::string>* find_section(const IniSections& sections, const std::string& name) {
  auto it = sections.find(name);
  return it == sections.end() ? nullptr : &it->second;
}

std::string value_of(const std::map<std::string, std::string>* section, const std::string& key) {
  if (!section) return {};
  auto it = section->find(key);
  return it == section->end() ? std::string() : it->second;
}

constexpr const char* kMissingCredentialsHint =
    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary "
    "credentials), or put them in a profile in ~/.aws/credentials and select it with AWS_PROFILE; "
    "for a non-AWS store also set AWS_ENDPOINT_URL (e.g. http://127.0.0.1:9000) and AWS_REGION";
}  // namespace

ConfigSource ConfigSource::system() {
  ConfigSource source;
  source.env = [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (!value) return std::nullopt;
    return std::string(value);
  };
  source.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
  };
  return source;
}

IniSections parse_aws_ini(const std::string& text) {
  IniSections sections;
  std::string section, nested;
  std::istringstream in(text);
  std::string raw;
  while (std::getline(in, raw)) {
    std::string line = trim(raw);
    if (line.empty() || line[0] == '#' || line[0] == ';') continue;
    if (line.front() == '[' && line.back() == ']') {
      section = trim(line.substr(1, line.size() - 2));
      nested.clear();
      sections[section];
      continue;
    }
    size_t eq = line.find('=');
    if (eq == std::string::npos || section.empty()) continue;
    std::string key = trim(line.substr(0, eq));
    std::string value = trim(line.substr(eq + 1));
    bool indented = raw[0] == ' ' || raw[0] == '\t';
    if (indented && !nested.empty()) {
      sections[section][nested + "." + key] = value;
      continue;
    }
    nested = value.empty() ? key : std::string();
    if (!value.empty()) sections[section][key] = value;
  }
  return sections;
}

Result<AwsSettings> resolve_aws_settings(const ConfigSource& source) {
  AwsSettings settings;
  std::string home = env_value(source, "HOME");
  std::string credentials_path = env_value(source, "AWS_SHARED_CREDENTIALS_FILE");
  if (credentials_path.empty() && !home.empty()) credentials_path = home + "/.aws/credentials";
  std::string config_path = env_value(source, "AWS_CONFIG_FILE");
  if (config_path.empty() && !home.empty()) config_path = home + "/.aws/config";
  std::string explicit_profile = env_value(source, "AWS_PROFILE");
  std::string profile = explicit_profile.empty() ? "default" : explicit_profile;

  auto read = [&](const std::string& path) -> std::optional<IniSections> {
    if (path.empty() || !source.read_file) return std::nullopt;
    auto text = source.read_file(path);
    if (!text) return std::nullopt;
    return parse_aws_ini(*text);
  };
  auto credentials_file = read(credentials_path);
  auto config_file = read(config_path);
  const auto* credentials_section = credentials_file ? find_section(*credentials_file, profile) : nullptr;
  const auto* config_section =
      config_file ? find_section(*config_file, profile == "default" ? "default" : "profile " + profile) : nullptr;
  if (!explicit_profile.empty() && !credentials_section && !config_section)
    return Error(ErrorCode::Config, "AWS_PROFILE='" + profile + "' but no such profile in " +
                                        (credentials_path.empty() ? "~/.aws/credentials" : credentials_path) +
                                        " or " + (config_path.empty() ? "~/.aws/config" : config_path))
        .with_hint("add a [" + profile + "] section to the credentials file, or unset AWS_PROFILE");

  // A profile setting: the credentials file first (as the AWS CLI), then the config file.
  auto profile_value = [&](const std::string& key) {
    std::string value = value_of(credentials_section, key);
    return value.empty() ? value_of(config_section, key) : value;
  };

  std::string env_key = env_value(source, "AWS_ACCESS_KEY_ID");
  std::string env_secret = env_value(source, "AWS_SECRET_ACCESS_KEY");
  if (!env_key.empty() || !env_secret.empty()) {
    if (env_key.empty() || env_secret.empty())
      return Error(ErrorCode::Config, std::string(env_key.empty() ? "AWS_SECRET_ACCESS_KEY" : "AWS_ACCESS_KEY_ID") +
                                          " is set but " + (env_key.empty() ? "AWS_ACCESS_KEY_ID" : "AWS_SECRET_ACCESS_KEY") +
                                          " is not")
          .with_hint("set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY");
    settings.access_key_id = env_key;
    settings.secret_access_key = env_secret;
    settings.session_token = env_value(source, "AWS_SESSION_TOKEN");
    settings.credentials_source = "the environment";
  } else {
    settings.access_key_id = profile_value("aws_access_key_id");
    settings.secret_access_key = profile_value("aws_secret_access_key");
    settings.session_token = profile_value("aws_session_token");
    if (settings.access_key_id.empty() || settings.secret_access_key.empty())
      return Error(ErrorCode::Config,
                   "no S3 credentials: AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY are not set and profile '" + profile +
                       "' has no aws_access_key_id / aws_secret_access_key" +
                       (credentials_path.empty() ? std::string() : " (looked in " + credentials_path + ")"))
          .with_hint(kMissingCredentialsHint);
    settings.credentials_source = "profile '" + profile + "' (aws_secret_access_key in " +
                                  (value_of(credentials_section, "aws_secret_access_key").empty() ? config_path
                                                                                                  : credentials_path) +
                                  ")";
  }

  for (const char* name : {"AWS_REGION", "AWS_DEFAULT_REGION"}) {
    if (std::string region = env_value(source, name); !region.empty()) {
      settings.region = region;
      break;
    }
  }
  if (env_value(source, "AWS_REGION").empty() && env_value(source, "AWS_DEFAULT_REGION").empty()) {
    if (std::string region = profile_value("region"); !region.empty()) settings.region = region;
  }

  settings.endpoint_url = env_value(source, "AWS_ENDPOINT_URL_S3");
  if (settings.endpoint_url.empty()) settings.endpoint_url = env_value(source, "AWS_ENDPOINT_URL");
  if (settings.endpoint_url.empty()) settings.endpoint_url = profile_value("s3.endpoint_url");
  if (settings.endpoint_url.empty()) settings.endpoint_url = profile_value("endpoint_url");
  if (!settings.endpoint_url.empty()) STRATA_TRY(parse_endpoint(settings.endpoint_url));

  std::string style = env_value(source, "STRATA_S3_ADDRESSING_STYLE");
  if (style.empty()) style = profile_value("s3.addressing_style");
  auto addressing = parse_addressing_style(style);
  if (!addressing) return std::move(addressing).error();
  settings.addressing = *addressing;
  return settings;
}

}  // namespace strata::load
