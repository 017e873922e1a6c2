// strata compile [--select ...] [--inline "SQL"]: renders SQL with refs resolved and
// writes target/compiled/...; --inline prints the compiled SQL instead.
#include <fcntl.h>
#include <unistd.h>

#include <condition_variable>
#include <iostream>
#include <map>
#include <mutex>
#include <set>

#include "common/file_system.h"
#include "common/parallel.h"
#include "cli/commands.h"
#include "cli/project_command.h"
#include "exec/warehouse.h"
#include "parser/compiler.h"

namespace strata::cli {

namespace fs = std::filesystem;

Status write_project_manifest(const ProjectSession& session);

namespace {
struct CompileOptions {
  ProjectOptions project;
  SelectionOptions selection;
  std::string inline_sql;
};

// Writes compiled files in node order on its own thread as the workers hand them over.
class CompiledFileWriter {
 public:
  CompiledFileWriter(size_t count, fs::path target, bool fresh_target)
      : target_(std::move(target)), fresh_(fresh_target), items_(count), stamps_(count), errors_(count),
        thread_([this] { run(); }) {}
  ~CompiledFileWriter() { finish(); }

  void write(size_t i, std::string relative_path, std::string sql) {
    std::lock_guard<std::mutex> lock(mu_);
    items_[i] = {true, std::move(relative_path), std::move(sql)};
    ready_.notify_one();
  }
  void skip(size_t i) {
    std::lock_guard<std::mutex> lock(mu_);
    items_[i].ready = true;
    ready_.notify_one();
  }
  void finish() {
    if (thread_.joinable()) thread_.join();
  }
  std::vector<std::optional<FileStamp>>& stamps() { return stamps_; }
  std::vector<std::optional<Error>>& errors() { return errors_; }

 private:
  struct Item {
    bool ready = false;
    std::string path;  // empty: nothing to write
    std::string sql;
  };
  void run() {
    std::set<fs::path> made;
    // The folder of the last file, kept open: nodes come folder by folder, and opening a
    // name in an open folder spares the kernel walking every full path.
    fs::path folder;
    int folder_fd = -1;
    for (size_t i = 0; i < items_.size(); ++i) {
      Item item;
      {
        std::unique_lock<std::mutex> lock(mu_);
        ready_.wait(lock, [&] { return items_[i].ready; });
        item = std::move(items_[i]);
      }
      if (item.path.empty()) continue;
      fs::path path = target_ / item.path;
      if (path.parent_path() != folder) {
        folder = path.parent_path();
        if (made.insert(folder).second) {
          std::error_code ec;
          fs::create_directories(folder, ec);
        }
        if (folder_fd >= 0) ::close(folder_fd);
        folder_fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      }
      // A file that already holds its SQL (a warm compile) is kept as it is.
      std::string name = path.filename().string();
      auto written = folder_fd >= 0 ? write_output_file_at(folder_fd, name.c_str(), path, item.sql, !fresh_)
                                    : write_output_file(path, item.sql, !fresh_);  // reports the error
      if (written)
        stamps_[i] = *written;
      else
        errors_[i] = std::move(written).error();
    }
    if (folder_fd >= 0) ::close(folder_fd);
  }

  fs::path target_;
  bool fresh_;
  std::mutex mu_;
  std::condition_variable ready_;
  std::vector<Item> items_;
  std::vector<std::optional<FileStamp>> stamps_;
  std::vector<std::optional<Error>> errors_;
  std::thread thread_;  // last: starts once everything above exists
};

// Everything of the command line that a compile's outputs depend on besides the parse.
std::string compile_inputs(const CompileOptions& options) {
  nlohmann::json inputs = {{"flags", options.project.flags},
                           {"select", options.selection.select},
                           {"exclude", options.selection.exclude},
                           {"selector", options.selection.selector},
                           {"indirect_selection", options.selection.indirect_selection}};
  return inputs.dump();
}

// Connections shared by compile's parallel workers: each compile borrows one. Without a
// warehouse every lease is empty and compile renders without introspection.
class ConnectionPool {
 public:
  explicit ConnectionPool(adapter::Adapter* warehouse) : warehouse_(warehouse) {}
  struct Lease {
    ConnectionPool* pool;
    std::unique_ptr<adapter::Connection> connection;
    adapter::Connection* get() const { return connection.get(); }
    ~Lease() {
      if (connection) {
        std::lock_guard<std::mutex> lock(pool->mu_);
        pool->free_.push_back(std::move(connection));
      }
    }
  };
  Lease acquire() {
    if (!warehouse_) return {this, nullptr};
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!free_.empty()) {
        auto c = std::move(free_.back());
        free_.pop_back();
        return {this, std::move(c)};
      }
    }
    auto c = warehouse_->connect();
    return {this, c ? std::move(c).value() : nullptr};
  }

 private:
  adapter::Adapter* warehouse_;
  std::mutex mu_;
  std::vector<std::unique_ptr<adapter::Connection>> free_;
};
}  // namespace

Command add_compile_command(CLI::App& parent, CliContext& context) {
  auto options = std::make_shared<CompileOptions>();
  CLI::App* app = parent.add_subcommand("compile", "Compile models, tests and analyses to SQL in target/compiled");
  add_project_options(app, options->project);
  add_selection_options(app, options->selection);
  add_defer_options(app, options->selection);
  app->add_option("--inline", options->inline_sql, "Compile this SQL (with refs and macros) and print it");
  return {app, [options, &context]() -> int {
            // A plain compile of an unchanged project whose outputs are intact is done.
            std::string inputs = compile_inputs(*options);
            // --state: the previous artifacts may have changed under the same flags.
            if (options->inline_sql.empty() && options->selection.state.empty())
              if (auto reused = reuse_unchanged_outputs(options->project, context, "compile", inputs)) {
                context.info("Compiled " + std::to_string(reused->node_count) + " of " +
                             std::to_string(reused->node_count) + " nodes (parse cache: unchanged; target/compiled up to date)");
                return kExitOk;
              }
            auto session = open_project(options->project, context);
            if (!session) {
              context.report(session.error());
              return kExitFailure;
            }
            parser::Compiler compiler(*session->project);
            // Like dbt's compile, introspective queries (run_query, adapter.get_relation)
            // see the warehouse when it exists; opened read-only, so compile never writes.
            std::unique_ptr<adapter::Adapter> warehouse;
            const auto& target_info = session->project->target;
            if (!target_info.path.empty() && target_info.path != ":memory:" &&
                std::filesystem::exists(target_info.path)) {
              project::Target read_only = target_info;
              read_only.settings["access_mode"] = "READ_ONLY";
              if (auto opened = exec::open_warehouse(read_only, session->project->root.root)) warehouse = std::move(opened).value();
            }
            ConnectionPool pool(warehouse.get());
            if (!options->inline_sql.empty()) {
              auto lease = pool.acquire();
              parser::CompileOptions compile_options;
              compile_options.connection = lease.get();
              auto sql = compiler.compile_inline(options->inline_sql, "inline_query", compile_options);
              if (!sql) {
                context.report(sql.error());
                return kExitFailure;
              }
              std::cout << *sql << "\n";
              return kExitOk;
            }
            using manifest::ResourceType;
            auto selection = select(*session, options->selection,
                                    {ResourceType::Model, ResourceType::Test, ResourceType::Snapshot,
                                     ResourceType::Analysis, ResourceType::Seed});
            if (!selection) {
              context.report(selection.error());
              return kExitFailure;
            }
            if (auto warned = warn_unmatched_selection(*selection, context); !warned) {
              context.report(warned.error());
              return kExitFailure;
            }
            std::vector<DeferredNode> deferred;
            if (options->selection.defer) {
              auto lease = pool.acquire();
              auto applied = apply_defer(*session, options->selection, *selection, lease.get());
              if (!applied) {
                context.report(applied.error());
                return kExitFailure;
              }
              deferred = std::move(applied).value();
              context.info(defer_summary(deferred, options->selection));
            }
            auto& manifest = session->project->manifest;
            const auto& ids = selection->ordered;
            std::vector<std::optional<Error>> errors(ids.size());
            // What each compile read besides the manifest, and the files it left.
            std::vector<char> read_volatile(ids.size(), 0);
            std::vector<std::set<std::string>> env_vars_read(ids.size());
            std::vector<std::optional<FileStamp>> stamps(ids.size());
            auto target = target_dir(*session);
            // One thread writes the files while the workers render: file creation is
            // kernel work that contends on the file system's journal, not on our locks.
            CompiledFileWriter writer(ids.size(), target, !fs::exists(target / "compiled"));
            parallel_for(ids.size(), std::thread::hardware_concurrency(), [&](size_t i) {
              auto lease = pool.acquire();
              parser::CompileOptions compile_options;
              compile_options.connection = lease.get();
              bool volatile_read = false;
              compile_options.read_volatile = &volatile_read;
              compile_options.env_vars_read = &env_vars_read[i];
              auto sql = compiler.compile(ids[i], compile_options);
              read_volatile[i] = volatile_read;
              if (!sql) {
                errors[i] = std::move(sql).error();
                writer.skip(i);
                return;
              }
              manifest::Node& node = manifest.node(ids[i]);
              if (!session->project->templates[ids[i]]) {  // seeds have no SQL
                writer.skip(i);
                return;
              }
              node.compiled_code = *sql;
              writer.write(i, parser::compiled_path(node), std::move(sql).value());
            });
            // manifest.json (CPU) while the writer drains its queue (kernel time); it keeps
            // the deferred nodes' own relations.
            undo_defer(*session, deferred);
            Status manifest_written = write_project_manifest(*session);
            writer.finish();
            for (size_t i = 0; i < ids.size(); ++i) {
              if (auto& e = writer.errors()[i]) errors[i] = std::move(e);
              stamps[i] = writer.stamps()[i];
            }
            int failed = 0;
            for (auto& e : errors)
              if (e) {
                context.report(*e);
                ++failed;
              }
            if (!manifest_written) {
              context.report(manifest_written.error());
              return kExitFailure;
            }
            OutputsRecord record;
            record.command = "compile";
            record.inputs = inputs;
            record.node_count = ids.size();
            record.compile_failures = static_cast<uint64_t>(failed);
            std::set<std::string> env_names;
            bool reusable = selection->warnings.empty() && options->selection.state.empty() && deferred.empty();
            for (size_t i = 0; i < ids.size(); ++i) {
              reusable = reusable && !read_volatile[i];
              env_names.insert(env_vars_read[i].begin(), env_vars_read[i].end());
              if (stamps[i]) record.files.emplace_back(parser::compiled_path(manifest.node(ids[i])), *stamps[i]);
            }
            for (const auto& name : env_names) {
              const char* value = std::getenv(name.c_str());
              record.env_vars.emplace_back(name, value ? std::optional<std::string>(value) : std::nullopt);
            }
            record_outputs(*session, std::move(record), !reusable || options->project.no_partial_parse);
            if (selection->nothing_to_do()) context.info("Nothing to do. Try checking your model configs and model specification args");
            else context.info("Compiled " + std::to_string(ids.size() - failed) + " of " + std::to_string(ids.size()) + " nodes into " + (target / "compiled").string());
            return failed ? kExitFailure : kExitOk;
          }};
}

}  // namespace strata::cli
