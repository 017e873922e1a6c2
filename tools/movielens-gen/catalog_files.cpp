#include "catalog_files.h"

#include "csv_format.h"

namespace mlgen {

std::string movies_body(const Catalog& catalog) {
  std::string out;
  out.reserve(catalog.size() * 48);
  for (const Movie& m : catalog.movies()) {
    append_uint(out, m.id);
    out.push_back(',');
    append_field(out, m.title);
    out.push_back(',');
    append_field(out, format_genres(m.genres));
    out.append(kLineEnd);
  }
  return out;
}

std::string links_body(const Catalog& catalog) {
  std::string out;
  out.reserve(catalog.size() * 24);
  for (const Movie& m : catalog.movies()) {
    append_uint(out, m.id);
    out.push_back(',');
    out.append(m.imdb_id);
    out.push_back(',');
    if (m.tmdb_id != 0) append_uint(out, m.tmdb_id);  // empty field otherwise
    out.append(kLineEnd);
  }
  return out;
}

}  // namespace mlgen
