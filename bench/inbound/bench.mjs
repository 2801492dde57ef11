#!/usr/bin/env node
// Load generator for a full inbound turn: POST /api/messages with a valid channel token and a personal-chat
// message "aide" (a unique activity id each time), then checks at the fake Connector that every 2xx turn
// produced exactly one reply carrying a valid app token. Node built-ins only (http.Agent with keep-alive),
// so the generator stays light on a 2-core machine where it competes with the bot for CPU.
//
//   node bench.mjs --url http://127.0.0.1:3978/api/messages --mode closed --concurrency 16 --duration 20 --warmup 10
//   node bench.mjs --url ... --mode open --rate 100 --duration 20 --warmup 3
//   common: --fake http://127.0.0.1:5100 (fake.mjs)  --tag NAME (activity id prefix; unique per run)
//           --label TEXT  --pids bot:123,fake:456 (report their CPU during the measured window)  --out FILE.json
//           --latencies FILE (every measured latency, one per line)
//   node bench.mjs report OURS_CLOSED.json OURS_OPEN.json REF_CLOSED.json REF_OPEN.json   side-by-side table
//
// closed: C workers, each sends its next request when the previous one is answered. Throughput = turns answered
//         inside the measured window / its length; latency = answer - send.
// open:   request i is scheduled at t0 + i/R whatever happens to earlier ones (no in-flight cap), and latency is
//         measured from that scheduled time, so a stalled bot is charged for the queue it causes (no
//         coordinated omission). A generator that falls behind its schedule is reported (maxSendLagMs).
// The warm-up's turns are sent and verified like the others but left out of the figures.
// A run is valid only with 0 non-2xx, 0 transport errors, and as many authenticated replies at the Connector as
// 2xx answers (one per activity id, none twice). Exit code 0 when valid, 1 otherwise.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import { execFileSync } from 'node:child_process';

const argv = process.argv.slice(2);
if (argv[0] === 'report') { report(argv.slice(1)); process.exit(0); }

const arg = (k, d) => { const i = argv.indexOf('--' + k); return i >= 0 ? argv[i + 1] : d; };
const URL_ = new URL(arg('url', 'http://127.0.0.1:3978/api/messages'));
const FAKE = arg('fake', 'http://127.0.0.1:5100');
const MODE = arg('mode', 'closed');
const C = parseInt(arg('concurrency', '16'), 10);
const RATE = parseFloat(arg('rate', '100'));
const DURATION = parseFloat(arg('duration', '20'));
const WARMUP = parseFloat(arg('warmup', MODE === 'open' ? '3' : '5'));
// Activity ids are TAG.N; a random suffix keeps two runs with the same --tag apart at the fake Connector.
const TAG = `${arg('tag', 'run')}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`.replace(/[^A-Za-z0-9_-]/g, '_');
const LABEL = arg('label', URL_.host);
const APP_ID = arg('app-id', '11111111-2222-3333-4444-555555555555');
const TIMEOUT_MS = parseInt(arg('timeout-ms', '30000'), 10);
const PIDS = (arg('pids', '') || '').split(',').filter(Boolean).map((s) => { const [name, pid] = s.split(':'); return { name, pid: parseInt(pid, 10) }; });
const OUT = arg('out');
const LATENCIES = arg('latencies'); // optional file: one measured latency (ms) per line, for histograms

// --- the activity (same shape as the shared auth probe's, a Teams personal chat) ---------------------------------
const serviceUrl = `${FAKE}/connector`;
const template = JSON.stringify({
  type: 'message', id: '__ID__', timestamp: '2026-11-22T10:00:00.000Z', localTimestamp: '2026-11-22T11:00:00.000+01:00',
  channelId: 'msteams', serviceUrl, text: 'aide',
  from: { id: '29:1benchUser', name: 'Bench User', aadObjectId: '00000000-0000-0000-0000-0000000000aa' },
  conversation: { id: 'a:1benchPersonalConversation', conversationType: 'personal', tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47' },
  recipient: { id: `28:${APP_ID}`, name: 'TraAM.Bot' },
  channelData: { tenant: { id: '72f988bf-86f1-41af-91ab-2d7cd011db47' } }, locale: 'fr-FR', textFormat: 'plain',
});
const [before, after] = template.split('__ID__');

const getJson = async (url, init) => { const r = await fetch(url, init); if (!r.ok) throw new Error(`${url}: ${r.status}`); return r.json(); };
// One token for the whole run, as Teams reuses its channel token for many activities; the bot validates it every turn.
const { token } = await getJson(`${FAKE}/_bench/token`, { method: 'POST' });
const headersBase = { 'content-type': 'application/json', authorization: `Bearer ${token}` };

const agent = new http.Agent({ keepAlive: true, maxSockets: MODE === 'closed' ? C : Infinity, maxFreeSockets: 256 });
let seq = 0;
function send() {
  const id = `${TAG}.${++seq}`;
  const body = Buffer.from(before + id + after);
  return new Promise((resolve) => {
    const req = http.request({ host: URL_.hostname, port: URL_.port, path: URL_.pathname, method: 'POST', agent,
      headers: { ...headersBase, 'content-length': body.length } }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
      res.on('error', () => resolve(-1));
    });
    req.setTimeout(TIMEOUT_MS, () => req.destroy(new Error('timeout')));
    req.on('error', () => resolve(-1));
    req.end(body);
  });
}

// --- CPU accounting (/proc) -----------------------------------------------------------------------------------
const TICK = (() => { try { return parseInt(execFileSync('getconf', ['CLK_TCK']).toString(), 10) || 100; } catch { return 100; } })();
const procCpuMs = (pid) => { try { const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' '); return (parseInt(f[11], 10) + parseInt(f[12], 10)) * 1000 / TICK; } catch { return NaN; } };
const machine = () => { const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number); const idle = f[3] + (f[4] || 0); return { idle, total: f.reduce((a, b) => a + b, 0) }; };
const cpuSnap = () => ({ t: performance.now(), self: process.cpuUsage(), pids: PIDS.map((p) => procCpuMs(p.pid)), m: machine() });

// --- the run -----------------------------------------------------------------------------------------------------
const now = () => performance.now();
const lat = [];            // latencies (ms) of turns sent in the measured window
const svc = [];            // open loop: answer - actual send (for information)
let warmOk = 0, ok = 0, non2xx = 0, transport = 0, completedInWindow = 0, maxSendLag = 0;
const statuses = {};
let tStart, tMeasure, tEnd, snapA, snapB;

function record(status, tSched, tSent, tDone) {
  statuses[status] = (statuses[status] || 0) + 1;
  const good = status >= 200 && status < 300;
  if (status === -1) transport++; else if (!good) non2xx++;
  const measured = tSched >= tMeasure && tSched < tEnd;
  if (good) { if (measured) ok++; else warmOk++; }
  if (tDone >= tMeasure && tDone < tEnd) completedInWindow++;
  if (measured) { lat.push(tDone - tSched); if (MODE === 'open') svc.push(tDone - tSent); }
}

tStart = now();
tMeasure = tStart + WARMUP * 1000;
tEnd = tMeasure + DURATION * 1000;
setTimeout(() => { snapA = cpuSnap(); }, Math.max(0, tMeasure - now()));
setTimeout(() => { snapB = cpuSnap(); }, Math.max(0, tEnd - now()));

if (MODE === 'closed') {
  const worker = async () => {
    while (now() < tEnd) {
      const t0 = now();
      const st = await send();
      record(st, t0, t0, now());
    }
  };
  await Promise.all(Array.from({ length: C }, worker));
} else if (MODE === 'open') {
  const interval = 1000 / RATE;
  const total = Math.floor((WARMUP + DURATION) * RATE);
  const inflight = [];
  await new Promise((done) => {
    let i = 0;
    const tick = () => {
      const t = now();
      while (i < total && tStart + i * interval <= t) {
        const sched = tStart + i * interval;
        maxSendLag = Math.max(maxSendLag, t - sched);
        const sent = now();
        inflight.push(send().then((st) => record(st, sched, sent, now())));
        i++;
      }
      if (i >= total) return done();
      setTimeout(tick, Math.max(0, tStart + i * interval - now()));
    };
    tick();
  });
  await Promise.all(inflight);
} else { console.error(`unknown --mode ${MODE}`); process.exit(2); }
if (!snapB) snapB = cpuSnap();
agent.destroy();

// --- verification at the fake Connector ---------------------------------------------------------------------------
const sent = seq, good = ok + warmOk;
let stats;
for (let i = 0; i < 20; i++) { // replies are sent before the bot answers 200, so they are already there; allow stragglers
  stats = await getJson(`${FAKE}/_bench/stats?prefix=${encodeURIComponent(TAG)}`);
  if (stats.replies >= good) break;
  await new Promise((r) => setTimeout(r, 100));
}
const missing = Math.max(0, good - stats.distinct);
const problems = [];
if (non2xx) problems.push(`${non2xx} non-2xx`);
if (transport) problems.push(`${transport} transport errors/timeouts`);
if (missing) problems.push(`${missing} turns without a reply at the Connector`);
if (stats.authFailures) problems.push(`${stats.authFailures} replies with an invalid app token`);
if (stats.duplicates) problems.push(`${stats.duplicates} duplicate replies`);
if (stats.replies > good) problems.push(`${stats.replies - good} more replies than 2xx turns`);

// --- figures -------------------------------------------------------------------------------------------------------
const over = (arr, ms) => arr.filter((x) => x > ms).length;
const pct = (arr, p) => { if (!arr.length) return NaN; const s = Float64Array.from(arr).sort(); return s[Math.min(s.length - 1, Math.ceil(p / 100 * s.length) - 1)]; };
const r2 = (x) => Math.round(x * 100) / 100;
const winS = (snapB.t - snapA.t) / 1000;
const cpu = {};
const threads = (pid) => { try { return parseInt(/^Threads:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))[1], 10); } catch { return NaN; } };
PIDS.forEach((p, k) => { const ms = snapB.pids[k] - snapA.pids[k]; cpu[p.name] = { cores: r2(ms / 1000 / winS), msPerTurn: r2(ms / Math.max(1, completedInWindow)), threads: threads(p.pid) }; });
const selfMs = (snapB.self.user + snapB.self.system - snapA.self.user - snapA.self.system) / 1000;
cpu.generator = { cores: r2(selfMs / 1000 / winS), msPerTurn: r2(selfMs / Math.max(1, completedInWindow)) };
const mTotal = snapB.m.total - snapA.m.total;
cpu.machineBusy = r2(1 - (snapB.m.idle - snapA.m.idle) / Math.max(1, mTotal));
// CPU used by processes outside this benchmark (another build or test run skews the figures: check this)
const known = Object.values(cpu).reduce((a, x) => a + (typeof x === 'object' ? x.cores : 0), 0);
cpu.otherCores = r2(Math.max(0, cpu.machineBusy * os.availableParallelism() - known));

const result = {
  label: LABEL, url: URL_.href, mode: MODE, ...(MODE === 'closed' ? { concurrency: C } : { rate: RATE }),
  durationS: DURATION, warmupS: WARMUP, tag: TAG,
  reqPerS: r2(completedInWindow / DURATION),
  p50: r2(pct(lat, 50)), p90: r2(pct(lat, 90)), p99: r2(pct(lat, 99)), p999: r2(pct(lat, 99.9)), max: r2(lat.length ? lat.reduce((a, b) => (a > b ? a : b)) : NaN),
  ...(MODE === 'open' ? { serviceP50: r2(pct(svc, 50)), serviceP99: r2(pct(svc, 99)), maxSendLagMs: r2(maxSendLag) } : {}),
  over100ms: over(lat, 100), measuredTurns: lat.length, sent, ok2xx: good, errors: non2xx + transport, non2xx, transport, statuses,
  connector: { replies: stats.replies, distinct: stats.distinct, missing, authFailures: stats.authFailures, duplicates: stats.duplicates, cards: stats.cards, texts: stats.texts, avgReplyBytes: Math.round(stats.bytes / Math.max(1, stats.replies)) },
  cpu, valid: problems.length === 0, problems,
};
const line = `${LABEL} ${MODE}${MODE === 'closed' ? ` C=${C}` : ` R=${RATE}/s`} ${DURATION}s: ${result.reqPerS} req/s  p50 ${result.p50} ms  p99 ${result.p99} ms  max ${result.max} ms  ` +
  `errors ${result.errors}  replies ${stats.distinct}/${good}  ${result.valid ? 'VALID' : 'INVALID: ' + problems.join('; ')}`;
console.error(line);
console.log(JSON.stringify(result));
if (OUT) fs.writeFileSync(OUT, JSON.stringify(result, null, 2) + '\n');
if (LATENCIES) fs.writeFileSync(LATENCIES, lat.map((x) => x.toFixed(3)).join('\n') + '\n');
process.exit(result.valid ? 0 : 1);

// --- side-by-side table ---------------------------------------------------------------------------------------------
function report(files) {
  const [oc, oo, rc, ro] = files.map((f) => { try { return JSON.parse(fs.readFileSync(f, 'utf8')); } catch { return null; } });
  const P99_GOAL = parseFloat(process.env.P99_GOAL_MS || '50'), RATIO_GOAL = parseFloat(process.env.RATIO_GOAL || '2');
  const f = (x, d = 1) => (x === undefined || x === null || Number.isNaN(x) ? 'n/a' : Number(x).toFixed(d));
  const rows = [];
  const row = (name, a, b, c = '') => rows.push([name, a, b, c]);
  const ratio = oc && rc ? oc.reqPerS / rc.reqPerS : NaN;
  const ranOurs = !!(oc || oo), ranRef = !!(rc || ro);
  const allValid = [...(ranOurs ? [oc, oo] : []), ...(ranRef ? [rc, ro] : [])].every((x) => x && x.valid);
  const c = oc || rc, o = oo || ro;
  row(`closed loop, C=${c?.concurrency}, ${c?.durationS} s (after ${c?.warmupS} s warm-up)`, '', '', '');
  row('  throughput (req/s)', f(oc?.reqPerS), f(rc?.reqPerS), Number.isNaN(ratio) ? '' : `ours/ref = ${f(ratio, 2)}x  (goal >= ${RATIO_GOAL}x)`);
  row('  p50 / p99 / max (ms)', `${f(oc?.p50)} / ${f(oc?.p99)} / ${f(oc?.max, 0)}`, `${f(rc?.p50)} / ${f(rc?.p99)} / ${f(rc?.max, 0)}`, '');
  row('  bot CPU per turn (ms)', f(oc?.cpu?.bot?.msPerTurn, 2), f(rc?.cpu?.bot?.msPerTurn, 2), '');
  row('  bot CPU used (cores of 2)', f(oc?.cpu?.bot?.cores, 2), f(rc?.cpu?.bot?.cores, 2), `whole machine busy: ${f(100 * (oc?.cpu?.machineBusy ?? NaN), 0)}% / ${f(100 * (rc?.cpu?.machineBusy ?? NaN), 0)}%`);
  row(`open loop, ${o?.rate} req/s, ${o?.durationS} s (after ${o?.warmupS} s warm-up)`, '', '', '');
  row('  achieved (req/s)', f(oo?.reqPerS), f(ro?.reqPerS), '');
  row('  p50 (ms)', f(oo?.p50, 2), f(ro?.p50, 2), '');
  row('  p99 (ms)', f(oo?.p99, 2), f(ro?.p99, 2), `goal: ours <= ${P99_GOAL} ms`);
  row('  p99.9 / max (ms)', `${f(oo?.p999, 1)} / ${f(oo?.max, 1)}`, `${f(ro?.p999, 1)} / ${f(ro?.max, 1)}`, '');
  row('  turns over 100 ms', `${oo?.over100ms ?? 'n/a'} of ${oo?.measuredTurns ?? 'n/a'}`, `${ro?.over100ms ?? 'n/a'} of ${ro?.measuredTurns ?? 'n/a'}`, '');
  row('  bot CPU per turn (ms)', f(oo?.cpu?.bot?.msPerTurn, 2), f(ro?.cpu?.bot?.msPerTurn, 2), '');
  const other = [oc, oo, rc, ro].map((x) => x?.cpu?.otherCores ?? 0);
  row('CPU of other processes (cores, max)', f(Math.max(other[0], other[1]), 2), f(Math.max(other[2], other[3]), 2), Math.max(...other) > 0.3 ? 'WARNING: the machine was not quiet' : 'quiet machine');
  row('errors (non-2xx + transport), all runs', String((oc?.errors ?? 0) + (oo?.errors ?? 0)), String((rc?.errors ?? 0) + (ro?.errors ?? 0)), '');
  row('replies at the Connector / 2xx turns', `${(oc?.connector.distinct ?? 0) + (oo?.connector.distinct ?? 0)} / ${(oc?.ok2xx ?? 0) + (oo?.ok2xx ?? 0)}`,
    `${(rc?.connector.distinct ?? 0) + (ro?.connector.distinct ?? 0)} / ${(rc?.ok2xx ?? 0) + (ro?.ok2xx ?? 0)}`, '');
  const kind = (x, y) => (x?.connector.cards || y?.connector.cards ? 'help card' : 'text') + `, ${x?.connector.avgReplyBytes ?? y?.connector.avgReplyBytes ?? '?'} B`;
  row('reply sent to the Connector', kind(oc, oo), kind(rc, ro), '');
  const v = (ran, a, b) => (!ran ? 'not run' : [a, b].every((x) => x?.valid) ? 'yes' : 'NO');
  row('runs valid', v(ranOurs, oc, oo), v(ranRef, rc, ro), '');
  const w = [0, 1, 2, 3].map((k) => Math.max(...rows.map((r) => r[k].length), ['', 'ours (TraAM.Bot)', 'ref (botbuilder JS)', ''][k].length));
  const pr = (r) => console.log(r.map((x, k) => x.padEnd(w[k])).join('  ').trimEnd());
  pr(['', 'ours (TraAM.Bot)', 'ref (botbuilder JS)', '']);
  pr(w.map((n) => '-'.repeat(n)));
  rows.forEach(pr);
  console.log('');
  const g1 = ratio >= RATIO_GOAL, g2 = oo && oo.p99 <= P99_GOAL && oo.reqPerS >= 0.95 * oo.rate;
  console.log(`goal 1, throughput >= ${RATIO_GOAL}x the reference: ${Number.isNaN(ratio) ? 'n/a' : `${g1 ? 'MET' : 'NOT MET'} (${f(ratio, 2)}x)`}`);
  console.log(`goal 2, p99 <= ${P99_GOAL} ms at ${o?.rate} req/s:      ${oo ? (g2 ? 'MET' : 'NOT MET') : 'n/a'} (${f(oo?.p99, 2)} ms)`);
  if (!allValid) {
    console.log('INVALID RUN(S): ' + [...(ranOurs ? [['ours closed', oc], ['ours open', oo]] : []), ...(ranRef ? [['ref closed', rc], ['ref open', ro]] : [])]
      .filter(([, x]) => !x || !x.valid).map(([n, x]) => `${n}: ${x ? x.problems.join('; ') : 'missing'}`).join(' | '));
  }
}
