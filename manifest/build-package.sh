#!/usr/bin/env bash
# Construit le paquet d'application Teams de TraAM.Bot / builds the TraAM.Bot Teams app package.
#
#   manifest/build-package.sh [APP_ID] [OUT_ZIP]
#
# APP_ID  : identifiant d'application Entra du bot (GUID), par défaut $Bot__MicrosoftAppId
#           the bot's Entra app id (GUID), defaults to $Bot__MicrosoftAppId
# OUT_ZIP : par défaut / default manifest/build/traam-bot.zip
#
# Remplace l'identifiant fictif (id et bots[0].botId), valide le manifeste avec ../shared/tools/manifest/validate-manifest.js
# et en.json avec le schéma de localisation de la même version, puis zippe à plat manifest.json, en.json, color.png,
# outline.png. Codes de sortie : 0 succès, 1 validation ou empaquetage en échec, 2 usage (GUID invalide).
# Replaces the placeholder id (id and bots[0].botId), validates the manifest with the shared validator and en.json
# with the localization schema of the same version, then zips the 4 files flat. Exit: 0 ok, 1 failure, 2 usage.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$script_dir/.." && pwd)"
shared="$repo/../shared"
tools_modules="$shared/tools/node_modules"
placeholder="00000000-0000-0000-0000-000000000000"

app_id="${1:-${Bot__MicrosoftAppId:-}}"
out_zip="${2:-$repo/manifest/build/traam-bot.zip}"

if ! [[ "$app_id" =~ ^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$ ]]; then
  echo "Erreur : l'identifiant d'application « ${app_id} » n'est pas un GUID (argument 1 ou variable Bot__MicrosoftAppId)." >&2
  echo "Error: the app id \"${app_id}\" is not a GUID (argument 1 or the Bot__MicrosoftAppId variable)." >&2
  echo "Usage : manifest/build-package.sh [APP_ID] [OUT_ZIP]" >&2
  exit 2
fi
if [[ "$app_id" == "$placeholder" ]]; then
  echo "Erreur : l'identifiant fictif $placeholder ne peut pas être empaqueté." >&2
  echo "Error: the placeholder id $placeholder cannot be packaged." >&2
  exit 2
fi

for f in manifest.json en.json color.png outline.png; do
  if [[ ! -f "$script_dir/$f" ]]; then
    echo "Erreur : manifest/$f introuvable (icônes : python3 manifest/make-icons.py)." >&2
    echo "Error: manifest/$f not found (icons: python3 manifest/make-icons.py)." >&2
    exit 1
  fi
done
if [[ ! -d "$tools_modules" ]]; then
  echo "Erreur : $tools_modules absent ; lancer bash ../shared/tools/setup.sh." >&2
  echo "Error: $tools_modules missing; run bash ../shared/tools/setup.sh." >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Identifiant fictif -> vrai identifiant, dans id et bots[0].botId (JSON réécrit, pas de sed sur le texte).
APP_ID="$app_id" PLACEHOLDER="$placeholder" SRC="$script_dir/manifest.json" DST="$work/manifest.json" node -e '
const fs = require("fs");
const m = JSON.parse(fs.readFileSync(process.env.SRC, "utf8"));
if (m.id !== process.env.PLACEHOLDER || !m.bots || !m.bots[0] || m.bots[0].botId !== process.env.PLACEHOLDER) {
  console.error("Erreur : manifest.json doit porter l’identifiant fictif dans id et bots[0].botId.");
  console.error("Error: manifest.json must carry the placeholder id in id and bots[0].botId.");
  process.exit(1);
}
m.id = process.env.APP_ID;
m.bots[0].botId = process.env.APP_ID;
fs.writeFileSync(process.env.DST, JSON.stringify(m, null, 2) + "\n");
'
cp "$script_dir/en.json" "$script_dir/color.png" "$script_dir/outline.png" "$work/"

if ! node "$shared/tools/manifest/validate-manifest.js" "$work/manifest.json" >"$work.validate.log" 2>&1; then
  cat "$work.validate.log" >&2; rm -f "$work.validate.log"
  echo "Erreur : le manifeste n'est pas valide. / Error: the manifest is not valid." >&2
  exit 1
fi
rm -f "$work.validate.log"

# Fichiers de langue : schéma de localisation de la même version, et chaque clé doit désigner une chaîne du manifeste.
# Language files: localization schema of the same version, and every key must point at a string of the manifest.
if ! MODULES="$tools_modules" DIR="$work" node -e '
const fs = require("fs"), path = require("path");
const req = (m) => require(path.join(process.env.MODULES, m));
const Ajv04 = req("ajv-draft-04"), addFormats = req("ajv-formats");
const root = path.join(process.env.MODULES, "@microsoft/app-manifest/build/json-schemas/teams");
const load = (f) => JSON.parse(fs.readFileSync(f, "utf8").replace(/^\uFEFF/, "").replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
const manifest = load(path.join(process.env.DIR, "manifest.json"));
const schemaFile = path.join(root, "v" + manifest.manifestVersion, "MicrosoftTeams.Localization.schema.json");
// unicodeRegExp false: the official localization schema has patterns such as "\\b]" that are only valid without the
// u flag (JSON Schema patterns are ECMA-262 regexes; Teams does not use the u flag either).
const ajv = new Ajv04({ allErrors: true, strict: false, strictTypes: false, unicodeRegExp: false });
addFormats(ajv, ["uri", "email", "regex"]);
const validate = ajv.compile(load(schemaFile));
const lookup = (obj, key) => key.split(".").reduce((o, part) => {
  if (o === undefined) return undefined;
  const m = /^([^\[]+)((?:\[\d+\])*)$/.exec(part);
  if (!m) return undefined;
  let v = o[m[1]];
  for (const idx of m[2].match(/\d+/g) || []) v = v === undefined ? undefined : v[Number(idx)];
  return v;
}, obj);
const errors = [];
for (const lang of (manifest.localizationInfo && manifest.localizationInfo.additionalLanguages) || []) {
  const file = path.join(process.env.DIR, lang.file);
  if (!fs.existsSync(file)) { errors.push(`${lang.file}: introuvable / not found`); continue; }
  const loc = load(file);
  if (!validate(loc)) for (const e of validate.errors) errors.push(`${lang.file}: schema ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  for (const key of Object.keys(loc)) {
    if (key === "$schema" || key === "localizationKeys") continue;
    if (typeof lookup(manifest, key) !== "string") errors.push(`${lang.file}: ${key} ne désigne aucune chaîne du manifeste / points at no string of the manifest`);
  }
}
if (errors.length) { for (const e of errors) console.error(e); process.exit(1); }
'; then
  echo "Erreur : un fichier de langue n'est pas valide. / Error: a language file is not valid." >&2
  exit 1
fi

mkdir -p "$(dirname "$out_zip")"
out_abs="$(cd "$(dirname "$out_zip")" && pwd)/$(basename "$out_zip")"
rm -f "$out_abs"
if command -v zip >/dev/null 2>&1; then
  (cd "$work" && zip -q -X "$out_abs" manifest.json en.json color.png outline.png)
else
  (cd "$work" && python3 -m zipfile -c "$out_abs" manifest.json en.json color.png outline.png)
fi
echo "Paquet Teams prêt / Teams package ready: $out_abs (id $app_id)"
