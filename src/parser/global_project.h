#pragma once
// strata's built-in macros (global_project/macros), embedded into the binary at build time.
#include <vector>

namespace strata::parser {

struct EmbeddedFile {
  const char* path;     // relative to global_project/macros
  const char* content;
};

const std::vector<EmbeddedFile>& global_project_files();

}  // namespace strata::parser
