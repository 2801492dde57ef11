#!/usr/bin/env node
// Compare le moteur de modèles de TraAM.Bot au moteur officiel / compares TraAM.Bot's template binder with the
// official engine.
//
//   node tests/cards/compare-templates.js EXPANDED_DIR [--render]
//
// EXPANDED_DIR is the output of `dotnet TraAM.Bot.dll cards expand --out EXPANDED_DIR`: for each template NAME
// (e.g. shared/help) and language LANG (fr, en) it holds NAME.LANG.template.json (the raw template),
// NAME.LANG.data.json (the root data, with the `t` strings catalog) and NAME.LANG.card.json (our binder's output).
// For each triple:
//   1. expands the template with the official npm adaptivecards-templating
//      (new ACData.Template(template).expand({ $root: data })) and deep-compares it, as JSON, with our card.json;
//      the first differing JSON path is reported with both values;
//   2. runs ../shared/tools/cards/cardcheck.js on our card.json (--no-render unless --render): exit 0, 0 errors.
// Prints `ok   NAME.LANG …` or `FAIL NAME.LANG reason` per triple, then `N passed, M failed`.
// Exit 1 if anything failed or if the directory holds no cards; 2 on bad usage.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

// Repo at /work/main, shared tools at /work/shared/tools: ../shared relative to the repo.
const SHARED_TOOLS = process.env.TRAAM_SHARED_TOOLS || path.resolve(__dirname, '../../../shared/tools');
const MODULES = path.join(SHARED_TOOLS, 'node_modules');
const CARDCHECK = path.join(SHARED_TOOLS, 'cards', 'cardcheck.js');

function loadTemplating() {
  try {
    return require(path.join(MODULES, 'adaptivecards-templating'));
  } catch (e) {
    console.error(`adaptivecards-templating introuvable / not found under ${MODULES}: run bash ../shared/tools/setup.sh (${e.message})`);
    process.exit(2);
  }
}

// ---- discovery -------------------------------------------------------------------------------------------------
const KINDS = ['template', 'data', 'card'];
const FILE_RE = /^(.+)\.([a-z]{2}(?:-[A-Za-z]{2})?)\.(template|data|card)\.json$/;

function walk(dir, rel = '', out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) walk(path.join(dir, entry.name), r, out);
    else if (entry.isFile()) out.push(r);
  }
  return out;
}

function discover(dir) {
  const groups = new Map(); // "NAME.LANG" -> { name, lang, files: { template, data, card } }
  for (const rel of walk(dir)) {
    const m = FILE_RE.exec(rel);
    if (!m) continue;
    const key = `${m[1]}.${m[2]}`;
    if (!groups.has(key)) groups.set(key, { key, name: m[1], lang: m[2], files: {} });
    groups.get(key).files[m[3]] = path.join(dir, rel);
  }
  return [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

// ---- structural comparison ---------------------------------------------------------------------------------------
const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const child = (p, k) => (IDENT.test(k) ? `${p}.${k}` : `${p}[${JSON.stringify(k)}]`);
const kindOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function show(v) {
  if (v === undefined) return '<absent>';
  const s = JSON.stringify(v);
  return s.length > 160 ? s.slice(0, 157) + '…' : s;
}

// Returns null when equal, else { path, ours, official } for the first difference (document order of ours, then
// keys only the official output has).
function firstDifference(ours, official, p = '$') {
  const ko = kindOf(ours), kf = kindOf(official);
  if (ko !== kf) return { path: p, ours, official };
  if (ko === 'array') {
    const n = Math.min(ours.length, official.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(ours[i], official[i], `${p}[${i}]`);
      if (d) return d;
    }
    if (ours.length !== official.length) {
      const i = n;
      return { path: `${p}[${i}]`, ours: ours[i], official: official[i], note: `array length ${ours.length} vs ${official.length}` };
    }
    return null;
  }
  if (ko === 'object') {
    const keys = [...Object.keys(ours), ...Object.keys(official).filter((k) => !Object.prototype.hasOwnProperty.call(ours, k))];
    for (const k of keys) {
      const d = firstDifference(ours[k], official[k], child(p, k));
      if (d) return d;
    }
    return null;
  }
  return Object.is(ours, official) || ours === official ? null : { path: p, ours, official };
}

// ---- checks ------------------------------------------------------------------------------------------------------
function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
}

function compare(ACData, group) {
  const template = readJson(group.files.template);
  const data = readJson(group.files.data);
  const ours = readJson(group.files.card);
  let official;
  try {
    official = new ACData.Template(template).expand({ $root: data });
  } catch (e) {
    return `official engine threw: ${e.message}`;
  }
  // What goes on the wire is JSON: drop undefined members the same way the bot's serializer would.
  official = JSON.parse(JSON.stringify(official === undefined ? null : official));
  const d = firstDifference(ours, official);
  if (!d) return null;
  return `differs at ${d.path}${d.note ? ` (${d.note})` : ''}: ours ${show(d.ours)} ≠ official ${show(d.official)}`;
}

function cardcheck(group, render, renderDir) {
  const args = [CARDCHECK, group.files.card];
  if (render) args.push('--out', renderDir);
  else args.push('--no-render');
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  let report = null;
  try { report = JSON.parse(r.stdout); } catch { /* reported below */ }
  if (r.error) return { failure: `cardcheck could not run: ${r.error.message}` };
  if (!report) return { failure: `cardcheck exit ${r.status}, no JSON report: ${(r.stderr || r.stdout || '').trim().split('\n').slice(-1)[0]}` };
  const errors = report.errors || [], warnings = report.warnings || [];
  if (r.status !== 0 || errors.length) {
    const listed = errors.slice(0, 3).map((e) => `${e.code}: ${e.message}${e.where ? ` (${e.where})` : ''}`).join('; ');
    return { failure: `cardcheck exit ${r.status}, ${errors.length} error(s)${listed ? ` — ${listed}${errors.length > 3 ? '; …' : ''}` : ''}` };
  }
  const renderNote = render && report.render ? (report.render.error ? `, render error: ${report.render.error}` : ', rendered') : '';
  return { summary: `cardcheck 0 errors, ${warnings.length} warning(s)${warnings.length ? ` [${warnings.map((w) => w.code).join(', ')}]` : ''}${renderNote}` };
}

function main() {
  const args = process.argv.slice(2);
  const dir = args.find((a) => !a.startsWith('--'));
  const render = args.includes('--render');
  if (!dir) {
    console.error('usage : node tests/cards/compare-templates.js DOSSIER_DEVELOPPE [--render]');
    console.error('usage: node tests/cards/compare-templates.js EXPANDED_DIR [--render]');
    process.exit(2);
  }
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    console.log(`FAIL ${dir} dossier introuvable / directory not found`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (!fs.existsSync(CARDCHECK)) {
    console.error(`cardcheck.js introuvable / not found: ${CARDCHECK}`);
    process.exit(2);
  }
  const ACData = loadTemplating();
  const renderDir = render ? fs.mkdtempSync(path.join(os.tmpdir(), 'traam-cards-render-')) : null;

  const groups = discover(dir);
  let passed = 0, failed = 0;
  const fail = (key, reason) => { failed++; console.log(`FAIL ${key} ${reason}`); };

  if (!groups.some((g) => g.files.card)) {
    fail(dir, 'aucune carte développée / no expanded cards (*.LANG.card.json)');
  }
  for (const g of groups) {
    const missing = KINDS.filter((k) => !g.files[k]);
    if (missing.length) { fail(g.key, `missing ${missing.map((k) => `${g.key}.${k}.json`).join(', ')}`); continue; }
    let diff;
    try { diff = compare(ACData, g); } catch (e) { fail(g.key, `unreadable JSON: ${e.message}`); continue; }
    if (diff) { fail(g.key, diff); continue; }
    const check = cardcheck(g, render, renderDir);
    if (check.failure) { fail(g.key, `same as adaptivecards-templating, but ${check.failure}`); continue; }
    passed++;
    console.log(`ok   ${g.key} same as adaptivecards-templating; ${check.summary}`);
  }
  if (renderDir) console.log(`# rendus / renders: ${renderDir}`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

main();
