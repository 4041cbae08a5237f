#!/usr/bin/env bash
# Makes Debian's Chromium and its WebDriver available for the browser system tests (WebUiIT) and
# prints their paths, one per line as KEY=VALUE:
#   CHROMIUM=/usr/bin/chromium
#   CHROMEDRIVER=/usr/bin/chromedriver
#
# Installs the packages 'chromium' and 'chromium-driver' with apt-get when they are missing (as
# root, or through 'sudo -n'); the distribution's driver always matches its browser, so no driver
# download from elsewhere is needed. Exits non-zero if either binary is still missing.
set -euo pipefail

as_root() {
    if [[ $(id -u) == 0 ]]; then "$@"; else sudo -n "$@"; fi
}

find_bins() {
    CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
    CHROMEDRIVER=$(command -v chromedriver || true)
    [[ -z $CHROMEDRIVER && -x /usr/lib/chromium/chromedriver ]] && CHROMEDRIVER=/usr/lib/chromium/chromedriver
    [[ -n $CHROMIUM && -n $CHROMEDRIVER ]]
}

if ! find_bins; then
    echo "test-browser: installing Debian's chromium and chromium-driver packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver >&2 \
        || { as_root apt-get update -q >&2 \
             && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium chromium-driver >&2; }
    find_bins || { echo "test-browser: chromium or chromedriver still missing after install" >&2; exit 1; }
fi

echo "CHROMIUM=$CHROMIUM"
echo "CHROMEDRIVER=$CHROMEDRIVER"
