// The DAG itself: adjacency, deterministic topological order, reachability with depth
// limits, and the cycle error's exact text.
#include <gtest/gtest.h>

#include "fixture_project.h"
#include "graph/graph.h"

namespace strata::graph {
namespace {

using manifest::ResourceType;
using testing::ManifestBuilder;
using testing::ShopProject;

std::vector<std::string> uids(const Graph& g, const std::vector<NodeId>& ids) {
  std::vector<std::string> out;
  for (NodeId id : ids) out.push_back(g.node(id).unique_id);
  return out;
}

TEST(Graph, ParentsAndChildrenComeFromDependsOnSortedByUniqueId) {
  ShopProject p;
  const Graph& g = *p.graph;
  EXPECT_EQ(uids(g, g.parents(p.id("model.shop.fct_orders"))),
            (std::vector<std::string>{"model.shop.dim_customers.v2", "model.shop.stg_orders"}));
  EXPECT_EQ(uids(g, g.children(p.id("model.shop.stg_orders"))),
            (std::vector<std::string>{"model.shop.fct_orders", "test.shop.not_null_stg_orders_order_id.1a2b3c",
                                      "test.shop.unique_stg_orders_order_id.4d5e6f"}));
  EXPECT_TRUE(g.parents(p.id("seed.shop.country_codes")).empty());
}

TEST(Graph, TopologicalOrderPutsParentsFirstAndBreaksTiesByUniqueId) {
  ManifestBuilder b;
  b.add(ResourceType::Model, "model.p.d", "models/d.sql", {"p", "d"}, {"model.p.b", "model.p.c"});
  b.add(ResourceType::Model, "model.p.c", "models/c.sql", {"p", "c"}, {"model.p.a"});
  b.add(ResourceType::Model, "model.p.b", "models/b.sql", {"p", "b"}, {"model.p.a"});
  b.add(ResourceType::Model, "model.p.a", "models/a.sql", {"p", "a"});
  b.add(ResourceType::Seed, "seed.p.s", "seeds/s.csv", {"p", "s"});
  b.add(ResourceType::Model, "model.p.e", "models/e.sql", {"p", "e"}, {"seed.p.s"});
  auto m = b.finish();
  auto g = Graph::build(*m);
  ASSERT_TRUE(g.ok()) << render_error(g.error());
  EXPECT_EQ(uids(*g, g->topological_order()),
            (std::vector<std::string>{"model.p.a", "model.p.b", "model.p.c", "model.p.d", "seed.p.s", "model.p.e"}));
}

TEST(Graph, ShopTopologicalOrderRespectsEveryEdge) {
  ShopProject p;
  const Graph& g = *p.graph;
  std::vector<size_t> position(g.size());
  ASSERT_EQ(g.topological_order().size(), g.size());
  for (size_t i = 0; i < g.size(); ++i) position[g.topological_order()[i]] = i;
  for (NodeId id = 0; id < g.size(); ++id)
    for (NodeId parent : g.parents(id)) EXPECT_LT(position[parent], position[id]) << g.node(id).unique_id;
  EXPECT_EQ(g.node(g.topological_order().front()).unique_id, "model.utils_pkg.calendar");
}

TEST(Graph, AncestorsAndDescendantsWithDepth) {
  ShopProject p;
  const Graph& g = *p.graph;
  NodeId daily = p.id("model.shop.orders_daily");
  EXPECT_EQ(p.ids(g.ancestors(daily, 1)), (std::vector<std::string>{"model.shop.fct_orders"}));
  EXPECT_EQ(p.ids(g.ancestors(daily, 2)), (std::vector<std::string>{"model.shop.dim_customers.v2", "model.shop.fct_orders",
                                                                    "model.shop.stg_orders"}));
  EXPECT_EQ(p.ids(g.ancestors(daily)),
            (std::vector<std::string>{"model.shop.dim_customers.v2", "model.shop.fct_orders", "model.shop.stg_customers",
                                      "model.shop.stg_orders", "seed.shop.country_codes", "source.shop.raw.customers",
                                      "source.shop.raw.orders"}));
  EXPECT_EQ(p.ids(g.descendants(p.id("source.shop.events.clicks"))),
            (std::vector<std::string>{"model.shop.clicks_summary", "model.shop.stg_clicks",
                                      "test.shop.accepted_values_stg_clicks_kind__view__buy.7a8b9c"}));
  EXPECT_TRUE(g.descendants(daily, 0).empty());
}

TEST(Graph, AttachedNodeIsAParentEvenWithoutDependsOn) {
  ManifestBuilder b;
  b.add(ResourceType::Model, "model.p.a", "models/a.sql", {"p", "a"});
  b.add(ResourceType::Test, "test.p.t", "models/schema.yml", {"p", "t"});
  auto m = b.finish();
  m->node(1).attached_node = 0;
  auto g = Graph::build(*m);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(uids(*g, g->children(0)), (std::vector<std::string>{"test.p.t"}));
}

std::unique_ptr<manifest::Manifest> cyclic_manifest() {
  ManifestBuilder b;
  b.add(ResourceType::Model, "model.p.c", "models/c.sql", {"p", "c"}, {"model.p.b"});
  b.add(ResourceType::Model, "model.p.b", "models/b.sql", {"p", "b"}, {"model.p.a"});
  b.add(ResourceType::Model, "model.p.a", "models/a.sql", {"p", "a"}, {"model.p.c"});
  b.add(ResourceType::Model, "model.p.downstream", "models/downstream.sql", {"p", "downstream"}, {"model.p.a"});
  b.add(ResourceType::Model, "model.p.fine", "models/fine.sql", {"p", "fine"});
  return b.finish();
}

TEST(Graph, CycleErrorPrintsThePathWithFiles) {
  auto m = cyclic_manifest();
  auto g = Graph::build(*m);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().code, ErrorCode::Compilation);
  EXPECT_EQ(g.error().message,
            "cycle in the project graph: model.p.a (models/a.sql) -> model.p.b (models/b.sql) -> "
            "model.p.c (models/c.sql) -> model.p.a");
}

TEST(Graph, CycleErrorPointsAtTheRefThatClosesTheFirstEdge) {
  auto m = cyclic_manifest();
  auto source = std::make_shared<SourceText>(SourceText{"models/b.sql", "select *\nfrom {{ ref('a') }}\n"});
  manifest::Node& b = m->node(m->find("model.p.b"));
  b.refs.push_back({"", "a", std::nullopt, SourceSpan::at_offset(source, 14, 11)});
  auto g = Graph::build(*m);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(render_error(g.error()),
            "models/b.sql:2:6: error: cycle in the project graph: model.p.a (models/a.sql) -> "
            "model.p.b (models/b.sql) -> model.p.c (models/c.sql) -> model.p.a\n"
            " 2 | from {{ ref('a') }}\n"
            "   |      ^^^^^^^^^^^\n"
            "hint: each arrow points to a node that depends on the previous one; remove one of these "
            "references to break the cycle\n");
}

TEST(Graph, SelfReferenceIsACycleOfOne) {
  ManifestBuilder b;
  b.add(ResourceType::Model, "model.p.self", "models/self.sql", {"p", "self"}, {"model.p.self"});
  auto m = b.finish();
  auto g = Graph::build(*m);
  ASSERT_FALSE(g.ok());
  EXPECT_EQ(g.error().message, "cycle in the project graph: model.p.self (models/self.sql) -> model.p.self");
  EXPECT_EQ(g.error().hint, "a node cannot depend on itself; remove the reference to itself");
}

TEST(Graph, EmptyManifest) {
  manifest::Manifest m;
  auto g = Graph::build(m);
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->size(), 0u);
  EXPECT_TRUE(g->topological_order().empty());
}

}  // namespace
}  // namespace strata::graph
