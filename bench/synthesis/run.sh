#!/usr/bin/env bash
# Synthesis benchmark: a theme of 120 teams over a full year through the synthesis engine (compose + chart + Word).
#   bash bench/synthesis/run.sh [teams] [--keep]     (--keep writes synthesis-bench.docx in the current folder)
# On demand, never in CI (CI only builds it). Needs no database. See README.md.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
dotnet build "$HERE/TraAM.Bot.Bench.Synthesis.csproj" -c Release -v q -nologo >/dev/null
# /usr/bin/time reports the peak resident memory as the kernel saw it, beside the process's own figure.
if [ -x /usr/bin/time ]; then
  /usr/bin/time -f "max resident set (kernel): %M KiB" dotnet "$HERE/bin/Release/net10.0/TraAM.Bot.Bench.Synthesis.dll" "$@"
else
  dotnet "$HERE/bin/Release/net10.0/TraAM.Bot.Bench.Synthesis.dll" "$@"
fi
