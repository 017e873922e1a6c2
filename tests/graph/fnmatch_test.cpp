#include <gtest/gtest.h>

#include "graph/fnmatch.h"

namespace strata::graph {
namespace {

TEST(Fnmatch, PythonSemantics) {
  EXPECT_TRUE(fnmatch("stg_orders", "stg_*"));
  EXPECT_TRUE(fnmatch("shop.staging.stg_orders", "*.stg_*"));  // '*' crosses dots
  EXPECT_TRUE(fnmatch("a/b/c", "a*c"));                         // and slashes
  EXPECT_TRUE(fnmatch("finance", "fin?nce"));
  EXPECT_FALSE(fnmatch("finance", "fin?"));
  EXPECT_TRUE(fnmatch("orders", "[ox]rders"));
  EXPECT_FALSE(fnmatch("orders", "[!o]rders"));
  EXPECT_TRUE(fnmatch("b", "[a-c]"));
  EXPECT_TRUE(fnmatch("]", "[]]"));
  EXPECT_TRUE(fnmatch("a[b", "a[b"));  // unterminated set is literal
  EXPECT_TRUE(fnmatch("", "*"));
  EXPECT_FALSE(fnmatch("", "?"));
  EXPECT_FALSE(fnmatch("Orders", "orders"));  // case-sensitive, as on POSIX
  EXPECT_TRUE(fnmatch("aaa", "*a*a*a*"));
  EXPECT_FALSE(fnmatch("aab", "*a*a*a*"));
}

TEST(GlobPath, SegmentsAndDoubleStar) {
  EXPECT_TRUE(glob_path_match("models/staging", "models/staging/"));
  EXPECT_TRUE(glob_path_match("models/staging", "./models/staging"));
  EXPECT_TRUE(glob_path_match("models/staging/a.sql", "models/*/a.sql"));
  EXPECT_FALSE(glob_path_match("models/staging/x/a.sql", "models/*.sql"));  // '*' stays in one segment
  EXPECT_TRUE(glob_path_match("models/staging/x/a.sql", "models/**/a.sql"));
  EXPECT_TRUE(glob_path_match("models/a.sql", "models/**/a.sql"));
  EXPECT_FALSE(glob_path_match("models", "models/staging"));
  EXPECT_TRUE(glob_path_match("models/a/b/c.sql", "**/c.sql"));
  EXPECT_FALSE(glob_path_match("models/a/b/c.sql", "**/a"));
}

TEST(GlobPath, ManyDoubleStarsStayFast) {
  std::string path, pattern;
  for (int i = 0; i < 40; ++i) path += "d/";
  path += "x";
  for (int i = 0; i < 40; ++i) pattern += "**/";
  pattern += "y";
  EXPECT_FALSE(glob_path_match(path, pattern));
  EXPECT_TRUE(fnmatch(std::string(200, 'a'), std::string(50, '*') + "a"));
  EXPECT_FALSE(fnmatch(std::string(200, 'a'), std::string(50, '*') + "b"));
}

}  // namespace
}  // namespace strata::graph
