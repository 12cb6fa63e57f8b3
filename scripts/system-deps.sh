#!/usr/bin/env bash
# Usage: scripts/system-deps.sh COMPONENT...   (postgres, gettext, chromium)
#
# Installs from Debian's packages only the components that are missing. Runs
# `apt-get update` only when something must be installed and the package lists are
# older than an hour (so two calls in one `make test` update once). Uses sudo only
# when not root and sudo exists. Without apt it prints a message and exits 0: the
# tests that need a missing component then skip, or fail under CI=true.
set -euo pipefail

have_postgres() {
    local d
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && return 0
    done
    return 1
}
have_gettext() { command -v msgfmt >/dev/null 2>&1; }
have_chromium() { [ -x /usr/bin/chromium ]; }

missing=()
for component in "$@"; do
    case "$component" in
        postgres) have_postgres || missing+=(postgresql) ;;
        gettext) have_gettext || missing+=(gettext) ;;
        chromium) have_chromium || missing+=(chromium fonts-liberation) ;;
        *) echo "system-deps: unknown component '$component'" >&2; exit 2 ;;
    esac
done

if [ "${#missing[@]}" -eq 0 ]; then
    echo "system-deps: present: $*"
    exit 0
fi

if ! command -v apt-get >/dev/null 2>&1; then
    echo "system-deps: WARNING: apt-get is not available; install these yourself: ${missing[*]}" >&2
    echo "system-deps: tests that need them will skip (or fail under CI=true)." >&2
    exit 0
fi

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO=(sudo)
    else
        echo "system-deps: WARNING: not root and no sudo; install these yourself: ${missing[*]}" >&2
        exit 0
    fi
fi

apt_update() {
    echo "system-deps: apt-get update"
    "${SUDO[@]}" apt-get update -qq >>"$LOG" 2>&1
}

lists_fresh() {
    [ -n "$(find /var/lib/apt/lists -maxdepth 1 -name '*_Packages*' -mmin -60 2>/dev/null | head -1)" ]
}

LOG=$(mktemp "${TMPDIR:-/tmp}/system-deps.XXXXXX.log")
apt_install() {
    "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "${missing[@]}" >>"$LOG" 2>&1
}

echo "system-deps: installing from Debian's packages: ${missing[*]} (log: $LOG)"
lists_fresh || apt_update
if ! apt_install; then
    # Stale package lists give 404s: update once more and retry.
    apt_update
    if ! apt_install; then
        echo "system-deps: apt-get install failed; last lines of $LOG:" >&2
        tail -n 30 "$LOG" >&2
        exit 1
    fi
fi
rm -f "$LOG"
echo "system-deps: installed ${missing[*]}"
