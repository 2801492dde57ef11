#!/usr/bin/env node
// End-to-end smoke test of TraAM.Bot through Microsoft 365 Agents Playground (headless, via the shared pgclient.js).
// Pre-req: the bot in local mode on a fresh database, and the playground started against it with
// tests/e2e/traam.m365agentsplayground.yml (tests/e2e/run-playground-smoke.sh does all of this).
//   node tests/e2e/playground-smoke.js [PLAYGROUND_URL]        default http://127.0.0.1:56150
// Env: SMOKE_CARD_DIR (where the bot's cards are saved; default a new temp dir), SMOKE_RENDER=0 (cardcheck
// --no-render), SMOKE_FORCE_FAIL=1 (adds one check that always fails, to see a failing run).
//
// Playground quirk: every activity it generates itself (messages typed, invokes, the UI's install) carries
// locale "en-US", and its config has no per-user locale. French users are therefore simulated with custom
// activities (its /_internal/v1/customActivities API: sent verbatim to the bot) carrying locale "fr-FR", and the
// playground's own activities are used for the English-speaking user. The HTTP response to a custom invoke is
// not returned by that API: it is read from the playground's inspector log stream (/_ws/log/stream).
// Prints "ok   <desc>" / "FAIL <desc>: <why>" per check, then "N passed, M failed"; exit code 1 if any failed.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

const shared = path.resolve(__dirname, '../../../shared/tools');
const { PlaygroundClient } = require(path.resolve(__dirname, '../../../shared/tools/playground/pgclient.js'));
const WebSocket = require(path.join(shared, 'node_modules/ws'));
const cardcheck = path.join(shared, 'cards/cardcheck.js');

const base = (process.argv[2] || process.env.PLAYGROUND_URL || 'http://127.0.0.1:56150').replace(/\/$/, '');
const repo = path.resolve(__dirname, '../..');
const fr = JSON.parse(fs.readFileSync(path.join(repo, 'cards/strings/fr.json'), 'utf8'));
const en = JSON.parse(fs.readFileSync(path.join(repo, 'cards/strings/en.json'), 'utf8'));
const cardDir = process.env.SMOKE_CARD_DIR || fs.mkdtempSync(path.join(os.tmpdir(), 'traam-smoke-cards-'));
fs.mkdirSync(cardDir, { recursive: true });

const WAIT_MS = 10000;   // every wait for the bot is bounded
const SETTLE_MS = 2500;  // quiet period used to prove that something did NOT happen
const ADAPTIVE = 'application/vnd.microsoft.card.adaptive';

let passed = 0, failed = 0;
function ok(desc) { passed++; console.log(`ok   ${desc}`); }
function fail(desc, why) { failed++; console.log(`FAIL ${desc}: ${oneLine(why)}`); }
function oneLine(x) {
  const s = x instanceof Error ? x.message : typeof x === 'string' ? x : JSON.stringify(x);
  return String(s).replace(/\s+/g, ' ').slice(0, 600);
}
// Runs one check: fn returns nothing on success, or throws / returns a string explaining the failure.
async function check(desc, fn) {
  try {
    const why = await fn();
    if (why) fail(desc, why); else ok(desc);
  } catch (e) { fail(desc, e); }
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const withTimeout = (p, ms, what) => Promise.race([p, sleep(ms).then(() => { throw new Error(`timeout after ${ms} ms: ${what}`); })]);

// ---- card helpers ---------------------------------------------------------------------------------------------
const cardOf = (ev) => { const a = ev && ev.message && (ev.message.attachments || []).find((x) => x.contentType === ADAPTIVE); return a && a.content; };
const titleOf = (card) => card && Array.isArray(card.body) && card.body[0] && card.body[0].text;
function walk(node, visit) {
  if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
  else if (node && typeof node === 'object') { visit(node); Object.values(node).forEach((v) => walk(v, visit)); }
}
const allOf = (card, pred) => { const out = []; walk(card, (n) => { if (pred(n)) out.push(n); }); return out; };
const verbs = (card) => allOf(card, (n) => n.type === 'Action.Execute').map((n) => n.verb);
const texts = (card) => allOf(card, (n) => n.type === 'TextBlock').map((n) => n.text);
const factTitles = (card) => allOf(card, (n) => n.type === 'FactSet').flatMap((f) => (f.facts || []).map((x) => x.title));
const isWelcome = (card) => [fr.welcome.title, en.welcome.title].includes(titleOf(card));
const describe = (ev) => ev instanceof Error ? ev.message
  : ev && ev.message ? { conv: ev.actionConversationId, text: ev.message.text, title: titleOf(cardOf(ev)) } : ev;

// Checks a help card against one language's strings; returns the problem, or undefined.
function helpProblem(card, t, channel) {
  if (!card) return 'no Adaptive Card';
  if (titleOf(card) !== t.help.title) return `title ${JSON.stringify(titleOf(card))}, expected ${JSON.stringify(t.help.title)}`;
  const facts = factTitles(card);
  const cmd = t === fr ? 'aide' : 'help';
  if (!facts.includes(cmd)) return `FactSet of commands ${JSON.stringify(facts)} lacks "${cmd}"`;
  const tip = channel ? t.help.channelTip : t.help.personalTip;
  if (!texts(card).includes(tip)) return `missing the ${channel ? 'channel' : 'personal'} tip ${JSON.stringify(tip)}`;
  return undefined;
}

// Every card the bot sent, saved for cardcheck.js at the end.
const savedCards = [];
function saveCard(label, card) {
  if (!card) return;
  const file = path.join(cardDir, `${String(savedCards.length + 1).padStart(2, '0')}-${label.replace(/[^a-z0-9]+/gi, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify(card, null, 2));
  savedCards.push({ label, file });
}

function runCardcheck(file) {
  return new Promise((resolve) => {
    const args = [cardcheck, file, '--out', path.join(cardDir, 'render')];
    if (process.env.SMOKE_RENDER === '0') args.push('--no-render');
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '', err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), 90000);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, out, err }); });
    child.on('error', (e) => { clearTimeout(timer); resolve({ code: -1, out, err: e.message }); });
  });
}

// ---- main -----------------------------------------------------------------------------------------------------
(async () => {
  const pg = new PlaygroundClient(base);
  let cfg;
  try {
    cfg = await withTimeout(pg.connect(), 30000, 'connecting to the playground');
  } catch (e) {
    fail(`connect to the playground at ${base}`, e);
    return finish(pg, null);
  }
  const bot = cfg.bot, me = cfg.currentUser;
  const pc = cfg.personalChat.id, gc = cfg.groupChats[0].id, team = cfg.teams[0];
  const general = team.channels.find((c) => c.id === team.id) || team.channels[0];
  const national = team.channels.find((c) => /national/i.test(c.name)) || team.channels[team.channels.length - 1];
  const user = (name) => [me, ...cfg.users].find((u) => u.name === name) || cfg.users[0];
  const hugo = user('Hugo Bernard'), lea = user('Léa Petit'), emma = user('Emma Clarke');
  console.log(`# playground ${base}: bot ${bot.name} (${bot.id}), personal ${pc}, team "${team.name}" ` +
    `[${team.channels.map((c) => c.name).join(', ')}], group chat "${cfg.groupChats[0].name}"; cards -> ${cardDir}`);

  // The inspector log stream: the only place where the answer to a custom invoke is visible.
  const logs = [];
  const logWaiters = [];
  let logWs;
  try {
    logWs = new WebSocket(base.replace(/^http/, 'ws') + '/_ws/log/stream');
    logWs.on('message', (buf) => {
      let m; try { m = JSON.parse(buf.toString()); } catch { return; }
      const entry = m && m.log;
      if (!entry) return;
      logs.push(entry);
      for (const w of [...logWaiters]) if (w.pred(entry)) { logWaiters.splice(logWaiters.indexOf(w), 1); w.ok(entry); }
    });
    logWs.on('error', () => {});
    await withTimeout(new Promise((r, j) => { logWs.once('open', r); logWs.once('error', j); }), 5000, 'opening the log stream');
  } catch (e) { console.log(`# log stream unavailable: ${oneLine(e)}`); }
  const waitLog = (pred, ms = WAIT_MS) => {
    const hit = logs.find(pred);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const w = { pred, ok: resolve };
      logWaiters.push(w);
      setTimeout(() => { const i = logWaiters.indexOf(w); if (i >= 0) logWaiters.splice(i, 1); reject(new Error('timeout waiting for the playground log')); }, ms);
    });
  };

  // French activities, sent verbatim (the playground's own ones are always en-US).
  async function frenchActivity(convId, type, props, from) {
    const a = await pg.template(convId, ['installationUpdate', 'conversationUpdate'].includes(type) ? (type === 'installationUpdate' ? 'install' : 'botAdded') : undefined);
    Object.assign(a, props, { locale: 'fr-FR' });
    a.entities = [...(props.entities || []), { type: 'clientInfo', locale: 'fr-FR', country: 'FR', platform: 'Web', timezone: 'Europe/Paris' }];
    const who = from || me;
    a.from = { id: who.id, name: who.name, aadObjectId: who.aadObjectId };
    if (type === 'message' && !a.channelData) a.channelData = { tenant: { id: cfg.tenantId } };
    if (type === 'message' && a.conversation.conversationType === 'channel') {
      a.channelData = { tenant: { id: cfg.tenantId }, team: { id: team.id, name: team.name, aadGroupId: team.aadGroupId }, channel: { id: convId } };
    }
    return a;
  }
  const frenchMessage = async (convId, text, from, mentionBot) => frenchActivity(convId, 'message', {
    type: 'message', text: mentionBot ? `<at>${bot.name}</at> ${text}` : text, textFormat: 'plain',
    entities: mentionBot ? [{ type: 'mention', mentioned: { id: bot.id, name: bot.name }, text: `<at>${bot.name}</at>` }] : [],
  }, from);
  const botEvents = (since, pred = () => true) => pg.events.slice(since).filter((e) => e.message && e.message.from && e.message.from.id === bot.id && pred(e));
  const inConv = (convId) => (e) => e.actionConversationId === convId || e.message.postConversationId === convId
    || String(e.actionConversationId || '').split(';')[0] === convId;

  // 1. personal install, French: installationUpdate + conversationUpdate arrive together (as Teams sends them)
  let welcome;
  await check('personal install (fr-FR) -> exactly one welcome card, French, with Action.Execute help.show', async () => {
    const n = pg.events.length;
    const install = await frenchActivity(pc, 'installationUpdate', {});
    const added = await frenchActivity(pc, 'conversationUpdate', {});
    await Promise.all([pg.sendCustomActivity(install), pg.sendCustomActivity(added)]);
    welcome = await pg.nextBotMessage(pc, n, WAIT_MS).catch((e) => e);
    if (welcome instanceof Error) return `no message from the bot in the personal chat (${welcome.message})`;
    await sleep(SETTLE_MS);
    const all = botEvents(n, inConv(pc));
    all.forEach((e, i) => saveCard(`personal-welcome-${i + 1}`, cardOf(e)));
    const cards = all.filter((e) => isWelcome(cardOf(e)));
    if (cards.length !== 1 || all.length !== 1) return `bot sent ${all.length} message(s), ${cards.length} welcome card(s): ${JSON.stringify(all.map(describe))}`;
    const card = cardOf(welcome);
    if (titleOf(card) !== fr.welcome.title) return `title ${JSON.stringify(titleOf(card))}, expected ${JSON.stringify(fr.welcome.title)}`;
    if (!verbs(card).includes('help.show')) return `Action.Execute verbs ${JSON.stringify(verbs(card))} lack help.show`;
    if (!texts(card).includes(fr.welcome.personal)) return 'missing the personal-chat line (welcome.personal)';
    return undefined;
  });

  // 2. installing again (the UI's page load, then another installationUpdate) must not welcome twice
  await check('second install events in the personal chat -> no second welcome', async () => {
    const n = pg.events.length;
    await pg.install(pc);
    await pg.sendCustomActivity(await frenchActivity(pc, 'installationUpdate', {}));
    await sleep(SETTLE_MS + 500);
    const again = botEvents(n, inConv(pc));
    again.forEach((e, i) => saveCard(`personal-reinstall-${i + 1}`, cardOf(e)));
    if (again.length) return `bot sent ${again.length} more message(s): ${JSON.stringify(again.map(describe))}`;
    return undefined;
  });

  // 3. "aide" in the personal chat
  for (const text of ['aide', '  AÏDE ']) {
    await check(`personal "${text}" (fr-FR) -> French help card with the commands`, async () => {
      const n = pg.events.length;
      await pg.sendCustomActivity(await frenchMessage(pc, text));
      const ev = await pg.nextBotMessage(pc, n, WAIT_MS).catch((e) => e);
      if (ev instanceof Error) return `no reply (${ev.message})`;
      saveCard(`personal-help-${text.trim()}`, cardOf(ev));
      return helpProblem(cardOf(ev), fr, false) && `${helpProblem(cardOf(ev), fr, false)}; got ${JSON.stringify(describe(ev))}`;
    });
  }

  // 4. unknown text
  await check('personal unknown text (fr-FR) -> French text pointing to "aide"', async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'quelle est la météo à Lyon ?'));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    saveCard('personal-unknown', cardOf(ev));
    const t = ev.message.text || '';
    if (cardOf(ev)) return `expected a text message, got a card titled ${JSON.stringify(titleOf(cardOf(ev)))}`;
    if (!/\baide\b/.test(t)) return `text does not mention "aide": ${JSON.stringify(t)}`;
    if (t !== fr.unknown.text) return `text ${JSON.stringify(t)}, expected ${JSON.stringify(fr.unknown.text)}`;
    return undefined;
  });

  // 5. team install: welcome in the General channel (whose id is the team id)
  let channelWelcome;
  await check(`team install (fr-FR) -> one French welcome card in channel "${general.name}"`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchActivity(team.id, 'installationUpdate', {}));
    channelWelcome = await pg.nextBotMessage(null, n, WAIT_MS).catch((e) => e);
    if (channelWelcome instanceof Error) return `no message from the bot (${channelWelcome.message})`;
    await sleep(SETTLE_MS);
    const all = botEvents(n);
    all.forEach((e, i) => saveCard(`team-welcome-${i + 1}`, cardOf(e)));
    if (all.length !== 1) return `bot sent ${all.length} message(s): ${JSON.stringify(all.map(describe))}`;
    if (!inConv(team.id)(channelWelcome)) return `posted in ${channelWelcome.actionConversationId}, expected ${team.id}`;
    const card = cardOf(channelWelcome);
    if (titleOf(card) !== fr.welcome.title) return `title ${JSON.stringify(titleOf(card))}, expected ${JSON.stringify(fr.welcome.title)}`;
    if (!texts(card).includes(fr.welcome.channel)) return 'missing the channel line (welcome.channel)';
    if (!verbs(card).includes('help.show')) return `Action.Execute verbs ${JSON.stringify(verbs(card))} lack help.show`;
    return undefined;
  });

  // 5b. group chat install as the playground UI does it: installationUpdate (locale en-US) and conversationUpdate
  // (no locale) sent together. Exactly one welcome; its language is whichever activity wins the race (see notes).
  await check(`group chat install (playground UI path, 2 concurrent events) -> exactly one welcome card in "${cfg.groupChats[0].name}"`, async () => {
    const n = pg.events.length;
    await pg.install(gc);
    const ev = await pg.nextBotMessage(gc, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no message from the bot in the group chat (${ev.message})`;
    await sleep(SETTLE_MS);
    const all = botEvents(n);
    all.forEach((e, i) => saveCard(`groupchat-welcome-${i + 1}`, cardOf(e)));
    const welcomes = all.filter((e) => isWelcome(cardOf(e)));
    if (all.length !== 1 || welcomes.length !== 1) return `bot sent ${all.length} message(s), ${welcomes.length} welcome card(s): ${JSON.stringify(all.map(describe))}`;
    if (!inConv(gc)(ev)) return `posted in ${ev.actionConversationId}, expected ${gc}`;
    const card = cardOf(ev);
    const t = titleOf(card) === fr.welcome.title ? fr : en;
    console.log(`#    (group chat welcome came in ${t === fr ? 'French' : 'English'})`);
    if (!texts(card).includes(t.welcome.channel)) return 'missing the channel/group line (welcome.channel)';
    if (!verbs(card).includes('help.show')) return `Action.Execute verbs ${JSON.stringify(verbs(card))} lack help.show`;
    return undefined;
  });

  // 6. "@TraAM.Bot aide" in the "Groupe national" channel, French (custom activity)
  await check(`"@${bot.name} aide" in channel "${national.name}" (fr-FR, ${lea.name}) -> French help card in that channel`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(national.id, 'aide', lea, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    saveCard('channel-help-fr', cardOf(ev));
    if (!inConv(national.id)(ev)) return `posted in ${ev.actionConversationId}, expected ${national.id}`;
    return helpProblem(cardOf(ev), fr, true);
  });

  // 6b. the directory decides what "aide" lists: the TN3 expert may link channels and edit the calendar, the
  // teacher sees the calendar but not "lier" (tests/e2e/people.csv, imported before the bot started).
  const ines = user('Inès Moreau');
  const helpIn = async (who) => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(national.id, 'aide', who, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS);
    saveCard(`channel-help-${who.name.split(' ')[0].toLowerCase()}`, cardOf(ev));
    return factTitles(cardOf(ev));
  };
  await check(`"aide" by ${lea.name} (experte TN3) and by ${ines.name} (enseignante) -> different commands, from their roles`, async () => {
    const expert = await helpIn(lea).catch((e) => e);
    const teacher = await helpIn(ines).catch((e) => e);
    if (expert instanceof Error || teacher instanceof Error) return `no reply (${(expert.message || teacher.message)})`;
    if (!expert.includes('lier') || !expert.includes('calendrier')) return `expert's commands ${JSON.stringify(expert)} lack "lier"/"calendrier"`;
    if (teacher.includes('lier')) return `teacher's commands ${JSON.stringify(teacher)} include "lier"`;
    if (!teacher.includes('calendrier') || !teacher.includes('moi')) return `teacher's commands ${JSON.stringify(teacher)} lack "calendrier"/"moi"`;
    return undefined;
  });

  await check(`"moi" by ${lea.name} -> her profile card with her role, from the imported directory`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(national.id, 'moi', lea, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    saveCard('channel-me-lea', cardOf(ev));
    const card = cardOf(ev);
    if (titleOf(card) !== fr.me.title) return `title ${JSON.stringify(titleOf(card))}`;
    if (!factTitles(card).includes('Personne experte TN3')) return `roles ${JSON.stringify(factTitles(card))} lack "Personne experte TN3"`;
    return undefined;
  });

  await check(`personal "échéances" by ${me.name} (référente, Lyon) -> her deadlines card, dated in Paris time`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'échéances'));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    const card = cardOf(ev);
    saveCard('personal-deadlines', card);
    if (titleOf(card) !== fr.deadlines.title) return `title ${JSON.stringify(titleOf(card))}`;
    const text = JSON.stringify(card);
    if (!text.includes(fr.reminders.kinds.completion.title) || !text.includes(fr.reminders.kinds.bilan.title)) return 'the referent\'s deadlines (completion, bilan) are missing';
    if (text.includes(fr.reminders.kinds.submission.title)) return 'a DAN\'s deadline is listed for a referent';
    if (!text.includes('Lyon (' + fr.deadlines.paris + ')')) return 'the time zone line is missing';
    return undefined;
  });

  // 7. the same through the playground's own channel post (a new thread "channel;messageid=…", locale en-US)
  await check(`playground channel post "@${bot.name} aide" in "${national.name}" (${hugo.name}) -> help card in that thread`, async () => {
    const n = pg.events.length;
    const post = await pg.post(`/_conversation/v1/conversations/${encodeURIComponent(national.id)}/messages`, {
      from: { id: hugo.id }, text: `<at>${bot.name}</at> aide`, textFormat: 'plain',
      mentions: [{ mentioned: { id: bot.id }, text: `<at>${bot.name}</at>` }],
    });
    const ev = await pg.nextBotMessage(null, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    saveCard('channel-thread-help', cardOf(ev));
    const thread = post && post.postConversationId;
    if (thread ? ev.actionConversationId !== thread : !inConv(national.id)(ev)) return `posted in ${ev.actionConversationId}, expected ${thread || national.id}`;
    return helpProblem(cardOf(ev), en, true); // the playground says en-US
  });

  // 8. the English-speaking user (the playground's en-US locale), in the group chat
  await check(`English-locale user (${emma.name}, en-US) "@${bot.name} HELP" in the group chat -> English help title`, async () => {
    const n = pg.events.length;
    await pg.post(`/_conversation/v1/conversations/${encodeURIComponent(gc)}/messages`, {
      from: { id: emma.id }, text: `<at>${bot.name}</at> HELP`, textFormat: 'plain',
      mentions: [{ mentioned: { id: bot.id }, text: `<at>${bot.name}</at>` }],
    });
    const ev = await pg.nextBotMessage(gc, n, WAIT_MS).catch((e) => e);
    if (ev instanceof Error) return `no reply (${ev.message})`;
    saveCard('groupchat-help-en', cardOf(ev));
    return helpProblem(cardOf(ev), en, true);
  });

  // 9. Action.Execute help.show on the welcome card, as the playground UI sends it (en-US): card in the HTTP response
  await check('Action.Execute help.show (playground invoke, en-US) -> help card in the invoke response', async () => {
    const replyTo = welcome && welcome.message && welcome.message.messageId;
    if (!replyTo) return 'no welcome card to click (check 1 failed)';
    const n = pg.events.length;
    const res = await withTimeout(pg.execute(pc, replyTo, { type: 'Action.Execute', verb: 'help.show', data: { verb: 'help.show' } }), WAIT_MS, 'invoke');
    if (!res || res.type !== ADAPTIVE) return `response is not an Adaptive Card: ${JSON.stringify(res)}`;
    saveCard('invoke-help-en', res.value);
    const problem = helpProblem(res.value, en, false);
    if (problem) return problem;
    await sleep(1000);
    const posted = botEvents(n);
    if (posted.length) return `the card should only be in the invoke response, but the bot also posted ${JSON.stringify(posted.map(describe))}`;
    return undefined;
  });

  // 10. the same invoke from a French user (custom activity; response read from the inspector log)
  await check('Action.Execute help.show (fr-FR invoke) -> French help card in the invoke response', async () => {
    if (!logWs || logWs.readyState !== WebSocket.OPEN) return 'the playground log stream is not connected';
    const replyTo = welcome && welcome.message && welcome.message.messageId;
    const inv = await frenchActivity(pc, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId: replyTo,
      value: { action: { type: 'Action.Execute', verb: 'help.show', data: { verb: 'help.show' } }, trigger: 'manual' },
    });
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    const body = entry.response.body || {};
    if (entry.response.statusCode !== 200) return `HTTP ${entry.response.statusCode}: ${JSON.stringify(body)}`;
    if (body.type !== ADAPTIVE) return `response is not an Adaptive Card: ${JSON.stringify(body)}`;
    saveCard('invoke-help-fr', body.value);
    return helpProblem(body.value, fr, false);
  });

  // 10b. the candidacy workflow, as people do it (tests/e2e/candidacy-scenario.js), once the runner opened the next call
  if (process.env.SMOKE_NEXT_CALL === '1') {
    await require('./candidacy-scenario.js').run({
      pg, cfg, team, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, en, WAIT_MS,
    });
  }

  // 10c. a check-in round opened by the TN3 expert and answered by the referent (tests/e2e/checkin-scenario.js)
  await require('./checkin-scenario.js').run({ pg, cfg, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS });
  // 10d. "statut": the TN3 expert reads her theme's table (tests/e2e/status-scenario.js)
  await require('./status-scenario.js').run({ pg, cfg, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, fr, WAIT_MS });
  // 10e. a checkpoint scheduled by the TN3 expert, its card in the national group's channel (tests/e2e/meeting-scenario.js)
  await require('./meeting-scenario.js').run({ pg, cfg, team, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS });
  // 10f. the end-of-year bilan collection: launched by the TN3 expert, sent by the referent, tracked in the channel (tests/e2e/bilan-scenario.js)
  await require('./bilan-scenario.js').run({ pg, cfg, team, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS });

  if (process.env.SMOKE_FORCE_FAIL === '1') await check('forced failure (SMOKE_FORCE_FAIL=1)', async () => 'failing on purpose');

  // 11. every card the bot sent passes the official renderer's validation
  for (const { label, file } of savedCards) {
    await check(`cardcheck ${label} (${path.basename(file)})`, async () => {
      const r = await runCardcheck(file);
      let report; try { report = JSON.parse(r.out); } catch { report = null; }
      const errors = report ? report.errors || [] : null;
      if (r.code !== 0 || !errors || errors.length) {
        return `exit ${r.code}${r.signal ? ' (' + r.signal + ')' : ''}, errors ${errors ? JSON.stringify(errors) : 'unreadable report'} ${r.err.slice(-300)}`;
      }
      return undefined;
    });
  }
  if (!savedCards.length) fail('cardcheck of the bot\'s cards', 'the bot sent no card');

  if (logWs) logWs.close();
  return finish(pg);
})().catch((e) => { fail('smoke test crashed', e); finish(null); });

function finish(pg) {
  if (pg) pg.close();
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}
