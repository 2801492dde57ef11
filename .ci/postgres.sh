#!/usr/bin/env bash
# Starts a private PostgreSQL cluster for the tests (the machine's own server is installed but stopped).
# Usage: source .ci/postgres.sh   -> exports TRAAM_TEST_POSTGRES; idempotent; stop with: traam_pg_stop
# A private data directory and port, so it never touches a cluster someone else uses.
set -u
PG_BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
PG_PORT=${TRAAM_PG_PORT:-55432}
PG_DATA=${TRAAM_PG_DATA:-/tmp/traam-pg-$PG_PORT}
PG_PASSWORD=traam-test
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
  echo "postgres.sh: PostgreSQL server binaries not found; installing Debian's postgresql" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >/dev/null
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi
run_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
if [ ! -f "$PG_DATA/PG_VERSION" ]; then
  mkdir -p "$PG_DATA"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_DATA"
  pwfile=$(mktemp); echo "$PG_PASSWORD" > "$pwfile"; chmod 644 "$pwfile"
  run_pg "$PG_BIN/initdb -D $PG_DATA -U postgres --pwfile=$pwfile -A scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
  rm -f "$pwfile"
fi
if ! run_pg "$PG_BIN/pg_ctl -D $PG_DATA status" >/dev/null 2>&1; then
  run_pg "$PG_BIN/pg_ctl -D $PG_DATA -l $PG_DATA/server.log -w -t 60 -o '-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off' start" >/dev/null
fi
export TRAAM_TEST_POSTGRES="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Password=$PG_PASSWORD;Database=postgres"
traam_pg_stop() { run_pg "$PG_BIN/pg_ctl -D $PG_DATA -m fast stop" >/dev/null 2>&1 || true; }
echo "PostgreSQL ready on 127.0.0.1:$PG_PORT ($("$PG_BIN/postgres" --version))"
