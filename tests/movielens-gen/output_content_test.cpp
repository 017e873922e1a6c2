// The content is consistent (ids, ranges, uniqueness, order), sized like the real datasets,
// and distributed the way an analyst would recognise.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "run_generator.h"

namespace mlgen_test {
namespace {

constexpr int64_t kHalfStarsIntroduced = 1045526400;  // 2003-02-18
constexpr int64_t kFirst = 789609600;                 // 1995-01-09
constexpr int64_t kLast = 1697155199;                 // 2023-10-12

struct Dataset {
  std::string dir;
  CsvTable ratings, movies, tags;
};

Dataset generate(const std::string& tag, const std::string& args) {
  Dataset d;
  d.dir = fresh_dir(tag);
  const CommandResult r = run_generator("--out " + d.dir + " --quiet " + args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  d.ratings = load_csv(d.dir, "ratings.csv");
  d.movies = load_csv(d.dir, "movies.csv");
  d.tags = load_csv(d.dir, "tags.csv");
  return d;
}

int64_t num(const std::string& s) { return std::stoll(s); }
int64_t weekday(int64_t ts) { return ((ts / 86400) % 7 + 4) % 7; }  // 0 = Sunday
int64_t hour(int64_t ts) { return ts % 86400 / 3600; }
int month(int64_t ts) {
  const time_t t = static_cast<time_t>(ts);
  std::tm parts{};
  gmtime_r(&t, &parts);
  return parts.tm_mon + 1;
}

TEST(Content, RatingsAreValidUniqueAndSorted) {
  const Dataset d = generate("valid", "--preset small");
  std::unordered_set<std::string> movie_ids;
  for (const auto& row : d.movies.rows) movie_ids.insert(row[0]);
  const std::set<std::string> ratings_allowed = {"0.5", "1.0", "1.5", "2.0", "2.5", "3.0", "3.5", "4.0", "4.5", "5.0"};
  std::map<int64_t, int> per_user;
  std::pair<int64_t, int64_t> previous{0, 0};
  for (const auto& row : d.ratings.rows) {
    ASSERT_TRUE(ratings_allowed.count(row[2])) << row[2];
    ASSERT_TRUE(movie_ids.count(row[1])) << "movie " << row[1] << " is not in movies.csv";
    const std::pair<int64_t, int64_t> key{num(row[0]), num(row[1])};
    ASSERT_LT(previous, key) << "ratings sorted by userId then movieId, one per pair";
    previous = key;
    const int64_t ts = num(row[3]);
    ASSERT_GE(ts, kFirst);
    ASSERT_LE(ts, kLast);
    if (ts < kHalfStarsIntroduced) {
      ASSERT_EQ(row[2][2], '0') << "no half stars before 2003";
    }
    ++per_user[key.first];
  }
  ASSERT_EQ(per_user.size(), 610u);
  EXPECT_EQ(per_user.begin()->first, 1);
  EXPECT_EQ(per_user.rbegin()->first, 610);
  for (const auto& [user, n] : per_user) EXPECT_GE(n, 20) << "user " << user;
  EXPECT_EQ(d.ratings.rows.size(), 100836u);
  EXPECT_EQ(d.movies.rows.size(), 9742u);
  EXPECT_NEAR(static_cast<double>(d.tags.rows.size()), 3683, 3683 * 0.03);
}

TEST(Content, TagsReferToRealMoviesAfterTaggingExisted) {
  const Dataset d = generate("tags", "--preset small");
  std::unordered_set<std::string> movie_ids;
  for (const auto& row : d.movies.rows) movie_ids.insert(row[0]);
  std::set<std::string> taggers;
  std::map<std::string, std::set<std::string>> spellings;  // lower-cased tag -> forms seen
  for (const auto& row : d.tags.rows) {
    ASSERT_TRUE(movie_ids.count(row[1]));
    ASSERT_GE(num(row[0]), 1);
    ASSERT_LE(num(row[0]), 610);
    ASSERT_GE(num(row[3]), 1135555200) << "tags start in December 2005";
    ASSERT_FALSE(row[2].empty());
    taggers.insert(row[0]);
    std::string key = row[2];
    for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    spellings[key].insert(row[2]);
  }
  EXPECT_GT(taggers.size(), 20u);
  EXPECT_LT(taggers.size(), 120u) << "only a small share of users tag";
  size_t varied = 0;
  for (const auto& [key, forms] : spellings) varied += forms.size() > 1;
  EXPECT_GT(varied, 5u) << "users type the same tag with different case";
  EXPECT_TRUE(spellings.count("atmospheric"));
}

TEST(Content, OneMillionPresetHasProportionalSizes) {
  const Dataset d = generate("1m", "--preset 1m");
  EXPECT_EQ(d.ratings.rows.size(), 1000000u);
  std::set<std::string> users;
  for (const auto& row : d.ratings.rows) users.insert(row[0]);
  EXPECT_NEAR(static_cast<double>(users.size()), 6925, 2);   // 138,493 x 1M / 20M
  EXPECT_NEAR(static_cast<double>(d.movies.rows.size()), 20 * 144, 2);  // catalog floor (ml-1m has 3,706)
  EXPECT_NEAR(static_cast<double>(d.tags.rows.size()), 23278, 23278 * 0.03);
  const CsvTable genome = load_csv(d.dir, "genome-scores.csv");
  EXPECT_NEAR(static_cast<double>(genome.rows.size()), 519.0 * 1128, 1128 * 2);
}

TEST(Distributions, LookLikeRealRatings) {
  const Dataset d = generate("dist", "--ratings 400000");
  const size_t n = d.ratings.rows.size();
  // Heavy-tailed popularity: the top 1% of movies get several times their share, the top
  // 10% a large part of all ratings (ml-1m, a catalog this size: about 10% and 40%).
  std::unordered_map<std::string, size_t> per_movie;
  for (const auto& row : d.ratings.rows) ++per_movie[row[1]];
  std::vector<size_t> counts;
  for (const auto& [m, c] : per_movie) counts.push_back(c);
  std::sort(counts.rbegin(), counts.rend());
  auto top_share = [&](double fraction) {
    size_t top = 0;
    for (size_t i = 0; i < static_cast<size_t>(d.movies.rows.size() * fraction); ++i) top += counts[i];
    return static_cast<double>(top) / n;
  };
  EXPECT_GT(top_share(0.01), 0.05);
  EXPECT_GT(top_share(0.10), 0.35);

  // Weekday and hour-of-day patterns, growth over the years, burst days.
  std::vector<double> by_weekday(7), by_hour(24), by_month(13);
  std::map<int64_t, size_t> by_day;
  size_t early = 0, late = 0;
  for (const auto& row : d.ratings.rows) {
    const int64_t ts = num(row[3]);
    ++by_weekday[weekday(ts)];
    ++by_hour[hour(ts)];
    ++by_day[ts / 86400];
    ++by_month[month(ts)];
    early += ts < 946684800;   // before 2000
    late += ts >= 1514764800;  // 2018 and later
  }
  EXPECT_GT(by_weekday[0] / by_weekday[5], 1.2) << "Sundays busier than Fridays";
  EXPECT_GT(*std::max_element(by_hour.begin(), by_hour.end()) / *std::min_element(by_hour.begin(), by_hour.end()), 2.5);
  EXPECT_GT(late, early * 2) << "ratings grow over time";
  EXPECT_GT(by_month[12] + by_month[1], (by_month[5] + by_month[9]) * 1.1) << "winter busier than May/September";
  std::vector<size_t> day_counts;
  for (const auto& [day, c] : by_day) day_counts.push_back(c);
  std::sort(day_counts.begin(), day_counts.end());
  EXPECT_GT(day_counts.back(), 10 * day_counts[day_counts.size() / 2]) << "a few anomalous burst days";

  // Genre-dependent means: Film-Noir and Documentary above Horror.
  std::unordered_map<std::string, std::string> genres;
  for (const auto& row : d.movies.rows) genres[row[0]] = row[2];
  std::map<std::string, std::pair<double, size_t>> by_genre;
  std::map<std::string, size_t> stars;
  double total = 0;
  for (const auto& row : d.ratings.rows) {
    const double r = std::stod(row[2]);
    total += r;
    ++stars[row[2]];
    for (const std::string g : {"Horror", "Documentary", "Film-Noir", "Drama", "Comedy"}) {
      if (genres[row[1]].find(g) != std::string::npos) {
        by_genre[g].first += r;
        ++by_genre[g].second;
      }
    }
  }
  auto mean = [&](const std::string& g) { return by_genre[g].first / std::max<size_t>(1, by_genre[g].second); };
  EXPECT_GT(mean("Film-Noir"), mean("Horror") + 0.2);
  EXPECT_GT(mean("Documentary"), mean("Horror") + 0.2);
  EXPECT_GT(mean("Drama"), mean("Comedy"));
  EXPECT_NEAR(total / n, 3.5, 0.15);
  EXPECT_EQ(std::max_element(stars.begin(), stars.end(), [](auto& a, auto& b) { return a.second < b.second; })->first,
            "4.0")
      << "4.0 is the most common rating";
  EXPECT_GT(stars["3.5"] + stars["4.5"], n / 10) << "half stars are used";

  // Polarising movies: among movies with 100+ ratings, some have many 1s and many 5s.
  std::unordered_map<std::string, std::array<size_t, 3>> extremes;  // low, high, all
  for (const auto& row : d.ratings.rows) {
    auto& e = extremes[row[1]];
    const double r = std::stod(row[2]);
    e[0] += r <= 1.5;
    e[1] += r >= 4.5;
    ++e[2];
  }
  size_t polarising = 0;
  for (const auto& [m, e] : extremes)
    polarising += e[2] >= 100 && e[0] * 4 >= e[2] && e[1] * 4 >= e[2];
  EXPECT_GT(polarising, 0u);
}

TEST(Distributions, UserActivityIsHeavyTailed) {
  const Dataset d = generate("activity", "--ratings 400000");
  std::map<std::string, size_t> per_user;
  for (const auto& row : d.ratings.rows) ++per_user[row[0]];
  std::vector<size_t> counts;
  for (const auto& [u, c] : per_user) counts.push_back(c);
  std::sort(counts.begin(), counts.end());
  EXPECT_EQ(counts.front(), 20u);
  const double median = static_cast<double>(counts[counts.size() / 2]);
  const double mean = 400000.0 / counts.size();
  EXPECT_GT(mean, median * 1.4) << "mean well above the median";
  EXPECT_GT(static_cast<double>(counts.back()), median * 8);
}

}  // namespace
}  // namespace mlgen_test
