// movielens-gen: writes MovieLens-format CSV files (or an incremental batch) at any scale.
#include <CLI/CLI.hpp>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "common/error.h"
#include "dataset.h"
#include "scale.h"

namespace {

constexpr int kExitIoError = 1;
constexpr int kExitUsage = 2;

int usage_error(const std::string& message) {
  std::fprintf(stderr, "movielens-gen: error: %s\nRun 'movielens-gen --help' for the options.\n", message.c_str());
  return kExitUsage;
}

void print_summary(const mlgen::DatasetOptions& options, const std::vector<mlgen::FileStats>& files, double seconds) {
  uint64_t bytes = 0;
  std::fprintf(stderr, "movielens-gen: scale %s, seed %llu -> %s\n", options.scale.name.c_str(),
               static_cast<unsigned long long>(options.seed), options.out.c_str());
  for (const auto& f : files) {
    std::fprintf(stderr, "  %-30s %12llu rows %14llu bytes %7.2f s\n", f.name.c_str(),
                 static_cast<unsigned long long>(f.rows), static_cast<unsigned long long>(f.bytes), f.seconds);
    bytes += f.bytes;
  }
  std::fprintf(stderr, "  total %llu bytes in %.2f s (%.0f MB/s)\n", static_cast<unsigned long long>(bytes), seconds,
               seconds > 0 ? bytes / seconds / 1e6 : 0.0);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Writes MovieLens-format CSV files (ratings, movies, tags, links, genome) at any scale,\n"
               "deterministically for a seed; or, with --after, an incremental batch of new ratings and tags."};
  std::string out, preset;
  uint64_t ratings = 0, seed = mlgen::kDefaultSeed, after_ratings = 0;
  int64_t after = 0, after_span = 7 * 86400;
  double after_percent = 0;
  std::string batch_name;
  uint32_t first_new_user = 0;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  bool quiet = false;

  app.add_option("--out", out, "Folder to write into (created if missing)")->required();
  auto* preset_opt = app.add_option("--preset", preset, "Real dataset proportions: small, 1m, 20m, 32m (default small)")
                         ->check(CLI::IsMember({"small", "1m", "20m", "32m"}));
  auto* ratings_opt = app.add_option("--ratings", ratings, "Number of ratings; users, movies, tags and genome scale "
                                                           "like ml-20m")
                          ->check(CLI::Range(uint64_t{1}, uint64_t{4000000000}));
  preset_opt->excludes(ratings_opt);
  app.add_option("--seed", seed, "Random seed (same arguments and seed give identical files)");
  auto* after_opt = app.add_option("--after", after, "Write only an incremental batch of new ratings and tags with "
                                                     "timestamps after this epoch second")
                        ->check(CLI::Range(int64_t{0}, int64_t{4102444800}));
  auto* after_ratings_opt = app.add_option("--after-ratings", after_ratings, "Batch size in ratings (default 1% of "
                                                                             "the base)")
                                ->needs(after_opt)
                                ->check(CLI::Range(uint64_t{1}, uint64_t{1000000000}));
  app.add_option("--after-percent", after_percent, "Batch size as a percentage of the base's ratings")
      ->needs(after_opt)
      ->excludes(after_ratings_opt)
      ->check(CLI::Range(0.0001, 100.0));
  app.add_option("--after-span", after_span, "Batch timestamps fall in (after, after + span] seconds (default 7 days)")
      ->needs(after_opt)
      ->check(CLI::Range(int64_t{1}, int64_t{10} * 365 * 86400));
  app.add_option("--batch-name", batch_name, "Batch file suffix: ratings_NAME.csv, tags_NAME.csv (default after_<TS>)")
      ->needs(after_opt)
      ->check([](const std::string& name) -> std::string {
        if (name.empty()) return "must not be empty";
        for (char c : name)
          if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
            return "may contain only letters, digits, '_', '-' and '.'";
        return {};
      });
  app.add_option("--first-new-user", first_new_user, "The batch's new users get ids from this one on (default: after "
                                                     "the base's last; after a previous batch, its highest user id + 1, "
                                                     "or its new users join again)")
      ->needs(after_opt)
      ->check(CLI::Range(uint32_t{1}, uint32_t{4000000000}));
  std::vector<std::string> only;
  app.add_option("--files", only, "Write only these files (comma-separated): ratings, movies, tags, links, genome")
      ->delimiter(',')
      ->check(CLI::IsMember({"ratings", "movies", "tags", "links", "genome"}))
      ->excludes(after_opt);
  app.add_option("--threads", threads, "Worker threads (default: number of cores)")->check(CLI::Range(1u, 256u));
  app.add_flag("--quiet,-q", quiet, "No summary on stderr");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    return usage_error(e.what());
  }

  mlgen::DatasetOptions options;
  options.seed = seed;
  options.out = out;
  options.threads = threads;
  if (*ratings_opt) {
    options.scale = mlgen::scale_for_ratings(ratings);
  } else {
    options.scale = *mlgen::preset_scale(preset.empty() ? "small" : preset);
  }

  if (!only.empty()) {
    auto has = [&](const char* name) { return std::find(only.begin(), only.end(), name) != only.end(); };
    options.files = {has("ratings"), has("movies"), has("tags"), has("links"), has("genome")};
  }

  const auto started = std::chrono::steady_clock::now();
  strata::Result<std::vector<mlgen::FileStats>> result = std::vector<mlgen::FileStats>{};
  if (*after_opt) {
    mlgen::BatchOptions batch;
    batch.after = after;
    batch.span = after_span;
    batch.name = batch_name;
    batch.first_new_user = first_new_user;
    if (first_new_user != 0 && first_new_user <= options.scale.users) {
      return usage_error("--first-new-user " + std::to_string(first_new_user) + " is a user of the base (ids 1-" +
                         std::to_string(options.scale.users) + "): give an id after them");
    }
    if (after_ratings) batch.ratings = after_ratings;
    if (after_percent > 0) {
      batch.ratings = std::max<uint64_t>(1, static_cast<uint64_t>(options.scale.ratings * after_percent / 100.0));
    }
    if (batch.ratings > options.scale.ratings) {
      return usage_error("the batch (" + std::to_string(batch.ratings) + " ratings) may not be larger than the base (" +
                         std::to_string(options.scale.ratings) + ")");
    }
    result = mlgen::write_batch(options, batch);
  } else {
    result = mlgen::write_dataset(options);
  }
  if (!result.ok()) {
    std::fprintf(stderr, "movielens-gen: %s", strata::render_error(result.error()).c_str());
    return kExitIoError;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  if (!quiet) print_summary(options, result.value(), seconds);
  return 0;
}
