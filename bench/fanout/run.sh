#!/usr/bin/env bash
# Fan-out benchmark: 10,000 recipients through two bot processes on PostgreSQL against a fake Connector that enforces
# Teams' limits and injects 5 % 429 and 1 % 503; one process is killed with SIGKILL mid-run and restarted.
#   bash bench/fanout/run.sh [--recipients 10000] [--rate 50] [--instances 2] [--no-kill]
# Takes about recipients / rate seconds (10,000 at 50/s: 3 to 4 minutes). See README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
# shellcheck source=/dev/null
source "$ROOT/.ci/postgres.sh" >/dev/null
dotnet build "$HERE/TraAM.Bot.Bench.Fanout.csproj" -c Release -v q -nologo >/dev/null
FAKE_CONNECTOR="$HERE/fake-connector.mjs" dotnet "$HERE/bin/Release/net10.0/TraAM.Bot.Bench.Fanout.dll" "$@"
