// The `model` dict of a parse render is built lazily; it must read exactly as the eager
// one, keep the name fields it was made with, and never touch a node that is gone.
#include <gtest/gtest.h>

#include "context/dbt_environment.h"
#include "context/json_value.h"

namespace strata::context {
namespace {

manifest::Node sample_node() {
  manifest::Node node;
  node.type = manifest::ResourceType::Model;
  node.unique_id = "model.p.orders";
  node.name = "orders";
  node.package_name = "p";
  node.original_file_path = "models/orders.sql";
  node.path = "orders.sql";
  node.fqn = {"p", "orders"};
  node.schema = "main";
  node.database = "db";
  node.alias = "orders";
  node.relation_name = "\"db\".\"main\".\"orders\"";
  node.config = {{"materialized", "view"}, {"tags", {"a"}}, {"meta", {{"k", 1}}}};
  node.tags = {"a"};
  node.meta = {{"k", 1}};
  node.raw_code = "select 1";
  node.version = "2";
  manifest::ColumnProperties id;
  id.name = "id";
  id.description = "key";
  id.tags = {"pk"};
  manifest::ColumnProperties dup = id;
  dup.description = "second";
  manifest::ColumnProperties typed;
  typed.name = "amount";
  typed.data_type = "decimal";
  node.columns = {id, typed, dup};
  return node;
}

TEST(LazyModel, ReadsAsTheEagerDict) {
  manifest::Node node = sample_node();
  auto alive = std::make_shared<char>(0);
  jinja::Value lazy = DbtEnvironment::lazy_node_value(node, alive);
  jinja::Value eager = DbtEnvironment::node_value(node);
  EXPECT_EQ(to_json(lazy).dump(), to_json(eager).dump());
  // Duplicate column names keep the first position and the last value, like a JSON object.
  Json columns = to_json(eager)["columns"];
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns.begin().key(), "id");
  EXPECT_EQ(columns["id"]["description"], "second");
  EXPECT_EQ(columns["amount"]["data_type"], "decimal");
  EXPECT_TRUE(columns["id"]["data_type"].is_null());
}

TEST(LazyModel, KeepsTheNameFieldsItWasMadeWith) {
  manifest::Node node = sample_node();
  auto alive = std::make_shared<char>(0);
  jinja::Value lazy = DbtEnvironment::lazy_node_value(node, alive);
  node.schema = "changed";
  node.database = "changed";
  const jinja::Value* schema = lazy.as_dict().find(std::string_view("schema"));
  ASSERT_NE(schema, nullptr);
  EXPECT_EQ(schema->as_string(), "main");
  EXPECT_EQ(lazy.as_dict().find(std::string_view("database"))->as_string(), "db");
}

TEST(LazyModel, EmptyOnceItsOwnerIsGone) {
  jinja::Value lazy;
  {
    manifest::Node node = sample_node();
    auto alive = std::make_shared<char>(0);
    lazy = DbtEnvironment::lazy_node_value(node, alive);
  }
  EXPECT_EQ(lazy.as_dict().size(), 0u);
}

TEST(LazyModel, WritesBeforeReadsKeepTheFilledEntries) {
  manifest::Node node = sample_node();
  auto alive = std::make_shared<char>(0);
  jinja::Value lazy = DbtEnvironment::lazy_node_value(node, alive);
  lazy.as_dict().set(std::string_view("extra"), jinja::Value(1));
  lazy.as_dict().set(std::string_view("name"), jinja::Value("renamed"));
  Json j = to_json(lazy);
  EXPECT_EQ(j["name"], "renamed");
  EXPECT_EQ(j["extra"], 1);
  EXPECT_EQ(j.begin().key(), "unique_id");
  EXPECT_EQ(j.size(), to_json(DbtEnvironment::node_value(node)).size() + 1);
}

TEST(LazyModel, ParseRenderSeesTheModel) {
  auto project = std::make_shared<ProjectContext>();
  project->root_package = "p";
  project->target = {{"name", "dev"}, {"schema", "main"}, {"database", "db"}};
  project->getenv = [](const char*) -> const char* { return nullptr; };
  DbtEnvironment env(project);
  env.finalize();
  manifest::Node node = sample_node();
  auto tmpl = env.parse("{{ model.name }}/{{ model.config.materialized }}/{{ model.columns | length }}", "t.sql");
  ASSERT_TRUE(tmpl.ok());
  RenderState state;
  state.mode = RenderMode::Parse;
  state.project = project.get();
  state.node = &node;
  state.package = "p";
  state.node_alive = std::make_shared<char>(0);
  auto out = env.render(**tmpl, state);
  ASSERT_TRUE(out.ok()) << out.error().message;
  EXPECT_EQ(*out, "orders/view/2");
}

}  // namespace
}  // namespace strata::context
