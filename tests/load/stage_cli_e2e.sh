#!/usr/bin/env bash
# `strata stage put/ls` against the test Swift (run via tests/e2e/swift/with_env.sh; ctest
# test s3_e2e_stage_cli).   stage_cli_e2e.sh PATH/TO/strata
set -euo pipefail
strata=${1:?usage: stage_cli_e2e.sh STRATA_BINARY}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
bucket=strata-cli-$$
failures=0
check() {  # description, then a command that must succeed
  local what=$1; shift
  if "$@"; then echo "ok: $what"; else echo "FAIL: $what" >&2; failures=$((failures + 1)); fi
}

# A MovieLens-like small file with the real quirks, and a 12 MiB one (multipart at 5 MiB parts).
printf 'movieId,title,genres\r\n1,"11'"'"'09""01 - September 11 (2002)",Drama\r\n2,Amélie (2001),Comedy|Romance\r\n' \
  > "$work/movies.csv"
head -c $((12 * 1024 * 1024 + 5)) /dev/urandom > "$work/ratings.csv"
cp "$work/movies.csv" "$work/tags with space=1.csv"

"$strata" stage put --create-bucket --part-size 5 --jobs 3 \
  "$work/movies.csv" "$work/ratings.csv" "$work/tags with space=1.csv" "s3://$bucket/raw/ml/" > "$work/put.out"
cat "$work/put.out"
check "put reports three uploads" test "$(grep -c '^uploaded ' "$work/put.out")" -eq 3
check "ratings went up in 3 parts" grep -q "ratings.csv -> s3://$bucket/raw/ml/ratings.csv (12.0 MiB in .*, 3 parts)" "$work/put.out"

# ls prints "last-modified  size  key", in key order, all pages (page size 1 forces tokens).
"$strata" stage ls --page-size 1 "s3://$bucket/raw/" > "$work/ls.out" 2> "$work/ls.err"
cat "$work/ls.out" "$work/ls.err"
check "ls lists three objects" test "$(wc -l < "$work/ls.out")" -eq 3
check "ls line for movies.csv" grep -Eq "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z +$(stat -c %s "$work/movies.csv")  raw/ml/movies.csv$" "$work/ls.out"
check "ls line for ratings.csv" grep -Eq " $((12 * 1024 * 1024 + 5))  raw/ml/ratings.csv$" "$work/ls.out"
check "ls line for the key with a space and =" grep -q "  raw/ml/tags with space=1.csv$" "$work/ls.out"
check "ls summary" grep -q "3 objects, 12.0 MiB under s3://$bucket/raw/" "$work/ls.err"

# A single destination key.
"$strata" -q stage put "$work/movies.csv" "s3://$bucket/exact/name.csv" > /dev/null
check "put to an exact key" grep -q "exact/name.csv" <("$strata" stage ls "s3://$bucket/exact/")

# Wrong secret: exit 1 and an error with the endpoint, S3's code and message, and a hint.
set +e
AWS_SECRET_ACCESS_KEY=wrong-secret "$strata" stage ls "s3://$bucket/raw/" > /dev/null 2> "$work/wrong.err"
rc=$?
set -e
cat "$work/wrong.err"
check "wrong secret exits 1" test "$rc" -eq 1
check "wrong secret names endpoint and code" \
  grep -q "s3://$bucket/raw/ (list): 403 SignatureDoesNotMatch from $AWS_ENDPOINT_URL: The request signature we calculated does not match" "$work/wrong.err"
check "wrong secret hint" grep -q "hint: check AWS_SECRET_ACCESS_KEY" "$work/wrong.err"

set +e
AWS_SECRET_ACCESS_KEY=wrong-secret "$strata" stage put "$work/movies.csv" "s3://$bucket/raw/ml/x.csv" 2> "$work/wrong_put.err" >/dev/null
rc=$?
set -e
check "wrong secret put exits 1" test "$rc" -eq 1
check "wrong secret put names the key" grep -q "s3://$bucket/raw/ml/x.csv: 403 SignatureDoesNotMatch" "$work/wrong_put.err"

# Missing credentials: the variables to set are named.
set +e
env -u AWS_ACCESS_KEY_ID -u AWS_SECRET_ACCESS_KEY HOME="$work" "$strata" stage ls "s3://$bucket/" 2> "$work/nocreds.err"
rc=$?
set -e
cat "$work/nocreds.err"
check "missing credentials exit 1" test "$rc" -eq 1
check "missing credentials name the variables" grep -q "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY" "$work/nocreds.err"

# Usage errors.
set +e
"$strata" stage put "$work/movies.csv" "$work/ratings.csv" "s3://$bucket/single.csv" 2> "$work/usage.err"
rc=$?
"$strata" stage put "$work/does-not-exist.csv" "s3://$bucket/x/" 2> "$work/missing.err"
rc2=$?
set -e
check "two files to one key is a usage error" test "$rc" -eq 2
check "a missing local file is reported" grep -q "does-not-exist.csv: no such file" "$work/missing.err"
test "$rc2" -eq 1 || { echo "FAIL: missing local file exit $rc2" >&2; failures=$((failures + 1)); }

if ((failures)); then echo "$failures check(s) failed" >&2; exit 1; fi
echo "all stage CLI checks passed"
