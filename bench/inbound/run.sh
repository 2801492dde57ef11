#!/usr/bin/env bash
# Full inbound turn, TraAM.Bot vs the reference bot on the official JS SDK (shared/tools/auth/refbot.mjs), one after
# the other on the same machine, same fake channel, same load; prints a side-by-side table. See README.md.
#   bash bench/inbound/run.sh
# Options (environment):
#   DURATION=20 WARMUP=10 CONCURRENCY=16  closed loop: C clients for DURATION s after WARMUP s
#   RATE=100 OPEN_DURATION=$DURATION OPEN_WARMUP=3   open loop at RATE req/s
#   LOG_LEVEL=Warning        Logging__LogLevel__Default of our bot (production setting; Information is the file default)
#   SOURCE=worktree|head     what to build in Release (in a temp copy, never in the repo): the work tree as it is
#                            (tracked + untracked, not ignored), or the last commit (git archive HEAD)
#   BOT_DLL=path/TraAM.Bot.dll   use this build instead of building one
#   ONLY=both|ours|ref       which bots to run
#   DATABASE=sqlite|postgres our bot's store; postgres needs PG_CONNECTION (Npgsql connection string, empty database)
#   CHEAP_CONNECTOR=1        profiling: the fake Connector answers without checking tokens (see fake.mjs)
#   BOT_ENV="K=V K2=V2"      extra environment for our bot (profiling)
#   FAKE_PORT=5100 BOT_PORT=3978 REF_PORT=3979   OUT=dir for JSON results and logs (default: a new temp dir)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_TOOLS:-$ROOT/../shared/tools}
DURATION=${DURATION:-20}; WARMUP=${WARMUP:-10}; CONCURRENCY=${CONCURRENCY:-16}
RATE=${RATE:-100}; OPEN_DURATION=${OPEN_DURATION:-$DURATION}; OPEN_WARMUP=${OPEN_WARMUP:-3}
RID=${RID:-linux-x64}; LOG_LEVEL=${LOG_LEVEL:-Warning}; ONLY=${ONLY:-both}; DATABASE=${DATABASE:-sqlite}; CHEAP_CONNECTOR=${CHEAP_CONNECTOR:-0}
FAKE_PORT=${FAKE_PORT:-5100}; BOT_PORT=${BOT_PORT:-3978}; REF_PORT=${REF_PORT:-3979}
OUT=${OUT:-$(mktemp -d /tmp/bench-inbound.XXXXXX)}; mkdir -p "$OUT"
APP_ID=11111111-2222-3333-4444-555555555555; APP_PW=test-secret
FAKE=http://127.0.0.1:$FAKE_PORT

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM
stop() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }
say() { echo "[bench] $*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
wait_http() { # url method seconds
  for _ in $(seq 1 $(( $3 * 4 ))); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -X "$2" -H 'content-type: application/json' -d '{}' "$1" || true)
    [ "$code" != 000 ] && return 0; sleep 0.25
  done
  return 1
}

busy_pct() { # whole-machine CPU use over 1 s
  local a b c d e f g h t1 i1
  read -r _ a b c d e f g h _ </proc/stat; t1=$((a+b+c+d+e+f+g+h)); i1=$((d+e)); sleep 1
  read -r _ a b c d e f g h _ </proc/stat; echo $(( 100 - 100 * ((d+e) - i1) / ((a+b+c+d+e+f+g+h) - t1) ))
}
quiet() { # wait up to 60 s for a quiet machine (another build or test run skews everything), then go on with a warning
  local b
  for _ in $(seq 1 60); do b=$(busy_pct); [ "$b" -lt 15 ] && return 0; done
  say "WARNING: the machine is still ${b}% busy with other work; figures will be low (see 'CPU of other processes')"
}

for p in $FAKE_PORT $BOT_PORT $REF_PORT; do
  if port_busy "$p"; then say "port $p is already in use (another bot or test run?): set FAKE_PORT/BOT_PORT/REF_PORT"; exit 2; fi
done
[ -d "$SHARED/node_modules/botbuilder" ] || bash "$SHARED/setup.sh" >&2

if [ "$ONLY" != ref ] && [ -z "${BOT_DLL:-}" ]; then
  SOURCE=${SOURCE:-worktree}
  # As shipped: the README's deploy step publishes for the server's runtime, which makes it ReadyToRun (TraAM.Bot.csproj).
  say "publishing a copy of the $SOURCE in Release, ReadyToRun for $RID ($OUT/src, ~3 min)"
  mkdir -p "$OUT/src"
  if [ "$SOURCE" = head ]; then (cd "$ROOT" && git archive HEAD | tar -xf - -C "$OUT/src")
  else (cd "$ROOT" && git ls-files -co --exclude-standard | tar -cf - -T - | tar -xf - -C "$OUT/src"); fi
  (cd "$OUT/src" && dotnet publish src/TraAM.Bot -c Release -r "$RID" --self-contained false -o "$OUT/publish" -nologo -v q >"$OUT/build.log" 2>&1) || {
    grep -E 'error|Error' "$OUT/build.log" | sort -u | tail -10 >&2
    say "build failed (work in progress in the tree?): try SOURCE=head, or BOT_DLL=<a built TraAM.Bot.dll>"; exit 1; }
  BOT_DLL=$OUT/publish/TraAM.Bot.dll
fi

FAKE_ARGS=(--port "$FAKE_PORT"); [ "$CHEAP_CONNECTOR" = 1 ] && FAKE_ARGS+=(--cheap-connector)
node "$HERE/fake.mjs" "${FAKE_ARGS[@]}" >"$OUT/fake.log" 2>&1 & FAKE_PID=$!; PIDS+=("$FAKE_PID")
wait_http "$FAKE/botframework/v1/.well-known/keys" GET 20 || { say "fake channel did not start"; cat "$OUT/fake.log" >&2; exit 1; }

run_load() { # name url botpid
  local name=$1 url=$2 pid=$3 rc=0
  quiet
  node "$HERE/bench.mjs" --url "$url" --fake "$FAKE" --mode closed --concurrency "$CONCURRENCY" --duration "$DURATION" --warmup "$WARMUP" \
    --tag "$name-closed" --label "$name" --pids "bot:$pid,fake:$FAKE_PID" --out "$OUT/$name-closed.json" >/dev/null || rc=1
  node "$HERE/bench.mjs" --url "$url" --fake "$FAKE" --mode open --rate "$RATE" --duration "$OPEN_DURATION" --warmup "$OPEN_WARMUP" \
    --tag "$name-open" --label "$name" --pids "bot:$pid,fake:$FAKE_PID" --out "$OUT/$name-open.json" >/dev/null || rc=1
  return $rc
}

VALID=0
if [ "$ONLY" != ref ]; then
  BOT_ENV_ARGS=(Bot__MicrosoftAppId=$APP_ID Bot__MicrosoftAppPassword=$APP_PW
    Bot__OpenIdMetadataUrl=$FAKE/botframework/v1/.well-known/openidconfiguration
    Bot__TokenEndpoint=$FAKE/aad/botframework.com/oauth2/v2.0/token
    Bot__AllowedServiceUrls__0=$FAKE/connector
    Logging__LogLevel__Default=$LOG_LEVEL ASPNETCORE_ENVIRONMENT=Production)
  if [ "$DATABASE" = postgres ]; then
    [ -n "${PG_CONNECTION:-}" ] || { say "DATABASE=postgres needs PG_CONNECTION"; exit 2; }
    BOT_ENV_ARGS+=("ConnectionStrings__TraAM=$PG_CONNECTION" Database__MigrateOnStart=true)
  else
    BOT_ENV_ARGS+=(Database__SqlitePath=$OUT/traam.db)
  fi
  # shellcheck disable=SC2206
  BOT_ENV_ARGS+=(${BOT_ENV:-})
  say "our bot: $BOT_DLL (store $DATABASE, log level $LOG_LEVEL)"
  (cd "$(dirname "$BOT_DLL")" && exec env "${BOT_ENV_ARGS[@]}" dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT") >"$OUT/ours.log" 2>&1 & BOT_PID=$!; PIDS+=("$BOT_PID")
  wait_http "http://127.0.0.1:$BOT_PORT/health" GET 60 || { say "our bot did not start"; tail -30 "$OUT/ours.log" >&2; exit 1; }
  run_load ours "http://127.0.0.1:$BOT_PORT/api/messages" "$BOT_PID" || VALID=1
  stop "$BOT_PID"
fi

if [ "$ONLY" != ours ]; then
  say "reference bot: $SHARED/auth/refbot.mjs (botbuilder $(node -p "require('$SHARED/node_modules/botbuilder/package.json').version"), Node $(node --version))"
  node "$SHARED/auth/refbot.mjs" --port "$REF_PORT" --app-id "$APP_ID" --app-password "$APP_PW" --fake "$FAKE" >"$OUT/ref.log" 2>&1 & REF_PID=$!; PIDS+=("$REF_PID")
  wait_http "http://127.0.0.1:$REF_PORT/api/messages" POST 30 || { say "reference bot did not start"; tail -30 "$OUT/ref.log" >&2; exit 1; }
  run_load ref "http://127.0.0.1:$REF_PORT/api/messages" "$REF_PID" || VALID=1
  stop "$REF_PID"
fi

echo
echo "inbound full turn (auth + route + store + reply), $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, our store: $DATABASE, our log level: $LOG_LEVEL$([ "$CHEAP_CONNECTOR" = 1 ] && echo ', CHEAP CONNECTOR (profiling)')"
echo
node "$HERE/bench.mjs" report "$OUT/ours-closed.json" "$OUT/ours-open.json" "$OUT/ref-closed.json" "$OUT/ref-open.json"
echo
echo "results and logs: $OUT"
exit $VALID
