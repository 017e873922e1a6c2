#include "tag_generator.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"
#include "csv_format.h"
#include "movie_picker.h"
#include "tag_vocabulary.h"

namespace mlgen {
namespace {

constexpr uint32_t kMaxTagsPerMovie = 6;

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

}  // namespace

void append_tag_row(std::string& out, uint32_t user_id, uint32_t movie_id, std::string_view tag, int64_t timestamp) {
  append_uint(out, user_id);
  out.push_back(',');
  append_uint(out, movie_id);
  out.push_back(',');
  append_field(out, tag);
  out.push_back(',');
  append_int(out, timestamp);
  out.append(kLineEnd);
}

std::string typed_tag(Rng& rng, std::string_view canonical, int style) {
  std::string text(canonical);
  if (style == 4) style = static_cast<int>(rng.below(4));
  switch (style) {
    case 1:
      for (char& c : text) c = lower(c);
      break;
    case 2: {
      bool word_start = true;
      for (char& c : text) {
        c = word_start ? upper(c) : c;
        word_start = c == ' ' || c == '-';
      }
      break;
    }
    case 3:
      if (!text.empty()) text[0] = upper(text[0]);
      break;
    default:
      break;
  }
  if (rng.chance(0.01)) {
    for (char& c : text) c = upper(c);
  }
  if (rng.chance(0.004)) text.insert(text.begin(), ' ');
  return text;
}

std::string choose_tag(Rng& rng, const Movie& movie, const AliasTable& tag_popularity) {
  const double kind = rng.uniform();
  if (movie.tag_profile_size > 0 && kind < 0.5)
    return std::string(popular_tags()[movie.tag_profile[rng.below(movie.tag_profile_size)]].text);
  if (kind < 0.8) return std::string(popular_tags()[tag_popularity.sample(rng)].text);
  return long_tail_tag(rng.next());
}

AliasTable make_tag_popularity() {
  std::vector<double> weights;
  for (size_t i = 0; i < popular_tags().size(); ++i) weights.push_back(1.0 / (static_cast<double>(i) + 10.0));
  return AliasTable(weights);
}

TagGenerator::TagGenerator(const Scale& scale, const Catalog& catalog, const UserModel& users, const TimeModel& time,
                           uint64_t seed)
    : catalog_(catalog), users_(users), time_(time), seed_(seed), tag_popularity_(make_tag_popularity()) {
  if (scale.tags == 0) return;
  // Taggers are users active after tagging existed.
  std::vector<uint32_t> eligible;
  for (uint32_t i = 0; i < users.users().size(); ++i)
    if (users.users()[i].end > kTaggingIntroduced + kSecondsPerDay) eligible.push_back(i);
  Rng rng = Rng::for_stream(seed, Stream::Tags, 0);
  const size_t count = std::min<size_t>(std::max<uint32_t>(1, scale.taggers), eligible.size());
  for (size_t k = 0; k < count; ++k) std::swap(eligible[k], eligible[k + rng.below(eligible.size() - k)]);
  eligible.resize(count);
  std::sort(eligible.begin(), eligible.end());

  std::vector<double> weights;
  std::vector<uint32_t> caps;
  for (uint32_t index : eligible) {
    weights.push_back(std::exp(1.9 * rng.normal()));
    caps.push_back(UserModel::rating_cap(users.users()[index].candidates) * 3);
  }
  const std::vector<uint32_t> counts = distribute(scale.tags, 1, weights, caps);
  for (size_t k = 0; k < eligible.size(); ++k) taggers_.push_back({eligible[k], counts[k]});
}

uint64_t TagGenerator::write_taggers(size_t first, size_t last, std::string& out) const {
  struct Row {
    uint32_t movie_index;
    int64_t timestamp;
    std::string text;
  };
  const auto& movies = catalog_.movies();
  MoviePicker picker(catalog_);
  MovieSet taken(movies.size());
  std::vector<uint32_t> picks;
  std::vector<Row> rows;
  uint64_t written = 0;
  for (size_t t = first; t < last; ++t) {
    const Tagger& tagger = taggers_[t];
    const User& user = users_.users()[tagger.user_index];
    Rng rng = Rng::for_stream(seed_, Stream::Tags, user.id);
    const int style = static_cast<int>(rng.below(100) < 55 ? 0 : rng.below(100) < 45 ? 1 : 2 + rng.below(3));

    // Movies to tag: about 1.7 tags per movie, each movie getting 1..6 tags.
    const uint32_t want_movies = std::max<uint32_t>(1, static_cast<uint32_t>(std::ceil(tagger.tags / 1.7)));
    picks.clear();
    picker.pick(rng, user, std::min(want_movies, UserModel::rating_cap(user.candidates)), user.candidates,
                catalog_.popularity_for_year(year_of(user.end)), taken, picks);
    taken.clear();
    if (picks.empty()) continue;
    std::vector<uint32_t> per_movie(picks.size(), 1);
    uint64_t planned = std::min<uint64_t>(picks.size(), tagger.tags);
    per_movie.resize(planned);
    for (uint64_t attempts = 0; planned < tagger.tags && attempts < tagger.tags * 4ull; ++attempts) {
      uint32_t& k = per_movie[rng.below(per_movie.size())];
      if (k < kMaxTagsPerMovie) {
        ++k;
        ++planned;
      }
    }

    rows.clear();
    const int64_t earliest = std::max(user.start, kTaggingIntroduced);
    for (size_t i = 0; i < per_movie.size(); ++i) {
      const Movie& movie = movies[picks[i]];
      const int64_t first_time = time_.sample_between(rng, std::max(earliest, movie.added), user.end);
      std::string used[kMaxTagsPerMovie];
      uint32_t used_count = 0;
      for (uint32_t k = 0; k < per_movie[i]; ++k) {
        std::string tag;
        for (int attempt = 0; attempt < 12; ++attempt) {
          tag = choose_tag(rng, movie, tag_popularity_);
          if (std::find(used, used + used_count, tag) == used + used_count) break;
        }
        if (std::find(used, used + used_count, tag) != used + used_count) continue;
        used[used_count++] = tag;
        const int64_t when = std::min(user.end, first_time + static_cast<int64_t>(k * (5 + rng.below(60))));
        rows.push_back({picks[i], when, typed_tag(rng, tag, style)});
      }
    }
    std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
      return a.movie_index != b.movie_index ? a.movie_index < b.movie_index : a.timestamp < b.timestamp;
    });
    for (const Row& row : rows) append_tag_row(out, user.id, movies[row.movie_index].id, row.text, row.timestamp);
    written += rows.size();
  }
  return written;
}

}  // namespace mlgen
