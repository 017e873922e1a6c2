#include "project/package_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

extern char** environ;

namespace strata::project {

namespace {

struct Pipe {
  int fds[2] = {-1, -1};
  ~Pipe() {
    for (int fd : fds)
      if (fd >= 0) ::close(fd);
  }
  void close_end(int i) {
    if (fds[i] >= 0) ::close(fds[i]);
    fds[i] = -1;
  }
};

std::vector<std::string> merged_environment(const std::map<std::string, std::string>& extra) {
  std::vector<std::string> out;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    std::string entry = *e;
    std::string key = entry.substr(0, entry.find('='));
    if (extra.count(key) == 0) out.push_back(std::move(entry));
  }
  for (const auto& [key, value] : extra) out.push_back(key + "=" + value);
  return out;
}

}  // namespace

Result<ProcessResult> run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
  if (argv.empty()) return Error(ErrorCode::Internal, "run_process: empty command");
  Pipe out_pipe, err_pipe, exec_pipe;  // exec_pipe reports an exec failure from the child
  if (::pipe2(out_pipe.fds, O_CLOEXEC) != 0 || ::pipe2(err_pipe.fds, O_CLOEXEC) != 0 ||
      ::pipe2(exec_pipe.fds, O_CLOEXEC) != 0)
    return Error(ErrorCode::Io, std::string("cannot create a pipe: ") + std::strerror(errno));

  // Everything the child needs is prepared before fork (no allocation after it).
  std::vector<std::string> env_strings = merged_environment(options.env);
  std::vector<char*> env_ptrs, arg_ptrs;
  for (auto& s : env_strings) env_ptrs.push_back(s.data());
  env_ptrs.push_back(nullptr);
  std::vector<std::string> args = argv;
  for (auto& s : args) arg_ptrs.push_back(s.data());
  arg_ptrs.push_back(nullptr);
  std::string cwd = options.cwd.string();

  pid_t pid = ::fork();
  if (pid < 0) return Error(ErrorCode::Io, std::string("cannot start ") + argv[0] + ": " + std::strerror(errno));
  if (pid == 0) {
    ::setpgid(0, 0);  // own process group: a timeout kills git and its helpers together
    int devnull = ::open("/dev/null", O_RDONLY);
    if (devnull >= 0) ::dup2(devnull, STDIN_FILENO);
    ::dup2(out_pipe.fds[1], STDOUT_FILENO);
    ::dup2(err_pipe.fds[1], STDERR_FILENO);
    if (!cwd.empty() && ::chdir(cwd.c_str()) != 0) {
      int code = errno;
      (void)!::write(exec_pipe.fds[1], &code, sizeof code);
      ::_exit(127);
    }
    ::execvpe(arg_ptrs[0], arg_ptrs.data(), env_ptrs.data());
    int code = errno;
    (void)!::write(exec_pipe.fds[1], &code, sizeof code);
    ::_exit(127);
  }
  out_pipe.close_end(1);
  err_pipe.close_end(1);
  exec_pipe.close_end(1);

  int exec_errno = 0;
  ssize_t got = ::read(exec_pipe.fds[0], &exec_errno, sizeof exec_errno);
  if (got == static_cast<ssize_t>(sizeof exec_errno)) {
    ::waitpid(pid, nullptr, 0);
    return Error(ErrorCode::Io, "cannot run " + argv[0] + ": " + std::strerror(exec_errno))
        .with_hint(argv[0] == "git" ? "install git (apt-get install git) and make sure it is on PATH" : "");
  }

  ProcessResult result;
  auto deadline = std::chrono::steady_clock::now() + options.timeout;
  pollfd fds[2] = {{out_pipe.fds[0], POLLIN, 0}, {err_pipe.fds[0], POLLIN, 0}};
  std::string* sinks[2] = {&result.out, &result.err};
  int open_count = 2;
  char buffer[8192];
  while (open_count > 0) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) {
      result.timed_out = true;
      ::kill(-pid, SIGKILL);
      break;
    }
    int ready = ::poll(fds, 2, static_cast<int>(std::min<long long>(left.count(), 1000)));
    if (ready < 0 && errno != EINTR) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) continue;
      ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
      if (n > 0) {
        sinks[i]->append(buffer, static_cast<size_t>(n));
      } else if (n == 0 || errno != EINTR) {
        fds[i].fd = -1;
        --open_count;
      }
    }
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!result.timed_out && WIFEXITED(status)) result.exit_code = WEXITSTATUS(status);
  return result;
}

}  // namespace strata::project
