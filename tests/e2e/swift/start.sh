#!/usr/bin/env bash
# Starts a throw-away OpenStack Swift with the s3api middleware on loopback.
#
#   tests/e2e/swift/start.sh [STATE_DIR]
#
# Everything lives in STATE_DIR (default: a new mktemp dir): configs, rings, storage, logs,
# the PIDs of what was started (pids) and an env file to source (or use with_env.sh):
#   AWS_ENDPOINT_URL=http://127.0.0.1:PORT (also as STRATA_S3_ENDPOINT)
#   AWS_ACCESS_KEY_ID=test:tester  AWS_SECRET_ACCESS_KEY=testing  AWS_REGION=us-east-1
# A second account's user, other:reader / reading, owns nothing (for AccessDenied tests).
# The last line of stdout is the state dir; stop it with tests/e2e/swift/stop.sh STATE_DIR.
# Ports are picked free at start so parallel runs do not collide. Works as root (servers drop
# to user `swift`) and as an ordinary user (servers keep that user).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${1:-$(mktemp -d "${TMPDIR:-/tmp}/strata-swift.XXXXXX")}
mkdir -p "$state"
state=$(cd "$state" && pwd)
# stop.sh deletes only directories carrying this marker, never an arbitrary path.
if [[ -n $(ls -A "$state") && ! -f $state/.strata-swift ]]; then
  echo "swift start: $state is not empty and was not made by this script; give a new or empty dir" >&2
  exit 1
fi
touch "$state/.strata-swift"
# A state dir left by an earlier run (e.g. a killed ctest): stop what it recorded, start clean.
[[ -s $state/pids ]] && "$here/stop.sh" "$state" --keep >/dev/null 2>&1
rm -rf "$state/etc" "$state/srv" "$state/logs" "$state/run" "$state/env"
: > "$state/pids"

fail() {
  echo "swift start: $*" >&2
  for log in "$state"/logs/*.log; do
    [[ -s $log ]] || continue
    echo "--- $log (last lines)" >&2
    tail -n 15 "$log" >&2
  done
  "$here/stop.sh" "$state" --keep >/dev/null 2>&1 || true
  exit 1
}

for bin in swift-proxy-server swift-account-server swift-container-server \
           swift-object-server memcached python3; do
  command -v "$bin" >/dev/null || fail "missing $bin; install with: apt-get install -y --no-upgrade --no-install-recommends swift-proxy swift-account swift-container swift-object memcached"
done

if [[ $(id -u) -eq 0 ]]; then run_user=swift; else run_user=$(id -un); fi
id "$run_user" >/dev/null 2>&1 || fail "user $run_user does not exist (the swift package creates it)"

# Five free loopback ports: bind them all at once so they are distinct, then release.
read -r p_proxy p_account p_container p_object p_memcache < <(python3 - <<'PY'
import socket
socks = []
for _ in range(5):
    s = socket.socket(); s.bind(("127.0.0.1", 0)); socks.append(s)
print(" ".join(str(s.getsockname()[1]) for s in socks))
PY
)

conf=$state/etc
srv=$state/srv
mkdir -p "$conf" "$srv/sdb1" "$state/logs" "$state/run"
chmod 755 "$state" "$conf"

cat > "$conf/swift.conf" <<CONF
[swift-hash]
swift_hash_path_suffix = strata-test-suffix
swift_hash_path_prefix = strata-test-prefix
[storage-policy:0]
name = Policy-0
default = yes
CONF

common_defaults() {  # $1 = port
  cat <<CONF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $1
workers = 0
user = $run_user
swift_dir = $conf
devices = $srv
mount_check = false
log_level = WARNING
log_name = strata-swift
CONF
}

for kind in account container object; do
  port_var=p_$kind
  { common_defaults "${!port_var}"
    printf '\n[pipeline:main]\npipeline = %s-server\n\n[app:%s-server]\nuse = egg:swift#%s\n' "$kind" "$kind" "$kind"
  } > "$conf/$kind-server.conf"
done

# The three rings (part power 6, 1 replica, one device each), built in one Python process
# through swift's RingBuilder: nine swift-ring-builder runs would cost ~4 s of start time.
/usr/bin/python3 - "$conf" "$p_account" "$p_container" "$p_object" <<'PY' || fail "building the rings failed"
import sys
from swift.common.ring import RingBuilder
conf = sys.argv[1]
for kind, port in zip(("account", "container", "object"), sys.argv[2:]):
    builder = RingBuilder(6, 1, 1)
    builder.add_dev({"id": 0, "region": 1, "zone": 1, "ip": "127.0.0.1", "port": int(port),
                     "device": "sdb1", "weight": 100})
    builder.rebalance()
    builder.get_ring().save(f"{conf}/{kind}.ring.gz")
PY

{ common_defaults "$p_proxy"
  cat <<CONF

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true

[filter:catch_errors]
use = egg:swift#catch_errors
[filter:gatekeeper]
use = egg:swift#gatekeeper
[filter:healthcheck]
use = egg:swift#healthcheck
[filter:proxy-logging]
use = egg:swift#proxy_logging
[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$p_memcache
[filter:listing_formats]
use = egg:swift#listing_formats
[filter:bulk]
use = egg:swift#bulk
[filter:s3api]
use = egg:swift#s3api
location = us-east-1
[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = testing .admin
user_other_reader = reading
[filter:copy]
use = egg:swift#copy
[filter:slo]
use = egg:swift#slo
[filter:dlo]
use = egg:swift#dlo
[filter:versioned_writes]
use = egg:swift#versioned_writes
CONF
} > "$conf/proxy-server.conf"

chown -R "$run_user" "$srv" "$state/run"

start_bg() {  # name, command...
  local name=$1; shift
  "$@" > "$state/logs/$name.log" 2>&1 &
  echo "$! $name" >> "$state/pids"
}

memcache_user=$run_user
id memcache >/dev/null 2>&1 && [[ $(id -u) -eq 0 ]] && memcache_user=memcache
start_bg memcached memcached -u "$memcache_user" -l 127.0.0.1 -p "$p_memcache" -U 0
for kind in account container object; do
  start_bg "$kind" "swift-$kind-server" "$conf/$kind-server.conf"
done
start_bg proxy swift-proxy-server "$conf/proxy-server.conf"

endpoint=http://127.0.0.1:$p_proxy
cat > "$state/env" <<ENV
STRATA_S3_ENDPOINT=$endpoint
AWS_ENDPOINT_URL=$endpoint
AWS_ACCESS_KEY_ID=test:tester
AWS_SECRET_ACCESS_KEY=testing
AWS_REGION=us-east-1
ENV

# Ready when an object round-trips through the S3 API, signed with SigV4 by Python's stdlib
# (independent of strata's signer); that needs memcached and all four servers.
timeout=${STRATA_SWIFT_START_TIMEOUT:-60}
python3 "$here/s3_probe.py" "$endpoint" "$timeout" "$state/pids" ||
  fail "no successful S3 request at $endpoint within ${timeout}s"

echo "swift with s3api ready at $endpoint (state $state)" >&2
echo "$state"
