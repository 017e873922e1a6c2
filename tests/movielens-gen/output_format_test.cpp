// The files are in exactly the official format: headers, CRLF, quoting only where needed
// (checked by a strict parser and a byte-for-byte round trip), UTF-8, the real quirks;
// and they are deterministic.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>

#include "run_generator.h"

namespace mlgen_test {
namespace {

std::string generate(const std::string& tag, const std::string& args) {
  const std::string dir = fresh_dir(tag);
  const CommandResult r = run_generator("--out " + dir + " --quiet " + args);
  EXPECT_EQ(r.exit_code, 0) << r.output;
  return dir;
}

std::set<std::string> files_in(const std::string& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

TEST(OutputFormat, SmallPresetWritesTheOfficialFilesWithoutGenome) {
  const std::string dir = generate("small-files", "--preset small");
  EXPECT_EQ(files_in(dir), (std::set<std::string>{"links.csv", "movies.csv", "ratings.csv", "tags.csv"}));
  EXPECT_EQ(load_csv(dir, "ratings.csv").header, (std::vector<std::string>{"userId", "movieId", "rating", "timestamp"}));
  EXPECT_EQ(load_csv(dir, "movies.csv").header, (std::vector<std::string>{"movieId", "title", "genres"}));
  EXPECT_EQ(load_csv(dir, "tags.csv").header, (std::vector<std::string>{"userId", "movieId", "tag", "timestamp"}));
  EXPECT_EQ(load_csv(dir, "links.csv").header, (std::vector<std::string>{"movieId", "imdbId", "tmdbId"}));
}

TEST(OutputFormat, GenomeFilesAreDenseAndWellFormed) {
  const std::string dir = generate("genome", "--ratings 200000");
  EXPECT_TRUE(files_in(dir).count("genome-scores.csv"));
  const CsvTable tags = load_csv(dir, "genome-tags.csv");
  const CsvTable scores = load_csv(dir, "genome-scores.csv");
  const CsvTable movies = load_csv(dir, "movies.csv");
  EXPECT_EQ(tags.header, (std::vector<std::string>{"tagId", "tag"}));
  EXPECT_EQ(scores.header, (std::vector<std::string>{"movieId", "tagId", "relevance"}));
  ASSERT_EQ(tags.rows.size(), 1128u);
  for (size_t i = 0; i < tags.rows.size(); ++i) EXPECT_EQ(tags.rows[i][0], std::to_string(i + 1));
  std::set<std::string> movie_ids;
  for (const auto& row : movies.rows) movie_ids.insert(row[0]);
  ASSERT_EQ(scores.rows.size() % 1128, 0u);
  const size_t genome_movies = scores.rows.size() / 1128;
  EXPECT_NEAR(static_cast<double>(genome_movies), 104, 2);  // 10,381 x 200,000 / 20,000,263
  const std::regex relevance(R"((0\.\d{1,5})|(1\.0))");
  size_t low = 0, high = 0;
  for (size_t i = 0; i < scores.rows.size(); ++i) {
    const auto& row = scores.rows[i];
    ASSERT_TRUE(movie_ids.count(row[0])) << row[0];
    ASSERT_EQ(row[1], std::to_string(i % 1128 + 1)) << "every movie has every tag, in tagId order";
    ASSERT_TRUE(std::regex_match(row[2], relevance)) << row[2];
    const double v = std::stod(row[2]);
    ASSERT_GT(v, 0.0);
    ASSERT_LE(v, 1.0);
    low += v < 0.1;
    high += v > 0.5;
  }
  EXPECT_GT(low, scores.rows.size() / 2) << "most relevances are near 0";
  EXPECT_GT(high, genome_movies * 2) << "each movie has a few highly relevant tags";
  EXPECT_LT(high, scores.rows.size() / 20);
}

TEST(OutputFormat, EveryFileRoundTripsByteForByte) {
  const std::string dir = generate("roundtrip", "--ratings 150000");
  for (const std::string name : {"ratings.csv", "movies.csv", "tags.csv", "links.csv", "genome-tags.csv"}) {
    const CsvTable table = load_csv(dir, name);
    std::string again = serialise_csv_row(table.header);
    for (const auto& row : table.rows) again += serialise_csv_row(row);
    EXPECT_TRUE(again == read_file(dir + "/" + name)) << name << " is not in canonical form";
  }
}

TEST(OutputFormat, RealDataQuirksArePresent) {
  const std::string dir = generate("quirks", "--preset small");
  const CsvTable movies = load_csv(dir, "movies.csv");
  const std::string raw_movies = read_file(dir + "/movies.csv");
  EXPECT_NE(raw_movies.find("\"11'09\"\"01 - September 11 (2002)\""), std::string::npos);
  EXPECT_NE(raw_movies.find("\r\n1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy\r\n"), std::string::npos);
  EXPECT_NE(raw_movies.find(",\"Matrix, The (1999)\",Action|Sci-Fi|Thriller\r\n"), std::string::npos);
  const std::regex year_suffix(R"(.* \(\d{4}\)$)");
  size_t utf8 = 0, no_year = 0, no_genres = 0, imax = 0, noir = 0, trailing_article = 0, non_latin = 0;
  std::set<std::string> genres_seen;
  for (const auto& row : movies.rows) {
    const std::string& title = row[1];
    utf8 += std::any_of(title.begin(), title.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    // Scripts outside Latin: 3- and 4-byte UTF-8 sequences, or Cyrillic/Greek/Arabic leads.
    non_latin += std::any_of(title.begin(), title.end(), [](char c) {
      const auto b = static_cast<unsigned char>(c);
      return b >= 0xCE && b != 0xE2;
    });
    no_year += !std::regex_match(title, year_suffix);
    trailing_article += title.find(", The (") != std::string::npos;
    no_genres += row[2] == "(no genres listed)";
    imax += row[2].find("IMAX") != std::string::npos;
    noir += row[2].find("Film-Noir") != std::string::npos;
    size_t start = 0;
    while (start <= row[2].size()) {
      const size_t bar = row[2].find('|', start);
      genres_seen.insert(row[2].substr(start, bar - start));
      if (bar == std::string::npos) break;
      start = bar + 1;
    }
  }
  EXPECT_GT(utf8, 10u);
  EXPECT_GT(non_latin, 5u);
  EXPECT_GT(no_year, 0u);
  EXPECT_GT(no_genres, 0u);
  EXPECT_GT(imax, 5u);
  EXPECT_GT(noir, 5u);
  EXPECT_GT(trailing_article, 100u);
  const std::set<std::string> vocabulary = {
      "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama", "Fantasy",
      "Film-Noir", "Horror", "IMAX", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western",
      "(no genres listed)"};
  EXPECT_EQ(genres_seen, vocabulary);

  const CsvTable links = load_csv(dir, "links.csv");
  const std::regex imdb(R"(\d{7,8})");
  size_t empty_tmdb = 0;
  std::set<std::string> imdb_ids;
  for (const auto& row : links.rows) {
    EXPECT_TRUE(std::regex_match(row[1], imdb)) << row[1];
    imdb_ids.insert(row[1]);
    empty_tmdb += row[2].empty();
  }
  EXPECT_EQ(imdb_ids.size(), links.rows.size()) << "imdbIds are unique";
  EXPECT_GT(empty_tmdb, 0u);
  EXPECT_LT(empty_tmdb, links.rows.size() / 20);
  EXPECT_EQ(links.rows[0], (std::vector<std::string>{"1", "0114709", "862"}));

  const CsvTable tags = load_csv(dir, "tags.csv");
  size_t tag_with_comma = 0, tag_with_quote = 0, leading_space = 0;
  for (const auto& row : tags.rows) {
    tag_with_comma += row[2].find(',') != std::string::npos;
    tag_with_quote += row[2].find('"') != std::string::npos;
    leading_space += row[2][0] == ' ';
  }
  EXPECT_GT(tag_with_comma, 0u);
  EXPECT_GT(tag_with_quote, 0u);
  EXPECT_GT(leading_space, 0u);
}

TEST(Determinism, SameSeedGivesIdenticalBytes) {
  const std::string a = generate("det-a", "--ratings 120000 --seed 7");
  const std::string b = generate("det-b", "--ratings 120000 --seed 7 --threads 1");
  for (const std::string name :
       {"ratings.csv", "movies.csv", "tags.csv", "links.csv", "genome-tags.csv", "genome-scores.csv"}) {
    EXPECT_TRUE(read_file(a + "/" + name) == read_file(b + "/" + name)) << name << " differs";
  }
}

TEST(Determinism, SelectedFilesHaveTheSameBytesAsInTheFullDataset) {
  const std::string full = generate("files-full", "--ratings 60000");
  const std::string some = generate("files-some", "--ratings 60000 --files ratings,genome");
  EXPECT_EQ(files_in(some), (std::set<std::string>{"ratings.csv", "genome-scores.csv", "genome-tags.csv"}));
  for (const std::string name : {"ratings.csv", "genome-scores.csv"})
    EXPECT_TRUE(read_file(full + "/" + name) == read_file(some + "/" + name)) << name << " differs";
}

TEST(Determinism, DifferentSeedGivesDifferentData) {
  const std::string a = generate("seed-a", "--preset small --seed 1");
  const std::string b = generate("seed-b", "--preset small --seed 2");
  for (const std::string name : {"ratings.csv", "movies.csv", "tags.csv"})
    EXPECT_FALSE(read_file(a + "/" + name) == read_file(b + "/" + name)) << name << " is the same";
  // Toy Story is movieId 1 whatever the seed.
  EXPECT_EQ(load_csv(b, "movies.csv").rows[0][1], "Toy Story (1995)");
}

TEST(DuckDb, ReadsTheFilesWithTheSameContent) {
  const std::string dir = generate("duckdb", "--preset small");
  const CsvTable movies = load_csv(dir, "movies.csv");
  size_t quoted_titles = 0;
  for (const auto& row : movies.rows) quoted_titles += row[1].find('"') != std::string::npos;
  const CommandResult count = run_strata_sql("select count(*) || '|' || count(distinct userId) as c from read_csv('" +
                                             dir + "/ratings.csv')");
  ASSERT_EQ(count.exit_code, 0) << count.output;
  EXPECT_NE(count.output.find("100836|610"), std::string::npos) << count.output;
  const CommandResult titles = run_strata_sql(
      "select 'n=' || count(*) filter (where contains(title, chr(34))) || ';' || count(*) as c from read_csv('" + dir +
      "/movies.csv')");
  ASSERT_EQ(titles.exit_code, 0) << titles.output;
  EXPECT_NE(titles.output.find("n=" + std::to_string(quoted_titles) + ";" + std::to_string(movies.rows.size())),
            std::string::npos)
      << titles.output;
}

}  // namespace
}  // namespace mlgen_test
