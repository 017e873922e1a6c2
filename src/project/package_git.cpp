#include "project/package_git.h"

#include <cstdlib>

#include "project/package_process.h"

namespace strata::project {

namespace fs = std::filesystem;

namespace {

std::string trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == ' ')) s.pop_back();
  return s;
}

// git's own message, indented under ours.
std::string indent_output(const std::string& text) {
  std::string out, t = trim(text);
  if (t.empty()) return out;
  out = "\n  git: ";
  for (char c : t) out += c == '\n' ? std::string("\n  git: ") : std::string(1, c);
  // Drop the blank lines git puts between paragraphs.
  for (size_t at; (at = out.find("\n  git: \n")) != std::string::npos;) out.erase(at, 8);
  return out;
}

bool is_local_url(const std::string& url) {
  return url.rfind("file://", 0) == 0 || url.rfind("/", 0) == 0 || url.rfind(".", 0) == 0;
}

}  // namespace

bool looks_like_sha(const std::string& revision) {
  if (revision.size() < 7 || revision.size() > 40) return false;
  for (char c : revision)
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

Result<GitClient::Output> GitClient::git(const std::vector<std::string>& args, const fs::path& cwd,
                                         const SourceSpan& where, const std::string& what) const {
  ProcessOptions options;
  options.cwd = cwd;
  options.timeout = timeout_;
  options.env["GIT_TERMINAL_PROMPT"] = "0";  // never ask for a password
  options.env["GCM_INTERACTIVE"] = "never";
  options.env["LC_ALL"] = "C";               // messages we can show and test
  if (std::getenv("GIT_SSH_COMMAND") == nullptr) options.env["GIT_SSH_COMMAND"] = "ssh -o BatchMode=yes";
  std::vector<std::string> argv{"git"};
  argv.insert(argv.end(), args.begin(), args.end());
  auto run = run_process(argv, options);
  if (!run) return std::move(run).error();
  if (run->timed_out)
    return Error(ErrorCode::Network,
                 what + " timed out after " + std::to_string(timeout_.count() / 1000) + " s" + indent_output(run->err),
                 where)
        .with_hint("check that the repository is reachable from this machine, or use a `local:` package");
  return Output{run->exit_code, std::move(run->out), std::move(run->err)};
}

Result<GitCheckout> GitClient::clone_at(const std::string& url, const std::string& revision, const fs::path& dest,
                                        const SourceSpan& url_span, const SourceSpan& revision_span) const {
  // A full clone without checkout: any sha, tag or branch can then be resolved locally.
  auto clone = git({"clone", "--quiet", "--no-checkout", "--", url, dest.string()}, cwd_, url_span,
                   "git clone of " + url);
  if (!clone) return std::move(clone).error();
  if (clone->exit_code != 0)
    return Error(ErrorCode::Network, "git clone of " + url + " failed" + indent_output(clone->err), url_span)
        .with_hint(is_local_url(url) ? "check that the path exists and is a git repository"
                                     : "check the URL and that the repository is reachable (strata never prompts for "
                                       "credentials: use an ssh key, a credential helper or a token in the URL via "
                                       "env_var())");

  // Tags first, then remote branches, then anything git can parse (a sha, HEAD).
  std::vector<std::string> candidates;
  if (revision.empty()) {
    candidates = {"HEAD"};
  } else {
    candidates = {"refs/tags/" + revision, "refs/remotes/origin/" + revision};
    if (looks_like_sha(revision) || revision == "HEAD") candidates.push_back(revision);
  }
  std::string sha;
  for (const auto& candidate : candidates) {
    auto parsed = git({"rev-parse", "--verify", "--quiet", candidate + "^{commit}"}, dest, revision_span,
                      "git rev-parse in " + url);
    if (!parsed) return std::move(parsed).error();
    if (parsed->exit_code == 0) {
      sha = trim(parsed->out);
      break;
    }
  }
  if (sha.empty()) {
    std::string known;
    auto refs = git({"for-each-ref", "--count=20", "--format=%(refname:short)", "refs/tags", "refs/remotes/origin"},
                    dest, revision_span, "git for-each-ref");
    if (refs && refs->exit_code == 0) {
      for (char c : trim(refs->out)) known += c == '\n' ? std::string(", ") : std::string(1, c);
    }
    return Error(ErrorCode::Config,
                 revision.empty() ? "repository " + url + " has no commits"
                                  : "revision '" + revision + "' not found in " + url,
                 revision_span)
        .with_hint(known.empty() ? "use a branch, a tag or a full commit sha of the repository"
                                 : "use a branch, a tag or a commit sha; the repository has: " + known);
  }
  auto checkout = git({"-c", "advice.detachedHead=false", "checkout", "--quiet", sha}, dest, revision_span,
                      "git checkout in " + url);
  if (!checkout) return std::move(checkout).error();
  if (checkout->exit_code != 0)
    return Error(ErrorCode::Io, "git checkout of " + sha + " from " + url + " failed" + indent_output(checkout->err),
                 revision_span);
  return GitCheckout{sha};
}

}  // namespace strata::project
