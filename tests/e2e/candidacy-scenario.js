// The candidacy workflow through the Agents Playground, as people do it (issue 10 §5), run by playground-smoke.js
// after its own checks. Pre-req (run-playground-smoke.sh): the 2027-2028 call is open and tests/e2e/people.csv is
// imported into it too (the same people candidate again): Camille Martin referent of "Équipe HG Lyon" (with Inès Moreau and Emma Clarke), Hugo Bernard
// inspector of Lyon in histoire-géographie, Karim Haddad DAN of Lyon, Léa Petit TN3 expert.
//   1. Léa links the team's General channel to the team's academic group of 2027-2028 ("lier", card, choice);
//   2. Camille types "candidature" (fr-FR) and gets the form; submits it (Action.Execute, fr-FR);
//   3. the bot posts the read-only copy in the linked channel, with refresh.userIds for the inspectors;
//   4. Hugo's client refreshes the card (a real Action.Execute through the playground): his view has the decisions;
//   5. Hugo approves from that card; the channel copy is then updated in place (PUT) to "Approuvée";
//   6. Camille is told in her chat.
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
