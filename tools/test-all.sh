#!/usr/bin/env bash
# Every test suite of TraAM.Bot, from a fresh clone with ../shared beside it: the command the README gives.
# Installs what it needs (shared npm tools, Chromium, a private PostgreSQL), builds once in Release, then runs:
#   unit tests · integration tests (real PostgreSQL) · Bot Framework auth probe · card templates vs the official
#   engine + Adaptive Card checker + manifest validator · Agents Playground smoke run.
# Last line: "N passed, M failed" over all suites. Exit 0 only when nothing failed and every suite reported.
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
shared="$repo/../shared"
out=$(mktemp -d /tmp/traam-tests.XXXXXX)
passed=0; failed=0; skipped=0; summary=()

tally() { # name passed failed [skipped]
  passed=$((passed + $2)); failed=$((failed + $3)); skipped=$((skipped + ${4:-0}))
  summary+=("$(printf '%-28s %5s passed, %s failed%s' "$1" "$2" "$3" "$( [ "${4:-0}" != 0 ] && echo ", $4 skipped")")")
}

# "N passed, M failed" on the last matching line of a log; a suite that printed none counts as one failure.
tally_log() { # name logfile exitcode
  local line; line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$2" | tail -n 1)
  if [ -z "$line" ]; then echo "!! $1 printed no summary (exit $3); see $2"; tally "$1" 0 1; return; fi
  local p f; p=$(sed -E 's/^([0-9]+) passed.*/\1/' <<<"$line"); f=$(sed -E 's/^[0-9]+ passed, ([0-9]+) failed.*/\1/' <<<"$line")
  [ "$3" != 0 ] && [ "$f" = 0 ] && f=1
  tally "$1" "$p" "$f"
}

# dotnet test prints "Passed!  - Failed: 0, Passed: 143, Skipped: 0, Total: 143".
tally_dotnet() { # name logfile exitcode
  local line; line=$(grep -E '(Passed|Failed|Skipped)! +- +Failed: ' "$2" | tail -n 1)
  if [ -z "$line" ]; then echo "!! $1 did not run (exit $3); see $2"; tally "$1" 0 1; return; fi
  local f p s
  f=$(sed -E 's/.*Failed: +([0-9]+).*/\1/' <<<"$line"); p=$(sed -E 's/.*Passed: +([0-9]+).*/\1/' <<<"$line"); s=$(sed -E 's/.*Skipped: +([0-9]+).*/\1/' <<<"$line")
  # On CI a skipped test is a suite that did not really run.
  if [ "${CI:-}" = true ] && [ "$s" != 0 ]; then f=$((f + s)); s=0; fi
  # A runner that crashed after its summary (or exited non-zero for any other reason) is a failed suite.
  [ "$3" != 0 ] && [ "$f" = 0 ] && f=1
  tally "$1" "$p" "$f" "$s"
}

step() { echo; echo "== $*"; }

step "Shared tools (npm packages, Chromium)"
bash "$shared/tools/setup.sh" || { echo "shared tools setup failed"; echo "0 passed, 1 failed"; exit 1; }

step "PostgreSQL"
# shellcheck source=/dev/null
source "$repo/.ci/postgres.sh" || { echo "PostgreSQL did not start"; echo "0 passed, 1 failed"; exit 1; }

step "Build (Release, warnings as errors)"
if ! dotnet build TraAM.Bot.sln -c Release -nologo -v q > "$out/build.log" 2>&1; then
  grep -E 'error' "$out/build.log" | sort -u | head -40
  echo "0 passed, 1 failed"; exit 1
fi
bot_dll="$repo/src/TraAM.Bot/bin/Release/net10.0/TraAM.Bot.dll"

step "Unit tests"
dotnet test tests/TraAM.Bot.Tests -c Release --no-build -nologo > "$out/unit.log" 2>&1; rc=$?
grep -E '^\s+Failed |Error Message|Passed!|Failed!' "$out/unit.log" | head -40
tally_dotnet "unit" "$out/unit.log" $rc

step "Integration tests (PostgreSQL)"
dotnet test tests/TraAM.Bot.IntegrationTests -c Release --no-build -nologo > "$out/integration.log" 2>&1; rc=$?
grep -E '^\s+Failed |Error Message|Passed!|Failed!|Skipped!' "$out/integration.log" | head -40
# The bot's own log lines of each failing test (TestOutputLoggerProvider), so the failure explains itself here.
awk '/^  Failed /{name=$2} /^(Passed|Failed)!/{show=0}
     /^  Standard Output Messages:/{show=1; n=0; print "-- bot log of " name; next}
     show && /^  (Failed|Passed|Skipped) /{show=0}
     show && n++ < 80' "$out/integration.log"
tally_dotnet "integration" "$out/integration.log" $rc

step "Bot Framework auth probe (Microsoft's validator as reference)"
(
  export Bot__MicrosoftAppId=11111111-2222-3333-4444-555555555555 Bot__MicrosoftAppPassword=test-secret \
    Bot__OpenIdMetadataUrl=http://127.0.0.1:5100/botframework/v1/.well-known/openidconfiguration \
    Bot__TokenEndpoint=http://127.0.0.1:5100/aad/botframework.com/oauth2/v2.0/token \
    Bot__AllowedServiceUrls__0=http://127.0.0.1:5100/connector Database__SqlitePath="$out/probe/traam.db"
  bash "$shared/tools/auth/run-auth-probe.sh" --bot-url http://127.0.0.1:3978/api/messages \
    --bot-cmd "dotnet $bot_dll --urls http://127.0.0.1:3978"
) > "$out/probe.log" 2>&1; rc=$?
grep -E '^(ok|DIFF)|passed' "$out/probe.log"
tally_log "auth probe" "$out/probe.log" $rc

step "Card templates: our binder vs adaptivecards-templating, card checker, manifest"
bash tests/cards/run-card-checks.sh "$bot_dll" > "$out/cards.log" 2>&1; rc=$?
grep -E '^(ok|FAIL)|passed' "$out/cards.log"
tally_log "cards + manifest" "$out/cards.log" $rc

step "Agents Playground smoke run (local mode)"
bash tests/e2e/run-playground-smoke.sh "$bot_dll" > "$out/playground.log" 2>&1; rc=$?
grep -E '^(ok|FAIL)|passed' "$out/playground.log"
tally_log "playground" "$out/playground.log" $rc

step "Summary (logs in $out)"
printf '%s\n' "${summary[@]}"
if [ "$skipped" != 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
[ "$failed" = 0 ]
