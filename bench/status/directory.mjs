#!/usr/bin/env node
// The directory of the status benchmark, as a semicolon CSV the bot imports: one histoire-géographie theme of TEAMS
// teams spread over the 30 académies (a referent each), and its TN3 expert, Léa Petit. Entra ids are GUIDs.
//   node directory.mjs --teams 120 > people.csv
const arg = (k, d) => { const i = process.argv.indexOf('--' + k); return i >= 0 ? process.argv[i + 1] : d; };
const teams = parseInt(arg('teams', '120'), 10);
const academies = ['Aix-Marseille', 'Amiens', 'Besançon', 'Bordeaux', 'Clermont-Ferrand', 'Corse', 'Créteil', 'Dijon', 'Grenoble', 'Lille',
  'Limoges', 'Lyon', 'Montpellier', 'Nancy-Metz', 'Nantes', 'Nice', 'Normandie', 'Orléans-Tours', 'Paris', 'Poitiers', 'Reims', 'Rennes',
  'Strasbourg', 'Toulouse', 'Versailles', 'Guadeloupe', 'Martinique', 'Guyane', 'La Réunion', 'Mayotte'];
const guid = (kind, n) => `00000000-0000-4000-8${kind}00-${n.toString(16).padStart(12, '0')}`;
const EXPERT = guid(9, 1);
const rows = ['Nom;Prénom;Courriel;Rôle;Académie;Discipline;Équipe;Identifiant Entra'];
rows.push(`Petit;Léa;lea.petit@bench.fr;expert-tn3;;Histoire-géographie;;${EXPERT}`);
for (let t = 1; t <= teams; t++) {
  const academy = academies[(t - 1) % academies.length];
  // Long names, as teams name themselves: the card's size is measured with them.
  rows.push(`Référente${t};Banc;ref${t}@bench.fr;référente;${academy};Histoire-géographie;Équipe histoire-géographie n° ${t} de l'académie de ${academy};${guid(2, t)}`);
}
process.stdout.write(rows.join('\n') + '\n');
