#include "load/source_loader.h"

#include <atomic>
#include <chrono>
#include <map>
#include <set>
#include <filesystem>
#include <mutex>
#include <thread>

#include "load/load_history.h"
#include "load/reader_sql.h"
#include "load/s3_client.h"

namespace strata::load {

namespace fs = std::filesystem;

namespace {

constexpr const char* kBuildSuffix = "__strata_new";

std::string history_key(const LoadSpec& spec, const std::string& table) { return spec.schema + "." + table; }

// What one spec contributes to the run.
struct TablePlan {
  const LoadSpec* spec = nullptr;
  std::string table;  // identifier written to (build table on --full-refresh)
  std::vector<FileTask> tasks;
  bool failed = false;
};

Result<bool> table_exists(adapter::Connection& connection, const LoadSpec& spec, const std::string& table) {
  auto relation = connection.get_relation({"", spec.schema, table});
  if (!relation) return std::move(relation).error();
  // A view (left by mode: in_place) is replaced by the loaded table, not appended to.
  return relation->has_value() && (*relation)->kind == adapter::RelationKind::Table;
}

// Drops a table or view of that name, whichever it is.
Status drop_relation(adapter::Connection& connection, const std::string& schema, const std::string& name) {
  auto relation = connection.get_relation({"", schema, name});
  if (!relation) return std::move(relation).error();
  if (!relation->has_value()) return {};
  bool view = (*relation)->kind == adapter::RelationKind::View;
  return connection.execute(std::string(view ? "DROP VIEW " : "DROP TABLE ") + qualified(schema, name));
}

Status create_view(adapter::Connection& connection, const LoadSpec& spec) {
  if (spec.is_s3())
    return Error(ErrorCode::Load, spec.source_table + ": mode in_place reads local files only (" + spec.location + ")")
        .with_hint("use mode: load for s3:// locations");
  std::string pattern = spec.location;
  if (!pattern.empty() && pattern.back() == '/') pattern += "*";
  STRATA_TRY(connection.execute("CREATE SCHEMA IF NOT EXISTS " + sql_identifier(spec.schema)));
  auto existing = connection.get_relation({"", spec.schema, spec.identifier});
  if (!existing) return std::move(existing).error();
  if (existing->has_value() && (*existing)->kind != adapter::RelationKind::View) {
    // The loaded table goes, and with it the record of what was loaded into it.
    STRATA_TRY(connection.execute("DROP TABLE " + qualified(spec.schema, spec.identifier)));
    STRATA_TRY(connection.execute("DELETE FROM " + history_table_sql() + " WHERE table_name = " +
                                  sql_literal(history_key(spec, spec.identifier))));
  }
  return connection.execute("CREATE OR REPLACE VIEW " + qualified(spec.schema, spec.identifier) + " AS SELECT * FROM " +
                            reader_sql(spec, sql_literal(pattern)));
}

// Decides which files of a spec load, reporting the others.
Result<TablePlan> plan_table(adapter::Connection& connection, const LoadSpec& spec, std::vector<SourceFile> files,
                             bool full_refresh, const std::function<void(const FileEvent&)>& emit) {
  TablePlan plan;
  plan.spec = &spec;
  STRATA_TRY(connection.execute("CREATE SCHEMA IF NOT EXISTS " + sql_identifier(spec.schema)));
  std::map<std::string, LoadedFile> loaded;
  bool exists = false;
  if (full_refresh) {
    plan.table = spec.identifier + kBuildSuffix;
    STRATA_TRY(drop_relation(connection, spec.schema, plan.table));
    STRATA_TRY(drop_relation(connection, spec.schema, rejected_table_name(plan.table)));
    STRATA_TRY(connection.execute("DELETE FROM " + history_table_sql() +
                                  " WHERE table_name = " + sql_literal(history_key(spec, plan.table))));
  } else {
    plan.table = spec.identifier;
    auto found = table_exists(connection, spec, plan.table);
    if (!found) return std::move(found).error();
    exists = *found;
    if (exists) {
      auto history = loaded_files(connection, history_key(spec, plan.table));
      if (!history) return std::move(history).error();
      loaded = std::move(history).value();
    } else {
      // The table was dropped (or never built): its history no longer describes it.
      STRATA_TRY(connection.execute("DELETE FROM " + history_table_sql() +
                                    " WHERE table_name = " + sql_literal(history_key(spec, plan.table))));
    }
  }
  if (!exists && !spec.columns.empty()) {
    STRATA_TRY(drop_relation(connection, spec.schema, plan.table));  // e.g. a view from mode: in_place
    STRATA_TRY(connection.execute("CREATE TABLE " + qualified(spec.schema, plan.table) + " " + declared_columns_sql(spec)));
    exists = true;
  }
  if (spec.on_error == OnError::Continue) STRATA_TRY(ensure_rejected_table(connection, spec.schema, plan.table));
  for (SourceFile& file : files) {
    auto previous = loaded.find(file.uri);
    if (previous != loaded.end()) {
      FileEvent event;
      event.spec = &spec;
      event.uri = file.uri;
      event.rows = previous->second.rows;
      if (previous->second.size == file.size && previous->second.version == file.version) {
        event.kind = FileEventKind::AlreadyLoaded;
      } else {
        event.kind = FileEventKind::Changed;
        event.error = Error(ErrorCode::Load, file.uri + " changed since it was loaded (size " +
                                                 std::to_string(previous->second.size) + " -> " +
                                                 std::to_string(file.size) + "); not reloaded")
                          .with_hint("run strata load --full-refresh --select source:" + spec.source_table +
                                     " to reload every file");
      }
      emit(event);
      continue;
    }
    FileTask task;
    task.spec = &spec;
    task.file = std::move(file);
    task.table = plan.table;
    task.history_key = history_key(spec, plan.table);
    if (!exists) {
      task.create_table = true;  // the first file creates it with the detected columns
      STRATA_TRY(drop_relation(connection, spec.schema, plan.table));
      exists = true;
    }
    plan.tasks.push_back(std::move(task));
  }
  return plan;
}

// Replaces the live table (and its rejects and history) with the full-refresh build.
Status swap_in(adapter::Connection& connection, const TablePlan& plan) {
  const LoadSpec& spec = *plan.spec;
  STRATA_TRY(connection.begin());
  auto body = [&]() -> Status {
    for (const std::string& suffix : {std::string(), std::string("__rejected")}) {
      std::string live = spec.identifier + suffix;
      std::string built = plan.table + suffix;
      auto found = table_exists(connection, spec, built);
      if (!found) return std::move(found).error();
      if (!*found) continue;
      STRATA_TRY(drop_relation(connection, spec.schema, live));
      STRATA_TRY(connection.execute("ALTER TABLE " + qualified(spec.schema, built) + " RENAME TO " +
                                    sql_identifier(live)));
    }
    STRATA_TRY(connection.execute("DELETE FROM " + history_table_sql() + " WHERE table_name = " +
                                  sql_literal(history_key(spec, spec.identifier))));
    return connection.execute("UPDATE " + history_table_sql() + " SET table_name = " +
                              sql_literal(history_key(spec, spec.identifier)) + " WHERE table_name = " +
                              sql_literal(history_key(spec, plan.table)));
  };
  if (Status done = body(); !done) {
    (void)connection.rollback();
    return done;
  }
  return connection.commit();
}

Status discard_build(adapter::Connection& connection, const TablePlan& plan) {
  STRATA_TRY(drop_relation(connection, plan.spec->schema, plan.table));
  STRATA_TRY(drop_relation(connection, plan.spec->schema, rejected_table_name(plan.table)));
  return connection.execute("DELETE FROM " + history_table_sql() + " WHERE table_name = " +
                            sql_literal(history_key(*plan.spec, plan.table)));
}

class Runner {
 public:
  Runner(adapter::Adapter& adapter, const LoadRequest& request) : adapter_(adapter), request_(request) {}

  void emit(const FileEvent& event) {
    std::lock_guard lock(mutex_);
    switch (event.kind) {
      case FileEventKind::Loaded:
        ++summary_.loaded, summary_.rows += event.rows, summary_.rejected += event.rejected,
            summary_.bytes += event.bytes;
        break;
      case FileEventKind::AlreadyLoaded: ++summary_.already_loaded; break;
      case FileEventKind::Changed: ++summary_.changed; break;
      case FileEventKind::Skipped: ++summary_.skipped; break;
      case FileEventKind::Failed: ++summary_.failed; break;
      case FileEventKind::ViewCreated: ++summary_.views; break;
    }
    if (request_.on_event) request_.on_event(event);
  }

  Result<LoadSummary> run() {
    auto connection = adapter_.connect();
    if (!connection) return std::move(connection).error();
    adapter::Connection& main = **connection;
    // List everything first: an unreachable bucket or a bad secret fails before any change.
    std::vector<std::vector<SourceFile>> listings;
    for (const LoadSpec& spec : request_.specs) {
      if (spec.mode == LoadMode::InPlace) {
        listings.emplace_back();
        continue;
      }
      auto files = list_source_files(spec, request_.s3);
      if (!files) return std::move(files).error();
      listings.push_back(std::move(files).value());
    }
    STRATA_TRY(ensure_history_table(main));
    std::vector<TablePlan> plans;
    for (size_t i = 0; i < request_.specs.size(); ++i) {
      const LoadSpec& spec = request_.specs[i];
      if (spec.mode == LoadMode::InPlace) {
        STRATA_TRY(create_view(main, spec));
        FileEvent event;
        event.kind = FileEventKind::ViewCreated;
        event.spec = &spec;
        event.uri = spec.location;
        emit(event);
        continue;
      }
      auto plan = plan_table(main, spec, std::move(listings[i]), request_.full_refresh,
                             [this](const FileEvent& event) { emit(event); });
      if (!plan) return std::move(plan).error();
      plans.push_back(std::move(plan).value());
    }
    // Tables created by their first file get it first; every other file runs in parallel.
    // A file that fails to load (skip_file) hands table creation to the next one.
    std::vector<FileTask*> rest;
    for (TablePlan& plan : plans) {
      size_t i = 0;
      if (!plan.tasks.empty() && plan.tasks[0].create_table) {
        while (i < plan.tasks.size() && !stop_) {
          bool created = process(main, plan.tasks[i++]) == FileEventKind::Loaded;
          if (created) break;
          if (i < plan.tasks.size()) plan.tasks[i].create_table = true;
        }
      }
      for (; i < plan.tasks.size(); ++i) rest.push_back(&plan.tasks[i]);
    }
    run_parallel(rest, main);

    for (TablePlan& plan : plans) {
      // A stopped run (abort) must not swap in any half-built table.
      bool failed = stop_ || failed_tables_.count(plan.spec) > 0;
      if (!request_.full_refresh) continue;
      if (failed) {
        STRATA_TRY(discard_build(main, plan));
        continue;
      }
      auto built = table_exists(main, *plan.spec, plan.table);
      if (!built) return std::move(built).error();
      if (*built) STRATA_TRY(swap_in(main, plan));
    }
    return summary_;
  }

 private:
  void run_parallel(const std::vector<FileTask*>& tasks, adapter::Connection& main) {
    int workers = std::max(1, std::min<int>(request_.threads, static_cast<int>(tasks.size())));
    std::atomic<size_t> next{0};
    auto work = [&](adapter::Connection& connection) {
      for (size_t i = next++; i < tasks.size() && !stop_; i = next++) process(connection, *tasks[i]);
    };
    std::vector<std::thread> pool;
    std::vector<std::unique_ptr<adapter::Connection>> connections;
    for (int w = 1; w < workers; ++w) {
      auto connection = adapter_.connect();
      if (!connection) break;  // fewer workers, same work
      connections.push_back(std::move(connection).value());
    }
    for (auto& connection : connections) pool.emplace_back([&work, &connection] { work(*connection); });
    work(main);
    for (auto& thread : pool) thread.join();
  }

  FileEventKind process(adapter::Connection& connection, const FileTask& task) {
    if (stop_) return FileEventKind::Skipped;
    FileEvent event;
    event.spec = task.spec;
    event.uri = task.file.uri;
    event.bytes = task.file.size;
    std::string local_path = task.file.local_path;
    std::string downloaded;
    if (local_path.empty()) {
      auto started = std::chrono::steady_clock::now();
      std::error_code ec;
      fs::create_directories(request_.temp_dir, ec);
      downloaded = (fs::path(request_.temp_dir) /
                    (std::to_string(temp_counter_++) + "_" + fs::path(task.file.key).filename().string()))
                       .string();
      auto fetched = request_.s3->download_to_file(task.file.bucket, task.file.key, downloaded);
      if (!fetched) {
        event.kind = FileEventKind::Failed;
        event.error = std::move(fetched).error();
        fail(task);
        emit(event);
        return event.kind;
      }
      local_path = downloaded;
      event.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    }
    FileOutcome outcome = load_file(connection, task, local_path);
    if (!downloaded.empty()) {
      std::error_code ec;
      fs::remove(downloaded, ec);
    }
    event.rows = outcome.rows;
    event.rejected = outcome.rejected;
    event.seconds += outcome.seconds;
    event.error = outcome.error;
    switch (outcome.status) {
      case FileStatus::Loaded: event.kind = FileEventKind::Loaded; break;
      case FileStatus::Skipped: event.kind = FileEventKind::Skipped; break;
      case FileStatus::Failed:
        event.kind = FileEventKind::Failed;
        fail(task);
        break;
    }
    emit(event);
    return event.kind;
  }

  void fail(const FileTask& task) {
    std::lock_guard lock(mutex_);
    failed_tables_.insert(task.spec);
    stop_ = true;  // on_error: abort stops the whole load at the first bad file
  }

  adapter::Adapter& adapter_;
  const LoadRequest& request_;
  std::mutex mutex_;
  LoadSummary summary_;
  std::set<const LoadSpec*> failed_tables_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> temp_counter_{0};
};

}  // namespace

Result<LoadSummary> run_load(adapter::Adapter& adapter, const LoadRequest& request) {
  Runner runner(adapter, request);
  return runner.run();
}

}  // namespace strata::load
