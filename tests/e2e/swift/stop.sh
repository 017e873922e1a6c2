#!/usr/bin/env bash
# Stops what tests/e2e/swift/start.sh started (by the PIDs it recorded) and removes its state
# dir.   tests/e2e/swift/stop.sh STATE_DIR [--keep]   (--keep leaves the dir, e.g. for logs)
set -uo pipefail
state=${1:?usage: stop.sh STATE_DIR [--keep]}
[[ -f $state/.strata-swift ]] || { echo "swift stop: $state was not made by start.sh; leaving it alone" >&2; exit 0; }
[[ -f $state/pids ]] || { echo "swift stop: no $state/pids, nothing to stop" >&2; rm -rf "$state"; exit 0; }

pids=()
while read -r pid _; do [[ $pid =~ ^[0-9]+$ ]] && pids+=("$pid"); done < "$state/pids"
((${#pids[@]})) && kill -TERM "${pids[@]}" 2>/dev/null
for _ in $(seq 20); do  # up to 2 s for a clean exit, then force (the data is throw-away)
  alive=()
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive+=("$pid"); done
  ((${#alive[@]})) || break
  sleep 0.1
done
for pid in "${alive[@]}"; do kill -KILL "$pid" 2>/dev/null; done
: > "$state/pids"
[[ ${2:-} == --keep ]] || rm -rf "$state"
exit 0
