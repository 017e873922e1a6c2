#pragma once
// genome-tags.csv and genome-scores.csv: for each of the most popular movies, a relevance
// for every genome tag (dense, as the real genome). Most relevances are near 0; tags that
// fit the movie's genres are higher and the tags in its profile are high.
#include <cstdint>
#include <string>
#include <vector>

#include "catalog.h"
#include "scale.h"
#include "tag_vocabulary.h"

namespace mlgen {

inline constexpr std::string_view kGenomeTagsHeader = "tagId,tag\r\n";
inline constexpr std::string_view kGenomeScoresHeader = "movieId,tagId,relevance\r\n";

class GenomeGenerator {
 public:
  GenomeGenerator(const Scale& scale, const Catalog& catalog, uint64_t seed);

  const std::vector<GenomeTag>& tags() const { return tags_; }
  size_t movie_count() const { return movies_.size(); }

  std::string tags_body() const;
  // Appends the scores of genome movies [first, last) (in movieId order); returns rows.
  uint64_t write_movies(size_t first, size_t last, std::string& out) const;

 private:
  const Catalog& catalog_;
  uint64_t seed_;
  std::vector<GenomeTag> tags_;
  std::vector<uint32_t> movies_;
};

}  // namespace mlgen
