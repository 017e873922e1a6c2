#include "dataset.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <system_error>

#include "batch_generator.h"
#include "catalog.h"
#include "catalog_files.h"
#include "genome_generator.h"
#include "rating_generator.h"
#include "tag_generator.h"
#include "time_model.h"
#include "user_model.h"

namespace mlgen {
namespace {

using strata::Error;
using strata::ErrorCode;

constexpr size_t kUsersPerBlock = 256;
constexpr size_t kTaggersPerBlock = 32;
constexpr size_t kGenomeMoviesPerBlock = 24;

size_t blocks_for(size_t items, size_t per_block) { return (items + per_block - 1) / per_block; }

// Everything the generators share, built once from (scale, seed).
struct Model {
  Model(const Scale& scale, uint64_t seed)
      : time(seed), catalog(scale, seed), users(scale, catalog, time, seed) {}
  TimeModel time;
  Catalog catalog;
  UserModel users;
};

}  // namespace

strata::Status prepare_output_dir(const std::filesystem::path& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return Error(ErrorCode::Io, "cannot create output folder " + dir.string() + ": " + ec.message())
        .with_hint("pass --out a folder you can write to");
  }
  if (!std::filesystem::is_directory(dir, ec)) {
    return Error(ErrorCode::Io, "output path " + dir.string() + " exists and is not a folder")
        .with_hint("pass --out a folder");
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    return Error(ErrorCode::Io, "output folder " + dir.string() + " is not writable: " + std::strerror(errno))
        .with_hint("pass --out a folder you can write to");
  }
  return {};
}

strata::Result<std::vector<FileStats>> write_dataset(const DatasetOptions& options) {
  STRATA_TRY(prepare_output_dir(options.out));
  const Model model(options.scale, options.seed);
  const FileSelection& selected = options.files;
  std::vector<FileStats> files;
  auto keep = [&files](strata::Result<FileStats> r) -> strata::Status {
    if (!r.ok()) return std::move(r).error();
    files.push_back(std::move(r).value());
    return {};
  };

  if (selected.movies) {
    STRATA_TRY(keep(write_whole_file(options.out, "movies.csv", kMoviesHeader, movies_body(model.catalog),
                                     model.catalog.size())));
  }
  if (selected.links) {
    STRATA_TRY(keep(write_whole_file(options.out, "links.csv", kLinksHeader, links_body(model.catalog),
                                     model.catalog.size())));
  }

  if (selected.ratings) {
    const RatingGenerator ratings(model.catalog, model.users, model.time, options.seed);
    const size_t users = model.users.users().size();
    auto produce = [&](size_t block, std::string& out) {
      const size_t first = block * kUsersPerBlock;
      out.reserve(kUsersPerBlock * 160 * 30);
      return ratings.write_users(first, std::min(users, first + kUsersPerBlock), out);
    };
    STRATA_TRY(keep(write_block_file(options.out, "ratings.csv", kRatingsHeader, blocks_for(users, kUsersPerBlock),
                                     options.threads, produce)));
  }

  if (selected.tags) {
    const TagGenerator tags(options.scale, model.catalog, model.users, model.time, options.seed);
    const size_t taggers = tags.tagger_count();
    auto produce = [&](size_t block, std::string& out) {
      const size_t first = block * kTaggersPerBlock;
      return tags.write_taggers(first, std::min(taggers, first + kTaggersPerBlock), out);
    };
    STRATA_TRY(keep(write_block_file(options.out, "tags.csv", kTagsHeader, blocks_for(taggers, kTaggersPerBlock),
                                     options.threads, produce)));
  }

  const GenomeGenerator genome(options.scale, model.catalog, options.seed);
  if (selected.genome && genome.movie_count() > 0) {
    STRATA_TRY(keep(write_whole_file(options.out, "genome-tags.csv", kGenomeTagsHeader, genome.tags_body(),
                                     genome.tags().size())));
    const size_t movies = genome.movie_count();
    auto produce = [&](size_t block, std::string& out) {
      const size_t first = block * kGenomeMoviesPerBlock;
      out.reserve(kGenomeMoviesPerBlock * genome.tags().size() * 20);
      return genome.write_movies(first, std::min(movies, first + kGenomeMoviesPerBlock), out);
    };
    STRATA_TRY(keep(write_block_file(options.out, "genome-scores.csv", kGenomeScoresHeader,
                                     blocks_for(movies, kGenomeMoviesPerBlock), options.threads, produce)));
  }
  return files;
}

strata::Result<std::vector<FileStats>> write_batch(const DatasetOptions& options, const BatchOptions& batch) {
  STRATA_TRY(prepare_output_dir(options.out));
  const Model model(options.scale, options.seed);
  BatchRequest request;
  request.after = batch.after;
  request.span = batch.span;
  request.first_new_user = batch.first_new_user;
  request.ratings = batch.ratings != 0 ? batch.ratings
                                       : std::max<uint64_t>(1, model.users.total_ratings() / 100);
  request.tags_per_rating = options.scale.ratings == 0
                                ? 0.0
                                : static_cast<double>(options.scale.tags) / static_cast<double>(options.scale.ratings);
  const BatchText text = generate_batch(request, model.catalog, model.users, model.time, options.seed);
  const std::string suffix = batch.name.empty() ? "after_" + std::to_string(batch.after) : batch.name;
  std::vector<FileStats> files;
  auto ratings = write_whole_file(options.out, "ratings_" + suffix + ".csv", kRatingsHeader, text.ratings,
                                  text.rating_rows);
  if (!ratings.ok()) return std::move(ratings).error();
  files.push_back(std::move(ratings).value());
  auto tags = write_whole_file(options.out, "tags_" + suffix + ".csv", kTagsHeader, text.tags, text.tag_rows);
  if (!tags.ok()) return std::move(tags).error();
  files.push_back(std::move(tags).value());
  return files;
}

}  // namespace mlgen
