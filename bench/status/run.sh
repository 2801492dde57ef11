#!/usr/bin/env bash
# "statut" for a TN3 expert on a theme of 120 teams × 8 rounds, through /api/messages, the bot on PostgreSQL (on demand,
# never in CI). See README.md.
#   BOT_PORT=3982 FAKE_PORT=5182 bash bench/status/run.sh
# Options (environment): TEAMS=120 ROUNDS=8 MESSAGES=300 INVOKES=150 CONCURRENCY=4
#   SOURCE=worktree|head  BOT_DLL=path/TraAM.Bot.dll  FAKE_PORT=5182 BOT_PORT=3982  OUT=dir  KEEP_DB=1
#   PG_CONNECTION=<Npgsql connection string to a server>  (default: the private cluster of .ci/postgres.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_TOOLS:-$ROOT/../shared/tools}
TEAMS=${TEAMS:-120}; ROUNDS=${ROUNDS:-8}; MESSAGES=${MESSAGES:-300}; INVOKES=${INVOKES:-150}; CONCURRENCY=${CONCURRENCY:-4}
FAKE_PORT=${FAKE_PORT:-5182}; BOT_PORT=${BOT_PORT:-3982}
OUT=${OUT:-$(mktemp -d /tmp/bench-status.XXXXXX)}; mkdir -p "$OUT"
APP_ID=11111111-2222-3333-4444-555555555555; APP_PW=test-secret
FAKE=http://127.0.0.1:$FAKE_PORT
EXPERT=00000000-0000-4000-8900-000000000001   # Léa Petit in directory.mjs

PIDS=()
DB=""
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  # The database goes with the run (KEEP_DB=1 keeps it to look at the rows).
  if [ -n "$DB" ] && [ "${KEEP_DB:-0}" != 1 ]; then dropdb --if-exists "$DB" 2>/dev/null || true; fi
}
trap cleanup EXIT
say() { echo "[status] $*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $FAKE_PORT $BOT_PORT; do port_busy "$p" && { say "port $p is in use: set FAKE_PORT/BOT_PORT"; exit 2; }; done
[ -d "$SHARED/node_modules" ] || bash "$SHARED/setup.sh" >&2

# ---- PostgreSQL (a fresh database) and the bot's build: bench/lib.sh ----------------------------------------------
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
bench_database traam_bench_status
bench_build

# ---- the theme: its teams and expert (the bot's import), then 8 rounds of answers (SQL) ---------------------------
cli migrate >"$OUT/setup.log" 2>&1
node "$HERE/directory.mjs" --teams "$TEAMS" > "$OUT/people.csv"
cli import-directory "$OUT/people.csv" >>"$OUT/setup.log" 2>&1 || { tail -20 "$OUT/setup.log" >&2; exit 1; }
psql -d "$DB" -q -v rounds="$ROUNDS" -f "$HERE/seed.sql" >>"$OUT/setup.log"
sql "ANALYZE" >/dev/null
say "theme: $(sql "SELECT count(*) FROM \"AcademicTeams\" WHERE \"ThemeId\" = 9") teams, $(sql "SELECT count(*) FROM \"CheckIns\"") check-ins, \
$(sql "SELECT count(*) FROM \"TeamProductions\"") productions, $(sql "SELECT count(*) FROM \"TeamRisks\"") open risks"

# ---- fake channel and bot ----------------------------------------------------------------------------------------
node "$ROOT/bench/inbound/fake.mjs" --port "$FAKE_PORT" >"$OUT/fake.log" 2>&1 & PIDS+=($!)
for _ in $(seq 1 80); do curl -fsS -o /dev/null "$FAKE/botframework/v1/.well-known/keys" 2>/dev/null && break; sleep 0.25; done
(cd "$(dirname "$BOT_DLL")" && exec env Bot__MicrosoftAppId=$APP_ID Bot__MicrosoftAppPassword=$APP_PW \
  Bot__OpenIdMetadataUrl=$FAKE/botframework/v1/.well-known/openidconfiguration \
  Bot__TokenEndpoint=$FAKE/aad/botframework.com/oauth2/v2.0/token Bot__AllowedServiceUrls__0=$FAKE/connector \
  ConnectionStrings__TraAM="$CONN" Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Production \
  dotnet "$BOT_DLL" --urls "http://127.0.0.1:$BOT_PORT") >"$OUT/bot.log" 2>&1 & BOT_PID=$!; PIDS+=($BOT_PID)
for _ in $(seq 1 240); do curl -fsS -o /dev/null "http://127.0.0.1:$BOT_PORT/health" 2>/dev/null && break; sleep 0.25; done
curl -fsS -o /dev/null "http://127.0.0.1:$BOT_PORT/health" || { say "the bot did not start"; tail -20 "$OUT/bot.log" >&2; exit 1; }

# ---- the load ----------------------------------------------------------------------------------------------------
BOT_CPU0=$(awk '{print $14+$15}' "/proc/$BOT_PID/stat")
rc=0
node "$HERE/bench.mjs" --url "http://127.0.0.1:$BOT_PORT/api/messages" --fake "$FAKE" --expert "$EXPERT" \
  --messages "$MESSAGES" --invokes "$INVOKES" --concurrency "$CONCURRENCY" > "$OUT/result.json" || rc=$?
BOT_CPU1=$(awk '{print $14+$15}' "/proc/$BOT_PID/stat")

echo
echo "status: a TN3 expert's 'statut' on $TEAMS teams × $ROUNDS rounds through /api/messages, PostgreSQL, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
jq -r '"  messages \"statut\" (\(.concurrency) at a time)   \(.messages) in \(.messageSeconds) s = \(.messagesPerS) messages/s",
       "  message p50 / p90 / p99 / max (ms)        \(.message.p50) / \(.message.p90) / \(.message.p99) / \(.message.max)",
       "  invokes \"Actualiser\" p50 / p99 (ms)       \(.invoke.p50) / \(.invoke.p99)  (\(.invokesPerS) invokes/s)",
       "  card (page 1) bytes                       \(.cardBytes)  (reply activity ≈ \(.replyBytesAvg) characters; Teams limit 28,672)",
       "  pages: " + ([.pages[] | "\(.page): \(.rows) rows, \(.bytes) B"] | join(" · ")),
       "  teams listed over all pages               \(.teamsListed)",
       "  problems                                  \(.problemCount)"' "$OUT/result.json"
echo "  bot CPU during the load (s)               $(( (BOT_CPU1 - BOT_CPU0) / $(getconf CLK_TCK) ))"
p99=$(jq -r .message.p99 "$OUT/result.json")
echo "  goal p99 < 300 ms (messages): $(awk -v p="$p99" 'BEGIN { print (p < 300) ? "MET" : "NOT MET" }') ($p99 ms)"
echo "results and logs: $OUT"
[ "$rc" = 0 ] && [ "$(jq -r .teamsListed "$OUT/result.json")" = "$TEAMS" ]
