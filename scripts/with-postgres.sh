#!/usr/bin/env bash
# Usage: scripts/with-postgres.sh CMD [ARGS...]
#
# Starts a throwaway PostgreSQL cluster on 127.0.0.1 (free port, trust auth,
# fsync off), exports DATABASE_URL and PGVERSION, runs CMD, then always stops the
# cluster and removes its directory. Exits with CMD's exit status.
set -euo pipefail

if [ "$#" -eq 0 ]; then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 2
fi

PGBIN=""
if ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
elif command -v pg_config >/dev/null 2>&1; then
    PGBIN=$(pg_config --bindir)
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    echo "with-postgres: no PostgreSQL server found (no initdb under /usr/lib/postgresql/*/bin" \
         "nor in pg_config --bindir). Install it with: make system-deps" >&2
    exit 3
fi

PYTHON=${PYTHON:-python3}
PORT=$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
D=$(mktemp -d "${TMPDIR:-/tmp}/with-postgres.XXXXXX")

if [ "$(id -u)" -eq 0 ]; then
    # initdb refuses to run as root: run the server as the postgres system user.
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres: running as root but there is no 'postgres' user" >&2
        rm -rf "$D"
        exit 3
    fi
    chown postgres:postgres "$D"
    chmod 700 "$D"
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

STARTED=0
cleanup() {
    local status=$?
    trap - EXIT INT TERM
    if [ "$STARTED" -eq 1 ]; then
        as_pg "$PGBIN/pg_ctl" -D "$D/data" -m fast -w -t 30 stop >/dev/null 2>&1 \
            || echo "with-postgres: pg_ctl stop failed (see $D/server.log)" >&2
    fi
    rm -rf "$D"
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if ! as_pg "$PGBIN/initdb" -D "$D/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 \
        >"$D/initdb.log" 2>&1; then
    echo "with-postgres: initdb failed:" >&2
    tail -n 30 "$D/initdb.log" >&2
    exit 3
fi

STARTED=1
if ! as_pg "$PGBIN/pg_ctl" -D "$D/data" -l "$D/server.log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $D -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null; then
    echo "with-postgres: PostgreSQL failed to start; server log tail:" >&2
    tail -n 40 "$D/server.log" >&2 || true
    exit 3
fi

PGVERSION=$("$PGBIN/postgres" --version | sed -E 's/^[^0-9]*([0-9][0-9.]*).*/\1/')
export PGVERSION PGPORT="$PORT"
export DATABASE_URL="postgres://postgres@127.0.0.1:$PORT/wagtail_employer"
echo "with-postgres: PostgreSQL $PGVERSION on 127.0.0.1:$PORT (data in $D, removed afterwards)"

set +e
"$@"
status=$?
set -e
exit "$status"
