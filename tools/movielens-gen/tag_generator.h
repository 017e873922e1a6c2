#pragma once
// tags.csv: a small share of users (taggers, active after tagging was introduced in 2005)
// write heavy-tailed numbers of tags; each tag fits the movie (from its tag profile) or is a
// popular tag (Zipf over the vocabulary), typed with the user's habits of case and spacing.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "alias_table.h"
#include "catalog.h"
#include "scale.h"
#include "time_model.h"
#include "user_model.h"

namespace mlgen {

inline constexpr std::string_view kTagsHeader = "userId,movieId,tag,timestamp\r\n";

void append_tag_row(std::string& out, uint32_t user_id, uint32_t movie_id, std::string_view tag, int64_t timestamp);

// The canonical tag as a user with typing `style` (0..4) writes it: as is, lower case,
// Title Case, Capitalised, or varying; rarely with a stray leading space.
std::string typed_tag(Rng& rng, std::string_view canonical, int style);

// A tag (canonical text) for the movie: mostly from its profile, else a popular tag, else
// one from the long tail.
std::string choose_tag(Rng& rng, const Movie& movie, const AliasTable& tag_popularity);

// Zipf popularity over popular_tags().
AliasTable make_tag_popularity();

class TagGenerator {
 public:
  TagGenerator(const Scale& scale, const Catalog& catalog, const UserModel& users, const TimeModel& time,
               uint64_t seed);

  size_t tagger_count() const { return taggers_.size(); }
  // Appends the rows of taggers [first, last) (in user id order); returns the row count.
  uint64_t write_taggers(size_t first, size_t last, std::string& out) const;

 private:
  struct Tagger {
    uint32_t user_index;
    uint32_t tags;
  };
  const Catalog& catalog_;
  const UserModel& users_;
  const TimeModel& time_;
  uint64_t seed_;
  std::vector<Tagger> taggers_;
  AliasTable tag_popularity_;
};

}  // namespace mlgen
