#!/usr/bin/env bash
# `strata load` from local files (ctest load_cli_local): builds a small project in a temp
# dir, loads CSV / parquet / json sources and checks exact contents, the load history,
# appends, --full-refresh, every corrupt-input case under abort / skip_file / continue, and
# mode: in_place.   load_cli_e2e.sh PATH/TO/strata
set -uo pipefail
strata=${1:?usage: load_cli_e2e.sh STRATA_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
proj=$work/proj
db=$proj/warehouse.duckdb
failures=0
check() {  # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}
eq() { [ "$1" == "$2" ] || { echo "  expected [$2] got [$1]" >&2; return 1; }; }
# One value (or lines) from the warehouse, without the CSV header.
q() { "$strata" sql -d "$db" -f csv "$1" | tail -n +2; }
load() { "$strata" load --project-dir "$proj" --profiles-dir "$proj" "$@"; }

mkdir -p "$proj/models" "$proj/data" "$proj/bad/abort" "$proj/bad/skip" "$proj/bad/cont" "$proj/alt"
cat > "$proj/dbt_project.yml" <<'YML'
name: loadtest
version: '1.0'
profile: loadtest
YML
cat > "$proj/profiles.yml" <<'YML'
loadtest:
  target: dev
  outputs:
    dev:
      type: duckdb
      path: warehouse.duckdb
      threads: 2
      settings: {memory_limit: 1GB, preserve_insertion_order: false}
YML
cat > "$proj/models/sources.yml" <<'YML'
version: 2
sources:
  - name: raw
    schema: raw
    tables:
      - name: ratings
        external:
          location: "data/ratings*.csv"
          options: {header: true, delim: ",", quote: '"'}
        columns:
          - {name: userId, data_type: integer}
          - {name: movieId, data_type: integer}
          - {name: rating, data_type: double}
          - {name: timestamp, data_type: bigint}
      - name: movies
        external:
          location: "{{ env_var('LOAD_TEST_MOVIES_DIR', 'data') }}/movies.csv"
      - name: movies_view
        external: {location: "data/movies.csv", mode: in_place}
      - name: events_parquet
        external: {location: "data/events.parquet"}
      - name: events_json
        external: {location: "data/events.json", format: json}
  - name: bad
    schema: bad
    external:
      options: {header: true, delim: ",", quote: '"'}
    tables:
      - name: tags_abort
        external:
          location: "{{ env_var('LOAD_TEST_ABORT_FILE', 'bad/abort/none.csv') }}"
          options: {header: true, delim: ",", quote: '"'}
        columns: &tag_columns
          - {name: userId, data_type: integer}
          - {name: movieId, data_type: integer}
          - {name: tag, data_type: varchar}
          - {name: timestamp, data_type: bigint}
      - name: tags_skip
        external: {location: "bad/skip/", on_error: skip_file, options: {header: true, delim: ",", quote: '"'}}
        columns: *tag_columns
      - name: tags_continue
        external: {location: "bad/cont/*.csv", on_error: continue, options: {header: true, delim: ",", quote: '"'}}
        columns: *tag_columns
YML

# --- Data with the real files' quirks: CRLF, doubled quotes, UTF-8 -------------------------
printf 'userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,3,4.5,964981247\r\n2,6,0.5,964982224\r\n' > "$proj/data/ratings_1.csv"
printf 'userId,movieId,rating,timestamp\r\n3,47,5.0,964983815\r\n3,50,3.5,964982931\r\n' > "$proj/data/ratings_2.csv"
movies_titles=$'Toy Story (1995)\n"Great Performances" Cats (1998)\n11\'09""01 - September 11 (2002)\nAmélie (Fabuleux destin d\'Amélie Poulain, Le) (2001)\nHälsningar från 東京 — ☃'
printf 'movieId,title,genres\r\n1,Toy Story (1995),Adventure|Animation\r\n2,"""Great Performances"" Cats (1998)",Musical\r\n3,"11'"'"'09""""01 - September 11 (2002)",Drama\r\n4,"Amélie (Fabuleux destin d'"'"'Amélie Poulain, Le) (2001)",Comedy|Romance\r\n5,Hälsningar från 東京 — ☃,(no genres listed)\r\n' > "$proj/data/movies.csv"
"$strata" sql "COPY (SELECT range AS id, 'name ' || range AS name FROM range(7)) TO '$proj/data/events.parquet' (FORMAT parquet)" > /dev/null
printf '{"id": 1, "kind": "click"}\n{"id": 2, "kind": "view"}\n{"id": 3, "kind": "clíck"}\n' > "$proj/data/events.json"

load --select source:raw > "$work/run1.out" 2> "$work/run1.err"; rc=$?
cat "$work/run1.out" "$work/run1.err"
check "first load succeeds" eq "$rc" 0
check "ratings: 5 rows" eq "$(q 'SELECT count(*) FROM raw.ratings')" 5
expected_ratings=$(tail -q -n +2 "$proj"/data/ratings_*.csv | tr -d '\r' | tr ',' '|' | sort)
check "ratings content equals the files" eq "$(q "SELECT concat_ws('|', userId, movieId, rating, timestamp) FROM raw.ratings" | sort)" "$expected_ratings"
check "ratings columns have the declared types" eq "$(q "SELECT string_agg(data_type, ' ' ORDER BY ordinal_position) FROM information_schema.columns WHERE table_schema='raw' AND table_name='ratings'")" "INTEGER INTEGER DOUBLE BIGINT"
check "movies: 5 rows" eq "$(q 'SELECT count(*) FROM raw.movies')" 5
check "titles round-trip byte for byte" eq "$(q "SELECT md5(string_agg(title, chr(10) ORDER BY movieId)) FROM raw.movies")" "$(printf '%s' "$movies_titles" | md5sum | cut -d' ' -f1)"
check "(no genres listed) kept" eq "$(q "SELECT genres FROM raw.movies WHERE movieId = 5")" "(no genres listed)"
check "parquet: 7 rows" eq "$(q "SELECT count(*) || ':' || sum(id) || ':' || max(name) FROM raw.events_parquet")" "7:21:name 6"
check "json: 3 rows" eq "$(q "SELECT string_agg(id || kind, ' ' ORDER BY id) FROM raw.events_json")" "1click 2view 3clíck"
check "in_place creates a view" eq "$(q "SELECT table_type FROM information_schema.tables WHERE table_schema='raw' AND table_name='movies_view'")" "VIEW"
check "the view reads the file" eq "$(q 'SELECT count(*) FROM raw.movies_view')" 5
# Switching a source from in_place to load replaces its view with a table.
sed -i 's/location: "data\/movies.csv", mode: in_place/location: "data\/movies.csv", mode: load/' "$proj/models/sources.yml"
load --select source:raw.movies_view > "$work/switch.out" 2>&1
check "load mode replaces the view with a table" eq "$(q "SELECT table_type || ':' || (SELECT count(*) FROM raw.movies_view) FROM information_schema.tables WHERE table_schema='raw' AND table_name='movies_view'")" "BASE TABLE:5"
sed -i 's/location: "data\/movies.csv", mode: load/location: "data\/movies.csv", mode: in_place/' "$proj/models/sources.yml"
load --select source:raw.movies_view > "$work/switch.out" 2>&1
check "in_place mode replaces the table with a view" eq "$(q "SELECT table_type FROM information_schema.tables WHERE table_schema='raw' AND table_name='movies_view'")" "VIEW"
check "one line per loaded file" eq "$(grep -c ': loaded ' "$work/run1.out")" 5
check "summary line" grep -q '^Loaded 5 files (20 rows, 0 rejected)' "$work/run1.out"
check "history has a row per file" eq "$(q "SELECT count(*) FROM strata_meta.load_history")" 5
check "history records sizes" eq "$(q "SELECT file_size FROM strata_meta.load_history WHERE file_uri LIKE '%ratings_1.csv'")" "$(stat -c %s "$proj/data/ratings_1.csv")"

# --- Second run: nothing to load ---------------------------------------------------------
load --select source:raw > "$work/run2.out" 2>&1; rc=$?
cat "$work/run2.out"
check "second run succeeds" eq "$rc" 0
check "second run loads 0 files" grep -q '^Loaded 0 files (0 rows, 0 rejected); 5 already loaded' "$work/run2.out"
check "second run reports skipped files" eq "$(grep -c 'skipped (already loaded)' "$work/run2.out")" 5
check "ratings unchanged" eq "$(q 'SELECT count(*) FROM raw.ratings')" 5

# --- A new file is appended alone ----------------------------------------------------------
printf 'userId,movieId,rating,timestamp\r\n4,1,2.5,1000000000\r\n' > "$proj/data/ratings_3.csv"
load --select source:raw.ratings > "$work/run3.out" 2>&1; rc=$?
cat "$work/run3.out"
check "append run succeeds" eq "$rc" 0
check "only the new file loads" grep -q 'ratings_3.csv: loaded 1 rows' "$work/run3.out"
check "append summary" grep -q '^Loaded 1 file (1 rows, 0 rejected); 2 already loaded' "$work/run3.out"
check "ratings has 6 rows" eq "$(q 'SELECT count(*) FROM raw.ratings')" 6

# --- A changed file is reported, not reloaded; --full-refresh reloads everything ----------
printf '2,7,1.0,964982225\r\n' >> "$proj/data/ratings_1.csv"
load --select source:raw.ratings > "$work/run4.out" 2>&1; rc=$?
cat "$work/run4.out"
check "changed file run succeeds" eq "$rc" 0
check "changed file reported" grep -q 'ratings_1.csv: changed since loaded, not reloaded' "$work/run4.out"
check "changed file not reloaded" eq "$(q 'SELECT count(*) FROM raw.ratings')" 6
load --select source:raw.ratings --full-refresh > "$work/run5.out" 2>&1; rc=$?
cat "$work/run5.out"
check "full refresh succeeds" eq "$rc" 0
check "full refresh reloads 3 files" grep -q '^Loaded 3 files (7 rows' "$work/run5.out"
check "ratings rebuilt with the changed file" eq "$(q 'SELECT count(*) FROM raw.ratings')" 7
check "history rewritten for the table" eq "$(q "SELECT count(*) FROM strata_meta.load_history WHERE table_name = 'raw.ratings'")" 3
check "no build table left" eq "$(q "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%strata_new%'")" 0
check "env_var in location (alt dir)" true
mkdir -p "$proj/alt" && cp "$proj/data/movies.csv" "$proj/alt/movies.csv"
LOAD_TEST_MOVIES_DIR=alt load --select source:raw.movies > "$work/run6.out" 2>&1
check "rendered location names the alt dir" grep -q "alt/movies.csv: loaded 5 rows" "$work/run6.out"

# --- Corrupt input -------------------------------------------------------------------------
good='userId,movieId,tag,timestamp\r\n1,10,funny,100\r\n2,11,"quoted, tag",101\r\n3,12,sad,102\r\n'
bad_count='userId,movieId,tag,timestamp\r\n1,10,a,100\r\n2,11,b,101,extra\r\n3,12,c\r\n4,13,d,103\r\n'
bad_number='userId,movieId,tag,timestamp\r\n1,x1,t,100\r\n2,12,t,1e\r\n3,13,t,103\r\n'
bad_utf8='userId,movieId,tag,timestamp\r\n1,10,caf\xe9,100\r\n2,11,café,101\r\n'
truncated='userId,movieId,tag,timestamp\r\n1,10,a,100\r\n2,11,b'
for dir in abort skip cont; do
  printf "$good" > "$proj/bad/$dir/good.csv"
  printf "$bad_count" > "$proj/bad/$dir/bad_count.csv"
  printf "$bad_number" > "$proj/bad/$dir/bad_number.csv"
  printf "$bad_utf8" > "$proj/bad/$dir/bad_utf8.csv"
  printf "$truncated" > "$proj/bad/$dir/truncated.csv"
done

# abort: each bad file alone fails the run, naming file and line, and loads nothing.
for case in "bad_count.csv:3" "bad_number.csv:2" "bad_utf8.csv:2" "truncated.csv:3"; do
  file=${case%%:*}
  LOAD_TEST_ABORT_FILE="bad/abort/$file" load --select source:bad.tags_abort > "$work/abort.out" 2> "$work/abort.err"; rc=$?
  cat "$work/abort.out" "$work/abort.err"
  check "abort on $file exits 1" eq "$rc" 1
  check "abort names $case" grep -q "bad/abort/$case" "$work/abort.err"
  check "abort on $file loads no rows" eq "$(q 'SELECT count(*) FROM bad.tags_abort')" 0
  check "abort on $file records no history" eq "$(q "SELECT count(*) FROM strata_meta.load_history WHERE table_name = 'bad.tags_abort'")" 0
done
LOAD_TEST_ABORT_FILE="bad/abort/good.csv" load --select source:bad.tags_abort > /dev/null 2>&1
check "abort table loads the good file" eq "$(q 'SELECT count(*) FROM bad.tags_abort')" 3
check "doubled-quote field kept" eq "$(q "SELECT tag FROM bad.tags_abort WHERE userId = 2")" '"quoted, tag"'
# --full-refresh that hits a bad file keeps the live table, its history and no build table.
LOAD_TEST_ABORT_FILE="bad/abort/b*.csv" load --select source:bad.tags_abort --full-refresh > "$work/fr.out" 2>&1; rc=$?
cat "$work/fr.out"
check "failed full refresh exits 1" eq "$rc" 1
check "failed full refresh keeps the live table" eq "$(q 'SELECT count(*) FROM bad.tags_abort')" 3
check "failed full refresh keeps its history" eq "$(q "SELECT count(*) FROM strata_meta.load_history WHERE table_name = 'bad.tags_abort'")" 1
check "failed full refresh leaves no build table or history" eq "$(q "SELECT (SELECT count(*) FROM information_schema.tables WHERE table_name LIKE '%strata_new%') + (SELECT count(*) FROM strata_meta.load_history WHERE table_name LIKE '%strata_new%')")" 0

# skip_file: bad files skipped and reported, the good one loads, exit 0.
load --select source:bad.tags_skip > "$work/skip.out" 2> "$work/skip.err"; rc=$?
cat "$work/skip.out" "$work/skip.err"
check "skip_file exits 0" eq "$rc" 0
check "skip_file skips 4 files" eq "$(grep -c 'skipped (bad file)' "$work/skip.out")" 4
check "skip_file loads the good file only" eq "$(q 'SELECT count(*) FROM bad.tags_skip')" 3
check "skip_file summary" grep -q '^Loaded 1 file (3 rows, 0 rejected); 0 already loaded, 0 changed, 4 skipped, 0 failed' "$work/skip.out"

# continue: good rows load, bad rows go to tags_continue__rejected with file and line.
load --select source:bad.tags_continue > "$work/cont.out" 2> "$work/cont.err"; rc=$?
cat "$work/cont.out" "$work/cont.err"
check "continue exits 0" eq "$rc" 0
check "continue loads every good row" eq "$(q 'SELECT count(*) FROM bad.tags_continue')" 8
check "continue keeps the good rows of bad files" eq "$(q "SELECT string_agg(userId || ':' || movieId, ' ' ORDER BY movieId, userId) FROM bad.tags_continue")" "1:10 1:10 1:10 2:11 2:11 3:12 3:13 4:13"
expected_rejects=$(printf '%s\n' "bad_count.csv:3" "bad_count.csv:4" "bad_number.csv:2" "bad_number.csv:3" "bad_utf8.csv:2" "truncated.csv:3")
check "rejected rows: exact files and lines" eq "$(q "SELECT regexp_extract(file, '[^/]+$') || ':' || line FROM bad.tags_continue__rejected ORDER BY 1")" "$expected_rejects"
check "rejected rows carry raw text" eq "$(q "SELECT replace(raw_text, ',', ' ') FROM bad.tags_continue__rejected WHERE file LIKE '%bad_count.csv' AND line = 3")" "2 11 b 101 extra"
check "rejected rows carry a reason" eq "$(q "SELECT count(*) FROM bad.tags_continue__rejected WHERE reason IS NULL OR reason = ''")" 0
check "summary counts rejected rows" grep -q '^Loaded 5 files (8 rows, 6 rejected)' "$work/cont.out"
check "per-file rejected count" grep -q 'bad_count.csv: loaded 2 rows, rejected 2 rows' "$work/cont.out"

# --log-format json: one event per file plus a summary.
"$strata" --log-format json load --project-dir "$proj" --profiles-dir "$proj" --select source:raw.ratings > "$work/json.out" 2>/dev/null
check "json events per file" eq "$(grep -c '"event":"file"' "$work/json.out")" 3
check "json summary" grep -q '"event":"summary","files_loaded":0,"already_loaded":3' "$work/json.out"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
