// A 12,000-node random DAG: graph operators must agree with a naive reference walk and
// finish fast (the time is printed, not asserted).
#include <chrono>
#include <cstdio>
#include <random>

#include <gtest/gtest.h>

#include "fixture_project.h"

namespace strata::graph {
namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::string model_id(size_t i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "model.big.m%05zu", i);
  return buf;
}

struct BigProject {
  std::unique_ptr<manifest::Manifest> manifest;
  std::vector<std::vector<size_t>> parents;  // by model index, for the reference walk

  explicit BigProject(size_t models) {
    std::mt19937 rng(20240601);
    testing::ManifestBuilder b;
    parents.resize(models);
    for (size_t i = 0; i < models; ++i) {
      std::vector<std::string> deps;
      if (i > 0) {
        size_t count = 1 + rng() % 3;  // 1..3 parents among the previous 500 models
        for (size_t k = 0; k < count; ++k) {
          size_t window = std::min<size_t>(i, 500);
          size_t parent = i - 1 - rng() % window;
          parents[i].push_back(parent);
          deps.push_back(model_id(parent));
        }
      }
      std::string id = model_id(i);
      b.add(manifest::ResourceType::Model, id, "models/" + id.substr(10) + ".sql", {"big", id.substr(10)}, deps);
    }
    manifest = b.finish();
  }

  // Reference: distance-limited walk with plain vectors, no shared code with Graph.
  std::vector<bool> walk(size_t start, int max_depth, bool upstream) const {
    std::vector<std::vector<size_t>> edges(parents.size());
    if (upstream) {
      edges = parents;
    } else {
      for (size_t child = 0; child < parents.size(); ++child)
        for (size_t parent : parents[child]) edges[parent].push_back(child);
    }
    std::vector<int> dist(parents.size(), -1);
    std::vector<size_t> queue{start};
    dist[start] = 0;
    for (size_t q = 0; q < queue.size(); ++q)
      for (size_t next : edges[queue[q]])
        if (dist[next] < 0 && (max_depth < 0 || dist[queue[q]] < max_depth)) {
          dist[next] = dist[queue[q]] + 1;
          queue.push_back(next);
        }
    std::vector<bool> reached(parents.size());
    for (size_t i = 0; i < parents.size(); ++i) reached[i] = dist[i] >= 0;
    return reached;
  }
};

std::vector<std::string> expected_ids(const std::vector<bool>& a, const std::vector<bool>& b) {
  std::vector<std::string> out;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] || b[i]) out.push_back(model_id(i));
  return out;  // model ids are zero-padded, so index order is unique_id order
}

std::vector<std::string> run(const Graph& graph, const std::string& select) {
  SelectionRequest request;
  request.select = {select};
  auto start = Clock::now();
  auto s = select_nodes(graph, request);
  std::printf("[ timing ] select '%s' over %zu nodes: %.2f ms, %zu selected\n", select.c_str(), graph.size(),
              ms_since(start), s.ok() ? s->ordered.size() : 0);
  EXPECT_TRUE(s.ok());
  std::vector<std::string> out;
  if (s.ok())
    for (NodeId id : s->ordered) out.push_back(graph.node(id).unique_id);
  return out;
}

TEST(LargeGraph, TwelveThousandNodesAgreeWithReferenceWalk) {
  const size_t n = 12000;
  BigProject project(n);
  auto start = Clock::now();
  auto graph = Graph::build(*project.manifest);
  std::printf("[ timing ] Graph::build of %zu nodes: %.2f ms\n", n, ms_since(start));
  ASSERT_TRUE(graph.ok());

  EXPECT_EQ(run(*graph, "+m06000+"), expected_ids(project.walk(6000, -1, true), project.walk(6000, -1, false)));
  EXPECT_EQ(run(*graph, "3+m06000+2"), expected_ids(project.walk(6000, 3, true), project.walk(6000, 2, false)));
  std::vector<bool> none(n);
  EXPECT_EQ(run(*graph, "m00010+"), expected_ids(project.walk(10, -1, false), none));

  start = Clock::now();
  auto all = run(*graph, "fqn:*");
  EXPECT_EQ(all.size(), n);
  auto every = run(*graph, "@m11999");
  EXPECT_GE(every.size(), 1u);
}

}  // namespace
}  // namespace strata::graph
