// The candidacy workflow through the Agents Playground, as people do it (issue 10 §5), run by playground-smoke.js
// after its own checks. Pre-req (run-playground-smoke.sh): the 2027-2028 call is open and tests/e2e/people.csv is
// imported into it too (the same people candidate again): Camille Martin referent of "Équipe HG Lyon" (with Inès Moreau and Emma Clarke), Hugo Bernard
// inspector of Lyon in histoire-géographie, Karim Haddad DAN of Lyon, Léa Petit TN3 expert.
//   1. Léa links the team's General channel to the team's academic group of 2027-2028 ("lier", card, choice);
//   2. Camille types "candidature" (fr-FR) and gets the form; submits it (Action.Execute, fr-FR);
//   3. the bot posts the read-only copy in the linked channel, with refresh.userIds for the inspectors;
//   4. Hugo's client refreshes the card (a real Action.Execute through the playground): his view has the decisions;
//   5. Hugo approves from that card; the channel copy is then updated in place (PUT) to "Approuvée";
//   6. Camille is told in her chat;
//   7-9. Karim Haddad (DAN of Lyon) transmits: "transmettre" lists the approved candidacy, "Confirmer la transmission"
//        transmits it and the document de synthèse comes with Teams' file consent card; Hugo cannot take the file,
//        Karim declines it and is told how to get it again. (Accepting needs Teams' HTTPS upload session: the
//        integration tests cover the upload.)
'use strict';

async function run(ctx) {
  const { pg, cfg, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, en, WAIT_MS, team } = ctx;
  const me = cfg.currentUser, pc = cfg.personalChat.id;
  const user = (name) => [me, ...cfg.users].find((u) => u.name === name);
  const hugo = user('Hugo Bernard'), lea = user('Léa Petit');
  const general = team.channels.find((c) => c.id === team.id) || team.channels[0];
  const allText = (card) => JSON.stringify(card) || '';
  const frenchInvoke = async (conv, replyToId, verb, data, from) => {
    const inv = await frenchActivity(conv, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    }, from);
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    return entry.response.body || {};
  };
  const state = {};

  await check(`candidacy 1: "lier" by ${lea.name} in "${general.name}" -> the channel is linked to Équipe HG Lyon (2027-2028)`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(general.id, 'lier', lea, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('candidacy-link-form', card);
    const choice = (card.body || []).flatMap((b) => b.choices || []).find((c) => /Équipe HG Lyon/.test(c.title) && /2027-2028/.test(c.title));
    if (!choice) return `no "Équipe HG Lyon (2027-2028)" among ${JSON.stringify((card.body || []).flatMap((b) => b.choices || []).map((c) => c.title))}`;
    const body = await frenchInvoke(general.id, ev.message.messageId, 'group.link', { group: choice.value }, lea);
    saveCard('candidacy-link-done', body.value);
    if (!allText(body.value).includes('2027-2028')) return `link answer ${allText(body).slice(0, 300)}`;
    return undefined;
  });

  await check(`candidacy 2: "candidature" by ${me.name} (fr-FR) -> the form of her team, then "Déposer" -> version 1`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'candidature'));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const form = cardOf(ev);
    saveCard('candidacy-form', form);
    if (!texts(form).includes(`${fr.candidacy.formTitle} Équipe HG Lyon`)) return `form title ${JSON.stringify(texts(form)[0])}`;
    if (!verbs(form).includes('candidacy.submit')) return `verbs ${JSON.stringify(verbs(form))}`;
    const submit = allOfType(form, 'Action.Execute').find((a) => a.verb === 'candidacy.submit');
    const body = await frenchInvoke(pc, ev.message.messageId, 'candidacy.submit', {
      ...submit.data,
      title: 'Cartes sensibles du quartier', summary: 'Les élèves cartographient leur quartier et le comparent à une ville jumelle.',
      productions: 'scenarios,communication', levels: '4e et 3e', year: '1',
    });
    saveCard('candidacy-submitted', body.value);
    if (!allText(body.value).includes(fr.candidacy.submitted.replace('{0}', '1').slice(0, 40))) return `answer ${allText(body).slice(0, 400)}`;
    return undefined;
  });

  await check('candidacy 3: the linked channel gets the read-only copy, refreshed for the inspectors', async () => {
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && String(e.actionConversationId || '').split(';')[0] === general.id && /Cartes sensibles/.test(allText(cardOf(e))), 90000);
    const card = cardOf(ev);
    saveCard('candidacy-channel-copy', card);
    state.copy = ev.message.messageId;
    state.copyConv = ev.message.postConversationId || ev.actionConversationId; // the thread the copy started ("channel;messageid=…")
    state.candidacyId = card.refresh && card.refresh.action && card.refresh.action.data && card.refresh.action.data.candidacyId;
    if (!texts(card).includes(fr.candidacy.states.Pending)) return `state ${JSON.stringify(texts(card).slice(0, 4))}`;
    if (verbs(card).includes('candidacy.decide')) return 'the channel copy offers decisions to everyone';
    if (!state.candidacyId) return 'no refresh action naming the candidacy';
    return undefined;
  });

  await check(`candidacy 4: ${hugo.name}'s client refreshes the card (Action.Execute) -> his own view with the decisions`, async () => {
    const res = await pg.execute(state.copyConv, state.copy, { type: 'Action.Execute', verb: 'candidacy.view', data: { verb: 'candidacy.view', candidacyId: state.candidacyId } }, hugo.id);
    saveCard('candidacy-inspector-view', res && res.value);
    if (!res || !res.value) return `response ${JSON.stringify(res).slice(0, 300)} (copy ${state.copy} in ${state.copyConv})`;
    if (!texts(res.value).some((t) => t === en.candidacy.states.Pending)) return `state ${JSON.stringify(texts(res.value).slice(0, 4))}`;
    const decide = allOfType(res.value, 'Action.Execute').filter((a) => a.verb === 'candidacy.decide').map((a) => a.title);
    if (decide.join('|') !== [en.candidacy.review.approve, en.candidacy.review.changes, en.candidacy.review.reject].join('|')) return `decisions ${JSON.stringify(decide)}`;
    state.view = res.value;
    return undefined;
  });

  await check(`candidacy 5: ${hugo.name} approves from the card -> saved; the channel copy is updated in place to "${fr.candidacy.states.Approved}"`, async () => {
    if (!state.view) return 'no inspector view (step 4 failed)';
    const approve = allOfType(state.view, 'Action.Execute').find((a) => a.verb === 'candidacy.decide' && a.data.decision === 'approve');
    const n = pg.events.length;
    const res = await pg.execute(state.copyConv, state.copy, { type: 'Action.Execute', verb: approve.verb, data: { ...approve.data, comment: '' } }, hugo.id);
    saveCard('candidacy-approved', res && res.value);
    if (!allText(res).includes(en.candidacy.review.decided.replace('{0}', en.candidacy.decisions.Approved))) return `answer ${allText(res).slice(0, 300)}`;
    const update = await pg.waitFor((e) => pg.events.indexOf(e) >= n && e.action !== 'createMessage' && e.message
      && (e.message.messageId === state.copy || e.message.id === state.copy) && allText(cardOf(e)).includes(fr.candidacy.states.Approved), 120000);
    saveCard('candidacy-channel-updated', cardOf(update));
    if (verbs(cardOf(update)).includes('candidacy.decide')) return 'the updated copy still offers decisions';
    return undefined;
  });

  await check(`candidacy 6: ${me.name} is told in her chat that Hugo Bernard approved it`, async () => {
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && e.actionConversationId === pc && `${e.message.text || ''} ${allText(cardOf(e))}`.includes('approuvée par Hugo Bernard'), 90000);
    saveCard('candidacy-referent-told', cardOf(ev));
    return undefined;
  });

  const karim = user('Karim Haddad');
  await check(`candidacy 7: "transmettre" by ${karim.name} (DAN of Lyon, fr-FR) -> the approved candidacy listed to be sent`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'transmettre', karim));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('transmission-card', card);
    const all = texts(card);
    if (!all.includes(fr.transmission.title.replace('{0}', 'Lyon'))) return `title ${JSON.stringify(all[0])}`;
    if (!allText(card).includes('Cartes sensibles du quartier')) return 'the approved candidacy is not listed';
    state.send = allOfType(card, 'Action.Execute').find((a) => a.verb === 'transmission.send');
    if (!state.send) return `no "${fr.transmission.confirmButton}" action among ${JSON.stringify(verbs(card))}`;
    state.transmissionCard = ev.message.messageId;
    return undefined;
  });

  await check(`candidacy 8: ${karim.name} confirms -> transmitted, and the document de synthèse offered with Teams' file consent card`, async () => {
    if (!state.send) return 'no transmission card (step 7 failed)';
    const n = pg.events.length;
    const body = await frenchInvoke(pc, state.transmissionCard, 'transmission.send', state.send.data, karim);
    saveCard('transmission-done', body.value);
    if (!allText(body.value).includes(fr.transmission.done.replace('{0}', '1').slice(0, 40))) return `answer ${allText(body).slice(0, 400)}`;
    const offer = await pg.waitFor((e) => pg.events.indexOf(e) >= n && e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && e.actionConversationId === pc && (e.message.attachments || []).some((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent'), 90000);
    const consent = offer.message.attachments.find((a) => a.contentType === 'application/vnd.microsoft.teams.card.file.consent');
    // The playground's page keeps the consent card's content, not the attachment's name (the integration tests check it).
    const expected = fr.transmission.consentDescription.replace('{0}', '2027-2028').replace('{1}', 'Lyon').replace('{2}', '1');
    if (!consent.content || consent.content.description !== expected) return `consent card ${JSON.stringify(consent).slice(0, 400)}`;
    if (!(consent.content.sizeInBytes > 0 && consent.content.acceptContext)) return `consent card ${JSON.stringify(consent.content).slice(0, 300)}`;
    state.consent = { id: offer.message.messageId, context: consent.content.acceptContext };
    return undefined;
  });

  await check(`candidacy 9: ${karim.name} declines the file (fileConsent/invoke) -> told how to get it again; nobody else may take it`, async () => {
    if (!state.consent) return 'no consent card (step 8 failed)';
    const answer = async (who, action) => {
      const n = pg.events.length;
      const inv = await frenchActivity(pc, 'invoke', {
        type: 'invoke', name: 'fileConsent/invoke', replyToId: state.consent.id,
        value: { type: 'fileUpload', action, context: state.consent.context },
      }, who);
      await pg.sendCustomActivity(inv);
      const reply = await pg.nextBotMessage(pc, n, WAIT_MS);
      return reply.message.text || '';
    };
    const stranger = await answer(hugo, 'accept');
    if (!stranger.startsWith(fr.transmission.notYours.slice(0, 30))) return `to Hugo: ${JSON.stringify(stranger)}`;
    const declined = await answer(karim, 'decline');
    if (!declined.startsWith(fr.transmission.declined.split('{0}')[0].slice(0, 30))) return `to Karim: ${JSON.stringify(declined)}`;
    return undefined;
  });

  return state;
}

function allOfType(card, type) {
  const out = [];
  (function walk(n) {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') { if (n.type === type) out.push(n); Object.values(n).forEach(walk); }
  })(card);
  return out;
}

module.exports = { run };
