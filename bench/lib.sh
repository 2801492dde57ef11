#!/usr/bin/env bash
# What the PostgreSQL benches share (sourced by bench/approvals/run.sh and bench/status/run.sh, never run alone).
# Needs ROOT, OUT and say() from the caller.

# A fresh database on the private cluster of .ci/postgres.sh (or on PG_CONNECTION's server): sets DB, CONN, PG*, sql().
bench_database() { # prefix
  if [ -z "${PG_CONNECTION:-}" ]; then
    # shellcheck disable=SC1091
    source "$ROOT/.ci/postgres.sh" >&2
    PG_CONNECTION=$TRAAM_TEST_POSTGRES
  fi
  pg_field() { sed -n "s/.*$1=\([^;]*\).*/\1/p" <<<"$PG_CONNECTION"; }
  PGHOST=$(pg_field Host); PGPORT=$(pg_field Port); PGUSER=$(pg_field Username); PGPASSWORD=$(pg_field Password)
  export PGHOST PGPORT PGUSER PGPASSWORD
  DB=$1_$(date +%s)
  createdb "$DB"
  CONN="Host=$PGHOST;Port=$PGPORT;Username=$PGUSER;Password=$PGPASSWORD;Database=$DB"
}
sql() { psql -d "$DB" -At -v ON_ERROR_STOP=1 -c "$1"; }

# The bot in Release: BOT_DLL as given, else a copy of the worktree (or SOURCE=head) built in $OUT/src. Sets cli().
bench_build() {
  if [ -z "${BOT_DLL:-}" ]; then
    SOURCE=${SOURCE:-worktree}
    say "building a copy of the $SOURCE in Release ($OUT/src)"
    mkdir -p "$OUT/src"
    if [ "$SOURCE" = head ]; then (cd "$ROOT" && git archive HEAD | tar -xf - -C "$OUT/src")
    else (cd "$ROOT" && git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$OUT/src"); fi
    (cd "$OUT/src" && dotnet build src/TraAM.Bot -c Release -nologo -v q >"$OUT/build.log" 2>&1) || { grep -E 'error' "$OUT/build.log" | sort -u | tail -5 >&2; exit 1; }
    BOT_DLL=$OUT/src/src/TraAM.Bot/bin/Release/net10.0/TraAM.Bot.dll
  fi
  BOT_DLL=$(realpath "$BOT_DLL")   # the verbs run from its folder (its cards and settings)
}
cli() { (cd "$(dirname "$BOT_DLL")" && env ConnectionStrings__TraAM="$CONN" dotnet "$BOT_DLL" "$@"); }
