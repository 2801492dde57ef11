#!/usr/bin/env node
// The directory of the approvals benchmark, as a semicolon CSV the bot imports: PAIRS académie × discipline pairs,
// TEAMS teams spread over them (a referent and two teachers each), two inspectors per pair. Entra ids are GUIDs.
//   node directory.mjs --teams 120 --pairs 10 > people.csv
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i >= 0 ? process.argv[i + 1] : d; };
const teams = parseInt(arg('teams', '120'), 10), pairs = parseInt(arg('pairs', '10'), 10);
const academies = ['Lyon', 'Grenoble', 'Nantes', 'Rennes', 'Lille', 'Bordeaux', 'Toulouse', 'Strasbourg', 'Dijon', 'Rouen'];
const disciplines = [['Mathématiques', 'maths'], ['Histoire-géographie', 'hg']]; // one theme each: the team's row names it
const guid = (kind, n) => `00000000-0000-4000-8${kind}00-${n.toString(16).padStart(12, '0')}`;
const rows = ['Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra'];
const pairOf = (i) => ({ academy: academies[Math.floor(i / disciplines.length) % academies.length], discipline: disciplines[i % disciplines.length] });
for (let p = 0; p < pairs; p++) {
  const { academy, discipline } = pairOf(p);
  for (const k of [1, 2]) rows.push(`Inspecteur${k};${discipline[1]}${p};insp${k}.${discipline[1]}.${p}@bench.fr;inspecteur;${academy};${discipline[0]};;${guid(1, p * 2 + k)}`);
}
let person = 0;
for (let t = 0; t < teams; t++) {
  const { academy, discipline } = pairOf(t % pairs);
  const team = `Équipe ${discipline[1]} ${academy} ${t}`;
  ['référente', 'enseignante', 'enseignante'].forEach((role) => {
    person++;
    rows.push(`Personne${person};Banc;p${person}@bench.fr;${role};${academy};${discipline[0]};${team};${guid(2, person)}`);
  });
}
process.stdout.write(rows.join('\n') + '\n');
