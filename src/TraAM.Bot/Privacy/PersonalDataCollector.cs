using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.People;

namespace TraAM.Bot.Privacy;

/// <summary>
/// Gathers, for the right of access (RGPD art. 15), every row the bot keeps about one person, table by table as
/// <see cref="PersonalData.Columns"/> lists them: their own rows, and the records that name them as author. Rows about
/// other people are not included, beyond what those records say (a team's candidacy they decided names the team).
/// </summary>
internal sealed class PersonalDataCollector(TraamDbContext db, TimeProvider clock)
{
    public async Task<PersonalDataReport> CollectAsync(long personId, CancellationToken ct)
    {
        var p = await db.People.AsNoTracking().SingleAsync(x => x.Id == personId, ct);
        var campaigns = await db.Campaigns.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Code, ct);
        string? Campaign(int? id) => id is { } c ? campaigns.GetValueOrDefault(c) : null;
        var sections = new List<PersonalDataSection>
        {
            PersonalDataSection.Of("annuaire", new[] { new
            {
                Courriel = p.Email, Nom = p.LastName, Prenom = p.FirstName, IdentifiantEntra = p.EntraObjectId, IdentifiantTeams = p.TeamsUserId,
                Academie = p.AcademyCode, Langue = p.PreferredLanguage, Joignable = p.IsReachable, RaisonInjoignable = p.UnreachableReason,
                CreeLe = p.CreatedAt, ModifieLe = p.UpdatedAt,
            } }),
        };

        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.PersonId == personId).OrderBy(r => r.Id).ToListAsync(ct);
        var teams = await db.AcademicTeams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, ct);
        sections.Add(PersonalDataSection.Of("roles", roles.Select(r => new
        {
            Role = r.Role.ToString(), Campagne = Campaign(r.CampaignId), Academie = r.AcademyCode, Region = r.RegionCode, Discipline = r.DisciplineCode,
            Theme = r.ThemeId, Equipe = r.TeamId is { } t ? teams.GetValueOrDefault(t) : null,
        })));
        var revoked = await db.RevokedRoles.AsNoTracking().Where(r => r.PersonId == personId || r.RevokedByPersonId == personId).OrderBy(r => r.RevokedAt).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("roles_retires", revoked.Select(r => new
        {
            Sens = r.PersonId == personId ? "le vôtre" : "retiré par vous", Role = r.Role.ToString(), Campagne = Campaign(r.CampaignId), Portee = r.ScopeKey,
            RetirePar = r.RevokedByName, Le = r.RevokedAt, Source = r.Source,
        })));
        var groups = await GroupMembership.GroupsOfAsync(db, roles, ct);
        sections.Add(PersonalDataSection.Of("groupes", groups.Select(g => new
        {
            Type = g.Group.Kind.ToString(), Campagne = Campaign(g.Group.CampaignId), Theme = g.Theme.Code, Equipe = g.Team?.Name, CanalLie = g.Group.ConversationRecordId is not null,
            LieParVous = g.Group.LinkedByPersonId == personId,
        })));

        var versions = await db.FormVersions.AsNoTracking().Where(v => v.ByPersonId == personId).OrderBy(v => v.At).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("formulaires_ecrits", versions.Select(v => new { Formulaire = v.Kind, Objet = v.SubjectId, Version = v.Number, Le = v.At, Reponses = v.AnswersJson })));
        var decided = await (from d in db.CandidacyDecisions.AsNoTracking()
                             join c in db.Candidacies on d.CandidacyId equals c.Id
                             where d.ByPersonId == personId
                             orderby d.At
                             select new { Candidature = c.Title, Decision = d.Kind.ToString(), d.Version, Commentaire = d.Comment, Le = d.At }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("candidatures_decidees", decided));
        var checkIns = await (from c in db.CheckIns.AsNoTracking()
                              join r in db.CheckInRounds on c.RoundId equals r.Id
                              where c.ByPersonId == personId
                              orderby c.UpdatedAt
                              select new { Tour = r.Key, c.TeamId, Version = c.Version, ModifieLe = c.UpdatedAt, EnvoyeLe = c.SubmittedAt, Reponses = c.AnswersJson }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("points_etape", checkIns.Select(c => new { c.Tour, Equipe = teams.GetValueOrDefault(c.TeamId), c.Version, c.ModifieLe, c.EnvoyeLe, c.Reponses })));
        var rounds = await db.CheckInRounds.AsNoTracking().Where(r => r.CreatedByPersonId == personId).OrderBy(r => r.CreatedAt)
            .Select(r => new { Tour = r.Key, Ouvre = r.Opens, Ferme = r.Closes, CreeLe = r.CreatedAt }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("tours_crees", rounds));
        var done = await db.DeadlineCompletions.AsNoTracking().Where(d => d.PersonId == personId).OrderBy(d => d.CompletedAt)
            .Select(d => new { Echeance = d.Subject, FaiteLe = d.CompletedAt, Source = d.Source }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("echeances_faites", done));
        var changes = await db.CalendarChanges.AsNoTracking().Where(c => c.ChangedByPersonId == personId).OrderBy(c => c.ChangedAt)
            .Select(c => new { c.CampaignId, Champ = c.Field, Avant = c.OldValue, Apres = c.NewValue, Le = c.ChangedAt }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("calendrier_modifie", changes.Select(c => new { Campagne = Campaign(c.CampaignId), c.Champ, c.Avant, c.Apres, c.Le })));
        var exports = await db.CandidacyExports.AsNoTracking().Where(e => e.ByPersonId == personId).OrderBy(e => e.At)
            .Select(e => new { Portee = e.ScopeKey, Le = e.At, Fichier = e.FileName, Candidatures = e.Count, RecuLe = e.DeliveredAt }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("transmissions", exports));

        var invited = db.MeetingAttendances.Where(a => a.PersonId == personId || a.Email == p.Email).Select(a => a.MeetingId);
        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.OrganizerPersonId == personId || m.SecretaryPersonId == personId || invited.Contains(m.Id))
            .OrderBy(m => m.StartUtc).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("reunions", meetings.Select(m => new
        {
            Objet = m.Subject, Debut = m.StartUtc, Etat = m.State.ToString(), Organisateur = m.OrganizerPersonId == personId, Secretaire = m.SecretaryPersonId == personId,
            Invite = m.OrganizerPersonId != personId && m.SecretaryPersonId != personId,
        })));

        // Which messages, when, in which state; not the card's data: it is a copy of the records above, and may name
        // other people (an escalation names the late person), whom this file must not disclose (art. 15-4).
        var toThem = await db.Notifications.AsNoTracking().Where(n => n.PersonId == personId).OrderBy(n => n.CreatedAt)
            .Select(n => new { Type = n.Kind, Carte = n.Card, Etat = n.State, CreeLe = n.CreatedAt, PrevueLe = n.DueAt, EnvoyeeLe = n.SentAt }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("notifications", toThem.Select(n => new { n.Type, n.Carte, Etat = n.Etat.ToString(), n.CreeLe, n.PrevueLe, n.EnvoyeeLe })));
        // Sent to someone else but naming them (an escalation quotes the person's e-mail): what, when; not to whom.
        var (email, escaped) = (p.Email, System.Text.Json.JsonEncodedText.Encode(p.Email).ToString());
        var aboutThem = await db.Notifications.AsNoTracking()
            .Where(n => n.PersonId != personId || n.PersonId == null)
            .Where(n => n.DataJson.Contains(email) || n.DataJson.Contains(escaped)).OrderBy(n => n.CreatedAt)
            .Select(n => new { Type = n.Kind, Etat = n.State, CreeLe = n.CreatedAt }).ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("notifications_vous_citant", aboutThem.Select(n => new { n.Type, Etat = n.Etat.ToString(), n.CreeLe })));

        var chats = await db.Conversations.AsNoTracking()
            .Where(c => (p.EntraObjectId != null && c.UserAadObjectId == p.EntraObjectId) || (p.TeamsUserId != null && c.UserId == p.TeamsUserId))
            .Select(c => new { Conversation = c.ConversationId, Type = c.ConversationType, Locataire = c.TenantId, Langue = c.Locale, Active = c.IsActive, InstalleeLe = c.InstalledAt, RetireeLe = c.UninstalledAt })
            .ToListAsync(ct);
        sections.Add(PersonalDataSection.Of("conversations", chats));

        return new PersonalDataReport(clock.GetUtcNow(), sections);
    }
}
