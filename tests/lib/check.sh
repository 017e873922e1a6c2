# Shared by the end-to-end shell tests: `source "$(dirname "$0")/../lib/check.sh" "$1"`.
# Sets `strata` (the binary, absolute) and `work` (a temporary folder removed at exit), and
# gives check NAME COMMAND... (one named check; counted) and finish (the summary line and
# the exit status).
set -u
strata=$(realpath "${1:?usage: $0 path/to/strata}")
failures=0
total=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

check() {  # check NAME CONDITION-COMMAND...
  local name=$1; shift
  total=$((total + 1))
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; failures=$((failures + 1)); fi
}

finish() {
  echo "$((total - failures))/$total checks passed"
  ((failures == 0))
}
