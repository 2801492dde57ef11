// "statut" through the Agents Playground (issue 11 §3), run by playground-smoke.js after its own checks: Léa Petit,
// TN3 expert of histoire-géographie (tests/e2e/people.csv), asks "statut" in French and reads "Équipe HG Lyon" in the
// table of her theme's teams, with what Camille answered in tests/e2e/checkin-scenario.js just before (today's date,
// "en retard", 1/4 productions published, the team first as it is at risk); "Actualiser" (Action.Execute) answers the
// same table in the invoke response.
'use strict';

async function run(ctx) {
  const { pg, cfg, check, frenchMessage, frenchActivity, waitLog, saveCard, cardOf, fr, WAIT_MS } = ctx;
  const lea = [cfg.currentUser, ...cfg.users].find((u) => u.name === 'Léa Petit');
  const pc = cfg.personalChat.id;
  const TEAM = 'Équipe HG Lyon';

  // The table's rows as their cells' texts (header row first).
  const rows = (card) => ((card && card.body) || []).filter((b) => b.type === 'Table')
    .flatMap((t) => t.rows || []).map((r) => (r.cells || []).map((c) => ((c.items || [])[0] || {}).text));
  const teamRowProblem = (card) => {
    if (!card) return 'no Adaptive Card';
    const title = (card.body || [])[0] && card.body[0].text;
    if (!title || !title.startsWith(fr.status.tableTitle.replace(' ({0})', ''))) return `title ${JSON.stringify(title)}`;
    const header = rows(card)[0] || [];
    if (header[1] !== fr.status.columns.team) return `header ${JSON.stringify(header)}`;
    const row = rows(card).find((r) => r[1] === TEAM);
    if (!row) return `no row "${TEAM}" in ${JSON.stringify(rows(card).map((r) => r[1]))}`;
    if (row[0] !== 'Lyon') return `académie cell ${JSON.stringify(row[0])}`;
    // checkin-scenario.js ran before: Camille sent "en retard", help wanted, scenarios published. The table says so,
    // and the team, at risk, comes first.
    if (!/^\d{1,2} \S+/.test(row[2] || '')) return `last check-in cell ${JSON.stringify(row[2])}, expected today's date`;
    if (row[3] !== fr.status.overall.Late) return `overall cell ${JSON.stringify(row[3])}, expected ${JSON.stringify(fr.status.overall.Late)}`;
    if (row[4] !== '1/4') return `productions cell ${JSON.stringify(row[4])}, expected "1/4"`;
    if ((rows(card)[1] || [])[1] !== TEAM) return `"${TEAM}" is at risk but not first: ${JSON.stringify(rows(card).map((r) => r[1]))}`;
    const asOf = (card.body || []).map((b) => b.text).find((t) => typeof t === 'string' && t.startsWith('Au '));
    if (!asOf) return 'no "Au …" line saying when the status was read';
    return undefined;
  };

  let table;
  let messageId;
  await check(`status 1: "statut" by ${lea.name} (TN3 expert, fr-FR) -> the table of her theme shows "${TEAM}"`, async () => {
    const n = pg.events.length;
    await pg.sendCustomActivity(await frenchMessage(pc, 'statut', lea));
    const ev = await pg.nextBotMessage(pc, n, WAIT_MS);
    table = cardOf(ev);
    messageId = ev.message && ev.message.messageId;
    saveCard('status-table', table);
    return teamRowProblem(table);
  });

  await check('status 2: "Actualiser" (Action.Execute status.show, fr-FR) -> the same table in the invoke response', async () => {
    if (!table) return 'no status card (status 1 failed)';
    const refresh = (table.actions || []).find((a) => a.title === fr.status.refresh);
    if (!refresh || refresh.verb !== 'status.show') return `actions ${JSON.stringify((table.actions || []).map((a) => a.title))}`;
    const inv = await frenchActivity(pc, 'invoke', {
      type: 'invoke', name: 'adaptiveCard/action', replyToId: messageId,
      value: { action: { type: 'Action.Execute', verb: refresh.verb, data: refresh.data }, trigger: 'manual' },
    }, lea);
    await pg.sendCustomActivity(inv);
    const entry = await waitLog((l) => l.activityName === 'invoke' && l.response && l.request && l.request.body && l.request.body.id === inv.id);
    const body = entry.response.body || {};
    if (entry.response.statusCode !== 200) return `HTTP ${entry.response.statusCode}: ${JSON.stringify(body).slice(0, 300)}`;
    saveCard('status-refreshed', body.value);
    return teamRowProblem(body.value);
  });
}

module.exports = { run };
