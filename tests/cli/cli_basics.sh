#!/usr/bin/env bash
# End-to-end checks of the strata binary's foundation commands.
source "$(dirname "$0")/../lib/check.sh" "$1"

# --version reports the library's own version string.
version=$("$strata" --version)
check "version format" grep -Eq '^strata [0-9]+\.[0-9]+\.[0-9]+ \(DuckDB v1\.4\.4\)$' <<<"$version"

# Aligned table with the answer.
"$strata" sql "select 42 as answer, 'x' as s" >"$work/table.txt"
check "table header" grep -Eq '^\| answer +\| s +\|$' "$work/table.txt"
check "table row" grep -Eq '^\| +42 \| x +\|$' "$work/table.txt"
check "table row count" grep -q '^(1 row)$' "$work/table.txt"

# JSON is valid and typed.
"$strata" sql --format json "select 42 as answer, 'x' as s, null as n" >"$work/out.json"
check "json valid and typed" /usr/bin/python3 -c '
import json, sys
rows = json.load(open(sys.argv[1]))
assert rows == [{"answer": 42, "s": "x", "n": None}], rows
' "$work/out.json"

# CSV quotes what needs quoting.
csv=$("$strata" sql --format csv "select 'a,b' as x, 'say \"hi\"' as y")
check "csv quoting" test "$csv" = $'x,y\n"a,b","say ""hi"""'

# A file database persists between invocations.
"$strata" sql --database "$work/w.duckdb" "create table t as select 1 as i" >/dev/null
out=$("$strata" sql --database "$work/w.duckdb" --format csv "select i from t")
check "file database" test "$out" = $'i\n1'

# A failed query exits 1 with DuckDB's message.
"$strata" sql "select * from missing_table" >"$work/o" 2>"$work/e"
rc=$?
check "failed query exit 1" test $rc -eq 1
check "failed query message" grep -q 'Table with name missing_table does not exist' "$work/e"

# JSON logs: errors as one JSON object per line.
"$strata" --log-format json sql "select * from missing_table" 2>"$work/e" >/dev/null
check "json log error" /usr/bin/python3 -c '
import json, sys
lines = open(sys.argv[1]).read().splitlines()
event = json.loads(lines[0])
assert event["level"] == "error" and "missing_table" in event["msg"], event
' "$work/e"

# Usage errors exit 2 with a short message.
"$strata" no-such-command >/dev/null 2>"$work/e"; rc=$?
check "unknown command exit 2" test $rc -eq 2
check "unknown command message" grep -q "Run 'strata --help'" "$work/e"
"$strata" sql --no-such-flag "select 1" >/dev/null 2>"$work/e"; rc=$?
check "unknown flag exit 2" test $rc -eq 2
"$strata" sql --format xml "select 1" >/dev/null 2>&1; rc=$?
check "bad format exit 2" test $rc -eq 2

# --no-color and -q are accepted globally.
check "global flags" "$strata" --no-color -q sql "select 1" >/dev/null

finish
