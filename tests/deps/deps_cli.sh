#!/usr/bin/env bash
# End-to-end checks of `strata deps`: local and git (file://) packages, the lock file,
# idempotence, removal, transitive dependencies and the errors for bad entries.
source "$(dirname "$0")/../lib/check.sh" "$1"
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

contains() { grep -qF -- "$2" <<<"$1"; }
deps() { (cd "$work/proj" && "$strata" deps "$@" 2>&1); }
mtimes() { find "$work/proj/package-lock.yml" "$work/proj/dbt_packages" -maxdepth 2 -printf '%p %T@\n' | sort; }

# --- a git repository: v1.0 tag, then a second commit on main, a package in sub/inner ---
src=$work/src
mkdir -p "$src/macros" "$src/sub/inner/macros"
git -C "$src" init -q -b main
printf 'name: git_pkg\nversion: "1.0.0"\n' >"$src/dbt_project.yml"
echo '{% macro which() %}one{% endmacro %}' >"$src/macros/which.sql"
printf 'name: inner_pkg\n' >"$src/sub/inner/dbt_project.yml"
echo '{% macro inner() %}1{% endmacro %}' >"$src/sub/inner/macros/inner.sql"
git -C "$src" add -A && git -C "$src" commit -qm one && git -C "$src" tag v1.0
sha1=$(git -C "$src" rev-parse HEAD)
echo '{% macro which() %}two{% endmacro %}' >"$src/macros/which.sql"
git -C "$src" commit -qam two
sha2=$(git -C "$src" rev-parse HEAD)
git clone -q --bare "$src" "$work/repo.git"
url="file://$work/repo.git"

# --- a local package and the project ---
mkdir -p "$work/local_a/macros" "$work/proj"
printf 'name: local_a\n' >"$work/local_a/dbt_project.yml"
echo '{% macro a() %}a{% endmacro %}' >"$work/local_a/macros/a.sql"
printf 'name: proj\nprofile: p\n' >"$work/proj/dbt_project.yml"

# 1. local + git by tag + git subdirectory by branch
cat >"$work/proj/packages.yml" <<YML
packages:
  - local: ../local_a
  - git: "$url"
    revision: v1.0
  - git: "$url"
    revision: main
    subdirectory: sub/inner
    warn-unpinned: false
YML
out=$(deps); rc=$?
check "first install succeeds" test $rc -eq 0
check "local package is a symlink to its folder (as dbt)" test "$(readlink "$work/proj/dbt_packages/local_a")" = "$work/local_a"
check "git package by tag has the tagged content" grep -q one "$work/proj/dbt_packages/git_pkg/macros/which.sql"
check "git package has no .git folder" test ! -e "$work/proj/dbt_packages/git_pkg/.git"
check "subdirectory package installed under its own name" test -f "$work/proj/dbt_packages/inner_pkg/macros/inner.sql"
check "subdirectory package holds only the subdirectory" test ! -e "$work/proj/dbt_packages/inner_pkg/sub"
check "no staging folder left behind" test -z "$(find "$work/proj/dbt_packages" -maxdepth 1 -name '.strata-staging-*')"
check "install reports each package" contains "$out" "Installing git_pkg from git $url at v1.0 (${sha1:0:10})"
lock=$(cat "$work/proj/package-lock.yml")
check "lock pins the tag to its sha" contains "$lock" "revision: $sha1"
check "lock pins the branch to its sha" contains "$lock" "revision: $sha2"
check "lock names packages" contains "$lock" "name: inner_pkg"
check "lock keeps the subdirectory" contains "$lock" "subdirectory: sub/inner"
expected_hash=$(/usr/bin/python3 - "$url" <<'PY'
import hashlib, json, sys
url = sys.argv[1]
spec = [{"local": "../local_a"}, {"git": url, "revision": "v1.0"},
        {"git": url, "revision": "main", "subdirectory": "sub/inner", "warn-unpinned": False}]
lines = sorted(json.dumps(p, sort_keys=True) for p in spec)
print(hashlib.sha1("\n".join(lines).encode()).hexdigest())
PY
)
check "sha1_hash is dbt's hash of the spec" contains "$lock" "sha1_hash: $expected_hash"
check "lock is valid YAML with every package" /usr/bin/python3 -c '
import sys
text = open(sys.argv[1]).read()
assert text.count("\n  - ") == 3, text
' "$work/proj/package-lock.yml"

# 2. idempotence: nothing rewritten, no git run
before=$(mtimes)
sleep 0.05
start=$(date +%s%N)
out=$(PATH=/nonexistent deps); rc=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "second run exits 0 without git on PATH" test $rc -eq 0
check "second run says Up to date" contains "$out" "Up to date"
check "second run rewrites nothing (mtimes)" test "$before" = "$(mtimes)"
check "second run is fast (${elapsed_ms} ms < 2000)" test $elapsed_ms -lt 2000
echo "     (up-to-date run: ${elapsed_ms} ms)"

# 3. the lock pins: a new commit on main changes nothing until --upgrade
echo '{% macro which() %}three{% endmacro %}' >"$src/macros/which.sql"
git -C "$src" commit -qam three && git -C "$src" push -q "$work/repo.git" main
sha3=$(git -C "$src" rev-parse HEAD)
rm -rf "$work/proj/dbt_packages/inner_pkg"
out=$(deps); rc=$?
check "missing package is reinstalled from the lock" test -f "$work/proj/dbt_packages/inner_pkg/dbt_project.yml"
check "reinstall uses the locked sha, not the moved branch" contains "$(cat "$work/proj/package-lock.yml")" "revision: $sha2"
check "reinstall keeps the other packages" contains "$out" "kept 2"
out=$(deps --upgrade); rc=$?
check "--upgrade resolves the branch again" contains "$(cat "$work/proj/package-lock.yml")" "revision: $sha3"

# 4. install by sha; unlisted packages are removed
cat >"$work/proj/packages.yml" <<YML
packages:
  - git: "$url"
    revision: $sha2
YML
out=$(deps); rc=$?
check "install by sha succeeds" test $rc -eq 0
check "install by sha has that commit's content" grep -q two "$work/proj/dbt_packages/git_pkg/macros/which.sql"
check "unlisted local package removed" test ! -e "$work/proj/dbt_packages/local_a"
check "unlisted git package removed" test ! -e "$work/proj/dbt_packages/inner_pkg"
check "local package source untouched by removal" test -f "$work/local_a/macros/a.sql"
check "removal is reported" contains "$out" "Removed dbt_packages/local_a (no longer listed)"
check "stray folders are removed" bash -c "mkdir '$work/proj/dbt_packages/stray' && cd '$work/proj' && '$strata' deps >/dev/null 2>&1 && test ! -e dbt_packages/stray"

# 5. transitive dependencies (a hub entry satisfied by the git package of that name)
printf 'packages:\n  - git: "%s"\n    revision: v1.0\n  - package: someorg/git_pkg\n    version: 1.0.0\n' "$url" >"$work/local_a/packages.yml"
printf 'packages:\n  - local: ../local_a\n' >"$work/proj/packages.yml"
out=$(deps); rc=$?
check "transitive install succeeds" test $rc -eq 0
check "transitive git package installed" grep -q one "$work/proj/dbt_packages/git_pkg/macros/which.sql"
check "transitive package is in the lock" contains "$(cat "$work/proj/package-lock.yml")" "revision: $sha1"
check "transitive hub entry satisfied by name" contains "$out" "someorg/git_pkg (required by local_a) is provided by the installed 'git_pkg'"

# 6. conflicting revisions name both places
printf 'packages:\n  - local: ../local_a\n  - git: "%s"\n    revision: main\n    warn-unpinned: false\n' "$url" >"$work/proj/packages.yml"
out=$(deps); rc=$?
check "conflicting revisions fail" test $rc -eq 1
check "conflict names both revisions and files" contains "$out" "../local_a/packages.yml:3:15: error: repository $url is required at two revisions: 'main' (packages.yml:3:5) and 'v1.0'"
check "conflict points at the first requirement" contains "$out" "first required at packages.yml:4:15"
check "failed resolution leaves the install alone" grep -q one "$work/proj/dbt_packages/git_pkg/macros/which.sql"
rm "$work/local_a/packages.yml"

# 7. errors with file:line:col
hub_yml=$'packages:\n  - package: dbt-labs/dbt_utils\n    version: 1.1.1\n'
printf '%s' "$hub_yml" >"$work/proj/packages.yml"
start=$(date +%s%N)
out=$(deps); rc=$?
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "hub package fails" test $rc -eq 1
check "hub error text" contains "$out" "packages.yml:2:14: error: package 'dbt-labs/dbt_utils' comes from the dbt Hub registry (hub.getdbt.com), which strata does not reach"
check "hub error suggests git or local" contains "$out" "replace it with a \`git:\` entry"
check "hub error is immediate (${elapsed_ms} ms)" test $elapsed_ms -lt 2000

printf 'packages:\n  - git: "file://%s/never-cloned.git"\n  - package: dbt-labs/codegen\n    version: 0.12.1\n' "$work" >"$work/proj/packages.yml"
out=$(deps)
check "hub entry fails before any git clone" contains "$out" "packages.yml:3:14: error: package 'dbt-labs/codegen' comes from the dbt Hub"
check "no clone attempted" bash -c "! grep -q 'git clone' <<<\"\$1\"" _ "$out"

mkdir -p "$work/bad_name" && printf 'name: ../../escape\n' >"$work/bad_name/dbt_project.yml"
printf 'packages:\n  - local: ../bad_name\n' >"$work/proj/packages.yml"
out=$(deps)
check "invalid package name refused" contains "$out" "../bad_name/dbt_project.yml:1:7: error: package name '../../escape' is not a valid identifier"

printf 'packages:\n  - git: "%s"\n    revison: v1.0\n' "$url" >"$work/proj/packages.yml"
out=$(deps)
check "unknown key at file:line:col" contains "$out" "packages.yml:3:5: error: unknown key 'revison' in a git package entry"
printf 'packages:\n  - git: "%s"\n  revision: v1.0\n' "$url" >"$work/proj/packages.yml"
out=$(deps)
check "YAML syntax error at file:line:col" contains "$out" "packages.yml:3:3: error: invalid YAML"
printf 'packages:\n  - revision: v1.0\n' >"$work/proj/packages.yml"
out=$(deps)
check "entry without a source" contains "$out" "packages.yml:2:5: error: a package entry needs one of 'local:', 'git:', 'package:' or 'tarball:'"
printf 'packages:\n  - local: ../missing_pkg\n' >"$work/proj/packages.yml"
out=$(deps)
check "missing local path is named" contains "$out" "packages.yml:2:12: error: local package path '../missing_pkg' does not exist (looked for $work/missing_pkg)"
printf 'packages:\n  - git: "file://%s/nothing.git"\n' "$work" >"$work/proj/packages.yml"
out=$(deps)
check "failed clone names the url" contains "$out" "packages.yml:2:10: error: git clone of file://$work/nothing.git failed"
check "failed clone shows git's stderr" contains "$out" "git: fatal: '$work/nothing.git' does not appear to be a git repository"
printf 'packages:\n  - git: "%s"\n    revision: v9\n' "$url" >"$work/proj/packages.yml"
out=$(deps)
check "unknown revision lists what exists" contains "$out" "packages.yml:3:15: error: revision 'v9' not found in $url"
printf 'packages:\n  - git: "%s"\n    revision: v1.0\n    subdirectory: nope\n' "$url" >"$work/proj/packages.yml"
out=$(deps)
check "missing subdirectory" contains "$out" "error: subdirectory 'nope' not found in $url at v1.0"
printf 'packages:\n  - tarball: https://example.com/p.tar.gz\n    name: p\n' >"$work/proj/packages.yml"
out=$(deps)
check "tarball unsupported" contains "$out" "packages.yml:2:14: error: tarball packages are not supported by strata"

# 8. env_var rendering; the lock keeps the unrendered url (as dbt, so secrets stay out)
printf 'packages:\n  - git: "{{ env_var('"'"'PKG_URL'"'"') }}"\n    revision: v1.0\n' >"$work/proj/packages.yml"
out=$(cd "$work/proj" && PKG_URL=$url "$strata" deps 2>&1); rc=$?
check "env_var url installs" test $rc -eq 0
check "lock keeps the env_var expression" contains "$(cat "$work/proj/package-lock.yml")" "git: '{{ env_var(''PKG_URL'') }}'"
out=$(deps)
check "missing env var at its column" contains "$out" "packages.yml:2:11: error: Env var required but not provided: 'PKG_URL'"

# 9. dependencies.yml with projects: (cross-project refs) warns and installs the packages
rm "$work/proj/packages.yml"
printf 'projects:\n  - name: other_project\npackages:\n  - local: ../local_a\n' >"$work/proj/dependencies.yml"
out=$(deps); rc=$?
check "dependencies.yml installs" test $rc -eq 0 -a -L "$work/proj/dbt_packages/local_a"
check "projects: reported as unsupported with location" contains "$out" "dependencies.yml:1:1: warning: cross-project references ('projects:') are not supported by strata; ignored"
check "git package from packages.yml removed" test ! -e "$work/proj/dbt_packages/git_pkg"

# 10. no packages at all: everything removed
printf 'packages: []\n' >"$work/proj/dependencies.yml"
out=$(deps); rc=$?
check "empty list removes installed packages" test $rc -eq 0 -a ! -e "$work/proj/dbt_packages/local_a"
check "empty list removes the lock" test ! -e "$work/proj/package-lock.yml"

# 11. --lock resolves and writes the lock without installing
mkdir -p "$work/proj2"
printf 'name: proj2\n' >"$work/proj2/dbt_project.yml"
printf 'packages:\n  - git: "%s"\n    revision: v1.0\n' "$url" >"$work/proj2/packages.yml"
out=$(cd "$work/proj2" && "$strata" deps --lock 2>&1); rc=$?
check "--lock succeeds" test $rc -eq 0
check "--lock writes the pinned lock" contains "$(cat "$work/proj2/package-lock.yml" 2>/dev/null)" "revision: $sha1"
check "--lock installs nothing" test ! -e "$work/proj2/dbt_packages"
out=$(cd "$work/proj2" && "$strata" deps 2>&1); rc=$?
check "install after --lock uses the lock" test $rc -eq 0 -a -f "$work/proj2/dbt_packages/git_pkg/dbt_project.yml"

# 12. a git package's own packages.yml: local paths resolve from the root project (as dbt)
src2=$work/src2
mkdir -p "$src2"
git -C "$src2" init -q -b main
printf 'name: git_two\n' >"$src2/dbt_project.yml"
printf 'packages:\n  - local: ../local_a\n' >"$src2/packages.yml"
git -C "$src2" add -A && git -C "$src2" commit -qm one && git -C "$src2" tag v2
rm -f "$work/proj/dependencies.yml"
printf 'packages:\n  - git: "file://%s"\n    revision: v2\n' "$src2" >"$work/proj/packages.yml"
out=$(deps); rc=$?
check "git package's dependencies installed" test $rc -eq 0 -a -L "$work/proj/dbt_packages/local_a" -a -f "$work/proj/dbt_packages/git_two/dbt_project.yml"
check "both in the lock" test "$(grep -c '^    name: ' "$work/proj/package-lock.yml")" -eq 2

finish
