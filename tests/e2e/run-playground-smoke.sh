#!/usr/bin/env bash
# End-to-end smoke test through Microsoft 365 Agents Playground.
#   bash tests/e2e/run-playground-smoke.sh BOT_DLL
# Starts the built bot (local mode: no Bot__MicrosoftAppId, a fresh SQLite file) on 127.0.0.1:$BOT_PORT (3978),
# starts the shared playground against it with tests/e2e/traam.m365agentsplayground.yml, runs
# tests/e2e/playground-smoke.js, and always stops both. The last line is "N passed, M failed".
# Env: BOT_PORT (3978), PLAYGROUND_PORT (56150; the playground picks another one if it is busy),
#      KEEP_SMOKE_TMP=1 keeps the temp dir (logs, database, saved cards); SMOKE_NEXT_CALL=0 leaves the 2027-2028
#      call closed (and its candidacy scenario out); the smoke script's SMOKE_* variables.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
shared=$(cd "$repo/../shared" 2>/dev/null && pwd || echo "$repo/../shared")
bot_port=${BOT_PORT:-3978}
pg_port=${PLAYGROUND_PORT:-56150}

work='' bot_pid='' pg_pid='' status=1 summary=''

stop() { # $1 = pid of a process group leader started below (setsid)
  local pid=$1
  [[ -n "$pid" ]] || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}
tails() {
  echo "----- bot log (tail) -----";        tail -n 40 "$work/bot.log" 2>/dev/null
  echo "----- playground stdout (tail) -----"; tail -n 10 "$work/playground/stdout.log" 2>/dev/null
  echo "----- playground devTools log (tail) -----"
  tail -n 25 "$work/playground/devTools/m365agentsplayground.log" 2>/dev/null | cut -c1-400
  echo "----- end of logs -----"
}
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  stop "$pg_pid"; stop "$bot_pid"
  if [[ -n "$work" ]]; then
    if [[ "$status" != 0 ]]; then tails; fi
    if [[ "${KEEP_SMOKE_TMP:-}" == 1 || "$status" != 0 ]]; then echo "# kept $work"; else rm -rf "$work"; fi
  fi
  echo "${summary:-0 passed, 1 failed}"
  [[ "$status" == 0 ]] && exit 0 || exit 1
}
trap cleanup EXIT
trap 'exit 1' INT TERM
abort() { echo "FAIL $*"; summary='0 passed, 1 failed'; status=1; exit 1; }

bot_dll=${1:-}
[[ -n "$bot_dll" && -f "$bot_dll" ]] || abort "usage: $0 BOT_DLL (bot dll not found: '${bot_dll}')"
bot_dll=$(cd "$(dirname "$bot_dll")" && pwd)/$(basename "$bot_dll")
[[ -x "$shared/tools/playground/run-playground.sh" || -f "$shared/tools/playground/run-playground.sh" ]] \
  || abort "shared tools not found at $shared/tools"
[[ -d "$shared/tools/node_modules" ]] || abort "shared tools not installed: run bash $shared/tools/setup.sh"
command -v curl >/dev/null || abort "curl is required"

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port_busy "$bot_port" && abort "port $bot_port is already in use (another bot running?); set BOT_PORT"

# ---- bot -------------------------------------------------------------------------------------------------------
work=$(mktemp -d "${TMPDIR:-/tmp}/traam-pg-smoke.XXXXXX") || abort "cannot create a temp dir"
mkdir -p "$work/db" "$work/playground" "$work/cards"
# The playground's people in the directory (same Entra ids as the yml), through the CLI verb operators use.
(
  cd "$(dirname "$bot_dll")" || exit 1
  unset Bot__MicrosoftAppId Bot__MicrosoftAppPassword
  export Database__SqlitePath="$work/db/traam.db"
  dotnet "$bot_dll" import-directory "$here/people.csv"
) >"$work/import.log" 2>&1 || { cat "$work/import.log"; abort "importing tests/e2e/people.csv failed"; }
echo "# directory: $(grep -m1 'Import' "$work/import.log")"
# The next call open beside the working campaign, its window closing in 60 days whatever today's date, and the same
# people candidating in it (tests/e2e/candidacy-scenario.js); SMOKE_NEXT_CALL=0 skips it.
if [[ "${SMOKE_NEXT_CALL:-1}" == 1 ]]; then
  (
    cd "$(dirname "$bot_dll")" || exit 1
    unset Bot__MicrosoftAppId Bot__MicrosoftAppPassword
    export Database__SqlitePath="$work/db/traam.db"
    dotnet "$bot_dll" open-campaign 2027-2028 --submission "$(date -u -d '+60 days' +%Y-%m-%d)" \
      && dotnet "$bot_dll" import-directory "$here/people.csv" --campaign 2027-2028
  ) >"$work/open-call.log" 2>&1 || { cat "$work/open-call.log"; abort "opening the 2027-2028 call failed"; }
  echo "# next call: $(grep -m1 'Campagne' "$work/open-call.log")"
  export SMOKE_NEXT_CALL=1
fi
(
  cd "$(dirname "$bot_dll")" || exit 1
  unset Bot__MicrosoftAppId Bot__MicrosoftAppPassword
  export Database__SqlitePath="$work/db/traam.db" ASPNETCORE_ENVIRONMENT=${ASPNETCORE_ENVIRONMENT:-Production}
  # The bilan's production addresses are on academic sites: this run reaches no site outside the machine.
  export Bilans__CheckAddresses=false
  exec setsid dotnet "$bot_dll" --urls "http://127.0.0.1:$bot_port"
) >"$work/bot.log" 2>&1 &
bot_pid=$!
echo "# bot pid $bot_pid on http://127.0.0.1:$bot_port, database $work/db/traam.db"
health=''
for _ in $(seq 1 120); do
  kill -0 "$bot_pid" 2>/dev/null || abort "the bot exited during startup"
  health=$(curl -fsS --max-time 2 "http://127.0.0.1:$bot_port/health" 2>/dev/null) && break
  health=''
  sleep 0.5
done
[[ -n "$health" ]] || abort "the bot did not answer /health within 60 s"
echo "# bot health: $health"

# ---- playground ------------------------------------------------------------------------------------------------
# run-playground.sh uses $M365_AGENTS_PLAYGROUND_CONFIG_PATH (else the shared teams-ids config) and writes
# ./devTools/m365agentsplayground.log in its working directory: run it from the temp dir with our config copied there.
cp "$here/traam.m365agentsplayground.yml" "$work/playground/traam.m365agentsplayground.yml"
(
  cd "$work/playground" || exit 1
  export M365_AGENTS_PLAYGROUND_CONFIG_PATH="$work/playground/traam.m365agentsplayground.yml"
  exec setsid bash "$shared/tools/playground/run-playground.sh" "http://127.0.0.1:$bot_port/api/messages" "$pg_port"
) >"$work/playground/stdout.log" 2>&1 &
pg_pid=$!
actual=''
for _ in $(seq 1 120); do
  kill -0 "$pg_pid" 2>/dev/null || abort "the playground exited during startup"
  actual=$(sed -n 's/.*Listening on \([0-9][0-9]*\).*/\1/p' "$work/playground/stdout.log" | head -n 1)
  [[ -n "$actual" ]] && curl -fsS --max-time 2 -o /dev/null "http://127.0.0.1:$actual/_internal/v1/config" 2>/dev/null && break
  sleep 0.5
done
[[ -n "$actual" ]] || abort "the playground did not start listening within 60 s"
curl -fsS --max-time 20 -o /dev/null "http://127.0.0.1:$actual/_internal/v1/config" 2>/dev/null \
  || abort "the playground on port $actual does not serve its config"
[[ "$actual" == "$pg_port" ]] || echo "# port $pg_port was busy: the playground listens on $actual"
echo "# playground pid $pg_pid on http://127.0.0.1:$actual (tests/e2e/traam.m365agentsplayground.yml)"

# ---- smoke test ------------------------------------------------------------------------------------------------
SMOKE_CARD_DIR="$work/cards" timeout 600 node "$here/playground-smoke.js" "http://127.0.0.1:$actual" \
  | tee "$work/smoke.log" | grep --line-buffered -Ev '^[0-9]+ passed, [0-9]+ failed$'   # the summary is printed last, by cleanup
smoke_rc=${PIPESTATUS[0]}
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/smoke.log" | tail -n 1)
if [[ -z "$summary" ]]; then
  echo "FAIL the smoke script ended without a summary (exit $smoke_rc)"
  summary='0 passed, 1 failed'; status=1
elif [[ "$smoke_rc" == 0 ]]; then status=0
else status=1
fi
exit "$status"
