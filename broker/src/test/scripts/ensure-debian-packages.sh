#!/usr/bin/env bash
# Makes sure Debian packages the integration tests need are installed:
#
#   ensure-debian-packages.sh PACKAGE... -- FILE...
#
# The packages count as installed when every FILE (a path or a glob) names an executable file.
# Quiet and idempotent: exits 0 at once when they are there; as root, installs the packages;
# otherwise exits non-zero with one line saying what to do. Used for PostgreSQL's server binaries
# (the PostgresServer fixture runs private clusters from /usr/lib/postgresql/<version>/bin) and for
# Chromium with its ChromeDriver (ConsoleBrowserIT).
#
# A package's postinst may start a system service (postgresql starts a cluster on port 5432). It
# is left alone: the tests never use it, and this script stops nothing it did not start.
set -euo pipefail

packages=()
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    packages+=("$1")
    shift
done
if [ $# -eq 0 ] || [ ${#packages[@]} -eq 0 ]; then
    echo "usage: ensure-debian-packages.sh PACKAGE... -- FILE..." >&2
    exit 2
fi
shift
files=("$@")
me="ensure-debian-packages.sh (${packages[*]})"

installed() {
    local f match
    for f in "${files[@]}"; do
        match=$(compgen -G "$f" | head -n 1 || true)
        [ -n "$match" ] && [ -x "$match" ] || return 1
    done
}

if installed; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "$me: ${files[*]} missing; install Debian's packages as root: apt-get install ${packages[*]}" >&2
    exit 1
fi

log="$(mktemp -t ensure-debian-packages.XXXXXX.log)"
if ! { apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"; } \
        > "$log" 2>&1; then
    cat "$log" >&2
    echo "$me: installing failed (output above, also in $log); install them by hand: apt-get update && apt-get install ${packages[*]}" >&2
    exit 1
fi
if ! installed; then
    echo "$me: apt-get installed the packages but ${files[*]} is still missing (apt-get's output: $log); install them by hand" >&2
    exit 1
fi
rm -f "$log"
