#!/usr/bin/env bash
# Vérifie les cartes et le paquet Teams d'un bot construit / checks the cards and the Teams package of a built bot.
#
#   bash tests/cards/run-card-checks.sh BOT_DLL
#
# 1. dotnet BOT_DLL cards expand --out TMP      (the dll's folder holds the cards/ copied at build)
# 2. tests/cards/compare-templates.js TMP       (our binder = official adaptivecards-templating; cardcheck clean)
# 3. ../shared/tools/manifest/validate-manifest.js manifest/manifest.json
# 4. manifest/build-package.sh 11111111-2222-3333-4444-555555555555 TMP.zip, and the zip holds the 4 files, flat
# One line per check (`ok   …` / `FAIL …`), last line `N passed, M failed`; exit 0 only if nothing failed.
set -uo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/../.." && pwd)"
shared="$repo/../shared"

if [[ $# -lt 1 ]]; then
  echo "Usage : bash tests/cards/run-card-checks.sh CHEMIN/TraAM.Bot.dll" >&2
  echo "Usage: bash tests/cards/run-card-checks.sh PATH/TraAM.Bot.dll" >&2
  exit 2
fi
bot_dll="$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")"
if [[ ! -f "$bot_dll" ]]; then
  echo "Erreur : $1 introuvable. / Error: $1 not found." >&2
  exit 2
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
passed=0
failed=0
ok() { passed=$((passed + 1)); echo "ok   $*"; }
fail() { failed=$((failed + 1)); echo "FAIL $*"; }
last_line() { tail -n 1 "$1" | tr -d '\r'; }

# 1. Expand every template with its sample data, in each language (cwd = tmp: nothing is written in the repo).
expanded="$tmp/expanded"
if (cd "$tmp" && dotnet "$bot_dll" cards expand --out "$expanded") >"$tmp/expand.log" 2>&1; then
  ok "cards expand: $(last_line "$tmp/expand.log")"

  # 2. Official engine comparison + cardcheck, one line per card.
  node "$script_dir/compare-templates.js" "$expanded" >"$tmp/compare.log" 2>&1
  compare_rc=$?
  summary="$(last_line "$tmp/compare.log")"
  if [[ "$summary" =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
    sed '$d' "$tmp/compare.log"
    passed=$((passed + BASH_REMATCH[1]))
    failed=$((failed + BASH_REMATCH[2]))
    if [[ $compare_rc -ne 0 && ${BASH_REMATCH[2]} -eq 0 ]]; then fail "compare-templates.js exit $compare_rc"; fi
  else
    cat "$tmp/compare.log"
    fail "compare-templates.js exit $compare_rc, no summary line"
  fi
else
  sed 's/^/    /' "$tmp/expand.log"
  fail "cards expand: dotnet $bot_dll cards expand exited non-zero"
fi

# 3. The manifest as committed (placeholder id), against the official schema of its manifestVersion.
if node "$shared/tools/manifest/validate-manifest.js" "$repo/manifest/manifest.json" >"$tmp/manifest.log" 2>&1; then
  ok "manifest/manifest.json valid ($(node -e 'const m=require(process.argv[1]);console.log("manifestVersion "+m.manifestVersion)' "$repo/manifest/manifest.json"))"
else
  sed 's/^/    /' "$tmp/manifest.log"
  fail "manifest/manifest.json invalid"
fi

# 4. The package, with a real-looking app id.
zip_file="$tmp/traam-bot.zip"
if bash "$repo/manifest/build-package.sh" 11111111-2222-3333-4444-555555555555 "$zip_file" >"$tmp/package.log" 2>&1 && [[ -f "$zip_file" ]]; then
  ok "manifest/build-package.sh: $(basename "$zip_file") built and validated"
  if command -v unzip >/dev/null 2>&1; then
    entries="$(unzip -Z1 "$zip_file" 2>/dev/null | sort | tr '\n' ' ')"
  else
    entries="$(python3 -c 'import sys, zipfile; print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))' "$zip_file" 2>/dev/null | sort | tr '\n' ' ')"
  fi
  expected="color.png en.json manifest.json outline.png "
  if [[ "$entries" == "$expected" ]]; then
    ok "package holds 4 files, flat: ${entries% }"
  else
    fail "package should hold exactly '${expected% }', holds '${entries% }'"
  fi
else
  sed 's/^/    /' "$tmp/package.log"
  fail "manifest/build-package.sh failed"
fi

echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
