// Unit tests of the `external:` spec parser, the reader SQL and local file listing.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "load/load_spec.h"
#include "load/reader_sql.h"
#include "load/source_files.h"

namespace strata::load {
namespace {

manifest::Node source_node(manifest::Json external) {
  manifest::Node node;
  node.type = manifest::ResourceType::Source;
  node.source_name = "raw";
  node.name = "ratings";
  node.identifier = "ratings_tbl";
  node.schema = "raw";
  node.external = std::move(external);
  return node;
}

const LocationRenderer no_render = [](const std::string& text, const manifest::Node&) -> Result<std::string> {
  return text;
};

TEST(LoadSpec, DefaultsAndRelativeLocation) {
  auto spec = parse_load_spec(source_node({{"location", "data/ratings*.csv"}}), "/proj", no_render);
  ASSERT_TRUE(spec) << spec.error().message;
  EXPECT_EQ(spec->location, "/proj/data/ratings*.csv");
  EXPECT_EQ(spec->format, FileFormat::Csv);
  EXPECT_EQ(spec->on_error, OnError::Abort);
  EXPECT_EQ(spec->mode, LoadMode::Load);
  EXPECT_EQ(spec->identifier, "ratings_tbl");
  EXPECT_EQ(spec->source_table, "raw.ratings");
  EXPECT_TRUE(spec->columns.empty());
}

TEST(LoadSpec, FormatFromExtensionAndExplicitFields) {
  auto parquet = parse_load_spec(source_node({{"location", "s3://b/p/x.parquet"}}), "/proj", no_render);
  ASSERT_TRUE(parquet);
  EXPECT_EQ(parquet->format, FileFormat::Parquet);
  EXPECT_TRUE(parquet->is_s3());
  EXPECT_EQ(parquet->location, "s3://b/p/x.parquet");
  auto json = parse_load_spec(
      source_node({{"location", "d/"}, {"format", "json"}, {"on_error", "skip_file"}, {"mode", "in_place"}}), "/p",
      no_render);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->format, FileFormat::Json);
  EXPECT_EQ(json->on_error, OnError::SkipFile);
  EXPECT_EQ(json->mode, LoadMode::InPlace);
  EXPECT_EQ(json->location, "/p/d/");
}

TEST(LoadSpec, JinjaLocationIsRendered) {
  std::string seen;
  LocationRenderer render = [&seen](const std::string& text, const manifest::Node&) -> Result<std::string> {
    seen = text;
    return std::string("s3://bucket/raw/");
  };
  auto spec = parse_load_spec(source_node({{"location", "s3://{{ x }}/raw/"}}), "/p", render);
  ASSERT_TRUE(spec);
  EXPECT_EQ(seen, "s3://{{ x }}/raw/");
  EXPECT_EQ(spec->location, "s3://bucket/raw/");
  EXPECT_TRUE(spec->is_s3());
  auto plain = parse_load_spec(source_node({{"location", "x.csv"}}), "/p", render);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->location, "/p/x.csv");  // no Jinja: not rendered
}

TEST(LoadSpec, BadValuesAreConfigErrorsAtTheNode) {
  for (auto external : {manifest::Json{{"format", "csv"}}, manifest::Json{{"location", "a"}, {"format", "xls"}},
                        manifest::Json{{"location", "a"}, {"on_error", "ignore"}},
                        manifest::Json{{"location", "a"}, {"mode", "copy"}},
                        manifest::Json{{"location", "a"}, {"options", {{"columns", {{"a", "int"}}}}}}}) {
    auto spec = parse_load_spec(source_node(external), "/p", no_render);
    ASSERT_FALSE(spec) << external.dump();
    EXPECT_EQ(spec.error().code, ErrorCode::Config);
    EXPECT_NE(spec.error().message.find("raw.ratings"), std::string::npos);
    EXPECT_FALSE(spec.error().hint.empty());
  }
}

TEST(LoadSpec, DeclaredColumnsOnlyWhenAllTyped) {
  manifest::Node node = source_node({{"location", "a.csv"}});
  node.columns.push_back({});
  node.columns.back().name = "userId";
  node.columns.back().data_type = "integer";
  node.columns.push_back({});
  node.columns.back().name = "title";
  auto partial = parse_load_spec(node, "/p", no_render);
  ASSERT_TRUE(partial);
  EXPECT_TRUE(partial->columns.empty());
  node.columns.back().data_type = "varchar";
  auto full = parse_load_spec(node, "/p", no_render);
  ASSERT_TRUE(full);
  ASSERT_EQ(full->columns.size(), 2u);
  EXPECT_EQ(reader_sql(*full, sql_literal("f's.csv"), {true}),
            "read_csv('f''s.csv', header = true, columns = {'userId': 'integer', 'title': 'varchar'}, "
            "store_rejects = true, rejects_table = 'strata_reject_errors', rejects_scan = 'strata_reject_scans')");
  EXPECT_EQ(declared_columns_sql(*full), "(\"userId\" integer, \"title\" varchar)");
}

TEST(LoadSpec, ReaderOptionsPassThrough) {
  auto spec = parse_load_spec(
      source_node({{"location", "a.csv"}, {"options", {{"header", false}, {"delim", "|"}, {"skip", 2}}}}), "/p",
      no_render);
  ASSERT_TRUE(spec);
  EXPECT_EQ(reader_sql(*spec, "'a.csv'"), "read_csv('a.csv', header = false, delim = '|', skip = 2)");
}

TEST(SourceFiles, LocalGlobDirectoryAndFile) {
  auto dir = std::filesystem::temp_directory_path() / ("strata_source_files_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  for (const char* name : {"r1.csv", "r2.csv", "m.csv", ".hidden.csv", "sub/r3.csv"})
    std::ofstream(dir / name) << "a\n1\n";
  LoadSpec spec;
  spec.location = (dir / "r*.csv").string();
  auto glob = list_source_files(spec, nullptr);
  ASSERT_TRUE(glob);
  ASSERT_EQ(glob->size(), 2u);
  EXPECT_EQ((*glob)[0].uri, (dir / "r1.csv").string());
  EXPECT_EQ((*glob)[0].size, 4u);
  EXPECT_EQ((*glob)[0].version.rfind("mtime:", 0), 0u);
  spec.location = dir.string() + "/";
  auto all = list_source_files(spec, nullptr);
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 3u);  // not hidden files, not subdirectories
  spec.location = (dir / "*" / "r*.csv").string();
  auto nested = list_source_files(spec, nullptr);
  ASSERT_TRUE(nested);
  ASSERT_EQ(nested->size(), 1u);
  EXPECT_EQ((*nested)[0].uri, (dir / "sub/r3.csv").string());
  spec.location = (dir / "missing.csv").string();
  auto missing = list_source_files(spec, nullptr);
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.csv"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace strata::load
