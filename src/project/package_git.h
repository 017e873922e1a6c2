#pragma once
// Fetches git packages with the git program: clone, resolve the revision (tag, branch or
// commit sha) to a commit, check it out. Never prompts (GIT_TERMINAL_PROMPT=0, ssh in
// batch mode) and gives up after a time limit, so `strata deps` cannot hang on a server.
#include <chrono>
#include <filesystem>
#include <string>

#include "common/result.h"

namespace strata::project {

struct GitCheckout {
  std::string sha;  // the commit checked out
};

class GitClient {
 public:
  // `cwd` is where relative repository paths resolve (the project directory, as dbt).
  GitClient(std::filesystem::path cwd, std::chrono::milliseconds timeout) : cwd_(std::move(cwd)), timeout_(timeout) {}

  // Clones `url` into `dest` (which must not exist) and checks out `revision` (empty: the
  // default branch). Errors carry git's stderr; `url_span`/`revision_span` locate them.
  Result<GitCheckout> clone_at(const std::string& url, const std::string& revision, const std::filesystem::path& dest,
                               const SourceSpan& url_span, const SourceSpan& revision_span) const;

 private:
  struct Output {
    int exit_code;
    std::string out, err;
  };
  Result<Output> git(const std::vector<std::string>& args, const std::filesystem::path& cwd, const SourceSpan& where,
                     const std::string& what) const;

  std::filesystem::path cwd_;
  std::chrono::milliseconds timeout_;
};

// True for a string that looks like a (possibly abbreviated) commit sha.
bool looks_like_sha(const std::string& revision);

}  // namespace strata::project
