#!/usr/bin/env node
// The shared fake channel (../../../shared/tools/auth/fakechannel.mjs: OpenID metadata + keys, Entra token endpoint,
// token-checking Connector) with two additions the benchmark needs, on the same port:
//   POST /_bench/token                 -> {token}: one valid channel token (same as POST /_mint with the defaults)
//   GET  /_bench/stats?prefix=P        -> what the Connector received for inbound activity ids starting with P
//        {replies, authFailures, distinct, duplicates, cards, texts, otherPaths}
// fakechannel.mjs keeps every request it records in memory; for a benchmark of tens of thousands of turns this
// wrapper drains that list into counters (per replyToId prefix) instead, so memory stays flat and /_recorded is
// no longer a full history (it still works for anything recorded since the last drain).
// --cheap-connector: for profiling only, the Connector answers 201 at once without checking the bot's token
// (replies are still counted, with auth reported as ok); it shows how much of a turn is the fake's own work.
//   node fake.mjs [--port 5100] [--cheap-connector]
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const shared = process.env.SHARED_TOOLS || path.resolve(here, '../../../shared/tools');
const { createFakeChannel } = await import(path.join(shared, 'auth/fakechannel.mjs'));

const arg = (k, d) => { const i = process.argv.indexOf(k); return i >= 0 ? process.argv[i + 1] : d; };
const port = parseInt(arg('--port', '5100'), 10);
const cheap = process.argv.includes('--cheap-connector');
const fc = await createFakeChannel({ port });

// prefix (inbound activity id up to its last '.') -> counters
const runs = new Map();
let otherPaths = 0;
const runOf = (prefix) => {
  let r = runs.get(prefix);
  if (!r) runs.set(prefix, (r = { replies: 0, authFailures: 0, ids: new Set(), duplicates: 0, cards: 0, texts: 0, bytes: 0 }));
  return r;
};
function drain() {
  const entries = fc.recorded.splice(0, fc.recorded.length);
  for (const e of entries) {
    const m = /^\/v3\/conversations\/[^/]+\/activities\/([^/]+)$/.exec(e.path);
    if (!m || e.method !== 'POST') { otherPaths++; continue; }
    const replyTo = decodeURIComponent(m[1]);
    const dot = replyTo.lastIndexOf('.');
    const r = runOf(dot > 0 ? replyTo.slice(0, dot) : replyTo);
    r.replies++;
    r.bytes += e.raw ?? (e.body ? JSON.stringify(e.body).length : 0);
    if (!e.auth?.ok) r.authFailures++;
    if (r.ids.has(replyTo)) r.duplicates++; else r.ids.add(replyTo);
    const att = e.body?.attachments;
    if (Array.isArray(att) && att.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')) r.cards++;
    else if (typeof e.body?.text === 'string' && e.body.text.length) r.texts++;
  }
}
setInterval(drain, 250).unref();

const [original] = fc.server.listeners('request');
fc.server.removeAllListeners('request');
let cheapSeq = 1;
fc.server.on('request', async (req, res) => {
  if (cheap && req.method === 'POST' && req.url.startsWith('/connector/v3/conversations/')) {
    const chunks = []; for await (const c of req) chunks.push(c);
    const raw = Buffer.concat(chunks).toString('utf8');
    const isCard = raw.includes('application/vnd.microsoft.card.adaptive');
    fc.recorded.push({ method: 'POST', path: req.url.slice('/connector'.length), auth: { ok: true, skipped: true },
      body: isCard ? { attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive' }] } : { text: 'x' }, raw: raw.length });
    res.writeHead(201, { 'content-type': 'application/json' });
    return res.end(`{"id":"${cheapSeq++}"}`);
  }
  if (!req.url.startsWith('/_bench/')) return original(req, res);
  const url = new URL(req.url, fc.base);
  const send = (status, body) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
  try {
    if (req.method === 'POST' && url.pathname === '/_bench/token') {
      for await (const _ of req); // eslint-disable-line no-unused-vars
      return send(200, { token: await fc.mintChannelToken({}) });
    }
    if (req.method === 'GET' && url.pathname === '/_bench/stats') {
      drain();
      const prefix = url.searchParams.get('prefix') || '';
      const out = { replies: 0, authFailures: 0, distinct: 0, duplicates: 0, cards: 0, texts: 0, bytes: 0, otherPaths };
      for (const [p, r] of runs) {
        if (!p.startsWith(prefix)) continue;
        out.replies += r.replies; out.authFailures += r.authFailures; out.distinct += r.ids.size;
        out.duplicates += r.duplicates; out.cards += r.cards; out.texts += r.texts; out.bytes += r.bytes;
      }
      return send(200, out);
    }
    send(404, { error: 'not found' });
  } catch (e) { send(500, { error: String(e?.stack || e) }); }
});

console.log(JSON.stringify({ cheapConnector: cheap, listening: fc.base, appId: fc.appId, connectorUrl: fc.connectorUrl, pid: process.pid }));
