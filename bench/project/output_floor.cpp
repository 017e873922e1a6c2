// The output floor of a compile: how long this machine takes just to write the files a
// `strata compile` wrote (target/compiled/**, manifest.json, the parse cache), with no
// parsing or rendering at all. No compiler that writes dbt's artifacts can finish a cold
// compile faster than this, so the benchmark reports it beside the Jinja2 baseline: the
// baseline divided by the floor is the largest speedup this machine allows.
//
//   output_floor TARGET_DIR SCRATCH_DIR
//
// Reads every regular file under TARGET_DIR into memory (not timed), then recreates the
// same tree under SCRATCH_DIR/<n> with mkdir/open/write/close, once with one thread and
// once with two (each thread a share of the files, as strata's writer does). Prints JSON:
// {"files": N, "bytes": B, "one_thread_s": s, "two_threads_s": s, "cpu_s": s}.
// SCRATCH_DIR must not exist yet or be empty; the copies are left for the caller to delete
// (deleting them here would slow the next measurement: ext4 without a journal rescans
// recently deleted inodes when it creates files).
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

namespace {

struct OutputFile {
  std::string relative;
  std::string bytes;
};

double cpu_seconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

bool write_file(const std::string& path, const std::string& bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return false;
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n <= 0) break;
    done += static_cast<size_t>(n);
  }
  return ::close(fd) == 0 && done == bytes.size();
}

// Creates the folders first (as strata does, once per folder), then the files, the files
// split over `threads` threads. Returns the wall seconds, or a negative value on failure.
double recreate(const std::vector<OutputFile>& files, const fs::path& root, int threads) {
  auto start = std::chrono::steady_clock::now();
  std::set<fs::path> folders;
  for (const auto& file : files) folders.insert((root / file.relative).parent_path());
  std::error_code ec;
  for (const auto& folder : folders) fs::create_directories(folder, ec);
  if (ec) return -1;
  std::vector<std::thread> workers;
  std::vector<char> ok(threads, 1);
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      for (size_t i = t; i < files.size(); i += threads)
        if (!write_file((root / files[i].relative).string(), files[i].bytes)) ok[t] = 0;
    });
  for (auto& worker : workers) worker.join();
  for (char good : ok)
    if (!good) return -1;
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: output_floor TARGET_DIR SCRATCH_DIR\n");
    return 2;
  }
  fs::path target = argv[1], scratch = argv[2];
  std::vector<OutputFile> files;
  size_t bytes = 0;
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(target, ec); !ec && it != fs::end(it); it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    bytes += text.size();
    files.push_back({fs::relative(it->path(), target).string(), std::move(text)});
  }
  if (ec || files.empty()) {
    std::fprintf(stderr, "output_floor: cannot read the files under %s\n", argv[1]);
    return 1;
  }
  double cpu_before = cpu_seconds();
  double one = recreate(files, scratch / "1", 1);
  double cpu = cpu_seconds() - cpu_before;
  double two = recreate(files, scratch / "2", 2);
  if (one < 0 || two < 0) {
    std::fprintf(stderr, "output_floor: cannot write under %s\n", argv[2]);
    return 1;
  }
  std::printf("{\"files\": %zu, \"bytes\": %zu, \"one_thread_s\": %.4f, \"two_threads_s\": %.4f, \"cpu_s\": %.4f}\n",
              files.size(), bytes, one, two, cpu);
  return 0;
}
