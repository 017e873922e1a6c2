// strata stage put [--create-bucket] [--part-size MiB] [--jobs N] LOCAL... s3://bucket/prefix/
// strata stage ls [--page-size N] s3://bucket/prefix/
// The "upload the raw CSVs to the bucket" step: files go up as single PUTs or parallel
// multipart uploads; ls prints last-modified, size and key of everything under a prefix.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "cli/commands.h"
#include "load/s3_client.h"

namespace strata::cli {

namespace {

struct StageOptions {
  std::vector<std::string> put_args;  // LOCAL... DEST
  bool create_bucket = false;
  uint64_t part_size_mib = 16;
  int jobs = 4;
  std::string ls_uri;
  int page_size = 1000;
};

std::string human_bytes(uint64_t bytes) {
  char buffer[32];
  if (bytes < 1024) {
    std::snprintf(buffer, sizeof buffer, "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024;
    int unit = 0;
    while (value >= 1024 && unit < 3) value /= 1024, ++unit;
    std::snprintf(buffer, sizeof buffer, "%.1f %s", value, units[unit]);
  }
  return buffer;
}

int run_put(const StageOptions& options, CliContext& context) {
  if (options.put_args.size() < 2) {
    context.report(Error(ErrorCode::Usage, "stage put needs at least one local file and an s3:// destination")
                       .with_hint("e.g. strata stage put data/ratings.csv data/movies.csv s3://bucket/raw/"));
    return kExitUsage;
  }
  auto destination = load::parse_s3_uri(options.put_args.back());
  if (!destination) {
    context.report(destination.error());
    return kExitUsage;
  }
  std::vector<std::string> files(options.put_args.begin(), options.put_args.end() - 1);
  // A prefix (ending in '/', or the bucket root) gets each file's name appended; otherwise
  // the destination is the key of the one file being uploaded.
  bool is_prefix = destination->key.empty() || destination->key.back() == '/';
  if (!is_prefix && files.size() > 1) {
    context.report(Error(ErrorCode::Usage, "several files but the destination '" + destination->str() +
                                               "' is a single key")
                       .with_hint("end the destination with '/' to upload into a prefix"));
    return kExitUsage;
  }
  for (const std::string& file : files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec)) {
      context.report(Error(ErrorCode::Io, file + ": no such file (or not a regular file)")
                         .with_hint("stage put uploads files; list them explicitly or with a shell glob"));
      return kExitFailure;
    }
  }

  auto client = load::S3Client::from_environment([&](load::S3ClientOptions& client_options) {
    client_options.part_size = options.part_size_mib * load::kMiB;
    client_options.multipart_threshold = options.part_size_mib * load::kMiB;
    client_options.parallelism = options.jobs;
  });
  if (!client) {
    context.report(client.error());
    return kExitFailure;
  }
  if (options.create_bucket) {
    if (Status created = (*client)->create_bucket(destination->bucket); !created) {
      context.report(created.error());
      return kExitFailure;
    }
  }
  for (const std::string& file : files) {
    std::string key =
        is_prefix ? destination->key + std::filesystem::path(file).filename().string() : destination->key;
    auto started = std::chrono::steady_clock::now();
    auto uploaded = (*client)->upload_file(destination->bucket, key, file);
    if (!uploaded) {
      context.report(uploaded.error());
      return kExitFailure;
    }
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    char rate[64];
    std::snprintf(rate, sizeof rate, "%.2f s, %.1f MiB/s", seconds,
                  seconds > 0 ? static_cast<double>(uploaded->size) / load::kMiB / seconds : 0.0);
    std::cout << "uploaded " << file << " -> s3://" << destination->bucket << "/" << key << " ("
              << human_bytes(uploaded->size) << " in " << rate;
    if (uploaded->parts > 0) std::cout << ", " << uploaded->parts << " parts";
    std::cout << ")\n";
  }
  return kExitOk;
}

int run_ls(const StageOptions& options, CliContext& context) {
  auto location = load::parse_s3_uri(options.ls_uri);
  if (!location) {
    context.report(location.error());
    return kExitUsage;
  }
  auto client = load::S3Client::from_environment();
  if (!client) {
    context.report(client.error());
    return kExitFailure;
  }
  auto objects = (*client)->list_objects(location->bucket, location->key, options.page_size);
  if (!objects) {
    context.report(objects.error());
    return kExitFailure;
  }
  uint64_t total = 0;
  for (const load::ObjectInfo& object : *objects) {
    char size[32];
    std::snprintf(size, sizeof size, "%12llu", static_cast<unsigned long long>(object.size));
    std::cout << object.last_modified << "  " << size << "  " << object.key << "\n";
    total += object.size;
  }
  context.info(std::to_string(objects->size()) + " object" + (objects->size() == 1 ? "" : "s") + ", " +
               human_bytes(total) + " under " + location->str());
  return kExitOk;
}

}  // namespace

Command add_stage_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<StageOptions>();
  CLI::App* app = parent.add_subcommand(
      "stage", "Upload files to S3 and list them (credentials and endpoint from AWS_* variables or ~/.aws)");
  app->require_subcommand(1);

  CLI::App* put = app->add_subcommand("put", "Upload local files to s3://bucket/prefix/ (multipart when large)");
  put->add_option("paths", options->put_args, "LOCAL... s3://bucket/prefix/")->required();
  put->add_flag("--create-bucket", options->create_bucket, "Create the bucket first if it does not exist");
  put->add_option("--part-size", options->part_size_mib, "Multipart part size (and threshold) in MiB")
      ->check(CLI::Range(5, 5120))
      ->capture_default_str();
  put->add_option("--jobs,-j", options->jobs, "Parts uploaded in parallel")->check(CLI::Range(1, 64))->capture_default_str();

  CLI::App* ls = app->add_subcommand("ls", "List key, size and last-modified time of objects under a prefix");
  ls->add_option("uri", options->ls_uri, "s3://bucket/prefix/")->required();
  ls->add_option("--page-size", options->page_size, "Keys per ListObjectsV2 request (1-1000)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();

  return {app, [options, put, ls, &context]() -> int {
            if (put->parsed()) return run_put(*options, context);
            if (ls->parsed()) return run_ls(*options, context);
            return kExitUsage;
          }};
}

}  // namespace strata::cli
