// A national group meeting through the Agents Playground, as people do it (issue 12 §2), run by playground-smoke.js.
// Pre-req (run-playground-smoke.sh): tests/e2e/people.csv imported into the working campaign (2026-2027): Léa Petit
// TN3 expert of histoire-géographie, Camille Martin referent of "Équipe HG Lyon". The bot runs in local mode: no
// Graph settings, so the fallback (meeting in our data, .ics served by the bot).
//   1. Léa links the "Groupe national" channel to the national group of histoire-géographie ("lier", card, choice);
//   2. Camille (a referent) types "réunion" -> refused in French;
//   3. Léa types "réunion" (fr-FR) -> the scheduling card of her theme, the national group invited;
//   4. she fills it for a remote checkpoint three weeks ahead and submits ("Planifier"; ticks "Je confirme" if the
//      bot asks, e.g. a school holiday) -> the card is replaced by the meeting's, "C'est fait";
//   5. the meeting card appears in the national group's channel (the outbox), with "Ajouter à mon agenda", whose
//      signed .ics the bot serves; a forged signature gets 404.
// Then a meeting held outside the bot, recorded afterwards (issue 12 §3: the secretary publishes minutes):
//   6. Léa types "réunion" again and fills a checkpoint dated yesterday (Paris), Camille as its secretary -> the
//      confirmable problem "Cette réunion a déjà eu lieu…" beside the date, with the "Je confirme" tick, nothing saved;
//   7. she ticks "Je confirme" and submits -> "C'est fait : la réunion est enregistrée", no "Déplacer", no agenda link;
//   8. its card reaches the national channel as the record ("enregistrée après coup", no join link, no .ics);
//   9. the minutes card reaches Camille, the secretary, in her personal chat as soon as the jobs have run (Hangfire in
//      process, polled through the conversation): the invitees to tick, no Teams report;
//  10. she ticks who was there, writes a decision and an action (Léa, in two weeks) and clicks "Publier" -> version 1;
//  11. the published minutes reach the national channel with the decision and the action.
'use strict';

async function run(ctx) {
  const { pg, cfg, team, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, texts, verbs, fr, WAIT_MS } = ctx;
  const me = cfg.currentUser, pc = cfg.personalChat.id;
  const lea = [me, ...cfg.users].find((u) => u.name === 'Léa Petit');
  const national = team.channels.find((c) => /national/i.test(c.name)) || team.channels[team.channels.length - 1];
  const allText = (card) => JSON.stringify(card) || '';
  const inChannel = (e) => String(e.actionConversationId || '').split(';')[0] === national.id || e.message.postConversationId === national.id;
  const frenchInvoke = async (convId, replyToId, verb, data, from) => {
    const inv = await frenchActivity(convId, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId,
      value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
    }, from);
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    return entry.response.body || {};
  };
  // A Tuesday three weeks ahead in Paris: a working day, before any campaign deadline that matters for a checkpoint.
  const tuesday = () => {
    const d = new Date(Date.now() + 21 * 86400000);
    while (d.getUTCDay() !== 2) d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  const input = (card, id) => allOf(card, (n) => n.id === id)[0];
  const state = {};

  await check(`meeting 1: "lier" by ${lea.name} in "${national.name}" -> linked to the national group of histoire-géographie`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(national.id, 'lier', lea, true));
    const ev = await pg.nextBotMessage(null, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('meeting-link-form', card);
    const choice = allOf(card, (c) => typeof c.title === 'string' && typeof c.value === 'string' && c.value.startsWith('national:')
      && /Histoire-géographie/.test(c.title) && (!/\d{4}-\d{4}/.test(c.title) || /2026-2027/.test(c.title)))[0]; // two live calls: each line says its own
    if (!choice) return `no national group of histoire-géographie (2026-2027) among ${JSON.stringify(allOf(card, (c) => c.value && c.title).map((c) => c.title))}`;
    const body = await frenchInvoke(national.id, ev.message.messageId, 'group.link', { group: choice.value }, lea);
    saveCard('meeting-link-done', body.value);
    if (!texts(body.value || {}).some((t) => t.startsWith(fr.link.done.split('{0}')[0]))) return `link answer ${allText(body).slice(0, 300)}`;
    return undefined;
  });

  await check(`meeting 2: "réunion" by ${me.name} (a referent, fr-FR) -> refused in French`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'réunion'));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    if (cardOf(ev)) return `expected a refusal, got a card ${JSON.stringify(texts(cardOf(ev)).slice(0, 2))}`;
    if (ev.message.text !== fr.meetings.schedule.notAllowed) return `text ${JSON.stringify(ev.message.text)}`;
    return undefined;
  });

  await check(`meeting 3: "réunion" by ${lea.name} (TN3 expert, fr-FR) -> the scheduling card, the national group invited`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'réunion', lea));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    const card = cardOf(ev);
    saveCard('meeting-schedule-card', card);
    if (!texts(card).some((t) => t.includes(fr.meetings.schedule.title))) return `title ${JSON.stringify(texts(card)[0])}`;
    if (!texts(card).some((t) => t.includes('Camille Martin') && t.includes('Léa Petit'))) return `invitees ${JSON.stringify(texts(card))}`;
    const submit = allOf(card, (a) => a.type === 'Action.Execute' && a.verb === 'meeting.schedule')[0];
    if (!submit) return `verbs ${JSON.stringify(verbs(card))}`;
    state.card = { id: ev.message.messageId, meetingId: submit.data.meetingId, theme: input(card, 'theme').value, secretary: input(card, 'secretary').value };
    return undefined;
  });

  await check(`meeting 4: ${lea.name} schedules a remote checkpoint on ${tuesday()} at 14:00 -> "C'est fait", the meeting's card`, async () => {
    if (!state.card) return 'no scheduling card (step 3 failed)';
    const fields = {
      meetingId: state.card.meetingId, theme: state.card.theme, kind: 'checkpoint', date: tuesday(), time: '14:00', duration: '90',
      zone: 'Europe/Paris', subject: '', agenda: '1. Tour de table des académies\n2. Avancement des scénarios', secretary: state.card.secretary, confirm: 'false',
    };
    let body = await frenchInvoke(pc, state.card.id, 'meeting.schedule', fields, lea);
    if (input(body.value || {}, 'confirm')) { // a confirmable warning (holidays in most zones): tick and submit again, as a person would
      saveCard('meeting-schedule-confirm', body.value);
      body = await frenchInvoke(pc, state.card.id, 'meeting.schedule', { ...fields, confirm: 'true' }, lea);
    }
    saveCard('meeting-scheduled', body.value);
    if (!texts(body.value || {}).includes(fr.meetings.card.scheduledDone)) return `answer ${allText(body).slice(0, 500)}`;
    if (!verbs(body.value).includes('meeting.move.form')) return `organiser's verbs ${JSON.stringify(verbs(body.value))}`;
    return undefined;
  });

  await check(`meeting 5: the meeting card appears in "${national.name}" with "Ajouter à mon agenda" (signed .ics served, forged -> 404)`, async () => {
    if (!state.card) return 'not scheduled (step 4 failed)';
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && inChannel(e) && allText(cardOf(e)).includes(state.card.meetingId), 90000).catch(() => null);
    if (!ev) return 'no meeting card in the channel within 90 s';
    const card = cardOf(ev);
    saveCard('meeting-channel-card', card);
    if (!texts(card).some((t) => t.includes(fr.meetings.kinds.checkpoint))) return `kind ${JSON.stringify(texts(card).slice(0, 4))}`;
    const add = allOf(card, (a) => a.type === 'Action.OpenUrl' && a.title === fr.meetings.card.add)[0];
    if (!add) return `no "${fr.meetings.card.add}" among ${JSON.stringify(allOf(card, (a) => a.type && a.type.startsWith('Action.')).map((a) => a.title))}`;
    const ics = await fetch(add.url);
    const text = await ics.text();
    if (ics.status !== 200 || !text.includes('BEGIN:VCALENDAR') || !text.includes(`UID:${state.card.meetingId}@traam.bot`)) return `GET ${add.url} -> ${ics.status} ${text.slice(0, 200)}`;
    const forged = await fetch(add.url.replace(/sig=.*/, 'sig=AAAAAAAAAAAAAAAAAAAAAA'));
    if (forged.status !== 404) return `forged signature -> ${forged.status}`;
    return undefined;
  });

  // A meeting held outside the bot (an in-person kick-off, a visio set up by hand), recorded afterwards.
  const parisDay = (plus) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date(Date.now() + plus * 86400000));
  const yesterday = parisDay(-1);
  const past = {};
  const decision = 'Les scénarios sont partagés sur Édubase avant mars.';
  const action = 'Envoyer le calendrier des observations';

  await check(`meeting 6: ${lea.name} records a checkpoint held yesterday (${yesterday}), ${me.name} secretary -> "Cette réunion a déjà eu lieu…" with "Je confirme", nothing saved`, async () => {
    // Step 4's fallback invitation reaches this chat (Camille's) through the outbox: let it come first (bounded), so
    // that it does not cut into the replies below or the next scenario's.
    if (state.card) {
      await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
        && (e.actionConversationId === pc || e.message.postConversationId === pc) && allText(cardOf(e)).includes(state.card.meetingId), 90000).catch(() => null);
    }
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'réunion', lea));
    // Step 4's invitation to Camille (the fallback, through the outbox) may land in this chat meanwhile: wait for the reply itself.
    const ev = await pg.waitFor((e) => pg.events.indexOf(e) >= n && e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && (e.actionConversationId === pc || e.message.postConversationId === pc) && verbs(cardOf(e) || {}).includes('meeting.schedule'), WAIT_MS).catch(() => null);
    if (!ev) return 'no scheduling card';
    const card = cardOf(ev);
    const submit = allOf(card, (a) => a.type === 'Action.Execute' && a.verb === 'meeting.schedule')[0];
    past.card = { id: ev.message.messageId, meetingId: submit.data.meetingId };
    // The secretary is one of the invitees: Camille (a referent of the group) writes the minutes.
    const secretary = ((input(card, 'secretary') || {}).choices || []).find((c) => c.title === me.name);
    if (!secretary) return `${me.name} not among the possible secretaries`;
    past.fields = {
      meetingId: submit.data.meetingId, theme: input(card, 'theme').value, kind: 'checkpoint', date: yesterday, time: '10:00', duration: '60',
      zone: 'Europe/Paris', subject: 'Réunion de lancement en présentiel (Lyon)', agenda: 'Organisée par courriel', secretary: secretary.value, confirm: 'false',
    };
    const body = await frenchInvoke(pc, past.card.id, 'meeting.schedule', past.fields, lea);
    saveCard('meeting-past-confirm', body.value);
    if (!allText(body.value).includes('Cette réunion a déjà eu lieu : elle sera enregistrée sans invitation ni événement d\'agenda')) return `answer ${allText(body).slice(0, 500)}`;
    if (!input(body.value || {}, 'confirm')) return 'no "Je confirme" tick';
    if (input(body.value, 'date').value !== yesterday || input(body.value, 'subject').value !== past.fields.subject) return 'what was typed was not kept';
    if (texts(body.value).includes(fr.meetings.card.recordedDone)) return 'saved without the confirmation';
    return undefined;
  });

  await check(`meeting 7: ${lea.name} ticks "Je confirme" -> "${fr.meetings.card.recordedDone.slice(0, 40)}…", no "Déplacer", no agenda link`, async () => {
    if (!past.fields) return 'no scheduling card (step 6 failed)';
    const body = await frenchInvoke(pc, past.card.id, 'meeting.schedule', { ...past.fields, confirm: 'true' }, lea);
    saveCard('meeting-recorded', body.value);
    if (!texts(body.value || {}).includes(fr.meetings.card.recordedDone)) return `answer ${allText(body).slice(0, 500)}`;
    if (verbs(body.value).includes('meeting.move.form')) return 'a past meeting offers "Déplacer"';
    if (allOf(body.value, (a) => a.type === 'Action.OpenUrl').length) return `links on a past meeting: ${JSON.stringify(allOf(body.value, (a) => a.type === 'Action.OpenUrl').map((a) => a.title))}`;
    past.recorded = true;
    return undefined;
  });

  await check(`meeting 8: its card reaches "${national.name}" as the record ("${fr.meetings.card.recorded}", no join link, no .ics)`, async () => {
    if (!past.recorded) return 'not recorded (step 7 failed)';
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && inChannel(e) && allText(cardOf(e)).includes(past.card.meetingId), 90000).catch(() => null);
    if (!ev) return 'no meeting card in the channel within 90 s';
    const card = cardOf(ev);
    saveCard('meeting-recorded-channel', card);
    if (!texts(card).some((t) => t.includes(fr.meetings.card.recorded))) return `state ${JSON.stringify(texts(card).slice(0, 4))}`;
    if (!texts(card).includes(fr.meetings.card.recordedNote)) return `note ${JSON.stringify(texts(card))}`;
    if (allOf(card, (a) => a.type === 'Action.OpenUrl').length) return 'join or .ics link on a recorded meeting';
    return undefined;
  });

  await check(`meeting 9: the minutes card reaches ${me.name} (the secretary) in her personal chat once the jobs ran: the invitees to tick, no Teams report`, async () => {
    if (!past.recorded) return 'not recorded (step 7 failed)';
    const subject = `minutes:${past.card.meetingId}`;
    // Bounded poll of the conversation: the calendar job, then the minutes job, then the outbox, all in process.
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && (e.actionConversationId === pc || e.message.postConversationId === pc)
      && allOf(cardOf(e) || {}, (a) => a.verb === 'minutes.publish' && a.data && a.data.subject === subject).length > 0, 120000).catch(() => null);
    if (!ev) {
      const seen = pg.events.filter((e) => allText(e).includes(past.card.meetingId)).map((e) => `${e.action} ${e.actionConversationId || ''} ${texts(cardOf(e) || {})[0] || (e.message && e.message.text) || ''}`);
      return `no minutes card within 120 s; events naming the meeting: ${JSON.stringify(seen)}`;
    }
    const card = cardOf(ev);
    saveCard('minutes-recorded', card);
    if (!texts(card).includes(fr.minutes.sources.recorded)) return `source line ${JSON.stringify(texts(card).slice(0, 8))}`;
    const present = input(card, 'present'), owner = input(card, 'action1Owner');
    if (!present || !(present.choices || []).length) return 'no invitees to tick';
    const expert = (owner && owner.choices || []).find((c) => c.title === lea.name);
    if (!expert) return `${lea.name} not among the action owners ${JSON.stringify((owner && owner.choices || []).map((c) => c.title))}`;
    const publish = allOf(card, (a) => a.verb === 'minutes.publish')[0];
    past.minutes = { id: ev.message.messageId, data: publish.data, present: present.choices.map((c) => c.value).join(','), owner: expert.value };
    return undefined;
  });

  await check(`meeting 10: ${me.name} ticks who was there, writes a decision and an action, clicks "${fr.minutes.publish}" -> version 1`, async () => {
    if (!past.minutes) return 'no minutes card (step 9 failed)';
    const body = await frenchInvoke(pc, past.minutes.id, 'minutes.publish', {
      ...past.minutes.data, present: past.minutes.present, decisions: decision,
      action1What: action, action1Owner: past.minutes.owner, action1Due: parisDay(14),
    }); // from Camille, the secretary
    saveCard('minutes-published-answer', body.value);
    if (!texts(body.value || {}).includes(fr.minutes.published.replace('{0}', '1'))) return `answer ${allText(body).slice(0, 500)}`;
    past.published = true;
    return undefined;
  });

  await check(`meeting 11: the published minutes reach "${national.name}" with the decision and the action`, async () => {
    if (!past.published) return 'not published (step 10 failed)';
    const ev = await pg.waitFor((e) => e.action === 'createMessage' && e.message && e.message.from && e.message.from.id === cfg.bot.id
      && inChannel(e) && texts(cardOf(e) || {}).includes(decision), 90000).catch(() => null);
    if (!ev) return 'no published minutes in the channel within 90 s';
    const card = cardOf(ev);
    saveCard('minutes-published-channel', card);
    if (!texts(card).some((t) => t.includes(fr.minutes.publishedTitle))) return `title ${JSON.stringify(texts(card).slice(0, 3))}`;
    if (!texts(card).some((t) => t.includes(action) && t.includes(lea.name))) return `action ${JSON.stringify(texts(card))}`;
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
