#!/usr/bin/env bash
# Tests/with-postgres.sh COMMAND [ARGUMENT...]: runs COMMAND beside a throwaway PostgreSQL cluster, its admin URI in
# ADMIT_TEST_POSTGRES (postgresql://postgres@/postgres?host=FOLDER), and removes the cluster whatever happens.
#
# The cluster lives in a temporary folder and listens only on a Unix socket there: no TCP port, so nothing to clash
# with another cluster or another run. It is made by the `postgres` user when run as root (PostgreSQL refuses to run
# as root), by the current user otherwise. Every role is trusted except the members of admit_password_auth, which
# sign in with a password (SCRAM), for the tests of a wrong one.
#
# Without PostgreSQL installed, COMMAND runs without ADMIT_TEST_POSTGRES (its PostgreSQL tests skip), except on CI
# (CI set), where that is a failure.
set -euo pipefail

if [ $# -eq 0 ]; then
    echo "usage: $0 COMMAND [ARGUMENT...]" >&2
    exit 2
fi

# Debian's libpq-dev pg_config names the server's folder; without it, the newest /usr/lib/postgresql/N/bin.
bin=""
if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    bin=$(pg_config --bindir)
else
    bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [ -n "$bin" ] && [ -x "$bin/initdb" ] || bin=""
fi
if [ -z "$bin" ]; then
    if [ -n "${CI:-}" ]; then
        echo "with-postgres.sh: PostgreSQL is not installed (no initdb), and CI needs it: run make setup." >&2
        exit 1
    fi
    echo "with-postgres.sh: PostgreSQL is not installed (make setup installs it); its tests are skipped." >&2
    "$@"
    exit
fi

as_owner() { "$@"; }
if [ "$(id -u)" = 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
        echo "with-postgres.sh: there is no postgres user to run PostgreSQL as (Debian's postgresql package makes it)." >&2
        exit 1
    fi
    as_owner() { runuser -u postgres -- "$@"; }
fi

here=$PWD
# In /tmp rather than $TMPDIR: a Unix socket's path has at most 107 bytes.
folder=$(mktemp -d /tmp/admit-postgres.XXXXXX)
data="$folder/data"
started=""
stop() {
    local status=$?
    if [ -n "$started" ]; then
        (cd "$folder" && as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null 2>&1) || true
    fi
    rm -rf "$folder"
    exit "$status"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM HUP

if [ "$(id -u)" = 0 ]; then chown postgres: "$folder"; fi
# Run from the folder: the postgres user may not be allowed into the current one.
cd "$folder"
if ! as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --no-locale --no-sync \
    >"$folder/initdb.log" 2>&1; then
    cat "$folder/initdb.log" >&2
    echo "with-postgres.sh: initdb failed." >&2
    exit 1
fi
# pg_hba.conf: the first matching line wins.
{ echo "local all +admit_password_auth scram-sha-256"; cat "$data/pg_hba.conf"; } >"$folder/pg_hba.conf"
cat "$folder/pg_hba.conf" >"$data/pg_hba.conf"
# Durability is of no use to a cluster that is removed afterwards; connections for tests running in parallel.
cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$folder'
max_connections = 200
fsync = off
synchronous_commit = off
full_page_writes = off
CONF
started=yes
if ! as_owner "$bin/pg_ctl" -D "$data" -l "$folder/server.log" -w -t 60 start >/dev/null; then
    cat "$folder/server.log" >&2
    echo "with-postgres.sh: the PostgreSQL server did not start." >&2
    exit 1
fi
"$bin/psql" -h "$folder" -U postgres -d postgres -qAt -v ON_ERROR_STOP=1 -c "CREATE ROLE admit_password_auth NOLOGIN" >/dev/null
cd "$here"

export ADMIT_TEST_POSTGRES="postgresql://postgres@/postgres?host=$folder"
"$@"
