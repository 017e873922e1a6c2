#pragma once
// The parsed project: every resource dbt knows, as plain data. Nodes are owned by the
// Manifest and referred to by dense integer ids so graphs and selections are cheap.
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "common/source_span.h"

namespace strata::manifest {

using Json = nlohmann::ordered_json;
using NodeId = uint32_t;
inline constexpr NodeId kNoNode = static_cast<NodeId>(-1);

enum class ResourceType {
  Model,
  Seed,
  Snapshot,
  Test,       // data tests: generic (from YAML) and singular (tests/*.sql)
  UnitTest,
  Analysis,
  Operation,  // on-run-start / on-run-end hooks
  Source,
  Exposure,
  Macro,
  Doc,
};

// "model", "seed", ... as in dbt's manifest and selectors.
const char* resource_type_name(ResourceType type);
std::optional<ResourceType> parse_resource_type(const std::string& name);

// ref('name'), ref('package', 'name'), ref('name', v=2) as written in the code.
struct RefCall {
  std::string package;  // empty = any package, current first
  std::string name;
  std::optional<std::string> version;
  SourceSpan span;
};

// source('source_name', 'table_name') as written in the code.
struct SourceCall {
  std::string source_name;
  std::string table_name;
  SourceSpan span;
};

struct ColumnProperties {
  std::string name;
  std::string description;
  std::optional<std::string> data_type;
  bool quote = false;
  Json meta = Json::object();
  std::vector<std::string> tags;
  Json constraints = Json::array();
};

// For generic tests: which test and on what.
struct TestMetadata {
  std::string name;       // e.g. "not_null", "accepted_values"
  std::string namespace_; // package that defines the test macro; empty = project/builtin
  Json kwargs = Json::object();  // includes column_name / model as dbt does
};

// Unit tests only: the model under test and its fixtures as written in `unit_tests:`.
struct UnitTestSpec {
  std::string model;             // name of the model under test
  Json given = Json::array();    // [{input, rows, format, fixture}]
  Json expect = Json::object();  // {rows, format, fixture}
  Json overrides = nullptr;      // {macros, vars, env_vars} or null
};

struct Node {
  NodeId id = kNoNode;
  ResourceType type = ResourceType::Model;
  std::string unique_id;       // e.g. model.movielens.dim_movies
  std::string package_name;
  std::string name;
  std::vector<std::string> fqn;
  std::string original_file_path;  // relative to the package root, e.g. models/marts/dim_movies.sql
  std::string path;                // relative to the resource folder, e.g. marts/dim_movies.sql
  std::string patch_path;          // properties YAML that described it, "" if none
  std::string checksum;            // sha256 of the file content (dbt's FileHash)
  std::string raw_code;
  std::string language = "sql";
  SourceSpan span;                 // the file (line 1) or the YAML entry that defines it

  // Resolved configuration (materialized, enabled, tags, schema, alias, database,
  // unique_key, ...): the merge of dbt_project.yml, properties YAML and config().
  Json config = Json::object();
  std::vector<std::string> tags;
  std::string description;
  Json meta = Json::object();
  std::vector<ColumnProperties> columns;

  std::string database;
  std::string schema;
  std::string alias;          // identifier in the warehouse
  std::string relation_name;  // "database"."schema"."alias" as rendered by the adapter

  std::vector<RefCall> refs;
  std::vector<SourceCall> sources;
  std::vector<std::string> depends_on_macros;  // macro unique_ids
  std::vector<NodeId> depends_on;              // resolved parents (nodes and sources)

  // Generic data tests only.
  std::optional<TestMetadata> test_metadata;
  std::string column_name;                     // the column a test is attached to
  NodeId attached_node = kNoNode;              // the model/seed/snapshot/source the test is about

  // Versioned models.
  std::optional<std::string> version;
  std::optional<std::string> latest_version;

  // Sources only.
  std::string source_name;
  std::string identifier;   // table identifier in the warehouse
  std::string loader;
  Json freshness;           // null if none
  std::string loaded_at_field;
  Json external = nullptr;  // dbt-duckdb style external location / strata load spec
  std::string source_description;  // the description of the enclosing `sources:` entry
  Json source_meta = Json::object();  // the meta of the enclosing `sources:` entry

  // Exposures only.
  std::string exposure_type;
  Json owner = Json::object();
  std::string url;
  std::string label;     // "" = not set
  std::string maturity;  // low|medium|high, "" = not set

  // Unit tests only.
  std::optional<UnitTestSpec> unit_test;

  // Compilation results (set by compile).
  std::optional<std::string> compiled_code;
};

}  // namespace strata::manifest
