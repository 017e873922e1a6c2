#pragma once
// The words users tag movies with, most popular first ("atmospheric", "twist ending", ...),
// each tied to the genres it usually describes; and the genome tag list built from them.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "genres.h"

namespace mlgen {

struct TagWord {
  std::string_view text;  // canonical (lower case) form
  GenreMask genres;       // 0 = fits any movie
};

// Popular user tags, ordered by popularity rank (tag frequency is Zipf over this order).
std::span<const TagWord> popular_tags();

// A tag from the long tail of rarely used ones ("clever dialogue", "Rosa Lindqvist"):
// real users write tens of thousands of distinct tags, most of them only a few times.
std::string long_tail_tag(uint64_t random);

struct GenomeTag {
  std::string text;
  GenreMask genres;
  int popular_index;  // index into popular_tags(), or -1 for generated ones
};

// `count` distinct genome tags, sorted alphabetically (their tagId order, as in
// genome-tags.csv): the popular tags first chosen, then decades, then generated phrases.
std::vector<GenomeTag> make_genome_tags(size_t count);

}  // namespace mlgen
