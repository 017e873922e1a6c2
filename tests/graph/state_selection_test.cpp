// state: and result: selectors against a previous run (a fake PreviousState; the real
// one, reading artifacts, is covered end to end by tests/cli/state_selection.sh).
#include <algorithm>
#include <map>
#include <set>

#include <gtest/gtest.h>

#include "fixture_project.h"

namespace strata::graph {
namespace {

using List = std::vector<std::string>;

class FakeState : public PreviousState {
 public:
  std::set<std::string> existing;
  std::map<std::string, std::set<StateAspect>> changes;  // unique_id -> aspects that changed
  std::map<std::string, std::string> statuses;

  bool existed(const manifest::Node& node) const override { return existing.count(node.unique_id) > 0; }
  bool modified(const manifest::Node& node, StateAspect aspect) const override {
    auto it = changes.find(node.unique_id);
    if (it == changes.end()) return false;
    return aspect == StateAspect::Any ? !it->second.empty() : it->second.count(aspect) > 0;
  }
  std::set<std::string> fresher_sources;
  std::optional<std::string> missing_freshness;
  bool fresher(const manifest::Node& node) const override { return fresher_sources.count(node.unique_id) > 0; }
  std::optional<std::string> freshness_missing() const override { return missing_freshness; }
  std::optional<std::string> result_status(const manifest::Node& node) const override {
    auto it = statuses.find(node.unique_id);
    if (it == statuses.end()) return std::nullopt;
    return it->second;
  }
};

class StateSelection : public ::testing::Test {
 protected:
  void SetUp() override {
    // Everything existed before except fct_orders.
    for (NodeId id = 0; id < p.manifest->size(); ++id) state.existing.insert(p.manifest->node(id).unique_id);
    state.existing.erase("model.shop.fct_orders");
  }
  Result<Selection> run(List select, const PreviousState* with = nullptr) {
    SelectionRequest request;
    request.select = std::move(select);
    request.indirect_selection = IndirectSelection::Empty;
    request.state = with;
    return select_nodes(*p.graph, request);
  }
  List select(List spec) {
    auto result = run(std::move(spec), &state);
    if (!result.ok()) {
      ADD_FAILURE() << render_error(result.error());
      return {};
    }
    List out;
    for (NodeId id : result->ordered) out.push_back(p.manifest->node(id).unique_id);
    return out;
  }
  testing::ShopProject p;
  FakeState state;
};

TEST_F(StateSelection, NewAndOld) {
  EXPECT_EQ(select({"state:new"}), (List{"model.shop.fct_orders"}));
  List old = select({"state:old"});
  EXPECT_EQ(std::count(old.begin(), old.end(), "model.shop.fct_orders"), 0);
  EXPECT_EQ(old.size() + 1, select({"fqn:* source:* exposure:* unit_test:*"}).size());
}

TEST_F(StateSelection, ModifiedIncludesNewNodesAndEachAspectSelectsItsOwn) {
  state.changes["model.shop.stg_customers"] = {StateAspect::Body};
  state.changes["model.shop.stg_orders"] = {StateAspect::Configs, StateAspect::Macros};
  EXPECT_EQ(select({"state:modified"}),
            (List{"model.shop.fct_orders", "model.shop.stg_customers", "model.shop.stg_orders"}));
  EXPECT_EQ(select({"state:modified.body"}), (List{"model.shop.fct_orders", "model.shop.stg_customers"}));
  EXPECT_EQ(select({"state:modified.macros"}), (List{"model.shop.fct_orders", "model.shop.stg_orders"}));
  EXPECT_EQ(select({"state:modified.relation"}), (List{"model.shop.fct_orders"}));
  List unmodified = select({"state:unmodified"});
  for (const char* changed : {"model.shop.fct_orders", "model.shop.stg_customers", "model.shop.stg_orders"})
    EXPECT_EQ(std::count(unmodified.begin(), unmodified.end(), changed), 0) << changed;
  EXPECT_FALSE(unmodified.empty());
}

TEST_F(StateSelection, GraphOperatorsAndIntersections) {
  state.changes["model.shop.stg_orders"] = {StateAspect::Body};
  List modified_and_children = select({"state:modified.body+"});
  EXPECT_NE(std::find(modified_and_children.begin(), modified_and_children.end(), "model.shop.stg_orders"),
            modified_and_children.end());
  EXPECT_GT(modified_and_children.size(), 1u);
  EXPECT_EQ(select({"state:modified.body,resource_type:seed"}), List{});
}

TEST_F(StateSelection, ResultReadsThePreviousStatuses) {
  state.statuses["model.shop.stg_orders"] = "error";
  state.statuses["model.shop.stg_customers"] = "success";
  EXPECT_EQ(select({"result:error"}), (List{"model.shop.stg_orders"}));
  EXPECT_EQ(select({"result:success", "result:error"}), (List{"model.shop.stg_customers", "model.shop.stg_orders"}));
}

TEST_F(StateSelection, SourceStatusFresherAndItsDownstream) {
  state.fresher_sources = {"source.shop.raw.orders"};
  EXPECT_EQ(select({"source_status:fresher"}), (List{"source.shop.raw.orders"}));
  List downstream = select({"source_status:fresher+"});
  EXPECT_NE(std::find(downstream.begin(), downstream.end(), "model.shop.stg_orders"), downstream.end());
  state.missing_freshness = "this target holds no sources.json";
  auto result = run({"source_status:fresher+"}, &state);
  ASSERT_FALSE(result.ok());
  std::string text = render_error(result.error());
  EXPECT_EQ(text.substr(0, text.find('\n')),
            "--select:1:1: error: 'source_status:fresher+' compares source freshness, but this target holds no "
            "sources.json");
}

TEST_F(StateSelection, WithoutStateItIsAnErrorAtTheCriterion) {
  auto result = run({"tag:pii state:modified+"});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(render_error(result.error()),
            "--select:1:9: error: 'state:modified+' compares against a previous run, but no --state was given\n"
            " 1 | tag:pii state:modified+\n"
            "   |         ^^^^^^^^^^^^^^^\n"
            "hint: pass --state DIR, a folder holding that run's manifest.json (and run_results.json for result:), "
            "e.g. a copy of its target/ folder\n");
}

}  // namespace
}  // namespace strata::graph
