#!/usr/bin/env bash
# Inspectors deciding on candidacies through /api/messages, the bot on PostgreSQL (on demand, never in CI). See README.md.
#   bash bench/approvals/run.sh
# Options (environment): TEAMS=120 PAIRS=10 (académie × discipline pairs; 2 inspectors each: 20 inspectors)
#   SOURCE=worktree|head  BOT_DLL=path/TraAM.Bot.dll  FAKE_PORT=5100 BOT_PORT=3978  OUT=dir
#   PG_CONNECTION=<Npgsql connection string to a server>  (default: the private cluster of .ci/postgres.sh)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
SHARED=${SHARED_TOOLS:-$ROOT/../shared/tools}
TEAMS=${TEAMS:-120}; PAIRS=${PAIRS:-10}
FAKE_PORT=${FAKE_PORT:-5100}; BOT_PORT=${BOT_PORT:-3978}
OUT=${OUT:-$(mktemp -d /tmp/bench-approvals.XXXXXX)}; mkdir -p "$OUT"
APP_ID=11111111-2222-3333-4444-555555555555; APP_PW=test-secret
FAKE=http://127.0.0.1:$FAKE_PORT
CALL=2027-2028

PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
say() { echo "[approvals] $*" >&2; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for p in $FAKE_PORT $BOT_PORT; do port_busy "$p" && { say "port $p is in use: set FAKE_PORT/BOT_PORT"; exit 2; }; done
[ -d "$SHARED/node_modules" ] || bash "$SHARED/setup.sh" >&2

# ---- PostgreSQL (a fresh database) and the bot's build: bench/lib.sh ----------------------------------------------
# shellcheck source=../lib.sh
source "$ROOT/bench/lib.sh"
bench_database traam_bench
bench_build

# ---- the call and its directory ----------------------------------------------------------------------------------
cli migrate >"$OUT/setup.log" 2>&1
cli open-campaign "$CALL" --submission "$(date -u -d '+60 days' +%Y-%m-%d)" >>"$OUT/setup.log" 2>&1   # window open whatever the day
node "$HERE/directory.mjs" --teams "$TEAMS" --pairs "$PAIRS" > "$OUT/people.csv"
cli import-directory --campaign "$CALL" "$OUT/people.csv" >>"$OUT/setup.log" 2>&1 || { tail -20 "$OUT/setup.log" >&2; exit 1; }
say "directory: $(grep -c . "$OUT/people.csv") rows imported into $CALL"

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

# ---- phase 1: every referent submits; phase 2 (measured): the inspectors decide -------------------------------
sql "SELECT json_build_object('referents', coalesce(json_agg(json_build_object('aad', p.\"EntraObjectId\", 'teamId', r.\"TeamId\")), '[]'), 'inspectors', '[]'::json)
     FROM \"RoleAssignments\" r JOIN \"People\" p ON p.\"Id\" = r.\"PersonId\" WHERE r.\"Role\" = 'Referent' AND r.\"CampaignId\" = 2" > "$OUT/plan-submit.json"
node "$HERE/bench.mjs" --url "http://127.0.0.1:$BOT_PORT/api/messages" --fake "$FAKE" --plan "$OUT/plan-submit.json" --phase submit >/dev/null
sql "SELECT json_build_object('referents', (SELECT json_agg(1) FROM \"Candidacies\"), 'inspectors', json_agg(json_build_object('aad', i.aad, 'candidacies', i.ids)))
     FROM (SELECT p.\"EntraObjectId\" AS aad, (SELECT json_agg(c.\"Id\") FROM \"Candidacies\" c JOIN \"Themes\" t ON t.\"Id\" = c.\"ThemeId\"
             WHERE c.\"AcademyCode\" = r.\"AcademyCode\" AND t.\"DisciplineCode\" = r.\"DisciplineCode\") AS ids
           FROM \"RoleAssignments\" r JOIN \"People\" p ON p.\"Id\" = r.\"PersonId\" WHERE r.\"Role\" = 'Inspector' AND r.\"CampaignId\" = 2) i" > "$OUT/plan-decide.json"
BOT_CPU0=$(awk '{print $14+$15}' "/proc/$BOT_PID/stat")
node "$HERE/bench.mjs" --url "http://127.0.0.1:$BOT_PORT/api/messages" --fake "$FAKE" --plan "$OUT/plan-decide.json" --phase decide > "$OUT/result.json" || true
BOT_CPU1=$(awk '{print $14+$15}' "/proc/$BOT_PID/stat")

decisions=$(sql "SELECT count(*) FROM \"CandidacyDecisions\"")
decided=$(sql "SELECT count(DISTINCT \"CandidacyId\") FROM \"CandidacyDecisions\"")
pending=$(sql "SELECT count(*) FROM \"Candidacies\" WHERE \"State\" = 'Pending'")
echo
echo "approvals: $(jq -r .inspectors "$OUT/result.json") inspectors on $TEAMS candidacies through /api/messages, PostgreSQL, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores"
jq -r '"  invokes (view + decide)   \(.invokes) in \(.seconds) s = \(.invokesPerS) invokes/s",
       "  all invokes p50 / p90 / p99 / max (ms)   \(.all.p50) / \(.all.p90) / \(.all.p99) / \(.all.max)",
       "  candidacy.view p50 / p99 (ms)           \(.view.p50) / \(.view.p99)",
       "  candidacy.decide p50 / p99 (ms)         \(.decide.p50) / \(.decide.p99)",
       "  problems                                \(.problemCount)"' "$OUT/result.json"
echo "  decisions recorded / candidacies decided / still pending   $decisions / $decided / $pending (expected $TEAMS / $TEAMS / 0)"
echo "  bot CPU during the decisions (s)        $(( (BOT_CPU1 - BOT_CPU0) / $(getconf CLK_TCK) ))"
p99=$(jq -r .all.p99 "$OUT/result.json")
goal=$(awk -v p="$p99" 'BEGIN { print (p < 300) ? "MET" : "NOT MET" }')
echo "  goal p99 < 300 ms: $goal ($p99 ms)"
echo "results and logs: $OUT"
[ "$decisions" = "$TEAMS" ] && [ "$decided" = "$TEAMS" ] && [ "$(jq -r .problemCount "$OUT/result.json")" = 0 ]
