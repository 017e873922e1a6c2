#include "load/file_loader.h"

#include <algorithm>
#include <chrono>
#include <memory>

#include "load/load_history.h"
#include "load/reader_sql.h"

namespace strata::load {

namespace {

int64_t count_of(const adapter::QueryResult& result) {
  if (result.rows.empty() || result.rows[0].empty()) return 0;
  if (auto* value = std::get_if<int64_t>(&result.rows[0][0])) return *value;
  return 0;
}

// Empties the rejects temp tables so a scan sees only its own file's errors.
Status clear_rejects(adapter::Connection& connection) {
  return connection.execute(std::string("DROP TABLE IF EXISTS temp.") + kRejectsTable + "; DROP TABLE IF EXISTS temp." +
                            kRejectScansTable);
}

// After a failed read of a CSV: rescan with store_rejects to name the first bad line. The
// reader's own message is kept when the rescan finds nothing (e.g. an unreadable file).
Error describe_failure(adapter::Connection& connection, const FileTask& task, const std::string& local_path,
                       Error failure) {
  const LoadSpec& spec = *task.spec;
  Error error(ErrorCode::Load, task.file.uri + ": " + failure.message);
  error.hint = spec.on_error == OnError::Abort
                   ? "fix the file, or set external.on_error to skip_file or continue for " + spec.source_table
                   : "the file was not loaded and is retried on the next run; fix it, or set external.on_error: "
                     "continue to load its good rows";
  if (spec.format != FileFormat::Csv) return error;
  if (!clear_rejects(connection)) return error;
  // Stream every column (count(*) would skip parsing them, and with it their errors).
  Status scan = connection.stream("SELECT * FROM " + reader_sql(spec, sql_literal(local_path), {true}),
                                  [](const adapter::ResultChunk&) { return Status(); });
  if (!scan) return error;
  auto first = connection.query(std::string("SELECT line, error_message, csv_line FROM temp.") + kRejectsTable +
                                " ORDER BY line, column_idx LIMIT 1");
  if (!first || first->rows.empty()) return error;
  const auto& row = first->rows[0];
  int64_t line = std::get_if<int64_t>(&row[0]) ? std::get<int64_t>(row[0]) : 0;
  std::string raw = adapter::is_null(row[2]) ? "" : adapter::cell_to_string(row[2]);
  // DuckDB's csv_line can carry the previous line's '\n' (CRLF files) or its own '\r'.
  raw.erase(0, raw.find_first_not_of("\r\n") == std::string::npos ? raw.size() : raw.find_first_not_of("\r\n"));
  while (!raw.empty() && (raw.back() == '\r' || raw.back() == '\n')) raw.pop_back();
  // The span shows the offending line under the message, as for any user file.
  auto text = std::make_shared<SourceText>();
  text->path = task.file.uri;
  text->content = std::string(static_cast<size_t>(std::max<int64_t>(line - 1, 0)), '\n') + raw;
  error.message = adapter::cell_to_string(row[1]) + " (source " + spec.source_table + ", on_error: " +
                  on_error_name(spec.on_error) + ")";
  error.span.source = text;
  error.span.line = static_cast<uint32_t>(line);
  error.span.column = 1;
  error.span.length = static_cast<uint32_t>(std::max<size_t>(raw.size(), 1));
  return error;
}

}  // namespace

std::string rejected_table_name(const std::string& table) { return table + "__rejected"; }

Status ensure_rejected_table(adapter::Connection& connection, const std::string& schema, const std::string& table) {
  return connection.execute("CREATE TABLE IF NOT EXISTS " + qualified(schema, rejected_table_name(table)) +
                            " (file VARCHAR, line BIGINT, raw_text VARCHAR, reason VARCHAR, rejected_at TIMESTAMP)");
}

FileOutcome load_file(adapter::Connection& connection, const FileTask& task, const std::string& local_path) {
  auto started = std::chrono::steady_clock::now();
  const LoadSpec& spec = *task.spec;
  const bool capture_rejects = spec.on_error == OnError::Continue && spec.format == FileFormat::Csv;
  const std::string target = qualified(spec.schema, task.table);
  const std::string reader = reader_sql(spec, sql_literal(local_path), {capture_rejects});
  FileOutcome outcome;

  auto run = [&]() -> Status {
    if (capture_rejects) STRATA_TRY(clear_rejects(connection));
    STRATA_TRY(connection.begin());
    if (task.create_table && spec.columns.empty()) {
      STRATA_TRY(connection.execute("CREATE TABLE " + target + " AS SELECT * FROM " + reader));
      auto counted = connection.query("SELECT count(*) FROM " + target);
      if (!counted) return std::move(counted).error();
      outcome.rows = count_of(*counted);
    } else {
      if (task.create_table)
        STRATA_TRY(connection.execute("CREATE TABLE " + target + " " + declared_columns_sql(spec)));
      auto inserted = connection.query("INSERT INTO " + target + " BY NAME SELECT * FROM " + reader);
      if (!inserted) return std::move(inserted).error();
      outcome.rows = inserted->rows_changed;
    }
    if (capture_rejects) {
      // One rejected row per bad line (a line can fail on several columns).
      auto rejected = connection.query(
          "INSERT INTO " + qualified(spec.schema, rejected_table_name(task.table)) + " SELECT " +
          sql_literal(task.file.uri) + ", line, trim(any_value(csv_line), chr(13) || chr(10)), string_agg(error_message, '; ' ORDER BY column_idx), "
          "now()::TIMESTAMP FROM temp." + kRejectsTable + " GROUP BY line ORDER BY line");
      if (!rejected) return std::move(rejected).error();
      outcome.rejected = rejected->rows_changed;
    }
    HistoryRow row{task.history_key, &task.file, outcome.rows, outcome.rejected,
                   outcome.rejected > 0 ? "loaded_with_rejects" : "loaded"};
    STRATA_TRY(connection.execute(insert_history_sql(row)));
    return connection.commit();
  };

  Status done = run();
  if (done) {
    outcome.status = FileStatus::Loaded;
  } else {
    (void)connection.rollback();
    outcome.rows = outcome.rejected = 0;
    outcome.status = spec.on_error == OnError::Abort ? FileStatus::Failed : FileStatus::Skipped;
    outcome.error = describe_failure(connection, task, local_path, std::move(done).error());
  }
  outcome.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return outcome;
}

}  // namespace strata::load
