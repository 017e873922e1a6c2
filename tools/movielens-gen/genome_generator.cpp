#include "genome_generator.h"

#include <algorithm>
#include <cmath>

#include "csv_format.h"

namespace mlgen {

GenomeGenerator::GenomeGenerator(const Scale& scale, const Catalog& catalog, uint64_t seed)
    : catalog_(catalog), seed_(seed) {
  if (scale.genome_tags == 0 || scale.genome_movies == 0) return;
  tags_ = make_genome_tags(scale.genome_tags);
  movies_ = catalog.genome_movies(scale.genome_movies);
}

std::string GenomeGenerator::tags_body() const {
  std::string out;
  for (size_t i = 0; i < tags_.size(); ++i) {
    append_uint(out, i + 1);
    out.push_back(',');
    append_field(out, tags_[i].text);
    out.append(kLineEnd);
  }
  return out;
}

uint64_t GenomeGenerator::write_movies(size_t first, size_t last, std::string& out) const {
  uint64_t rows = 0;
  for (size_t k = first; k < last; ++k) {
    const Movie& movie = catalog_.movies()[movies_[k]];
    Rng rng = Rng::for_stream(seed_, Stream::Genome, movie.id);
    // The movie's prefix "movieId," is shared by all its rows.
    std::string prefix;
    append_uint(prefix, movie.id);
    prefix.push_back(',');
    for (size_t t = 0; t < tags_.size(); ++t) {
      const GenomeTag& tag = tags_[t];
      const double u = rng.uniform();
      double relevance = 0.008 + 0.2 * u * u;
      if (tag.genres & movie.genres) {
        const double v = rng.uniform();
        relevance += 0.04 + 0.45 * v * std::sqrt(v);  // v^1.5: mostly moderate, some high
      }
      if (tag.popular_index >= 0) {
        for (uint8_t p = 0; p < movie.tag_profile_size; ++p) {
          if (movie.tag_profile[p] == tag.popular_index) {
            relevance = 0.55 + 0.44 * rng.uniform();
            break;
          }
        }
      }
      const uint32_t units = static_cast<uint32_t>(std::clamp<long>(std::lround(relevance * 4000), 1, 4000));
      out.append(prefix);
      append_uint(out, t + 1);
      out.push_back(',');
      append_relevance(out, units);
      out.append(kLineEnd);
    }
    rows += tags_.size();
  }
  return rows;
}

}  // namespace mlgen
