#!/usr/bin/env bash
# Creates (once) and starts a throwaway PostgreSQL cluster for the storage tests, listening on 127.0.0.1 only,
# on a free port, and prints its URL on stdout:
#   export AIRM_TEST_PG_URL="$(tests/support/start-test-postgres.sh)"
# Idempotent: a running cluster is reused, a stopped one restarted. PostgreSQL refuses to run as root, so as
# root the cluster belongs to the `postgres` user (created if missing). Needs Debian's postgresql package.
#   --stop    stop the cluster        --status  print the URL if running (exit 1 otherwise)
# Environment: AIRM_PG_DIR (default /tmp/airm-test-pg), AIRM_PG_PORT (default: first free port from 54329).
set -euo pipefail

dir="${AIRM_PG_DIR:-/tmp/airm-test-pg}"
data="$dir/data"
user_name="airm"
password="airm"
dbname="airm_test"

say() { echo "start-test-postgres: $*" >&2; }

bindir=""
for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
    command -v initdb >/dev/null 2>&1 && bindir="$(dirname "$(command -v initdb)")"
fi
if [ -z "$bindir" ]; then
    say "PostgreSQL server binaries not found (install the Debian packages postgresql and postgresql-client)"
    exit 2
fi

# Run a command as the cluster owner: ourselves, or `postgres` when we are root.
owner="$(id -un)"
if [ "$(id -u)" = 0 ]; then
    owner="postgres"
    if ! id -u "$owner" >/dev/null 2>&1; then
        say "creating the system user $owner"
        useradd --system --home-dir /var/lib/postgresql --shell /bin/bash "$owner"
    fi
fi
as_owner() {
    if [ "$(id -un)" = "$owner" ]; then "$@"; else runuser -u "$owner" -- "$@"; fi
}

url_for() { echo "postgresql://$user_name:$password@127.0.0.1:$1/$dbname"; }

port_free() {
    ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() { [ -f "$data/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

case "${1:-}" in
    --stop)
        if is_running; then as_owner "$bindir/pg_ctl" -D "$data" -m fast -w stop >&2; fi
        exit 0 ;;
    --status)
        if is_running && [ -f "$dir/port" ]; then url_for "$(cat "$dir/port")"; exit 0; fi
        exit 1 ;;
    "") ;;
    *) say "unknown option $1"; exit 2 ;;
esac

mkdir -p "$dir"
chown "$owner" "$dir" 2>/dev/null || true
chmod 700 "$dir"

if is_running && [ -f "$dir/port" ]; then
    url_for "$(cat "$dir/port")"
    exit 0
fi

if [ ! -f "$data/PG_VERSION" ]; then
    say "initialising a cluster in $data"
    pwfile="$dir/pwfile"
    echo "$password" > "$pwfile"
    chown "$owner" "$pwfile" 2>/dev/null || true
    chmod 600 "$pwfile"
    as_owner "$bindir/initdb" -D "$data" -U "$user_name" --pwfile="$pwfile" --auth-local=trust \
        --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
    rm -f "$pwfile"
fi

port="${AIRM_PG_PORT:-}"
if [ -z "$port" ]; then
    if [ -f "$dir/port" ] && port_free "$(cat "$dir/port")"; then
        port="$(cat "$dir/port")"
    else
        port=54329
        while ! port_free "$port"; do port=$((port + 1)); done
    fi
fi
echo "$port" > "$dir/port"

# Throwaway data: durability settings off for speed; sockets in the cluster's own directory.
as_owner "$bindir/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100" \
    start >/dev/null

if ! as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$user_name" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$dbname'" | grep -q 1; then
    as_owner "$bindir/createdb" -h "$dir" -p "$port" -U "$user_name" "$dbname"
fi
url_for "$port"
