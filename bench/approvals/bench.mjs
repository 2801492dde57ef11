#!/usr/bin/env node
// Inspectors deciding on candidacies, through /api/messages with real channel tokens (bench/inbound/fake.mjs):
//   node bench.mjs --url http://127.0.0.1:3978/api/messages --fake http://127.0.0.1:5100 --plan plan.json [--out result.json]
// plan.json (written by run.sh from the database): { "referents": [{aad, teamId}], "inspectors": [{aad, candidacies: [id…]}] }
// Phase 1 (not measured): every referent submits the team's candidacy (Action.Execute candidacy.submit), 8 at a time.
// Warm-up (not measured): three views per inspector. Phase 2 (measured): one worker per inspector, all at once. For each candidacy of their académie and discipline, in
// their own random order, the inspector's client refreshes the card (candidacy.view) then decides (candidacy.decide:
// approve, or request changes with a comment). Two inspectors share each académie × discipline, so they race on the
// same candidacies as colleagues do. Latency = HTTP answer − send, per invoke; throughput = invokes / phase duration.
// Valid only if every invoke got 200 with a card, and (checked by run.sh in the database) each candidacy got exactly one
// decision. Prints one human line on stderr and the JSON result on stdout.
import http from 'node:http';
import fs from 'node:fs';

const argv = process.argv.slice(2);
const arg = (k, d) => { const i = argv.indexOf('--' + k); return i >= 0 ? argv[i + 1] : d; };
const URL_ = new URL(arg('url', 'http://127.0.0.1:3978/api/messages'));
const FAKE = arg('fake', 'http://127.0.0.1:5100');
const plan = JSON.parse(fs.readFileSync(arg('plan', 'plan.json'), 'utf8'));
const phase = arg('phase', 'both');
const APP_ID = arg('app-id', '11111111-2222-3333-4444-555555555555');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TAG = `appr-${Date.now().toString(36)}`;

const { token } = await (await fetch(`${FAKE}/_bench/token`, { method: 'POST' })).json();
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let seq = 0;

function invoke(person, verb, data) {
  const id = `${TAG}.${++seq}`;
  const body = Buffer.from(JSON.stringify({
    type: 'invoke', name: 'adaptiveCard/action', id, timestamp: new Date().toISOString(), channelId: 'msteams',
    serviceUrl: `${FAKE}/connector`, locale: 'fr-FR',
    from: { id: `29:${person.aad}`, name: 'Bench', aadObjectId: person.aad },
    conversation: { id: `a:${person.aad}`, conversationType: 'personal', tenantId: TENANT },
    recipient: { id: `28:${APP_ID}`, name: 'TraAM.Bot' }, channelData: { tenant: { id: TENANT } }, replyToId: `card-${id}`,
    value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: verb === 'candidacy.view' ? 'automatic' : 'manual' },
  }));
  const t0 = performance.now();
  return new Promise((resolve) => {
    const req = http.request({ host: URL_.hostname, port: URL_.port, path: URL_.pathname, method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'content-length': body.length } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - t0, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', () => resolve({ status: -1, ms: performance.now() - t0, body: '' }));
    });
    req.setTimeout(30000, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve({ status: -1, ms: performance.now() - t0, body: '' }));
    req.end(body);
  });
}

const problems = [];
const isCard = (r) => r.status === 200 && r.body.includes('application/vnd.microsoft.card.adaptive');

async function pool(items, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < items.length) await fn(items[next++]); }));
}

if (phase !== 'decide') {
  const answers = { title: 'Projet de banc d\'essai', summary: 'Les élèves produisent un scénario.', productions: 'scenarios', levels: '4e', year: '1' };
  await pool(plan.referents, 8, async (r) => {
    const res = await invoke(r, 'candidacy.submit', { subject: String(r.teamId), version: '0', ...answers });
    if (!isCard(res) || !res.body.includes('version 1')) problems.push(`submit team ${r.teamId}: ${res.status} ${res.body.slice(0, 200)}`);
  });
  console.error(`[approvals] ${plan.referents.length} candidacies submitted`);
}

const views = [], decisions = [];
let started = 0, ended = 0;
if (phase !== 'submit') {
  // Not measured: a running bot has served these paths before (JIT, connection pools, EF Core's compiled queries); a
  // fresh process would put its warm-up into the inspectors' p99. Views only: nothing is decided here.
  await pool(plan.inspectors.flatMap((i) => i.candidacies.slice(0, 3).map((id) => [i, id])), 20,
    ([i, id]) => invoke(i, 'candidacy.view', { candidacyId: String(id) }));
  started = performance.now();
  await Promise.all(plan.inspectors.map(async (inspector) => {
    const mine = [...inspector.candidacies].sort(() => Math.random() - 0.5);
    for (const id of mine) {
      const view = await invoke(inspector, 'candidacy.view', { candidacyId: String(id) });
      views.push(view.ms);
      if (!isCard(view)) { problems.push(`view ${id}: ${view.status} ${view.body.slice(0, 200)}`); continue; }
      const changes = Math.random() < 0.25;
      const decided = await invoke(inspector, 'candidacy.decide', {
        candidacyId: String(id), version: '1', decision: changes ? 'changes' : 'approve', comment: changes ? 'Précisez les niveaux concernés.' : '',
      });
      decisions.push(decided.ms);
      if (!isCard(decided)) problems.push(`decide ${id}: ${decided.status} ${decided.body.slice(0, 200)}`);
    }
  }));
  ended = performance.now();
}

const pct = (xs, p) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)].toFixed(1); };
const all = [...views, ...decisions];
const seconds = (ended - started) / 1000;
const result = {
  inspectors: plan.inspectors.length, candidacies: plan.referents.length, invokes: all.length, seconds: +seconds.toFixed(2),
  invokesPerS: seconds > 0 ? +(all.length / seconds).toFixed(1) : null,
  all: { p50: pct(all, 50), p90: pct(all, 90), p99: pct(all, 99), max: pct(all, 100) },
  view: { p50: pct(views, 50), p99: pct(views, 99) }, decide: { p50: pct(decisions, 50), p99: pct(decisions, 99) },
  problems: problems.slice(0, 20), problemCount: problems.length,
};
console.error(`[approvals] ${result.invokes} invokes in ${result.seconds} s (${result.invokesPerS}/s), p50 ${result.all.p50} ms, p99 ${result.all.p99} ms, ${problems.length} problems`);
console.log(JSON.stringify(result));
process.exit(problems.length ? 1 : 0);
