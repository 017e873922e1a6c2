#!/usr/bin/env bash
# Each folder under errors/ is a broken project with expected.txt: the exact stderr of
# `strata compile` (the temp path replaced by <project>) and a non-zero exit, unless the
# case has an exit_code file (warnings-only cases expect 0).
set -u
strata=$1
cases=$2
passed=0
failed=0
for case_dir in "$cases"/*/; do
  name=$(basename "$case_dir")
  work=$(mktemp -d)
  cp -r "$case_dir" "$work/p"
  (cd "$work/p" && "$strata" --no-color compile --project-dir . >/dev/null 2>"$work/err"; echo $? >"$work/rc")
  sed -i "s|$work/p|<project>|g" "$work/err"
  if [[ ${UPDATE_GOLDEN:-} == 1 ]]; then cp "$work/err" "$case_dir/expected.txt"; fi
  want_rc=$(cat "$case_dir/exit_code" 2>/dev/null || echo nonzero)
  got_rc=$(cat "$work/rc")
  if [[ $want_rc == nonzero && $got_rc == 0 ]] || [[ $want_rc != nonzero && $got_rc != "$want_rc" ]]; then
    echo "FAIL $name: exit $got_rc"; failed=$((failed + 1))
  elif ! diff -u "$case_dir/expected.txt" "$work/err"; then
    echo "FAIL $name"; failed=$((failed + 1))
  else
    echo "ok   $name"; passed=$((passed + 1))
  fi
  rm -rf "$work"
done
echo "$passed passed, $failed failed"
[[ $failed == 0 ]]
