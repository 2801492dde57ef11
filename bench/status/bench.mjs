#!/usr/bin/env node
// "statut" for a TN3 expert whose theme has 120 teams × 8 rounds of answers, through /api/messages with real channel
// tokens (bench/inbound/fake.mjs). Node built-ins only.
//   node bench.mjs --url http://127.0.0.1:3982/api/messages --fake http://127.0.0.1:5182 --expert <aad> [--messages 300]
//        [--concurrency 4] [--invokes 150]
// Warm-up (not measured): 20 messages. Then, measured:
//   1. messages "statut" (closed loop, C at a time): the bot validates the token, reads the status, renders the table
//      and POSTs it to the Connector (the fake checks the bot's app token) before answering 200: latency = the HTTP answer;
//   2. invokes "Actualiser" (Action.Execute status.show, page 1): the card is the HTTP answer;
//   3. one invoke per page ("Suivant"), to size every page of the table.
// Valid only if every message got 200 and exactly one card reply at the Connector, and every invoke 200 with a card.
// Prints one human line on stderr and the JSON result on stdout.
import http from 'node:http';

const argv = process.argv.slice(2);
const arg = (k, d) => { const i = argv.indexOf('--' + k); return i >= 0 ? argv[i + 1] : d; };
const URL_ = new URL(arg('url', 'http://127.0.0.1:3982/api/messages'));
const FAKE = arg('fake', 'http://127.0.0.1:5182');
const EXPERT = arg('expert');
const MESSAGES = parseInt(arg('messages', '300'), 10);
const INVOKES = parseInt(arg('invokes', '150'), 10);
const C = parseInt(arg('concurrency', '4'), 10);
const APP_ID = arg('app-id', '11111111-2222-3333-4444-555555555555');
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const TAG = `stat-${Date.now().toString(36)}`;
if (!EXPERT) { console.error('--expert <Entra id> is required'); process.exit(2); }

const { token } = await (await fetch(`${FAKE}/_bench/token`, { method: 'POST' })).json();
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
let seq = 0;

function post(activity) {
  const body = Buffer.from(JSON.stringify(activity));
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

const base = (id) => ({
  id, timestamp: new Date().toISOString(), channelId: 'msteams', serviceUrl: `${FAKE}/connector`, locale: 'fr-FR',
  from: { id: `29:${EXPERT}`, name: 'Léa Petit', aadObjectId: EXPERT },
  conversation: { id: `a:${EXPERT}`, conversationType: 'personal', tenantId: TENANT },
  recipient: { id: `28:${APP_ID}`, name: 'TraAM.Bot' }, channelData: { tenant: { id: TENANT } },
});
const message = (prefix) => post({ ...base(`${prefix}.${++seq}`), type: 'message', text: 'statut', textFormat: 'plain' });
const invoke = (page) => post({
  ...base(`${TAG}-inv.${++seq}`), type: 'invoke', name: 'adaptiveCard/action', replyToId: 'card-1',
  value: { action: { type: 'Action.Execute', verb: 'status.show', data: { verb: 'status.show', filter: '', page: String(page) } }, trigger: 'manual' },
});

const problems = [];
const cardOf = (r) => { try { const b = JSON.parse(r.body); return b.type === 'application/vnd.microsoft.card.adaptive' ? b.value : null; } catch { return null; } };
async function pool(n, width, fn) {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < n) { next++; await fn(); } }));
}
const pct = (xs, p) => { if (!xs.length) return null; const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)].toFixed(1); };
const stats = async (prefix) => (await fetch(`${FAKE}/_bench/stats?prefix=${encodeURIComponent(prefix)}`)).json();

// Warm-up: a running bot has served this path before (JIT, pools, EF Core's compiled model).
await pool(20, 2, () => message(`warm-${TAG}`)); // a prefix of its own: the stats below count the measured replies only

const msg = [];
let t0 = performance.now();
await pool(MESSAGES, C, async () => {
  const r = await message(TAG);
  msg.push(r.ms);
  if (r.status !== 200) problems.push(`message: ${r.status} ${r.body.slice(0, 200)}`);
});
const msgSeconds = (performance.now() - t0) / 1000;
await new Promise((r) => setTimeout(r, 600)); // the fake drains its record every 250 ms
const connector = await stats(TAG);
if (connector.cards !== MESSAGES) problems.push(`${connector.cards} card replies at the Connector for ${MESSAGES} messages`);
if (connector.authFailures) problems.push(`${connector.authFailures} replies without a valid app token`);

const inv = [];
let cardBytes = 0;
t0 = performance.now();
await pool(INVOKES, C, async () => {
  const r = await invoke(1);
  inv.push(r.ms);
  const card = cardOf(r);
  if (r.status !== 200 || !card) problems.push(`invoke: ${r.status} ${r.body.slice(0, 200)}`);
  else cardBytes = Buffer.byteLength(JSON.stringify(card));
});
const invSeconds = (performance.now() - t0) / 1000;

// Every page of the table, as "Suivant" walks them: each one's size, and the teams it lists.
const pages = [];
for (let page = 1; page <= 20; page++) {
  const card = cardOf(await invoke(page));
  if (!card) { problems.push(`page ${page}: no card`); break; }
  const table = card.body.find((b) => b.type === 'Table');
  pages.push({ page, bytes: Buffer.byteLength(JSON.stringify(card)), rows: table.rows.length - 1 });
  if (!(card.actions || []).some((a) => a.title === 'Suivant')) break;
}

const result = {
  messages: msg.length, concurrency: C, messageSeconds: +msgSeconds.toFixed(2), messagesPerS: +(msg.length / msgSeconds).toFixed(1),
  message: { p50: pct(msg, 50), p90: pct(msg, 90), p99: pct(msg, 99), max: pct(msg, 100) },
  replyBytesAvg: connector.replies ? Math.round(connector.bytes / connector.replies) : null,
  invokes: inv.length, invokesPerS: +(inv.length / invSeconds).toFixed(1),
  invoke: { p50: pct(inv, 50), p90: pct(inv, 90), p99: pct(inv, 99), max: pct(inv, 100) },
  cardBytes, pages, teamsListed: pages.reduce((s, p) => s + p.rows, 0),
  problems: problems.slice(0, 20), problemCount: problems.length,
};
console.error(`[status] ${result.messages} messages (${result.messagesPerS}/s, p50 ${result.message.p50} ms, p99 ${result.message.p99} ms), `
  + `${result.invokes} invokes (p99 ${result.invoke.p99} ms), card ${cardBytes} bytes, ${problems.length} problems`);
console.log(JSON.stringify(result));
process.exit(problems.length ? 1 : 0);
