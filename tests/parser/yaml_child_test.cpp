// yaml_child must answer exactly as yaml-cpp's node[key] does, only faster.
#include <gtest/gtest.h>

#include "project/yaml_document.h"

namespace strata::project {
namespace {

TEST(YamlChild, PresentKeysGiveTheSameNode) {
  YAML::Node doc = YAML::Load("name: a\nconfig: {x: 1}\n1: one\n~: nothing\nname: second\n");
  const YAML::Node& map = doc;
  for (const char* key : {"name", "config", "1"}) {
    YAML::Node fast = yaml_child(map, key);
    YAML::Node slow = map[key];
    ASSERT_TRUE(fast) << key;
    EXPECT_TRUE(fast.is(slow)) << key;
    EXPECT_EQ(fast.Mark().line, slow.Mark().line) << key;
  }
  EXPECT_EQ(yaml_child(map, "name").Scalar(), "a");  // the first of duplicate keys, as yaml-cpp
}

TEST(YamlChild, MissingKeysAreInvalidLikeYamlCpps) {
  const YAML::Node map = YAML::Load("name: a\n");
  for (int round = 0; round < 2; ++round) {  // the second answer comes from the per-thread cache
    YAML::Node fast = yaml_child(map, "description");
    EXPECT_FALSE(fast);
    EXPECT_FALSE(fast.IsDefined());
    EXPECT_THROW((void)fast.Scalar(), YAML::InvalidNode);
    EXPECT_THROW((void)fast.IsScalar(), YAML::InvalidNode);
  }
  EXPECT_FALSE(yaml_child(map, "other"));
}

TEST(YamlChild, NonMappingsAnswerAsYamlCpp) {
  const YAML::Node seq = YAML::Load("[a, b]");
  EXPECT_FALSE(yaml_child(seq, "name"));
  const YAML::Node scalar = YAML::Load("text");
  EXPECT_THROW((void)yaml_child(scalar, "name"), YAML::BadSubscript);
  const YAML::Node null = YAML::Load("~");
  EXPECT_FALSE(yaml_child(null, "name"));
}

}  // namespace
}  // namespace strata::project
