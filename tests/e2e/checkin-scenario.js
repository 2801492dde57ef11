// A check-in round through the Agents Playground, as people do it (issue 11 §3), run by playground-smoke.js after its
// own checks. Pre-req (run-playground-smoke.sh): tests/e2e/people.csv imported into the working campaign (2026-2027):
// Léa Petit TN3 expert of histoire-géographie, Camille Martin referent of "Équipe HG Lyon".
//   1. Léa types "point d'étape" (fr-FR) and gets the round card of her theme;
//   2. she creates a round open from today to a week later ("Créer", Action.Execute);
//   3. Camille opens her team's check-in (the card sent at 9:00 Paris when it has come, else "point d'étape") and
//      sends it: late, help wanted, scenarios published with their address -> version 1;
//   4. Camille opens it again: the form says version 1 was sent and shows her answers (prefill).
'use strict';

async function run(ctx) {
  const { pg, cfg, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS } = ctx;
  const me = cfg.currentUser, pc = cfg.personalChat.id;
  const lea = [me, ...cfg.users].find((u) => u.name === 'Léa Petit');
  const allText = (card) => JSON.stringify(card) || '';
  const parisDay = (plus) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + plus * 86400000));
  const parisHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const frenchInvoke = async (replyToId, verb, data, from) => {
    const inv = await frenchActivity(pc, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    }, from);
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    return entry.response.body || {};
  };
  const input = (card, id) => allOf(card, (n) => n.id === id)[0];
  const state = {};

  await check(`check-in 1: "point d'étape" by ${lea.name} (TN3 expert, fr-FR) -> the round card of her theme`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, "point d'étape", lea));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('checkin-round-card', card);
    if (!texts(card).some((t) => t.startsWith(fr.checkin.round.title))) return `title ${JSON.stringify(texts(card)[0])}`;
    const theme = input(card, 'theme');
    const choice = theme && (theme.choices || []).find((c) => /Histoire-géographie/.test(c.title));
    if (!choice) return `no histoire-géographie theme among ${JSON.stringify(theme && theme.choices)}`;
    if (!verbs(card).includes('checkin.round.create')) return `verbs ${JSON.stringify(verbs(card))}`;
    state.round = { id: ev.message.messageId, theme: choice.value };
    return undefined;
  });

  await check(`check-in 2: ${lea.name} creates a round from today to a week later -> created, listed on the card`, async () => {
    if (!state.round) return 'no round card (step 1 failed)';
    const body = await frenchInvoke(state.round.id, 'checkin.round.create',
      { theme: state.round.theme, opens: parisDay(0), closes: parisDay(7), teachers: 'false', repeat: 'once', until: '' }, lea);
    saveCard('checkin-round-created', body.value);
    const said = texts(body.value || {});
    if (!said.some((t) => t.startsWith(fr.checkin.round.created.replace('{0}', '1').split('{1}')[0]))) return `answer ${allText(body).slice(0, 400)}`;
    return undefined;
  });

  const openForm = async () => {
    // From 9:00 in Paris the card itself comes (the outbox, at 9:00 in Lyon); before, the command opens the same form.
    if (parisHour >= 9 && !state.invite) {
      const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
        && e.actionConversationId === pc && verbs(cardOf(e) || {}).includes('checkin.open'), 90000).catch(() => null);
      if (ev) {
        state.invite = ev;
        saveCard('checkin-invite', cardOf(ev));
        const open = allOf(cardOf(ev), (a) => a.type === 'Action.Execute' && a.verb === 'checkin.open')[0];
        const body = await frenchInvoke(ev.message.messageId, 'checkin.open', open.data);
        return { card: body.value, replyTo: ev.message.messageId };
      }
    }
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, "point d'étape"));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    return { card: cardOf(ev), replyTo: ev.message.messageId };
  };

  await check(`check-in 3: ${me.name} opens her team's check-in and sends it (late, help wanted, scenarios published) -> version 1`, async () => {
    const { card, replyTo } = await openForm();
    saveCard('checkin-form', card);
    if (!texts(card || {}).includes(`${fr.checkin.formTitle} Équipe HG Lyon`)) return `form title ${JSON.stringify(texts(card || {})[0])}`;
    const submit = allOf(card, (a) => a.type === 'Action.Execute' && a.verb === 'checkin.submit')[0];
    if (!submit) return `verbs ${JSON.stringify(verbs(card))}`;
    const body = await frenchInvoke(replyTo, 'checkin.submit', {
      ...submit.data, overall: 'late', help: 'yes', helpText: 'Un avis sur la base légale de l\'outil de cartographie.',
      scenariosState: 'published', scenariosUrl: 'https://histoire-geo.ac-lyon.fr/fenetre-sur-le-monde', confidence: '3',
    });
    saveCard('checkin-sent', body.value);
    const done = fr.checkin.submitted.replace('{0}', '1').split('{1}')[0];
    if (!texts(body.value || {}).some((t) => t.startsWith(done))) return `answer ${allText(body).slice(0, 400)}`;
    return undefined;
  });

  await check(`check-in 4: ${me.name} opens it again -> "version 1" and her answers shown (prefilled)`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, "point d'étape"));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('checkin-reopened', card);
    if (!allText(card).includes(fr.checkin.stateVersion.split('{1}')[0].replace('{0}', '1'))) return `state ${JSON.stringify(texts(card).slice(0, 6))}`;
    const url = input(card, 'scenariosUrl');
    if (!url || url.value !== 'https://histoire-geo.ac-lyon.fr/fenetre-sur-le-monde') return `scenariosUrl ${JSON.stringify(url)}`;
    if (!input(card, 'overall') || input(card, 'overall').value !== 'late') return `overall ${JSON.stringify(input(card, 'overall'))}`;
    return undefined;
  });

  return state;
}

function allOf(node, pred) {
  const out = [];
  (function walk(n) {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') { if (pred(n)) out.push(n); Object.values(n).forEach(walk); }
  })(node);
  return out;
}

module.exports = { run };
