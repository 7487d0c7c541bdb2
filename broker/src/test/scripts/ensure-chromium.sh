#!/usr/bin/env bash
# Makes sure Debian's Chromium and ChromeDriver are installed, for the web console's browser test
# (ConsoleBrowserIT drives /usr/bin/chromium through /usr/bin/chromedriver).
# Quiet and idempotent: exits 0 at once when both are there; as root, installs the chromium and
# chromium-driver packages; otherwise exits non-zero with one line saying what to do.
set -euo pipefail

installed() {
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
}

if installed; then
    exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
    echo "ensure-chromium.sh: /usr/bin/chromium or /usr/bin/chromedriver is missing; install Debian's packages as root: apt-get install chromium chromium-driver" >&2
    exit 1
fi

log="$(mktemp -t ensure-chromium.XXXXXX.log)"
if ! { apt-get update -qq \
        && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver; } \
        > "$log" 2>&1; then
    cat "$log" >&2
    echo "ensure-chromium.sh: installing Debian's chromium and chromium-driver failed (output above, also in $log); install them by hand: apt-get update && apt-get install chromium chromium-driver" >&2
    exit 1
fi
if ! installed; then
    echo "ensure-chromium.sh: apt-get installed chromium and chromium-driver but /usr/bin/chromium or /usr/bin/chromedriver is missing (apt-get's output: $log); install them by hand" >&2
    exit 1
fi
rm -f "$log"
