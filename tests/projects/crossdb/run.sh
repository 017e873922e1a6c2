#!/usr/bin/env bash
# Compiles the crossdb fixture (analyses calling every cross-database macro of strata's
# global project) and runs each compiled analysis on DuckDB, comparing the CSV result
# with expected/<analysis>.csv. Also checks that every dbt.* macro dbt_utils calls exists
# and that a bad datepart is a clear compilation error.
#   run.sh STRATA
set -u
strata=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$here" "$work/p"
rm -rf "$work/p/target"
cd "$work/p" || exit 1

passed=0
failed=0
fail() { echo "FAIL $1"; failed=$((failed + 1)); }

if ! "$strata" --no-color compile --project-dir . >"$work/compile.out" 2>"$work/compile.err"; then
  echo "FAIL strata compile exited non-zero:"; cat "$work/compile.err"; exit 1
fi

compiled_dir=target/compiled/crossdb/analyses
for analysis in analyses/*.sql; do
  name=$(basename "$analysis" .sql)
  expected=$here/expected/$name.csv
  compiled=$compiled_dir/$name.sql
  if [[ ! -f $expected ]]; then fail "$name: no expected/$name.csv"; continue; fi
  if [[ ! -f $compiled ]]; then fail "$name: not compiled ($compiled missing)"; continue; fi
  if ! "$strata" --no-color sql --format csv "$(cat "$compiled")" >"$work/$name.csv" 2>"$work/$name.err"; then
    fail "$name: DuckDB rejected the compiled SQL:"; cat "$work/$name.err"; echo "--- compiled:"; cat "$compiled"; continue
  fi
  if diff -u "$expected" "$work/$name.csv" >"$work/$name.diff"; then
    passed=$((passed + 1))
  else
    fail "$name: result differs from expected/$name.csv"; cat "$work/$name.diff"
  fi
done

# Every dbt.<macro> that dbt_utils (0.9 shims and 1.x) calls must exist in the global project.
called_by_dbt_utils="any_value array_append array_concat array_construct bool_or cast_bool_to_text concat
  current_timestamp current_timestamp_backcompat current_timestamp_in_utc_backcompat date_trunc dateadd
  datediff escape_single_quotes except hash intersect last_day length listagg position replace right
  safe_cast split_part string_literal type_bigint type_boolean type_float type_int type_numeric
  type_string type_timestamp"
missing=""
for macro in $called_by_dbt_utils; do
  out=$("$strata" --no-color compile --project-dir . --inline "{{ dbt.$macro is defined }}" 2>&1)
  [[ $out == *True* ]] || missing="$missing $macro"
done
if [[ -z $missing ]]; then passed=$((passed + 1)); else fail "dbt.* macros missing:$missing"; fi

# A datepart DuckDB does not know is a compilation error that names it.
if out=$("$strata" --no-color compile --project-dir . --inline "select {{ dbt.dateadd('fortnight', 1, 'd') }}" 2>&1); then
  fail "dateadd('fortnight') compiled: $out"
elif [[ $out != *"unsupported datepart 'fortnight'"* ]]; then
  fail "dateadd('fortnight') error does not name the datepart: $out"
else
  passed=$((passed + 1))
fi

# A project overrides a global macro through dispatch: its duckdb__hash wins over dbt's.
mkdir -p "$work/override" && cp -r "$here/dbt_project.yml" "$here/profiles.yml" "$work/override/"
mkdir -p "$work/override/macros"
echo "{% macro duckdb__hash(field) %}sha256({{ field }}){% endmacro %}" >"$work/override/macros/override.sql"
out=$("$strata" --no-color compile --project-dir "$work/override" --inline "select {{ dbt.hash(\"'x'\") }}" 2>&1)
if [[ $out == *"sha256('x')"* ]]; then passed=$((passed + 1)); else fail "project override of duckdb__hash not used: $out"; fi

echo "$passed passed, $failed failed"
((failed == 0))
