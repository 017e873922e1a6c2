// --after writes an incremental batch: new ratings and tags only, later than the given
// time, on (user, movie) pairs the base dataset does not have.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>
#include <unordered_set>

#include "run_generator.h"

namespace mlgen_test {
namespace {

std::string key(const std::vector<std::string>& row) { return row[0] + "," + row[1]; }

TEST(Batch, HasOnlyNewPairsAfterTheGivenTime) {
  const std::string base = fresh_dir("batch-base");
  ASSERT_EQ(run_generator("--quiet --preset small --seed 3 --out " + base).exit_code, 0);
  const std::string dir = fresh_dir("batch");
  const CommandResult r = run_generator("--preset small --seed 3 --after 1700000000 --after-ratings 5000 --out " + dir);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("ratings_after_1700000000.csv"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir + "/ratings.csv")) << "a batch writes only the batch files";

  std::unordered_set<std::string> base_pairs, movie_ids;
  for (const auto& row : load_csv(base, "ratings.csv").rows) base_pairs.insert(key(row));
  for (const auto& row : load_csv(base, "movies.csv").rows) movie_ids.insert(row[0]);
  const CsvTable ratings = load_csv(dir, "ratings_after_1700000000.csv");
  const CsvTable tags = load_csv(dir, "tags_after_1700000000.csv");
  EXPECT_EQ(ratings.header, (std::vector<std::string>{"userId", "movieId", "rating", "timestamp"}));
  EXPECT_EQ(tags.header, (std::vector<std::string>{"userId", "movieId", "tag", "timestamp"}));
  EXPECT_NEAR(static_cast<double>(ratings.rows.size()), 5000, 50);
  std::set<std::string> seen;
  size_t existing_users = 0, new_users = 0;
  for (const auto& row : ratings.rows) {
    EXPECT_FALSE(base_pairs.count(key(row))) << key(row) << " is already in the base";
    EXPECT_TRUE(seen.insert(key(row)).second) << key(row) << " twice in the batch";
    EXPECT_TRUE(movie_ids.count(row[1]));
    const int64_t ts = std::stoll(row[3]);
    EXPECT_GT(ts, 1700000000);
    EXPECT_LE(ts, 1700000000 + 7 * 86400);
    (std::stoll(row[0]) <= 610 ? existing_users : new_users)++;
  }
  EXPECT_GT(existing_users, 0u);
  EXPECT_GT(new_users, 0u);
  EXPECT_GT(tags.rows.size(), 0u);
  for (const auto& row : tags.rows) {
    EXPECT_TRUE(seen.count(key(row))) << "batch tags are on batch ratings";
    EXPECT_GT(std::stoll(row[3]), 1700000000);
  }
}

TEST(Batch, IsDeterministicAndNamedOnRequest) {
  const std::string a = fresh_dir("batch-a");
  const std::string b = fresh_dir("batch-b");
  ASSERT_EQ(run_generator("--quiet --ratings 50000 --after 1600000000 --after-percent 2 --batch-name week_1 --out " + a)
                .exit_code,
            0);
  ASSERT_EQ(run_generator("--quiet --ratings 50000 --after 1600000000 --after-percent 2 --batch-name week_1 "
                          "--threads 1 --out " + b)
                .exit_code,
            0);
  const std::string ra = read_file(a + "/ratings_week_1.csv");
  EXPECT_FALSE(ra.empty());
  EXPECT_TRUE(ra == read_file(b + "/ratings_week_1.csv"));
  EXPECT_TRUE(read_file(a + "/tags_week_1.csv") == read_file(b + "/tags_week_1.csv"));
  EXPECT_NEAR(static_cast<double>(load_csv(a, "ratings_week_1.csv").rows.size()), 1000, 20);
}

// Two batches into one folder number their new users from the base's last id on, so the
// second batch's "new" users are the first's again; --first-new-user starts them after.
TEST(Batch, NewUsersStartAtFirstNewUser) {
  const std::string dir = fresh_dir("batch-new-users");
  auto new_user_ids = [&](const std::string& name) {
    std::set<long long> ids;
    for (const auto& row : load_csv(dir, "ratings_" + name + ".csv").rows)
      if (std::stoll(row[0]) > 610) ids.insert(std::stoll(row[0]));
    return ids;
  };
  ASSERT_EQ(run_generator("--quiet --preset small --after 1700000000 --after-ratings 2000 --batch-name one --out " + dir)
                .exit_code,
            0);
  const std::set<long long> first = new_user_ids("one");
  ASSERT_FALSE(first.empty());
  EXPECT_EQ(*first.begin(), 611) << "new users follow the base's last id (610)";
  const long long next = *first.rbegin() + 1;
  ASSERT_EQ(run_generator("--quiet --preset small --after 1700700000 --after-ratings 2000 --batch-name two "
                          "--first-new-user " + std::to_string(next) + " --out " + dir)
                .exit_code,
            0);
  const std::set<long long> second = new_user_ids("two");
  ASSERT_FALSE(second.empty());
  EXPECT_EQ(*second.begin(), next);
  ASSERT_EQ(run_generator("--quiet --preset small --after 1700700000 --after-ratings 2000 --batch-name again --out " + dir)
                .exit_code,
            0);
  EXPECT_EQ(*new_user_ids("again").begin(), 611) << "without the option the first batch's ids come again";
}

TEST(Batch, FirstNewUserMustFollowTheBase) {
  const std::string dir = fresh_dir("batch-first-new-user");
  const CommandResult r =
      run_generator("--preset small --after 1700000000 --after-ratings 100 --first-new-user 610 --out " + dir);
  EXPECT_EQ(r.exit_code, 2) << r.output;
  EXPECT_NE(r.output.find("--first-new-user 610 is a user of the base (ids 1-610)"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace mlgen_test
