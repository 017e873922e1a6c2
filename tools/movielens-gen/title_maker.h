#pragma once
// Invents plausible movie titles in MovieLens style: "Last Harbor (1987)",
// "Silent River, The (2004)" (a leading article moves to the end, which forces CSV quoting),
// foreign titles with the English one in parentheses ("Café des Ombres (Shadow Café)"),
// some in non-Latin scripts, sequels, a rare title with double quotes and titles without
// a year.
#include <string>

#include "rng.h"

namespace mlgen {

struct TitleRequest {
  int year = 1995;
  bool with_year = true;
  bool documentary = false;
};

std::string make_title(Rng& rng, const TitleRequest& request);

// "The Quiet Hour" -> "Quiet Hour, The"; "A Man" -> "Man, A"; other titles unchanged.
std::string move_leading_article(const std::string& title);

}  // namespace mlgen
