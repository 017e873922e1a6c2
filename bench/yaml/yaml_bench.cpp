// Parses every .yml/.yaml file under a folder with one parser and keeps the trees, so
// `/usr/bin/time -f "%e %U %S %M"` shows that parser's time and peak memory:
//   yaml_bench tree|yaml-cpp <dir>
#ifdef STRATA_BENCH_YAML_CPP
#include <yaml-cpp/yaml.h>
#endif

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "project/yaml_tree.h"

namespace fs = std::filesystem;

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: yaml_bench tree|yaml-cpp <dir>\n");
    return 2;
  }
  std::string parser = argv[1];
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (const auto& entry : fs::recursive_directory_iterator(argv[2])) {
    auto ext = entry.path().extension();
    if (!entry.is_regular_file() || (ext != ".yml" && ext != ".yaml")) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    texts.push_back(buffer.str());
    bytes += texts.back().size();
  }
  auto start = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<const strata::yaml::Tree>> trees;
#ifdef STRATA_BENCH_YAML_CPP
  std::vector<YAML::Node> yaml_cpp_trees;
#endif
  size_t nodes = 0;
  for (const auto& text : texts) {
    if (parser == "tree") {
      auto parsed = strata::yaml::parse(text);
      if (!parsed.tree) {
        std::fprintf(stderr, "error: %s\n", parsed.error->message.c_str());
        return 1;
      }
      nodes += parsed.tree->node_count();
      trees.push_back(std::move(parsed.tree));
    } else {
#ifdef STRATA_BENCH_YAML_CPP
      try {
        yaml_cpp_trees.push_back(YAML::Load(text));
      } catch (const YAML::Exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
      }
#else
      std::fprintf(stderr, "built without yaml-cpp (libyaml-cpp-dev)\n");
      return 2;
#endif
    }
  }
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s: %zu files, %.1f MB, %.0f ms", parser.c_str(), texts.size(), static_cast<double>(bytes) / 1e6, ms);
  if (parser == "tree") std::printf(", %zu nodes", nodes);
  std::printf("\n");
  return 0;
}
