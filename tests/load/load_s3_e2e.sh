#!/usr/bin/env bash
# `strata load` from the test Swift (ctest load_s3_e2e; run via tests/e2e/swift/with_env.sh):
# files staged with `strata stage put` load from s3://bucket/prefix/ with exact content;
# a second run loads nothing; a new object loads alone; a wrong secret fails naming the
# endpoint and S3's error code and changes no table.   load_s3_e2e.sh PATH/TO/strata
set -uo pipefail
strata=${1:?usage: load_s3_e2e.sh STRATA_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
proj=$work/proj
db=$proj/warehouse.duckdb
bucket=strata-load-$$
failures=0
check() {
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}
eq() { [ "$1" == "$2" ] || { echo "  expected [$2] got [$1]" >&2; return 1; }; }
q() { "$strata" sql -d "$db" -f csv "$1" | tail -n +2; }
load() { "$strata" load --project-dir "$proj" --profiles-dir "$proj" "$@"; }

mkdir -p "$proj/models" "$work/files"
printf 'name: s3load\nversion: "1.0"\nprofile: s3load\n' > "$proj/dbt_project.yml"
printf 's3load:\n  target: dev\n  outputs:\n    dev:\n      type: duckdb\n      path: warehouse.duckdb\n      threads: 2\n' > "$proj/profiles.yml"
cat > "$proj/models/sources.yml" <<YML
version: 2
sources:
  - name: raw
    schema: raw
    tables:
      - name: ratings
        external: {location: "s3://$bucket/raw/ratings", options: {header: true}}
        columns:
          - {name: userId, data_type: integer}
          - {name: movieId, data_type: integer}
          - {name: rating, data_type: double}
          - {name: timestamp, data_type: bigint}
      - name: movies
        external: {location: "s3://$bucket/raw/movies*.csv"}
YML

# Ratings big enough for a parallel ranged download (5 MiB parts below), plus a movies file
# with doubled quotes and UTF-8.
"$strata" sql "COPY (SELECT (range % 1000) + 1 AS userId, (range * 7) % 5000 + 1 AS movieId, ((range % 10) + 1) / 2.0 AS rating, 964982703 + range AS timestamp FROM range(400000)) TO '$work/files/ratings_1.csv' (HEADER, DELIMITER ',')" > /dev/null
printf 'movieId,title,genres\r\n1,"11'"'"'09""01 - September 11 (2002)",Drama\r\n2,Amélie (2001),Comedy|Romance\r\n' > "$work/files/movies.csv"
"$strata" -q stage put --create-bucket "$work/files/ratings_1.csv" "s3://$bucket/raw/ratings/" > /dev/null
"$strata" -q stage put "$work/files/movies.csv" "s3://$bucket/raw/" > /dev/null

load > "$work/run1.out" 2> "$work/run1.err"; rc=$?
cat "$work/run1.out" "$work/run1.err"
check "s3 load succeeds" eq "$rc" 0
check "ratings row count" eq "$(q 'SELECT count(*) FROM raw.ratings')" 400000
check "ratings content equals the file" eq "$(q "SELECT md5(string_agg(concat_ws(',', userId, movieId, rating, timestamp), chr(10) ORDER BY timestamp)) FROM raw.ratings")" "$(q "SELECT md5(string_agg(concat_ws(',', userId, movieId, rating, timestamp), chr(10) ORDER BY timestamp)) FROM read_csv('$work/files/ratings_1.csv', header=true, columns={'userId':'integer','movieId':'integer','rating':'double','timestamp':'bigint'})")"
check "movies titles byte for byte" eq "$(q "SELECT md5(string_agg(title, chr(10) ORDER BY movieId)) FROM raw.movies")" "$(printf '%s\n%s' "11'09\"01 - September 11 (2002)" "Amélie (2001)" | md5sum | cut -d' ' -f1)"
check "history keeps the s3 uri and etag" eq "$(q "SELECT count(*) FROM strata_meta.load_history WHERE file_uri = 's3://$bucket/raw/ratings/ratings_1.csv' AND length(file_version) >= 32")" 1

load > "$work/run2.out" 2>&1; rc=$?
cat "$work/run2.out"
check "second run loads 0 files" grep -q '^Loaded 0 files (0 rows, 0 rejected); 2 already loaded' "$work/run2.out"

printf 'userId,movieId,rating,timestamp\n9999,1,5.0,1700000000\n9999,2,4.0,1700000001\n' > "$work/files/ratings_2.csv"
"$strata" -q stage put "$work/files/ratings_2.csv" "s3://$bucket/raw/ratings/" > /dev/null
load > "$work/run3.out" 2>&1; rc=$?
cat "$work/run3.out"
check "new object loads alone" grep -q "s3://$bucket/raw/ratings/ratings_2.csv: loaded 2 rows" "$work/run3.out"
check "new object summary" grep -q '^Loaded 1 file (2 rows, 0 rejected); 2 already loaded' "$work/run3.out"
check "ratings appended" eq "$(q 'SELECT count(*) FROM raw.ratings')" 400002

# A wrong secret: error names the endpoint and S3's code; no table or history changes.
printf 'userId,movieId,rating,timestamp\n1,1,1.0,1\n' > "$work/files/ratings_3.csv"
"$strata" -q stage put "$work/files/ratings_3.csv" "s3://$bucket/raw/ratings/" > /dev/null
before=$(q "SELECT (SELECT count(*) FROM raw.ratings) || '/' || (SELECT count(*) FROM strata_meta.load_history)")
AWS_SECRET_ACCESS_KEY=wrong-secret load --full-refresh > "$work/wrong.out" 2> "$work/wrong.err"; rc=$?
cat "$work/wrong.out" "$work/wrong.err"
check "wrong secret exits 1" eq "$rc" 1
check "wrong secret names endpoint and code" grep -q "403 SignatureDoesNotMatch from $AWS_ENDPOINT_URL" "$work/wrong.err"
check "wrong secret changes nothing" eq "$(q "SELECT (SELECT count(*) FROM raw.ratings) || '/' || (SELECT count(*) FROM strata_meta.load_history)")" "$before"

echo "$failures failure(s)"
[ "$failures" -eq 0 ]
