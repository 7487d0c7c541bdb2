#!/usr/bin/env bash
# Makes sure Debian's PostgreSQL server binaries are installed, for the integration tests'
# PostgresServer fixture (which runs private clusters from /usr/lib/postgresql/<version>/bin).
# Quiet and idempotent: exits 0 at once when they are there; as root, installs the postgresql
# package; otherwise exits non-zero with one line saying what to do.
#
# The package's postinst may create and start a system cluster (port 5432). That cluster is
# left alone: the tests never use it, and this script stops nothing it did not start.
set -euo pipefail

installed() {
    compgen -G '/usr/lib/postgresql/*/bin/initdb' > /dev/null
}

if installed; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-postgresql.sh: PostgreSQL server binaries are missing (/usr/lib/postgresql/*/bin); install Debian's postgresql package as root: apt-get install postgresql" >&2
    exit 1
fi

log="$(mktemp -t ensure-postgresql.XXXXXX.log)"
if ! { apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql; } \
        > "$log" 2>&1; then
    cat "$log" >&2
    echo "ensure-postgresql.sh: installing Debian's postgresql package failed (output above, also in $log); install it by hand: apt-get update && apt-get install postgresql" >&2
    exit 1
fi
if ! installed; then
    echo "ensure-postgresql.sh: apt-get installed postgresql but there is no /usr/lib/postgresql/*/bin/initdb (apt-get's output: $log); install Debian's postgresql package by hand: apt-get install postgresql" >&2
    exit 1
fi
rm -f "$log"
