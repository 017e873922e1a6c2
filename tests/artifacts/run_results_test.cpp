#include "artifacts/run_results.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace strata::artifacts {
namespace {

namespace fs = std::filesystem;

class RunResultsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("strata_run_results_" + std::to_string(::getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

RunResults sample_run() {
  RunResults run;
  run.metadata.generated_at = Clock::time_point(std::chrono::seconds(1767225600));
  run.metadata.invocation_id = "abc";
  run.metadata.invocation_started_at = run.metadata.generated_at - std::chrono::seconds(2);
  run.metadata.env = {{"TEAM", "data"}};
  run.metadata.strata_version = "0.1.0";
  run.elapsed_time = 2.5;
  run.args = Json{{"which", "build"}, {"threads", 4}};
  auto t0 = run.metadata.generated_at - std::chrono::seconds(1);
  NodeResult model;
  model.unique_id = "model.p.a";
  model.status = RunStatus::Success;
  model.timing = {{"compile", t0, t0 + std::chrono::microseconds(1500)},
                  {"execute", t0 + std::chrono::microseconds(1500), t0 + std::chrono::milliseconds(20)}};
  model.thread_id = "Thread-1";
  model.execution_time = 0.0215;
  model.adapter_response = Json{{"_message", "OK"}, {"rows_affected", 3}};
  model.message = "OK";
  model.compiled = true;
  model.compiled_code = "select 1 as id";
  model.relation_name = "\"dev\".\"main\".\"a\"";
  NodeResult test;
  test.unique_id = "test.p.unique_a_id";
  test.status = RunStatus::Fail;
  test.failures = 3;
  test.message = "Got 3 results, configured to fail if != 0";
  test.thread_id = "Thread-2";
  NodeResult skipped;
  skipped.unique_id = "model.p.b";
  skipped.status = RunStatus::Skipped;
  NodeResult errored;
  errored.unique_id = "model.p.c";
  errored.status = RunStatus::Error;
  errored.message = "Catalog Error";
  errored.batch_results = Json{{"successful", Json::array()}, {"failed", Json::array({Json::array({"a", "b"})})}};
  NodeResult warned;
  warned.unique_id = "test.p.w";
  warned.status = RunStatus::Warn;
  run.results = {model, test, skipped, errored, warned};
  return run;
}

TEST(RunResultsJson, HasEveryRequiredKeyWithNullsForUnsetValues) {
  Json json = run_results_to_json(sample_run());
  EXPECT_EQ(json["metadata"]["dbt_schema_version"], "https://schemas.getdbt.com/dbt/run-results/v6.json");
  EXPECT_EQ(json["metadata"]["invocation_started_at"], "2025-12-31T23:59:58.000000Z");
  EXPECT_EQ(json["metadata"]["env"], Json::parse(R"({"TEAM": "data", "STRATA_VERSION": "0.1.0"})"));
  const Json& model = json["results"][0];
  EXPECT_EQ(model["status"], "success");
  EXPECT_EQ(model["timing"][0], Json::parse(R"({"name": "compile", "started_at": "2025-12-31T23:59:59.000000Z",
      "completed_at": "2025-12-31T23:59:59.001500Z"})"));
  EXPECT_EQ(model["adapter_response"]["rows_affected"], 3);
  const Json& test = json["results"][1];
  EXPECT_EQ(test["status"], "fail");
  EXPECT_EQ(test["failures"], 3);
  EXPECT_TRUE(test["compiled"].is_null());
  EXPECT_TRUE(test["compiled_code"].is_null());
  EXPECT_TRUE(test["relation_name"].is_null());
  EXPECT_TRUE(test["batch_results"].is_null());
  for (const char* key : {"status", "timing", "thread_id", "execution_time", "adapter_response", "message",
                          "failures", "unique_id", "compiled", "compiled_code", "relation_name"})
    for (const auto& result : json["results"]) EXPECT_TRUE(result.contains(key)) << key;
}

TEST_F(RunResultsFile, RoundTripsThroughTheFile) {
  RunResults written = sample_run();
  fs::path path = dir_ / "target" / "run_results.json";
  ASSERT_TRUE(write_run_results(path, written).ok());
  auto read = read_run_results(path);
  ASSERT_TRUE(read.ok()) << render_error(read.error());
  EXPECT_EQ(read->metadata.invocation_id, "abc");
  EXPECT_EQ(read->metadata.generated_at, written.metadata.generated_at);
  EXPECT_EQ(read->metadata.invocation_started_at, written.metadata.invocation_started_at);
  EXPECT_EQ(read->metadata.env, written.metadata.env);
  EXPECT_EQ(read->metadata.strata_version, "0.1.0");
  EXPECT_EQ(read->elapsed_time, 2.5);
  EXPECT_EQ(read->args, written.args);
  ASSERT_EQ(read->results.size(), written.results.size());
  for (size_t i = 0; i < written.results.size(); ++i) {
    const auto& a = written.results[i];
    const auto& b = read->results[i];
    EXPECT_EQ(b.unique_id, a.unique_id);
    EXPECT_EQ(b.status, a.status);
    EXPECT_EQ(b.thread_id, a.thread_id);
    EXPECT_EQ(b.execution_time, a.execution_time);
    EXPECT_EQ(b.adapter_response, a.adapter_response);
    EXPECT_EQ(b.message, a.message);
    EXPECT_EQ(b.failures, a.failures);
    EXPECT_EQ(b.compiled, a.compiled);
    EXPECT_EQ(b.compiled_code, a.compiled_code);
    EXPECT_EQ(b.relation_name, a.relation_name);
    EXPECT_EQ(b.batch_results, a.batch_results);
    ASSERT_EQ(b.timing.size(), a.timing.size());
    for (size_t t = 0; t < a.timing.size(); ++t) {
      EXPECT_EQ(b.timing[t].name, a.timing[t].name);
      EXPECT_EQ(b.timing[t].started_at, a.timing[t].started_at);
      EXPECT_EQ(b.timing[t].completed_at, a.timing[t].completed_at);
    }
  }
  // Writing what was read gives the same bytes.
  EXPECT_EQ(run_results_to_json(*read).dump(), run_results_to_json(written).dump());
}

TEST(RunResultsRetry, RetriesErrorsFailuresAndSkipsOnly) {
  EXPECT_EQ(retryable_unique_ids(sample_run()), (std::vector<std::string>{"test.p.unique_a_id", "model.p.b", "model.p.c"}));
  EXPECT_FALSE(is_retryable(RunStatus::Success));
  EXPECT_FALSE(is_retryable(RunStatus::Pass));
  EXPECT_FALSE(is_retryable(RunStatus::Warn));
  EXPECT_TRUE(is_retryable(RunStatus::RuntimeError));
}

TEST(RunStatusNames, RoundTripEveryStatus) {
  for (auto status : {RunStatus::Success, RunStatus::Error, RunStatus::Skipped, RunStatus::PartialSuccess,
                      RunStatus::NoOp, RunStatus::Reused, RunStatus::Pass, RunStatus::Fail, RunStatus::Warn,
                      RunStatus::RuntimeError})
    EXPECT_EQ(parse_run_status(run_status_name(status)), status) << run_status_name(status);
  EXPECT_EQ(run_status_name(RunStatus::RuntimeError), std::string("runtime error"));
  EXPECT_FALSE(parse_run_status("SUCCESS"));
}

TEST_F(RunResultsFile, ReadsDbtWrittenFiles) {
  // The shape dbt-core 1.10 writes (abridged), including keys strata does not model.
  fs::path path = dir_ / "run_results.json";
  std::ofstream(path) << R"json({"metadata": {"dbt_schema_version": "https://schemas.getdbt.com/dbt/run-results/v6.json",
    "dbt_version": "1.10.3", "generated_at": "2025-06-01T10:00:00.123456Z", "invocation_id": "x", "env": {}},
    "results": [{"status": "error", "timing": [], "thread_id": "Thread-1 (worker)", "execution_time": 0.1,
      "adapter_response": {}, "message": "Runtime Error", "failures": null, "unique_id": "model.p.x",
      "compiled": true, "compiled_code": "select", "relation_name": null, "batch_results": null}],
    "elapsed_time": 1.0, "args": {"which": "run", "select": ["x"]}})json";
  auto read = read_run_results(path);
  ASSERT_TRUE(read.ok()) << render_error(read.error());
  EXPECT_EQ(read->metadata.dbt_version, "1.10.3");
  ASSERT_EQ(read->results.size(), 1u);
  EXPECT_EQ(read->results[0].status, RunStatus::Error);
  EXPECT_EQ(read->results[0].thread_id, "Thread-1 (worker)");
  EXPECT_FALSE(read->results[0].failures);
  EXPECT_EQ(retryable_unique_ids(*read), std::vector<std::string>{"model.p.x"});
}

TEST_F(RunResultsFile, MalformedFilesAreErrorsWithLocationAndHint) {
  fs::path path = dir_ / "run_results.json";
  std::ofstream(path) << "{\"metadata\": {},\n \"results\": [\n  {\"status\": }\n]}";
  auto read = read_run_results(path);
  ASSERT_FALSE(read.ok());
  std::string text = render_error(read.error());
  EXPECT_NE(text.find(path.string() + ":3:"), std::string::npos) << text;
  EXPECT_NE(text.find("not valid JSON"), std::string::npos) << text;
  EXPECT_NE(text.find("hint:"), std::string::npos) << text;

  std::ofstream(path) << R"({"results": [{"unique_id": "model.p.a", "status": "exploded"}]})";
  read = read_run_results(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, path.string() + ": results[0] (model.p.a) has an unknown status \"exploded\"");

  std::ofstream(path) << R"({"results": [{"status": "success"}]})";
  read = read_run_results(path);
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().message, path.string() + ": results[0] has no unique_id");

  read = read_run_results(dir_ / "missing.json");
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.error().code, ErrorCode::Io);
}

}  // namespace
}  // namespace strata::artifacts
