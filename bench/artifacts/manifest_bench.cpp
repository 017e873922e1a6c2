// Times manifest.json for a synthetic project: stream it to a string, and write it to disk.
// Wall and CPU time are both printed: on a shared machine the wall time includes waiting.
// Usage: manifest_bench [MODELS=10000] [TESTS_PER_MODEL=3] [OUTPUT=/tmp/strata_bench_manifest.json]
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "artifacts/manifest_json.h"
#include "artifacts/run_results.h"
#include "sample_manifest.h"

namespace {

struct Sample {
  double wall_ms = 1e18, cpu_ms = 1e18;
};

double cpu_now_ms() {
  timespec spec{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec);
  return static_cast<double>(spec.tv_sec) * 1e3 + static_cast<double>(spec.tv_nsec) / 1e6;
}

template <class F>
void measure(Sample& best, F&& work) {
  auto wall = std::chrono::steady_clock::now();
  double cpu = cpu_now_ms();
  work();
  best.cpu_ms = std::min(best.cpu_ms, cpu_now_ms() - cpu);
  best.wall_ms = std::min(best.wall_ms, std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - wall).count());
}

}  // namespace

int main(int argc, char** argv) {
  using namespace strata::artifacts;
  int models = argc > 1 ? std::atoi(argv[1]) : 10000;
  int tests = argc > 2 ? std::atoi(argv[2]) : 3;
  std::string output = argc > 3 ? argv[3] : "/tmp/strata_bench_manifest.json";
  auto manifest = testing::make_large_manifest(models, tests);
  auto metadata = testing::fixed_metadata();

  // run_results.json for a build of the same project: one result per node.
  RunResults run;
  run.metadata = metadata;
  for (const auto& node : manifest.nodes()) {
    NodeResult result;
    result.unique_id = node.unique_id;
    result.status = node.type == strata::manifest::ResourceType::Test ? RunStatus::Pass : RunStatus::Success;
    result.timing = {{"compile", metadata.generated_at, metadata.generated_at},
                     {"execute", metadata.generated_at, metadata.generated_at}};
    result.thread_id = "Thread-1";
    result.execution_time = 0.01;
    result.adapter_response = Json{{"_message", "OK"}, {"rows_affected", 100}};
    result.message = "OK";
    result.compiled = true;
    result.compiled_code = node.compiled_code.value_or(node.raw_code);
    result.relation_name = node.relation_name;
    run.results.push_back(std::move(result));
  }
  std::string run_output = output + ".run_results.json";

  Sample serialize, write, write_run;
  size_t bytes = 0;
  bool ok = true;
  for (int round = 0; round < 5; ++round) {
    measure(serialize, [&] { bytes = manifest_to_string(manifest, metadata).size(); });
    measure(write, [&] { ok = ok && write_manifest(output, manifest, metadata).ok(); });
    measure(write_run, [&] { ok = ok && write_run_results(run_output, run).ok(); });
  }
  if (!ok) {
    std::fprintf(stderr, "writing %s failed\n", output.c_str());
    return 1;
  }
  std::printf("%zu nodes (%d models, %d tests), %.1f MB manifest.json (best of 5)\n", manifest.size(), models,
              models * tests, static_cast<double>(bytes) / 1e6);
  std::printf("  manifest_to_string: %6.0f ms wall, %6.0f ms CPU\n", serialize.wall_ms, serialize.cpu_ms);
  std::printf("  write_manifest:     %6.0f ms wall, %6.0f ms CPU\n", write.wall_ms, write.cpu_ms);
  std::printf("  write_run_results:  %6.0f ms wall, %6.0f ms CPU (%zu results)\n", write_run.wall_ms, write_run.cpu_ms,
              run.results.size());
  return 0;
}
