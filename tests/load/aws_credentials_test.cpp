// Credential resolution with a fake environment and file system.
#include <gtest/gtest.h>

#include <map>

#include "load/aws_credentials.h"

namespace strata::load {
namespace {

struct FakeWorld {
  std::map<std::string, std::string> env;
  std::map<std::string, std::string> files;
  ConfigSource source() const {
    ConfigSource s;
    s.env = [this](const std::string& name) -> std::optional<std::string> {
      auto it = env.find(name);
      if (it == env.end()) return std::nullopt;
      return it->second;
    };
    s.read_file = [this](const std::string& path) -> std::optional<std::string> {
      auto it = files.find(path);
      if (it == files.end()) return std::nullopt;
      return it->second;
    };
    return s;
  }
};

TEST(AwsCredentials, EnvironmentVariables) {
  FakeWorld world;
  world.env = {{"HOME", "/home/u"},
               {"AWS_ACCESS_KEY_ID", "test:tester"},
               {"AWS_SECRET_ACCESS_KEY", "testing"},
               {"AWS_SESSION_TOKEN", "tok"},
               {"AWS_DEFAULT_REGION", "eu-west-1"},
               {"AWS_ENDPOINT_URL", "http://127.0.0.1:8080"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->access_key_id, "test:tester");
  EXPECT_EQ(settings->secret_access_key, "testing");
  EXPECT_EQ(settings->session_token, "tok");
  EXPECT_EQ(settings->region, "eu-west-1");
  EXPECT_EQ(settings->endpoint_url, "http://127.0.0.1:8080");
  EXPECT_EQ(settings->credentials_source, "the environment");
}

TEST(AwsCredentials, RegionAndEndpointPrecedence) {
  FakeWorld world;
  world.env = {{"AWS_ACCESS_KEY_ID", "k"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_REGION", "ap-south-1"},
               {"AWS_DEFAULT_REGION", "eu-west-1"}, {"AWS_ENDPOINT_URL", "http://generic:1"},
               {"AWS_ENDPOINT_URL_S3", "http://s3-specific:2"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->region, "ap-south-1");
  EXPECT_EQ(settings->endpoint_url, "http://s3-specific:2");
}

TEST(AwsCredentials, DefaultsToUsEast1AndAws) {
  FakeWorld world;
  world.env = {{"AWS_ACCESS_KEY_ID", "k"}, {"AWS_SECRET_ACCESS_KEY", "s"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->region, "us-east-1");
  EXPECT_EQ(settings->endpoint_url, "");
  EXPECT_EQ(settings->addressing, AddressingStyle::Auto);
}

TEST(AwsCredentials, DefaultProfileFromFiles) {
  FakeWorld world;
  world.env = {{"HOME", "/home/u"}};
  world.files["/home/u/.aws/credentials"] =
      "# comment\n[default]\naws_access_key_id = AKIDEFAULT\naws_secret_access_key = secret/default\n"
      "[other]\naws_access_key_id = AKIOTHER\naws_secret_access_key = secret-other\n";
  world.files["/home/u/.aws/config"] =
      "[default]\nregion = eu-central-1\ns3 =\n  addressing_style = path\n  endpoint_url = http://minio:9000\n"
      "[profile other]\nregion = us-west-2\n";
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->access_key_id, "AKIDEFAULT");
  EXPECT_EQ(settings->secret_access_key, "secret/default");
  EXPECT_EQ(settings->region, "eu-central-1");
  EXPECT_EQ(settings->addressing, AddressingStyle::Path);
  EXPECT_EQ(settings->endpoint_url, "http://minio:9000");
  EXPECT_NE(settings->credentials_source.find("profile 'default'"), std::string::npos);
}

TEST(AwsCredentials, NamedProfileAndCustomFilePaths) {
  FakeWorld world;
  world.env = {{"AWS_PROFILE", "other"}, {"AWS_SHARED_CREDENTIALS_FILE", "/etc/creds"},
               {"AWS_CONFIG_FILE", "/etc/conf"}};
  world.files["/etc/creds"] = "[other]\naws_access_key_id=AKIOTHER\naws_secret_access_key=so\naws_session_token=st\n";
  world.files["/etc/conf"] = "[profile other]\nregion = us-west-2\n";
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok()) << settings.error().message;
  EXPECT_EQ(settings->access_key_id, "AKIOTHER");
  EXPECT_EQ(settings->session_token, "st");
  EXPECT_EQ(settings->region, "us-west-2");
}

TEST(AwsCredentials, EnvironmentBeatsProfile) {
  FakeWorld world;
  world.env = {{"HOME", "/h"}, {"AWS_ACCESS_KEY_ID", "envkey"}, {"AWS_SECRET_ACCESS_KEY", "envsecret"}};
  world.files["/h/.aws/credentials"] = "[default]\naws_access_key_id=filekey\naws_secret_access_key=filesecret\n";
  auto settings = resolve_aws_settings(world.source());
  ASSERT_TRUE(settings.ok());
  EXPECT_EQ(settings->access_key_id, "envkey");
}

TEST(AwsCredentials, MissingCredentialsNameTheVariables) {
  FakeWorld world;
  world.env = {{"HOME", "/h"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_FALSE(settings.ok());
  EXPECT_NE(settings.error().message.find("no S3 credentials"), std::string::npos);
  EXPECT_NE(settings.error().hint.find("AWS_ACCESS_KEY_ID"), std::string::npos);
  EXPECT_NE(settings.error().hint.find("AWS_SECRET_ACCESS_KEY"), std::string::npos);
  EXPECT_NE(settings.error().hint.find("AWS_PROFILE"), std::string::npos);
  EXPECT_NE(settings.error().hint.find("AWS_ENDPOINT_URL"), std::string::npos);
}

TEST(AwsCredentials, HalfSetEnvironmentIsAnError) {
  FakeWorld world;
  world.env = {{"AWS_ACCESS_KEY_ID", "k"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_FALSE(settings.ok());
  EXPECT_NE(settings.error().message.find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos)
      << settings.error().message;
}

TEST(AwsCredentials, UnknownExplicitProfileIsAnError) {
  FakeWorld world;
  world.env = {{"HOME", "/h"}, {"AWS_PROFILE", "nope"}};
  world.files["/h/.aws/credentials"] = "[default]\naws_access_key_id=a\naws_secret_access_key=b\n";
  auto settings = resolve_aws_settings(world.source());
  ASSERT_FALSE(settings.ok());
  EXPECT_NE(settings.error().message.find("AWS_PROFILE='nope'"), std::string::npos);
}

TEST(AwsCredentials, BadEndpointIsReported) {
  FakeWorld world;
  world.env = {{"AWS_ACCESS_KEY_ID", "k"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_ENDPOINT_URL", "localhost:9000"}};
  auto settings = resolve_aws_settings(world.source());
  ASSERT_FALSE(settings.ok());
  EXPECT_NE(settings.error().message.find("localhost:9000"), std::string::npos);
}

TEST(AwsIni, ParsesSectionsCommentsAndNestedBlocks) {
  IniSections ini = parse_aws_ini("; c\n[a]\nx = 1 \r\n  \n[profile b]\ns3 =\n    max_concurrent_requests = 4\ny=2\n");
  EXPECT_EQ(ini["a"]["x"], "1");
  EXPECT_EQ(ini["profile b"]["s3.max_concurrent_requests"], "4");
  EXPECT_EQ(ini["profile b"]["y"], "2");
}

}  // namespace
}  // namespace strata::load
