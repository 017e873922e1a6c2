// The job scheduler: dependency order, first in first out among ready jobs, and skipping
// below a failure.
#include "exec/scheduler.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

namespace strata::exec {
namespace {

struct Trace {
  std::mutex mu;
  std::vector<size_t> ran;
  std::vector<size_t> skipped;
};

std::vector<JobVerdict> run(const std::vector<SchedulerJob>& jobs, Trace& trace, int threads = 1,
                            std::vector<size_t> failing = {}) {
  return run_jobs(
      jobs, SchedulerOptions{threads, false, nullptr},
      [&](size_t job, int) {
        std::lock_guard<std::mutex> lock(trace.mu);
        trace.ran.push_back(job);
        for (size_t f : failing)
          if (f == job) return JobVerdict::Failed;
        return JobVerdict::Succeeded;
      },
      [&](size_t job) {
        std::lock_guard<std::mutex> lock(trace.mu);
        trace.skipped.push_back(job);
      });
}

SchedulerJob job(std::vector<size_t> parents) {
  SchedulerJob j;
  j.parents = std::move(parents);
  return j;
}

TEST(Scheduler, ReadyJobsStartFirstInFirstOut) {
  // 0 -> 1, and 2, 3 independent: 1 becomes ready after 2 and 3 were queued.
  std::vector<SchedulerJob> jobs = {job({}), job({0}), job({}), job({})};
  Trace trace;
  run(jobs, trace);
  EXPECT_EQ(trace.ran, (std::vector<size_t>{0, 2, 3, 1}));
}

TEST(Scheduler, AFailedJobSkipsItsDescendantsOnly) {
  std::vector<SchedulerJob> jobs = {job({}), job({0}), job({1}), job({})};
  Trace trace;
  auto verdicts = run(jobs, trace, 1, {0});
  EXPECT_EQ(verdicts, (std::vector<JobVerdict>{JobVerdict::Failed, JobVerdict::Skipped, JobVerdict::Skipped,
                                               JobVerdict::Succeeded}));
  EXPECT_EQ(trace.ran, (std::vector<size_t>{0, 3}));
  EXPECT_EQ(trace.skipped, (std::vector<size_t>{1, 2}));
}

TEST(Scheduler, EveryJobRunsOnceAfterItsParentsWithSeveralWorkers) {
  // A lattice of shared parents on four workers.
  std::vector<SchedulerJob> jobs;
  for (size_t i = 0; i < 60; ++i) {
    std::vector<size_t> parents;
    if (i >= 3) parents = {i - 3, i / 2};
    jobs.push_back(job(parents));
  }
  Trace trace;
  auto verdicts = run(jobs, trace, 4);
  ASSERT_EQ(trace.ran.size(), jobs.size());
  std::vector<size_t> position(jobs.size());
  for (size_t k = 0; k < trace.ran.size(); ++k) position[trace.ran[k]] = k;
  for (size_t i = 0; i < jobs.size(); ++i) {
    EXPECT_EQ(verdicts[i], JobVerdict::Succeeded);
    for (size_t p : jobs[i].parents) EXPECT_LT(position[p], position[i]) << "job " << i << " before parent " << p;
  }
}

}  // namespace
}  // namespace strata::exec
