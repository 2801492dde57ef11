-- The check-in history of the benchmark's theme (histoire-géographie, campaign 1): :rounds rounds a month apart up to
-- today, every team answering each one, productions at various states, an open risk for one team in seven.
-- Set-based, as the check-in feature would have left the tables.
\set ON_ERROR_STOP on
INSERT INTO "CheckInRounds" ("CampaignId", "ThemeId", "Key", "Opens", "Closes", "TeachersMayAnswer", "CreatedByName", "CreatedAt")
SELECT 1, 9, 'theme:9:' || to_char(current_date - 30 * (:rounds - r), 'YYYY-MM-DD'), current_date - 30 * (:rounds - r),
       current_date - 30 * (:rounds - r) + 7, false, 'Léa Petit', now()
FROM generate_series(0, :rounds - 1) r;

INSERT INTO "CheckIns" ("RoundId", "TeamId", "AnswersJson", "Version", "Revision", "Overall", "Confidence", "HelpWanted", "HasBlocker",
                        "UpdatedAt", "SubmittedAt")
SELECT ro."Id", t."Id", '{"overall":"InProgress"}', 1, 1,
       (ARRAY['NotStarted', 'InProgress', 'OnTrack', 'Late'])[1 + (t."Id" + ro."Id") % 4], 1 + (t."Id" + ro."Id") % 5,
       t."Id" % 7 = 0, t."Id" % 11 = 0, ro."Opens" + interval '1 day' + t."Id" * interval '1 minute',
       ro."Opens" + interval '1 day' + t."Id" * interval '1 minute'
FROM "AcademicTeams" t JOIN "CheckInRounds" ro ON ro."ThemeId" = t."ThemeId" AND ro."CampaignId" = t."CampaignId"
WHERE t."CampaignId" = 1 AND t."ThemeId" = 9;

INSERT INTO "TeamProductions" ("TeamId", "Kind", "State", "Url", "ChangedAt")
SELECT t."Id", k.kind, (ARRAY['Planned', 'Written', 'Tested', 'Published', 'Indexed'])[1 + (t."Id" + k.n) % 5],
       'https://site.ac-bench.fr/equipes/' || t."Id" || '/' || lower(k.kind), now()
FROM "AcademicTeams" t
CROSS JOIN (VALUES (1, 'Scenarios'), (2, 'Magistere'), (3, 'AcademicBilan'), (4, 'Communication')) AS k(n, kind)
WHERE t."CampaignId" = 1 AND t."ThemeId" = 9 AND k.n <= 1 + t."Id" % 4;

INSERT INTO "TeamRisks" ("TeamId", "RoundId", "Reasons", "Detail", "RaisedAt")
SELECT t."Id", (SELECT max("Id") FROM "CheckInRounds" WHERE "ThemeId" = 9), 2 | CASE WHEN t."Id" % 11 = 0 THEN 4 ELSE 0 END,
       'Besoin d''un appui du groupe national sur les droits des images et l''accessibilité des vidéos.', now()
FROM "AcademicTeams" t WHERE t."CampaignId" = 1 AND t."ThemeId" = 9 AND t."Id" % 7 = 0;
