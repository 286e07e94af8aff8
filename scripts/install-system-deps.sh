#!/usr/bin/env bash
# Install the Debian packages the test suite needs, only when they are missing:
#   postgresql  - a real PostgreSQL server (initdb/pg_ctl under /usr/lib/postgresql/*/bin)
#   chromium    - Debian's Chromium at /usr/bin/chromium, driven by Playwright
#   fonts-nanum - a Hangul font, so Korean text renders (and screenshots) as glyphs, not tofu
#
# Idempotent: when everything is present it does nothing (no apt-get update).
# As root it installs what is missing; otherwise it prints what is missing and
# how to install it, and exits 0 (or 1 when CI=true, so CI never hides a gap).
set -euo pipefail

missing=()

# PostgreSQL: any major version's initdb will do.
if ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
    missing+=(postgresql)
fi

if [[ ! -x /usr/bin/chromium ]]; then
    missing+=(chromium)
fi

# fontconfig (fc-list) may itself be absent on a bare machine; fall back to dpkg.
if ! { command -v fc-list >/dev/null && fc-list | grep -qi nanum; } \
    && ! dpkg -s fonts-nanum >/dev/null 2>&1; then
    missing+=(fonts-nanum)
fi

if [[ ${#missing[@]} -eq 0 ]]; then
    echo "install-system-deps: all present (postgresql, chromium, fonts-nanum)"
    exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
    echo "install-system-deps: missing Debian packages: ${missing[*]}" >&2
    echo "  install them with:" >&2
    echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends ${missing[*]}" >&2
    if [[ ${CI:-} == true ]]; then
        exit 1
    fi
    exit 0
fi

echo "install-system-deps: installing ${missing[*]}"
apt-get update
DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
