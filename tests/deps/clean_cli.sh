#!/usr/bin/env bash
# End-to-end checks of `strata clean`: clean-targets removed, dbt's default, and refusals
# (outside the project, source folders) that delete nothing.
source "$(dirname "$0")/../lib/check.sh" "$1"
contains() { grep -qF -- "$2" <<<"$1"; }
clean() { "$strata" clean --project-dir "$work/proj" "$@" 2>&1; }
populate() { mkdir -p "$work/proj/target/compiled" "$work/proj/dbt_packages/p" "$work/proj/models" "$work/x"; touch "$work/proj/target/compiled/a.sql" "$work/proj/models/m.sql"; }

mkdir -p "$work/proj"
printf 'name: proj\nprofile: p\nclean-targets:\n  - target\n  - dbt_packages\n' >"$work/proj/dbt_project.yml"
populate
out=$(clean); rc=$?
check "clean succeeds" test $rc -eq 0
check "target removed" test ! -e "$work/proj/target"
check "dbt_packages removed" test ! -e "$work/proj/dbt_packages"
check "models kept" test -f "$work/proj/models/m.sql"
check "reports what it removed" contains "$out" "Removed target"
check "reports what it removed (2)" contains "$out" "Removed dbt_packages"
out=$(clean); rc=$?
check "clean of absent paths succeeds" test $rc -eq 0
check "absent paths are reported" contains "$out" "Nothing to remove at target (not present)"

# A symlinked dbt_packages entry: the link goes, its target stays.
populate
mkdir -p "$work/outside_pkg" && touch "$work/outside_pkg/keep.sql"
ln -s "$work/outside_pkg" "$work/proj/dbt_packages/linked"
clean >/dev/null
check "symlinked package's source survives clean" test -f "$work/outside_pkg/keep.sql"

# dbt's default clean-targets is the target path alone.
printf 'name: proj\nprofile: p\ntarget-path: build_out\n' >"$work/proj/dbt_project.yml"
populate; mkdir -p "$work/proj/build_out"
out=$(clean); rc=$?
check "default cleans the target-path" test $rc -eq 0 -a ! -e "$work/proj/build_out"
check "default keeps dbt_packages (as dbt)" test -d "$work/proj/dbt_packages/p"

# Outside the project: refused with the YAML location, nothing deleted.
printf 'name: proj\nprofile: p\nclean-targets:\n  - target\n  - ../x\n' >"$work/proj/dbt_project.yml"
populate
out=$(clean); rc=$?
check "outside path refused" test $rc -eq 1
check "refusal names the entry at file:line:col" contains "$out" "dbt_project.yml:5:5: error: clean-targets path '../x' is outside the project directory ($work/proj); strata clean will not delete it"
check "refusal deletes nothing" test -d "$work/x" -a -d "$work/proj/target"
out=$(clean --no-clean-project-files-only); rc=$?
check "--no-clean-project-files-only allows it" test $rc -eq 0 -a ! -e "$work/x"

for bad in . / "$work"; do
  printf 'name: proj\nprofile: p\nclean-targets: ["%s"]\n' "$bad" >"$work/proj/dbt_project.yml"
  out=$(clean); rc=$?
  check "refuses '$bad'" test $rc -eq 1 -a -f "$work/proj/models/m.sql"
done

# A symlink inside the project leading outside is judged by where it leads.
ln -s "$work/x" "$work/proj/escape"; mkdir -p "$work/x/sub"
printf 'name: proj\nprofile: p\nclean-targets: ["escape/sub"]\n' >"$work/proj/dbt_project.yml"
out=$(clean); rc=$?
check "path through a symlink to outside refused" test $rc -eq 1 -a -d "$work/x/sub"

# Source folders are never deleted.
printf 'name: proj\nprofile: p\nclean-targets: ["target", "models"]\n' >"$work/proj/dbt_project.yml"
populate
out=$(clean); rc=$?
check "source folder refused" test $rc -eq 1 -a -f "$work/proj/models/m.sql" -a -d "$work/proj/target"
check "source refusal text" contains "$out" "dbt_project.yml:3:27: error: strata clean will not delete 'models': it holds the project's source folder 'models'"

# No project: a clear error.
out=$("$strata" clean --project-dir "$work/nowhere" 2>&1); rc=$?
check "missing project is an error" test $rc -eq 1
check "missing project message" contains "$out" "no dbt_project.yml found in $work/nowhere"

finish
