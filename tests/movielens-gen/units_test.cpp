// Unit tests of the generator's parts: PRNG streams, sampling, calendar, formatting,
// scales, vocabulary, catalog and user models.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <set>
#include <string>

#include "alias_table.h"
#include "calendar.h"
#include "catalog.h"
#include "csv_format.h"
#include "famous_movies.h"
#include "genres.h"
#include "rating_generator.h"
#include "rng.h"
#include "scale.h"
#include "tag_vocabulary.h"
#include "time_model.h"
#include "title_maker.h"
#include "user_model.h"

namespace mlgen {
namespace {

TEST(Rng, StreamsAreReproducibleAndIndependent) {
  Rng a = Rng::for_stream(42, Stream::Ratings, 7);
  Rng b = Rng::for_stream(42, Stream::Ratings, 7);
  Rng c = Rng::for_stream(42, Stream::Ratings, 8);
  Rng d = Rng::for_stream(42, Stream::Tags, 7);
  int same_c = 0, same_d = 0;
  for (int i = 0; i < 1000; ++i) {
    const uint64_t x = a.next();
    EXPECT_EQ(x, b.next());
    same_c += x == c.next();
    same_d += x == d.next();
  }
  EXPECT_EQ(same_c, 0);
  EXPECT_EQ(same_d, 0);
}

TEST(Rng, UniformAndBelowStayInRange) {
  Rng rng(1);
  double sum = 0;
  for (int i = 0; i < 100000; ++i) {
    const double u = rng.uniform();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
    sum += u;
    ASSERT_LT(rng.below(7), 7u);
  }
  EXPECT_NEAR(sum / 100000, 0.5, 0.01);
}

TEST(Rng, NormalHasUnitSpread) {
  Rng rng(3);
  double sum = 0, squares = 0;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const double x = rng.normal();
    sum += x;
    squares += x * x;
  }
  EXPECT_NEAR(sum / n, 0.0, 0.01);
  EXPECT_NEAR(squares / n, 1.0, 0.02);
}

TEST(AliasTable, SamplesInProportionToWeights) {
  AliasTable table({1.0, 2.0, 0.0, 7.0});
  Rng rng(9);
  int counts[4] = {0, 0, 0, 0};
  const int n = 200000;
  for (int i = 0; i < n; ++i) ++counts[table.sample(rng)];
  EXPECT_NEAR(counts[0] / double(n), 0.1, 0.005);
  EXPECT_NEAR(counts[1] / double(n), 0.2, 0.005);
  EXPECT_EQ(counts[2], 0);
  EXPECT_NEAR(counts[3] / double(n), 0.7, 0.005);
}

TEST(Calendar, RoundTripsAndKnowsWeekdays) {
  EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
  EXPECT_EQ(days_from_civil(1995, 1, 9) * kSecondsPerDay, kFirstTimestamp);
  const CivilDate d = civil_from_days(days_from_civil(2024, 2, 29));
  EXPECT_EQ(d.year, 2024);
  EXPECT_EQ(d.month, 2u);
  EXPECT_EQ(d.day, 29u);
  EXPECT_EQ(weekday_from_days(days_from_civil(2023, 10, 12)), 4u);  // a Thursday
  EXPECT_EQ(year_of(kLastTimestamp), 2023);
  for (int64_t day = -1000; day < 30000; day += 37) EXPECT_EQ(day, [&] {
      const CivilDate c = civil_from_days(day);
      return days_from_civil(c.year, c.month, c.day);
    }());
}

TEST(CsvFormat, NumbersRatingsAndRelevance) {
  std::string s;
  append_uint(s, 0);
  s += ' ';
  append_uint(s, 1697155199);
  s += ' ';
  append_int(s, -12);
  EXPECT_EQ(s, "0 1697155199 -12");
  for (int halves = 1; halves <= 10; ++halves) {
    std::string r;
    append_rating(r, halves);
    EXPECT_DOUBLE_EQ(std::stod(r), halves / 2.0);
    EXPECT_EQ(r.size(), 3u);
  }
  auto relevance = [](uint32_t units) {
    std::string r;
    append_relevance(r, units);
    return r;
  };
  EXPECT_EQ(relevance(115), "0.02875");
  EXPECT_EQ(relevance(1), "0.00025");
  EXPECT_EQ(relevance(400), "0.1");
  EXPECT_EQ(relevance(4000), "1.0");
  EXPECT_EQ(relevance(2000), "0.5");
}

TEST(CsvFormat, QuotesOnlyWhereNeeded) {
  auto field = [](std::string_view f) {
    std::string r;
    append_field(r, f);
    return r;
  };
  EXPECT_EQ(field("Toy Story (1995)"), "Toy Story (1995)");
  EXPECT_EQ(field("Matrix, The (1999)"), "\"Matrix, The (1999)\"");
  EXPECT_EQ(field("11'09\"01 - September 11 (2002)"), "\"11'09\"\"01 - September 11 (2002)\"");
  EXPECT_EQ(field(" leading space"), " leading space");
  EXPECT_EQ(field("Amélie"), "Amélie");
}

TEST(Genres, ParseAndFormatInVocabularyOrder) {
  const GenreMask m = parse_genres("Children|Adventure|Film-Noir|IMAX");
  EXPECT_EQ(format_genres(m), "Adventure|Children|Film-Noir|IMAX");
  EXPECT_EQ(format_genres(0), "(no genres listed)");
  EXPECT_LT(genre_rating_effect(kHorror), 0);
  EXPECT_GT(genre_rating_effect(kFilmNoir), genre_rating_effect(kComedy));
  EXPECT_GT(genre_rating_effect(kDocumentary), genre_rating_effect(kAction));
}

TEST(Titles, MoveLeadingArticle) {
  EXPECT_EQ(move_leading_article("The Matrix"), "Matrix, The");
  EXPECT_EQ(move_leading_article("A Beautiful Mind"), "Beautiful Mind, A");
  EXPECT_EQ(move_leading_article("An Affair"), "Affair, An");
  EXPECT_EQ(move_leading_article("Theory"), "Theory");
  Rng rng(5);
  int with_year = 0;
  for (int i = 0; i < 200; ++i) {
    const std::string t = make_title(rng, {1987, true, false});
    EXPECT_FALSE(t.empty());
    with_year += t.size() > 7 && t.compare(t.size() - 7, 7, " (1987)") == 0;
  }
  EXPECT_EQ(with_year, 200);
}

TEST(Scale, PresetsMatchTheRealDatasets) {
  const Scale small = *preset_scale("small");
  EXPECT_EQ(small.ratings, 100836u);
  EXPECT_EQ(small.movies, 9742u);
  EXPECT_EQ(small.users, 610u);
  EXPECT_EQ(small.tags, 3683u);
  EXPECT_EQ(small.genome_tags, 0u);
  const Scale m20 = *preset_scale("20m");
  EXPECT_EQ(m20.ratings, 20000263u);
  EXPECT_EQ(m20.movies, 27278u);
  EXPECT_EQ(m20.users, 138493u);
  EXPECT_EQ(m20.tags, 465564u);
  EXPECT_EQ(uint64_t{m20.genome_tags} * m20.genome_movies, 11709768u);
  const Scale m32 = *preset_scale("32m");
  EXPECT_EQ(m32.ratings, 32000204u);
  EXPECT_EQ(m32.movies, 87585u);
  EXPECT_EQ(m32.users, 200948u);
  EXPECT_EQ(m32.tags, 2000072u);
  EXPECT_FALSE(preset_scale("5m").has_value());
}

TEST(Scale, CustomScalesFollowThe20mShape) {
  const Scale s = scale_for_ratings(2000026);
  EXPECT_NEAR(s.users, 13849, 2);
  EXPECT_NEAR(s.movies, 20 * 144, 2);  // the floor: 20x the average user's ratings
  EXPECT_NEAR(scale_for_ratings(5000000).movies, 6820, 2);  // proportional above the floor
  EXPECT_NEAR(static_cast<double>(s.tags), 46556, 2);
  EXPECT_EQ(s.genome_tags, 1128u);
  EXPECT_NEAR(s.genome_movies, 1038, 2);
  const Scale tiny = scale_for_ratings(100);
  EXPECT_LE(tiny.users, 5u);  // every user can have 20 ratings
  EXPECT_GE(tiny.movies, 200u);
}

TEST(Distribute, RespectsMinimumCapsAndTotal) {
  const std::vector<uint32_t> counts = distribute(1000, 20, {1, 1, 10, 100}, {500, 30, 500, 300});
  EXPECT_EQ(counts[0] + counts[1] + counts[2] + counts[3], 1000u);
  EXPECT_GE(counts[0], 20u);
  EXPECT_LE(counts[1], 30u);
  EXPECT_LE(counts[3], 300u);
  EXPECT_GT(counts[2], counts[0]);
}

TEST(Vocabulary, GenomeTagsAreDistinctAndSorted) {
  const auto tags = make_genome_tags(1128);
  ASSERT_EQ(tags.size(), 1128u);
  std::set<std::string> seen;
  for (size_t i = 0; i < tags.size(); ++i) {
    EXPECT_TRUE(seen.insert(tags[i].text).second) << tags[i].text;
    if (i) {
      EXPECT_LT(tags[i - 1].text, tags[i].text);
    }
  }
  EXPECT_TRUE(seen.count("atmospheric"));
  EXPECT_TRUE(seen.count("twist ending"));
}

TEST(Catalog, FamousMoviesArePlacedAndPopular) {
  const Scale scale = *preset_scale("small");
  const Catalog catalog(scale, 1);
  const Movie& first = catalog.movies()[0];
  EXPECT_EQ(first.id, 1u);
  EXPECT_EQ(first.title, "Toy Story (1995)");
  EXPECT_EQ(format_genres(first.genres), "Adventure|Animation|Children|Comedy|Fantasy");
  EXPECT_EQ(first.imdb_id, "0114709");
  EXPECT_LT(first.popularity_rank, 5u);
  int found = 0;
  for (const Movie& m : catalog.movies()) {
    if (m.famous_index < 0) continue;
    ++found;
    EXPECT_EQ(m.title, famous_movies()[m.famous_index].title);
    EXPECT_LT(m.popularity_rank, 100u) << m.title;
    // A movie cannot be in the catalog before its release year.
    if (m.year > 1995) {
      EXPECT_GE(year_of(m.added), m.year) << m.title;
    }
  }
  EXPECT_EQ(found, static_cast<int>(famous_movies().size()));
  for (size_t i = 1; i < catalog.size(); ++i) {
    EXPECT_LT(catalog.movies()[i - 1].id, catalog.movies()[i].id);
    EXPECT_LE(catalog.movies()[i - 1].added, catalog.movies()[i].added);
  }
}

TEST(UserModel, CountsSumToTheScaleAndStayInTheCatalog) {
  const Scale scale = scale_for_ratings(300000);
  const TimeModel time(11);
  const Catalog catalog(scale, 11);
  const UserModel users(scale, catalog, time, 11);
  ASSERT_EQ(users.users().size(), scale.users);
  EXPECT_EQ(users.total_ratings(), scale.ratings);
  for (const User& u : users.users()) {
    EXPECT_GE(u.ratings, 20u);
    EXPECT_LE(u.ratings, u.candidates);
    EXPECT_LE(u.start, u.end);
    EXPECT_GE(u.start, kFirstTimestamp);
    EXPECT_LE(u.end, kLastTimestamp);
  }
}

TEST(RatingGenerator, RatingsFallInTheUsersActivePeriodAfterTheMovieArrived) {
  const Scale scale = scale_for_ratings(60000);
  const TimeModel time(4);
  const Catalog catalog(scale, 4);
  const UserModel users(scale, catalog, time, 4);
  const RatingGenerator generator(catalog, users, time, 4);
  std::string text;
  const uint64_t rows = generator.write_users(0, users.users().size(), text);
  EXPECT_EQ(rows, 60000u);
  std::unordered_map<uint32_t, int64_t> added;
  for (const Movie& m : catalog.movies()) added[m.id] = m.added;
  size_t pos = 0, checked = 0;
  while (pos < text.size()) {
    const size_t end = text.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos);
    unsigned user_id = 0, movie_id = 0, whole = 0, half = 0;
    long long ts = 0;
    ASSERT_EQ(std::sscanf(text.c_str() + pos, "%u,%u,%u.%u,%lld", &user_id, &movie_id, &whole, &half, &ts), 5);
    const User& u = users.users()[user_id - 1];
    ASSERT_GE(ts, u.start) << "user " << user_id;
    ASSERT_LE(ts, u.end) << "user " << user_id;
    ASSERT_GE(ts, added.at(movie_id)) << "movie " << movie_id;
    pos = end + 2;
    ++checked;
  }
  EXPECT_EQ(checked, rows);
}

}  // namespace
}  // namespace mlgen
