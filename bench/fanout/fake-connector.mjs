#!/usr/bin/env node
// A fake Teams Bot Connector for the fan-out benchmark: it enforces Teams' published rate limits and injects
// throttling / outages, so the bench can check that a fan-out stays inside the limits, retries what it must and
// delivers each message exactly once. Node built-ins only, one process, all state in memory.
//   POST /v3/conversations/{id}/activities  limits -> injected faults -> 201 {id} after --latency-ms
//   POST /v3/conversations                  201 {id:"a:created-N", activityId:"N"} (counts in the tenant window)
//   GET  /stats                             counters (never reset by reading)       POST /reset   -> 204
//   GET  /conversations/{id}                {deliveries}                            anything else -> 404
//
//   node fake-connector.mjs [--port 0] [--tenant-rps 50] [--p429 0.05] [--p503 0.01] [--retry-after 1]
//                           [--latency-ms 3] [--latency-median 0] [--latency-p99 0] [--seed 42]
// --latency-median M --latency-p99 P (ms): every answer to an activity POST waits a log-normal time with that median
// and 99th percentile (Teams answers in roughly 100-400 ms; e.g. 150 and 600), drawn from its own seeded PRNG so the
// fault sequence stays the same; it replaces --latency-ms.
// The first stdout line is `listening on http://127.0.0.1:PORT` (--port 0 = a free port), for the harness to read.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

const DEFAULTS = { port: 0, 'tenant-rps': 50, p429: 0.05, p503: 0.01, 'retry-after': 1, 'latency-ms': 3, 'latency-median': 0, 'latency-p99': 0, seed: 42 };
// Teams' per-bot, per-conversation limits: [window ms, max requests in any such sliding window], smallest first
// (conversationThrottled relies on that order to count in one backward pass).
const CONVERSATION_LIMITS = [[1_000, 7], [2_000, 8], [30_000, 60], [3_600_000, 1_800]];
const LONGEST_WINDOW_MS = CONVERSATION_LIMITS.at(-1)[0];
const MAX_BODY_BYTES = 1 << 20; // a real activity is a few KB; this only stops a runaway client filling memory

const opts = parseFlags(process.argv.slice(2));
let state = freshState();

// --- flags ----------------------------------------------------------------------------------------------------
function parseFlags(argv) {
  const out = { ...DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    // both `--k v` and `--k=v`, so a harness can build the command either way
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/.exec(argv[i]);
    if (!m || !(m[1] in DEFAULTS)) fail(`unknown argument ${argv[i]}`);
    const raw = m[2] ?? argv[++i];
    const n = Number(raw);
    if (raw === undefined || raw === '' || !Number.isFinite(n) || n < 0) fail(`--${m[1]} needs a number >= 0, got ${raw}`);
    out[m[1]] = n;
  }
  if (out.p429 + out.p503 > 1) fail('--p429 + --p503 must be <= 1');
  if (!Number.isInteger(out.port) || out.port > 65535) fail('--port must be an integer 0..65535');
  if (out['latency-median'] > 0 && out['latency-p99'] < out['latency-median']) fail('--latency-p99 must be >= --latency-median');
  return out;
}
function fail(msg) {
  console.error(`fake-connector: ${msg}\nflags: ${Object.entries(DEFAULTS).map(([k, v]) => `--${k} ${v}`).join(' ')}`);
  process.exit(2);
}

// mulberry32: tiny and seedable, so two runs with the same --seed inject the same faults in the same arrival order.
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Everything /reset clears, the PRNG included (a reset run is as reproducible as a fresh process).
function freshState() {
  return {
    rng: mulberry32(opts.seed),
    latencyRng: mulberry32(opts.seed ^ 0x5bd1e995), // its own stream: latency draws do not shift the injected faults
    tenants: new Map(),        // tenant id -> sliding log of request times (1 s window)
    conversations: new Map(),  // conversation id -> { log: request times (<= 1 h), deliveries }
    requestTimes: [],          // every activities request that reached the checks (for requestsPerSecondMax)
    deliveredTimes: [],        // every delivery (for deliveredPerSecondMax)
    requests: 0, delivered: 0, distinctConversations: 0, duplicates: 0, injected429: 0, injected503: 0,
    violationsTenant: 0, violationsConversation: 0, conversationsCreated: 0, badRequests: 0,
    firstDeliveredAt: null, lastDeliveredAt: null,
  };
}

// --- Teams' limits ---------------------------------------------------------------------------------------------
// Window times come from performance.now() (monotonic): a wall-clock step must not open or close a window.

// The tenant log can hold tens of thousands of entries at a high --tenant-rps, so it is pruned by moving a head
// index and compacted only now and then, instead of shifting the array on every request.
function tenantThrottled(tenantId, now) {
  let w = state.tenants.get(tenantId);
  if (!w) state.tenants.set(tenantId, (w = { times: [], head: 0 }));
  const t = w.times;
  while (w.head < t.length && t[w.head] <= now - 1_000) w.head++;
  if (w.head > 1024 && w.head * 2 > t.length) { t.splice(0, w.head); w.head = 0; }
  const over = t.length - w.head >= opts['tenant-rps'];
  t.push(now); // counted even when rejected: Teams counts attempts
  return over;
}

// A conversation gets a handful of requests per hour in a fan-out, so a plain array pruned from the front is enough.
function conversationOf(id) {
  let c = state.conversations.get(id);
  if (!c) state.conversations.set(id, (c = { log: [], deliveries: 0 }));
  return c;
}
function conversationThrottled(c, now) {
  const log = c.log;
  let drop = 0;
  while (drop < log.length && log[drop] <= now - LONGEST_WINDOW_MS) drop++;
  if (drop) log.splice(0, drop);
  // Windows are nested and smallest first, so one walk from the newest entry counts them all.
  let over = false, i = log.length - 1, n = 0;
  for (const [ms, max] of CONVERSATION_LIMITS) {
    while (i >= 0 && log[i] > now - ms) { n++; i--; }
    if (n >= max) { over = true; break; }
  }
  log.push(now); // counted even when rejected, as for the tenant
  return over;
}

// The most entries of a sorted time list inside any 1 s sliding window (two pointers, O(n)); run only at /stats.
function maxPerSecond(times) {
  let best = 0;
  for (let lo = 0, hi = 0; hi < times.length; hi++) {
    while (times[hi] - times[lo] >= 1_000) lo++;
    best = Math.max(best, hi - lo + 1);
  }
  return best;
}

// Teams puts the tenant in channelData (and the create call also at the top level); a bot's proactive activity
// often carries none, and those all share one bucket, which is the single-tenant benchmark's case anyway.
const tenantOf = (body) => body?.channelData?.tenant?.id ?? body?.conversation?.tenantId ?? body?.tenantId ?? 'default';

// --- latency ---------------------------------------------------------------------------------------------------
// Log-normal: ln(latency) ~ N(mu, sigma) with mu = ln(median) and sigma from the 99th percentile (z = 2.326).
function latencyMs() {
  const median = opts['latency-median'];
  if (!(median > 0)) return opts['latency-ms'];
  const sigma = Math.log(opts['latency-p99'] / median) / 2.3263;
  // Box-Muller on the seeded stream (1 - u keeps the logarithm finite).
  const u = 1 - state.latencyRng(), v = state.latencyRng();
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return median * Math.exp(sigma * z);
}

// Teams answers every request after its own processing time, refusals included.
function answer(res, status, body, headers) {
  const ms = latencyMs();
  if (ms > 0) setTimeout(() => send(res, status, body, headers), ms);
  else send(res, status, body, headers);
}

// --- endpoints -------------------------------------------------------------------------------------------------
function postActivity(res, conversationId, body) {
  const now = performance.now();
  state.requests++;
  state.requestTimes.push(now);
  const c = conversationOf(conversationId);
  // Both windows see every request, even one the other already rejects; the first limit hit names the violation.
  const tenantOver = tenantThrottled(tenantOf(body), now);
  const conversationOver = conversationThrottled(c, now);
  if (tenantOver || conversationOver) {
    if (tenantOver) state.violationsTenant++; else state.violationsConversation++;
    const which = tenantOver ? 'tenant' : 'conversation';
    return answer(res, 429, { error: { code: 'Throttled', message: `Too many requests for this ${which} (fake Teams limit)` } }, { 'retry-after': '1' });
  }
  // One draw per request that passed the limits: p429 and p503 are then exact marginal rates.
  const r = state.rng();
  if (r < opts.p429) {
    state.injected429++;
    return answer(res, 429, { error: { code: 'Throttled', message: 'Injected throttling (fake)' } },
      { 'retry-after': String(Math.ceil(opts['retry-after'])) }); // Retry-After takes whole seconds
  }
  if (r < opts.p429 + opts.p503) {
    state.injected503++;
    return answer(res, 503, { error: { code: 'ServiceUnavailable', message: 'Injected outage (fake)' } });
  }
  state.delivered++;
  state.deliveredTimes.push(now);
  const wall = Date.now();
  state.firstDeliveredAt ??= wall;
  state.lastDeliveredAt = wall;
  // The bench sends one message per conversation, so any second delivery there is a duplicate.
  if (c.deliveries++ === 0) state.distinctConversations++; else state.duplicates++;
  const reply = { id: String(state.delivered) };
  answer(res, 201, reply);
}

function createConversation(res, body) {
  // Not throttled here, but it takes its place in the tenant window, so a create-then-send fan-out pays for both.
  tenantThrottled(tenantOf(body), performance.now());
  const n = ++state.conversationsCreated;
  send(res, 201, { id: `a:created-${n}`, activityId: String(n) });
}

function stats() {
  const s = state;
  return {
    delivered: s.delivered, distinctConversations: s.distinctConversations, duplicates: s.duplicates,
    injected429: s.injected429, injected503: s.injected503,
    violationsTenant: s.violationsTenant, violationsConversation: s.violationsConversation, requests: s.requests,
    firstDeliveredAt: s.firstDeliveredAt, lastDeliveredAt: s.lastDeliveredAt,
    deliveredPerSecondMax: maxPerSecond(s.deliveredTimes), requestsPerSecondMax: maxPerSecond(s.requestTimes),
    conversationsCreated: s.conversationsCreated, badRequests: s.badRequests,
  };
}

// --- HTTP ------------------------------------------------------------------------------------------------------
function send(res, status, body, headers = {}) {
  if (res.writableEnded || res.destroyed) return; // the client gave up during --latency-ms
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}
const badRequest = (res, message) => { state.badRequests++; send(res, 400, { error: { code: 'BadArgument', message } }); };

// Resolves to the parsed object, or undefined after answering 400/413 itself.
async function readJson(req, res) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) { send(res, 413, { error: { code: 'PayloadTooLarge', message: 'body over 1 MiB' } }); return undefined; }
    chunks.push(chunk);
  }
  try {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    if (body && typeof body === 'object' && !Array.isArray(body)) return body;
  } catch { /* answered below */ }
  badRequest(res, 'body must be a JSON object');
  return undefined;
}

// decodeURIComponent throws on a malformed escape such as %E0%A4%A; that is the client's error, not a crash.
function decode(segment) {
  try { return decodeURIComponent(segment); } catch { return undefined; }
}

async function route(req, res) {
  const q = req.url.indexOf('?');
  const path = q >= 0 ? req.url.slice(0, q) : req.url;
  const { method } = req;
  let m;
  if (method === 'POST' && (m = /^\/v3\/conversations\/([^/]+)\/activities\/?$/.exec(path))) {
    const id = decode(m[1]);
    if (!id) { req.resume(); return badRequest(res, 'bad conversation id'); }
    const body = await readJson(req, res);
    if (body) postActivity(res, id, body);
    return;
  }
  if (method === 'POST' && /^\/v3\/conversations\/?$/.test(path)) {
    const body = await readJson(req, res);
    if (body) createConversation(res, body);
    return;
  }
  req.resume(); // the remaining routes ignore any body, but it must be drained for keep-alive
  if (method === 'GET' && path === '/stats') return send(res, 200, stats());
  if (method === 'POST' && path === '/reset') { state = freshState(); return send(res, 204); }
  if (method === 'GET' && (m = /^\/conversations\/([^/]+)$/.exec(path))) {
    const id = decode(m[1]);
    if (id === undefined) return badRequest(res, 'bad conversation id');
    return send(res, 200, { deliveries: state.conversations.get(id)?.deliveries ?? 0 });
  }
  send(res, 404, { error: { code: 'NotFound', message: `${method} ${path}` } });
}

const server = http.createServer({ keepAlive: true, keepAliveTimeout: 60_000 }, (req, res) => {
  req.on('error', () => {}); // a client resetting mid-body must not take the process down
  route(req, res).catch((e) => {
    if (!res.headersSent) send(res, 500, { error: { code: 'InternalError', message: String(e?.message || e) } });
    else res.destroy();
  });
});
// A load generator keeps connections for the whole run; the defaults (5 s) would close them between bursts.
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.on('clientError', (err, socket) => {
  if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
  else socket.destroy();
});
server.listen(opts.port, '127.0.0.1', () => {
  console.log(`listening on http://127.0.0.1:${server.address().port}`);
  console.log(JSON.stringify({ pid: process.pid, ...opts }));
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)).closeAllConnections());
