#include "catalog.h"

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "calendar.h"
#include "famous_movies.h"
#include "link_ids.h"
#include "rng.h"
#include "tag_vocabulary.h"
#include "title_maker.h"

namespace mlgen {
namespace {

constexpr double kInitialShare = 0.10;   // of the catalog is there on day one (1995)
constexpr uint32_t kMinInitial = 120;    // enough for early users to have 20+ ratings
constexpr double kPolarisingShare = 0.03;
constexpr double kZipfOffset = 30.0;     // popularity = 1 / (rank + offset)^exponent
constexpr double kZipfExponent = 1.0;

// Release year of a movie that entered the catalog in `added_year`.
int release_year(Rng& rng, int added_year, bool initial, uint32_t initial_size) {
  // The initial catalog is mostly older films; large ones would otherwise pile up in 1995.
  const double new_release = initial ? 0.45 * std::min(1.0, 1500.0 / initial_size) : 0.55;
  if (rng.chance(new_release)) return added_year - (rng.chance(0.3) ? 1 : 0);
  const double age = -std::log(1.0 - rng.uniform()) * (initial ? 18.0 : 15.0);
  return std::max(1902, added_year - 1 - static_cast<int>(age));
}

GenreMask make_genres(Rng& rng, int year, int64_t added) {
  const bool recent = added > start_of_year(2015);
  if (rng.chance(recent ? 0.025 : 0.004)) return 0;  // "(no genres listed)"
  GenreMask mask = 0;
  for (int g = 0; g < kGenreCount; ++g) {
    double p = genre_frequency(g);
    if (g == kFilmNoir) p = (year >= 1940 && year < 1960) ? 0.16 : 0.002;
    if (g == kImax) p = year < 1995 ? 0.0 : (year >= 2008 ? 0.03 : 0.008);
    if (rng.chance(p)) mask |= GenreMask{1} << g;
  }
  if (mask & genre_bit(kAnimation) && rng.chance(0.6)) mask |= genre_bit(kChildren);
  if (mask & genre_bit(kDocumentary) && rng.chance(0.8)) mask &= genre_bit(kDocumentary) | genre_bit(kImax);
  if (mask == 0) {
    // Everything has at least one genre: pick one in proportion to frequency.
    double total = 0;
    for (int g = 0; g < kGenreCount; ++g) total += genre_frequency(g);
    double x = rng.uniform() * total;
    for (int g = 0; g < kGenreCount; ++g) {
      x -= genre_frequency(g);
      if (x <= 0 || g == kGenreCount - 1) { mask = GenreMask{1} << g; break; }
    }
  }
  return mask;
}

float genre_quality(GenreMask mask) {
  double q = 0;
  for (int g = 0; g < kGenreCount; ++g)
    if (mask & (GenreMask{1} << g)) q += genre_rating_effect(g);
  return static_cast<float>(q * 0.8);
}

// 3-6 tags describing the movie, mostly ones that fit its genres.
void pick_tag_profile(Rng& rng, Movie& movie) {
  const auto tags = popular_tags();
  const uint8_t want = static_cast<uint8_t>(3 + rng.below(4));
  for (int attempt = 0; attempt < 200 && movie.tag_profile_size < want; ++attempt) {
    // Half log-uniform (small ranks common), half uniform over the vocabulary.
    const uint32_t index = rng.chance(0.5)
                               ? static_cast<uint32_t>(std::min<double>(
                                     tags.size() - 1, std::floor(std::pow(tags.size() + 1.0, rng.uniform()) - 1.0)))
                               : static_cast<uint32_t>(rng.below(tags.size()));
    const GenreMask fits = tags[index].genres;
    if (fits != 0 && !(fits & movie.genres) && !rng.chance(0.08)) continue;
    bool dup = false;
    for (uint8_t k = 0; k < movie.tag_profile_size; ++k) dup |= movie.tag_profile[k] == index;
    if (!dup) movie.tag_profile[movie.tag_profile_size++] = static_cast<uint16_t>(index);
  }
}

}  // namespace

Catalog::Catalog(const Scale& scale, uint64_t seed) {
  place_movies(scale, seed);
  assign_popularity(seed);
  build_tables();
  rated_.reserve(movies_.size());
  for (const Movie& m : movies_) rated_.push_back({m.added, m.id, m.genres, m.quality, m.polarising});
}

void Catalog::place_movies(const Scale& scale, uint64_t seed) {
  const uint32_t count = std::max<uint32_t>(1, scale.movies);
  movies_.resize(count);
  const uint32_t initial = std::min(count, std::max(kMinInitial, static_cast<uint32_t>(count * kInitialShare)));
  const double span = static_cast<double>(kLastTimestamp - kFirstTimestamp);

  // When each movie enters the catalog: the initial catalog on day one, then a growing
  // stream of additions (more per year later on).
  for (uint32_t i = 0; i < count; ++i) {
    if (i < initial) {
      movies_[i].added = kFirstTimestamp;
    } else {
      const double f = static_cast<double>(i - initial + 1) / (count - initial + 1);
      movies_[i].added = kFirstTimestamp + static_cast<int64_t>(span * std::pow(f, 0.8));
    }
  }

  // Famous movies take the slot matching their release year; Toy Story is movieId 1.
  std::vector<int> famous_at(count, -1);
  const auto famous = famous_movies();
  for (size_t k = 0; k < famous.size(); ++k) {
    uint32_t slot;
    if (k == 0) {
      slot = 0;
    } else if (famous[k].year <= 1995) {
      slot = static_cast<uint32_t>(1 + (k * 7919) % std::max<uint32_t>(1, initial - 1));
    } else {
      const int64_t target = start_of_year(famous[k].year) + 90 * kSecondsPerDay;
      slot = static_cast<uint32_t>(std::lower_bound(movies_.begin(), movies_.end(), target,
                                                    [](const Movie& m, int64_t t) { return m.added < t; }) -
                                   movies_.begin());
    }
    while (slot < count && famous_at[slot] != -1) ++slot;
    if (slot < count) famous_at[slot] = static_cast<int>(k);
  }

  std::unordered_set<uint32_t> imdb_used, tmdb_used;
  std::unordered_set<std::string> titles_used;
  imdb_used.reserve(count * 2);
  tmdb_used.reserve(count * 2);
  for (const auto& f : famous) {
    imdb_used.insert(static_cast<uint32_t>(std::stoul(std::string(f.imdb_id))));
    if (f.tmdb_id) tmdb_used.insert(static_cast<uint32_t>(f.tmdb_id));
  }

  Rng id_rng = Rng::for_stream(seed, Stream::Catalog, 0);
  uint32_t next_id = 1;
  for (uint32_t i = 0; i < count; ++i) {
    Movie& m = movies_[i];
    m.id = next_id;
    // Ids are contiguous at first and get sparser later, as in ml-20m/ml-32m.
    const double gap_chance = 0.03 + 0.35 * static_cast<double>(i) / count;
    next_id += 1 + (id_rng.chance(gap_chance) ? static_cast<uint32_t>(1 + id_rng.below(20)) : 0);

    Rng rng = Rng::for_stream(seed, Stream::Movie, i);
    if (famous_at[i] >= 0) {
      const FamousMovie& f = famous[famous_at[i]];
      m.title = std::string(f.title);
      m.year = f.year;
      m.genres = parse_genres(f.genres);
      m.imdb_id = std::string(f.imdb_id);
      m.tmdb_id = static_cast<uint32_t>(f.tmdb_id);
      m.polarising = f.polarising;
      m.famous_index = famous_at[i];
      m.quality = f.polarising ? 0.0f : static_cast<float>(0.55 + 0.35 * rng.uniform());
    } else {
      const bool initial_movie = i < initial;
      m.year = release_year(rng, year_of(m.added), initial_movie, initial);
      m.genres = make_genres(rng, m.year, m.added);
      TitleRequest request;
      request.year = m.year;
      request.with_year = !rng.chance(m.added > start_of_year(2015) ? 0.012 : 0.002);
      request.documentary = (m.genres & genre_bit(kDocumentary)) != 0;
      // Retry a few times on a repeat: a few duplicate titles are realistic, many are not.
      m.title = make_title(rng, request);
      for (int attempt = 0; attempt < 6 && titles_used.count(m.title); ++attempt) m.title = make_title(rng, request);
      m.quality = static_cast<float>(rng.normal(0.0, 0.42)) + genre_quality(m.genres);
      m.polarising = rng.chance(kPolarisingShare);
      // Redraw on a collision (probing upwards would build long runs in busy years).
      uint32_t imdb = typical_imdb_number(rng, m.year);
      for (int attempt = 0; !imdb_used.insert(imdb).second; ++attempt)
        imdb = attempt < 16 ? typical_imdb_number(rng, m.year) : imdb + 1 + static_cast<uint32_t>(rng.below(1000));
      m.imdb_id = format_imdb_id(imdb);
      if (rng.chance(m.added > start_of_year(2015) ? 0.02 : 0.006)) {
        m.tmdb_id = 0;  // empty tmdbId, as for some entries of the real links.csv
      } else {
        uint32_t tmdb = typical_tmdb_number(rng, m.year);
        for (int attempt = 0; !tmdb_used.insert(tmdb).second; ++attempt)
          tmdb = attempt < 16 ? typical_tmdb_number(rng, m.year) : tmdb + 1 + static_cast<uint32_t>(rng.below(1000));
        m.tmdb_id = tmdb;
      }
    }
    titles_used.insert(m.title);
    pick_tag_profile(rng, m);
  }
}

void Catalog::assign_popularity(uint64_t seed) {
  // Rank movies by a noisy function of quality; famous movies take the top ranks, spread
  // out so that ordinary movies are interleaved with them.
  const auto famous_count = famous_movies().size();
  std::vector<std::pair<double, uint32_t>> keyed;
  std::vector<bool> rank_taken(movies_.size() + famous_count * 2 + 1, false);
  for (uint32_t i = 0; i < movies_.size(); ++i) {
    Rng rng = Rng::for_stream(seed, Stream::Movie, 0x100000000ull + i);
    if (movies_[i].famous_index >= 0) {
      movies_[i].popularity_rank = static_cast<uint32_t>(movies_[i].famous_index * 3 / 2);
      rank_taken[movies_[i].popularity_rank] = true;
    } else {
      keyed.push_back({movies_[i].quality * 0.9 + rng.normal(0.0, 1.0), i});
    }
  }
  std::sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  });
  uint32_t rank = 0;
  for (const auto& [key, index] : keyed) {
    while (rank_taken[rank]) ++rank;
    movies_[index].popularity_rank = rank++;
  }
  for (Movie& m : movies_) m.popularity = std::pow(m.popularity_rank + kZipfOffset, -kZipfExponent);
}

void Catalog::build_tables() {
  for (int year = kFirstYear; year <= kLastYear; ++year) {
    const int64_t boundary = std::max<int64_t>(kFirstTimestamp, start_of_year(year));
    const uint32_t prefix = available_at(boundary);
    year_prefix_.push_back(prefix);
    std::vector<double> weights(prefix);
    for (uint32_t i = 0; i < prefix; ++i) weights[i] = movies_[i].popularity;
    year_tables_.emplace_back(weights);
  }
  for (int g = 0; g < kGenreCount; ++g) {
    std::vector<double> weights;
    for (uint32_t i = 0; i < movies_.size(); ++i) {
      if (movies_[i].genres & (GenreMask{1} << g)) {
        genre_members_[g].push_back(i);
        weights.push_back(movies_[i].popularity);
      }
    }
    genre_tables_[g] = AliasTable(weights);
  }
}

uint32_t Catalog::available_at(int64_t timestamp) const {
  return static_cast<uint32_t>(std::upper_bound(movies_.begin(), movies_.end(), timestamp,
                                                [](int64_t t, const Movie& m) { return t < m.added; }) -
                               movies_.begin());
}

uint32_t Catalog::prefix_for_year(int year) const {
  return year_prefix_[std::clamp(year, kFirstYear, kLastYear) - kFirstYear];
}

const AliasTable& Catalog::popularity_for_year(int year) const {
  return year_tables_[std::clamp(year, kFirstYear, kLastYear) - kFirstYear];
}

std::vector<uint32_t> Catalog::genome_movies(uint32_t count) const {
  std::vector<uint32_t> chosen(movies_.size());
  for (uint32_t i = 0; i < chosen.size(); ++i) chosen[i] = i;
  count = std::min<uint32_t>(count, static_cast<uint32_t>(chosen.size()));
  std::partial_sort(chosen.begin(), chosen.begin() + count, chosen.end(), [&](uint32_t a, uint32_t b) {
    return movies_[a].popularity_rank < movies_[b].popularity_rank;
  });
  chosen.resize(count);
  std::sort(chosen.begin(), chosen.end());
  return chosen;
}

}  // namespace mlgen
