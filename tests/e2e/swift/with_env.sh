#!/usr/bin/env bash
# Runs a command with the S3 settings of a Swift started by start.sh:
#   tests/e2e/swift/with_env.sh STATE_DIR COMMAND [ARGS...]
set -euo pipefail
state=${1:?usage: with_env.sh STATE_DIR COMMAND [ARGS...]}
shift
[[ -f $state/env ]] || { echo "with_env: $state/env missing: did tests/e2e/swift/start.sh run?" >&2; exit 1; }
set -a
# shellcheck disable=SC1091
. "$state/env"
set +a
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3 AWS_DEFAULT_REGION
exec "$@"
