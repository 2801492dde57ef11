// The end-of-year bilan collection through the Agents Playground, as people do it (issue 13 §1), run by
// playground-smoke.js after the check-in scenario (Camille's check-in gave the tracker a scenarios address).
// Pre-req (run-playground-smoke.sh): tests/e2e/people.csv imported into the working campaign (2026-2027): Léa Petit
// TN3 expert of histoire-géographie, Camille Martin referent of "Équipe HG Lyon"; address checks off (no outside site).
//   1. Léa types "bilan" (fr-FR) and gets the launch card of her theme, closing by default on the campaign's deadline;
//   2. she links the team's national channel to her theme's national group ("lier");
//   3. she launches the collection ("Lancer la collecte", two weeks) -> launched; a second click sends nothing more;
//   4. the tracker appears in the national channel: 0 / 1 received, Camille's team awaited;
//   5. Camille opens her team's bilan (the card sent at 9:00 Lyon when it has come, else "bilan"): prefilled with the
//      scenarios' address from her check-in; she fills it in in French and sends it -> version 1;
//   6. the tracker in the channel is updated in place: 1 / 1 received;
//   7. Léa types "synthèse": the bot says it compiles (a Hangfire job), then offers the Word document with Teams' file
//      consent card (version 1, 1 bilan of 1 team); she declines and is told how to get it.
'use strict';

async function run(ctx) {
  const { pg, cfg, team, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS } = ctx;
  const me = cfg.currentUser, pc = cfg.personalChat.id;
  const lea = [me, ...cfg.users].find((u) => u.name === 'Léa Petit');
  const national = team.channels.find((c) => /national/i.test(c.name)) || team.channels[team.channels.length - 1];
  const allText = (card) => JSON.stringify(card) || '';
  const parisDay = (plus) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + plus * 86400000));
  const parisHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', hourCycle: 'h23' }).format(new Date()));
  const frenchInvoke = async (conv, replyToId, verb, data, from) => {
    const inv = await frenchActivity(conv, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    }, from);
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    return entry.response.body || {};
  };
  const input = (card, id) => allOf(card, (n) => n.id === id)[0];
  const inNational = (e) => String(e.actionConversationId || '').split(';')[0] === national.id || e.message.postConversationId === national.id;
  const state = {};

  await check(`bilan 1: "bilan" by ${lea.name} (TN3 expert, fr-FR) -> the launch card of her theme`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'bilan', lea));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('bilan-launch-card', card);
    if (!texts(card).some((t) => t.startsWith(fr.bilan.launch.title))) return `title ${JSON.stringify(texts(card)[0])}`;
    const theme = input(card, 'theme');
    const choice = theme && (theme.choices || []).find((c) => /Histoire-géographie/.test(c.title));
    if (!choice) return `no histoire-géographie theme among ${JSON.stringify(theme && theme.choices)}`;
    if (!input(card, 'closes') || !/^\d{4}-\d{2}-\d{2}$/.test(input(card, 'closes').value)) return `closes ${JSON.stringify(input(card, 'closes'))}`;
    if (!verbs(card).includes('bilan.launch')) return `verbs ${JSON.stringify(verbs(card))}`;
    state.launch = { id: ev.message.messageId, theme: choice.value };
    return undefined;
  });

  await check(`bilan 2: "lier" by ${lea.name} in "${national.name}" -> the channel is her theme's national group (2026-2027)`, async () => {
    if (!state.launch) return 'no launch card (step 1 failed)';
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(national.id, 'lier', lea, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('bilan-link-form', card);
    const choice = allOf(card, (c) => c.value === `national:${state.launch.theme}` && typeof c.title === 'string')[0];
    if (!choice) return `no national group of theme ${state.launch.theme} among ${JSON.stringify(allOf(card, (c) => c.value && c.title).map((c) => c.value))}`;
    const body = await frenchInvoke(national.id, ev.message.messageId, 'group.link', { group: choice.value }, lea);
    saveCard('bilan-link-done', body.value);
    if (!allText(body.value).includes(fr.link.done.split('{0}')[0])) return `link answer ${allText(body).slice(0, 300)}`;
    return undefined;
  });

  await check(`bilan 3: ${lea.name} launches the collection (two weeks) -> launched; launching again sends nothing more`, async () => {
    if (!state.launch) return 'no launch card (step 1 failed)';
    const data = { theme: state.launch.theme, closes: parisDay(14), message: 'Pensez aux adresses publiques des productions.' };
    const body = await frenchInvoke(pc, state.launch.id, 'bilan.launch', data, lea);
    saveCard('bilan-launched', body.value);
    if (!texts(body.value || {}).some((t) => t.startsWith(fr.bilan.launch.launched.split('{0}')[0]))) return `answer ${allText(body).slice(0, 400)}`;
    const again = await frenchInvoke(pc, state.launch.id, 'bilan.launch', data, lea);
    if (!texts(again.value || {}).some((t) => t.startsWith(fr.bilan.launch.already.split('{0}')[0]))) return `second launch ${allText(again).slice(0, 400)}`;
    return undefined;
  });

  await check(`bilan 4: the tracker appears in "${national.name}": 0 / 1 received, Équipe HG Lyon awaited`, async () => {
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && inNational(e) && allText(cardOf(e)).includes('Bilans de fin d'), 90000);
    const card = cardOf(ev);
    saveCard('bilan-tracker', card);
    state.tracker = ev.message.messageId;
    if (!texts(card).includes(fr.bilan.tracker.count.replace('{0}', '0').replace('{1}', '1'))) return `count ${JSON.stringify(texts(card).slice(0, 4))}`;
    if (!texts(card).some((t) => t.includes('Équipe HG Lyon') && t.includes('Camille Martin'))) return `missing list ${JSON.stringify(texts(card))}`;
    return undefined;
  });

  const openForm = async () => {
    // From 9:00 in Paris the card itself comes (the outbox, at 9:00 in Lyon); before, the command opens the same form.
    if (parisHour >= 9) {
      const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
        && e.actionConversationId === pc && verbs(cardOf(e) || {}).includes('bilan.open'), 90000).catch(() => null);
      if (ev) {
        saveCard('bilan-invite', cardOf(ev));
        const open = allOf(cardOf(ev), (a) => a.type === 'Action.Execute' && a.verb === 'bilan.open')[0];
        const body = await frenchInvoke(pc, ev.message.messageId, 'bilan.open', open.data);
        return { card: body.value, replyTo: ev.message.messageId };
      }
    }
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'bilan'));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    return { card: cardOf(ev), replyTo: ev.message.messageId };
  };

  await check(`bilan 5: ${me.name} opens her team's bilan (prefilled from her check-in) and sends it in French -> version 1`, async () => {
    const { card, replyTo } = await openForm();
    saveCard('bilan-form', card);
    if (!texts(card || {}).includes(`${fr.bilan.formTitle} Équipe HG Lyon`)) return `form title ${JSON.stringify(texts(card || {})[0])}`;
    const url = input(card, 'url_scenarios');
    if (!url || url.value !== 'https://histoire-geo.ac-lyon.fr/fenetre-sur-le-monde') return `url_scenarios not prefilled: ${JSON.stringify(url)}`;
    const submit = allOf(card, (a) => a.type === 'Action.Execute' && a.verb === 'bilan.submit')[0];
    if (!submit) return `verbs ${JSON.stringify(verbs(card))}`;
    const body = await frenchInvoke(pc, replyTo, 'bilan.submit', {
      ...submit.data,
      recap: 'Une fenêtre sur le monde : quatre scénarios de cartographie sensible testés en seconde, deux publiés sur le site académique.',
      url_scenarios: url.value, edubase: 'Édubase : 2 scénarios indexés (« Fenêtre sur le monde »)',
      collaboration: 'Les échanges avec Rennes et la Martinique ont enrichi les scénarios ; caler les visios a été difficile.',
      difficulties: 'Salle informatique indisponible au premier trimestre.', advice: 'Commencer les tests en classe avant décembre.',
      accessibility_rgpd: 'Outil de cartographie conforme au RGPD (hébergement en France) ; sous-titres ajoutés aux capsules.',
    });
    saveCard('bilan-sent', body.value);
    const done = fr.bilan.submitted.replace('{0}', '1').split('{1}')[0];
    if (!texts(body.value || {}).some((t) => t.startsWith(done))) return `answer ${allText(body).slice(0, 400)}`;
    return undefined;
  });

  await check(`bilan 6: the tracker in "${national.name}" is updated in place: 1 / 1 received`, async () => {
    if (!state.tracker) return 'no tracker (step 4 failed)';
    const count = fr.bilan.tracker.count.replace('{0}', '1').replace('{1}', '1');
    const update = await pg.waitFor((e) => e.action !== 'createMessage' && e.message
      && (e.message.messageId === state.tracker || e.message.id === state.tracker) && texts(cardOf(e) || {}).includes(count), 120000);
    saveCard('bilan-tracker-updated', cardOf(update));
    if (!texts(cardOf(update)).some((t) => t.includes('Équipe HG Lyon') && t.includes('version 1'))) return `received list ${JSON.stringify(texts(cardOf(update)))}`;
    return undefined;
  });

  await check(`bilan 7: "synthèse" by ${lea.name} -> compiled by a job, the document offered with Teams' file consent card; declined`, async () => {
    const CONSENT = 'application/vnd.microsoft.teams.card.file.consent';
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'synthèse', lea));
    const first = await pg.nextBotMessage(pc, n, WAIT_MS);
    if (!String(first.message.text || '').startsWith(fr.synthesis.compiling.split('{0}')[0])) return `first answer ${JSON.stringify(first.message.text)}`;
    const offer = await pg.waitFor((e) => pg.events.indexOf(e) >= n && e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && e.actionConversationId === pc && (e.message.attachments || []).some((a) => a.contentType === CONSENT), 90000);
    const consent = offer.message.attachments.find((a) => a.contentType === CONSENT);
    // "Synthèse « <theme> », version 1 (1 bilans reçus sur 1 équipes)": the bilan sent at step 5 is in it.
    const tail = fr.synthesis.consentDescription.split('»')[1].replace('{1}', '1').replace('{2}', '1').replace('{3}', '1');
    if (!consent.content || !String(consent.content.description || '').endsWith(tail)) return `consent card ${JSON.stringify(consent).slice(0, 400)}`;
    if (!(consent.content.sizeInBytes > 0 && consent.content.declineContext)) return `consent card ${JSON.stringify(consent.content).slice(0, 300)}`;
    const m = pg.events.length;
    const inv = await frenchActivity(pc, 'invoke', {
      type: 'invoke', name: 'fileConsent/invoke', replyToId: offer.message.messageId,
      value: { type: 'fileUpload', action: 'decline', context: consent.content.declineContext },
    }, lea);
    await pg.sendCustomActivity(inv);
    const reply = await pg.nextBotMessage(pc, m, WAIT_MS);
    if (String(reply.message.text || '') !== fr.synthesis.declined) return `after declining: ${JSON.stringify(reply.message.text)}`;
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
