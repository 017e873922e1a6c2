#!/usr/bin/env bash
# ctest bench_project_smoke: gen_project.py writes a 50-model project deterministically, and
# `strata parse` and `strata compile` succeed on it with every model and test present.
#   bench/project/smoke_test.sh path/to/strata
set -euo pipefail
strata=$(realpath "${1:?usage: smoke_test.sh STRATA}")
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-project-smoke.XXXXXX")
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

shape=$(/usr/bin/python3 "$here/gen_project.py" --models 50 --out "$work/p")
/usr/bin/python3 "$here/gen_project.py" --models 50 --out "$work/again" >/dev/null
diff -r "$work/p" "$work/again" >/dev/null || fail "the generator is not deterministic"
field() { /usr/bin/python3 -c 'import json,sys; print(json.loads(sys.argv[1])[sys.argv[2]])' "$shape" "$1"; }
models=$(field models); tests=$(field tests); sources=$(field source_tables); name=$(field project)
[[ $models == 50 ]] || fail "generator wrote $models models, asked for 50"
((tests >= 150)) || fail "generator wrote $tests tests, expected about three per model"

(cd "$work/p" && "$strata" parse --project-dir "$work/p") 2>"$work/parse.err" ||
  { cat "$work/parse.err" >&2; fail "strata parse failed"; }
/usr/bin/python3 - "$work/p/target/manifest.json" "$models" "$tests" "$sources" <<'PY' || fail "manifest.json counts"
import collections, json, sys
manifest = json.load(open(sys.argv[1]))
kinds = collections.Counter(n["resource_type"] for n in manifest["nodes"].values())
want = {"model": int(sys.argv[2]), "test": int(sys.argv[3])}
got = {k: kinds.get(k, 0) for k in want}
sources = len(manifest["sources"])
if got != want or sources != int(sys.argv[4]):
    sys.exit("manifest has %s and %d sources; generator wrote %s and %s sources" % (got, sources, want, sys.argv[4]))
PY

rm -rf "$work/p/target"
(cd "$work/p" && "$strata" compile --project-dir "$work/p") 2>"$work/compile.err" ||
  { cat "$work/compile.err" >&2; fail "strata compile failed"; }
compiled=$work/p/target/compiled/$name/models
got_models=$(find "$compiled" -name '*.sql' -not -path '*.yml/*' | wc -l)
got_tests=$(find "$compiled" -path '*.yml/*' -name '*.sql' | wc -l)
[[ $got_models == "$models" ]] || fail "compiled $got_models models, expected $models"
[[ $got_tests == "$tests" ]] || fail "compiled $got_tests tests, expected $tests"
grep -q '{{\|{%' -r "$compiled" && fail "compiled SQL still contains Jinja"
# Every ref and source resolved to a relation, every loop unrolled.
grep -rq "gift_card_amount" "$compiled" || fail "no model shows its unrolled for-loop"
echo "ok: $models models and $tests tests parsed and compiled"
