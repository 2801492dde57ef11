using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Data;
using TraAM.Bot.Reference;

namespace TraAM.Bot.People.Import;

/// <summary>
/// Applies a directory file: all or nothing, idempotent. A file with any problem changes nothing. Otherwise, in one
/// transaction: teams are created as needed (with their academic group), each person of the file is created or
/// updated, and their roles become exactly the file's (the file is the authority for the people it lists). People
/// absent from the file are kept and reported, never silently deleted. A dry run does it all and rolls back.
/// </summary>
public sealed class DirectoryImporter(TraamDbContext db, Campaigns.CampaignPhases phases, TimeProvider clock)
{
    /// <summary>Files above this size are refused before reading (a directory of 5,000 rows is about 600 KB).</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    private static readonly StringComparer French = StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), ignoreCase: true);

    public Task<ImportReport> ImportAsync(Stream content, string fileName, bool dryRun, CancellationToken ct) =>
        ImportAsync(content, fileName, new DirectoryImportOptions(dryRun), ct);

    public async Task<ImportReport> ImportAsync(Stream content, string fileName, DirectoryImportOptions options, CancellationToken ct)
    {
        var dryRun = options.DryRun;
        var read = DirectoryFileReader.Read(content, fileName);
        if (read.Problems.Count > 0) return new ImportReport(false, dryRun, read.Rows.Count, read.Problems);

        var (code, named) = ImportCampaign.Choose(read.Rows, options.Campaign);
        if (named.Count > 0) return new ImportReport(false, dryRun, read.Rows.Count, named);
        // Themes, teams and roles all belong to that campaign; a closed one is history, a code no campaign has a typo.
        var target = await phases.NamedOrWorkAsync(code, ct);
        if (target is null || target.Phase == Campaigns.CampaignPhase.Closed)
        {
            return new ImportReport(false, dryRun, read.Rows.Count, [new ImportProblem(0, null, target is null
                ? $"La campagne {code} n'existe pas : ouvrez-la d'abord (commande « ouvrir campagne »), ou vérifiez son code."
                : $"La campagne {code} est close : ses rôles ne donnent plus de droits. Importez dans une campagne en cours.")]);
        }

        var campaign = target.Campaign;
        var themes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == campaign.Id).ToListAsync(ct);
        var validation = DirectoryValidator.Validate(read.Rows, themes);
        if (validation.Problems.Count > 0) return new ImportReport(false, dryRun, read.Rows.Count, validation.Problems);
        var refused = ImportRights.Refused(validation.People, options.By, campaign.Id);
        if (refused.Count > 0) return new ImportReport(false, dryRun, read.Rows.Count, refused);

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var report = await ApplyAsync(validation.People, campaign.Id, read.Rows.Count, options, ct) with { Campaign = campaign.Code };
            if (report.HasProblems || dryRun) await tx.RollbackAsync(ct);
            else await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return report;
        });
    }

    private async Task<ImportReport> ApplyAsync(IReadOnlyList<ImportedPerson> people, int campaignId, int rows, DirectoryImportOptions options, CancellationToken ct)
    {
        var dryRun = options.DryRun;
        var now = clock.GetUtcNow();
        var teams = await EnsureTeamsAsync(people, campaignId, now, ct);
        // The whole directory in one query, never one parameter per row of the file: SQLite and PostgreSQL both cap
        // a statement's parameters, and the people absent from the file are needed anyway.
        var directory = await db.People.Include(p => p.Roles).ToListAsync(ct);
        var existing = directory.ToDictionary(p => p.Email, StringComparer.Ordinal);

        // An Entra id can belong to one person only: refuse a file that would give another person's id.
        var owners = directory.Where(p => p.EntraObjectId is not null).ToDictionary(p => p.EntraObjectId!, p => p.Email, StringComparer.Ordinal);
        var problems = people
            .Where(p => p.EntraObjectId is not null && owners.TryGetValue(p.EntraObjectId, out var owner) && owner != p.Email)
            .Select(p => new ImportProblem(p.FirstLine, "Identifiant Entra",
                $"L'identifiant Entra « {p.EntraObjectId} » appartient déjà à {owners[p.EntraObjectId!]} dans l'annuaire."))
            .ToList();
        // Someone holding a role the importer could not grant keeps their identity: no Entra id given to them that way.
        problems.AddRange(people
            .Where(p => p.EntraObjectId is not null && existing.TryGetValue(p.Email, out var held) && held.EntraObjectId != p.EntraObjectId
                && held.Roles.Any(r => !ImportRights.MayManage(options.By, r)))
            .Select(p => new ImportProblem(p.FirstLine, "Identifiant Entra",
                $"{p.Email} a des rôles hors de vos droits : seule l'équipe d'administration de TraAM peut changer son identifiant Entra. Laissez la cellule vide.")));
        if (problems.Count > 0) return new ImportReport(false, dryRun, rows, problems);

        int created = 0, updated = 0, unchanged = 0, added = 0, removed = 0;
        foreach (var imported in people)
        {
            var isNew = !existing.TryGetValue(imported.Email, out var person);
            if (person is null)
            {
                person = new Person { Email = imported.Email, LastName = imported.LastName, FirstName = imported.FirstName, CreatedAt = now };
                db.People.Add(person);
            }

            var changed = Set(person, imported);
            var desired = imported.Roles.Select(r => ToAssignment(r, teams, campaignId)).ToList();
            // The file speaks for this campaign's roles that the importer may manage; other roles are kept as they are.
            var toRemove = person.Roles.Where(r => (r.CampaignId is null || r.CampaignId == campaignId) && ImportRights.MayManage(options.By, r)
                && !desired.Any(d => d.Same(r))).ToList();
            var toAdd = desired.Where(d => !person.Roles.Any(r => r.Same(d))).ToList();
            foreach (var r in toRemove)
            {
                person.Roles.Remove(r);
                db.RevokedRoles.Add(RevokedRole.Of(r, options.By, "import", now));
            }
            foreach (var r in toAdd) person.Roles.Add(r);
            added += toAdd.Count;
            removed += toRemove.Count;
            if (isNew) created++;
            else if (changed || toAdd.Count + toRemove.Count > 0) updated++;
            else unchanged++;
            if (changed || isNew) person.UpdatedAt = now;
        }

        var inFile = people.Select(p => p.Email).ToHashSet(StringComparer.Ordinal);
        var lost = new List<string>();
        if (options.Replace)
        {
            foreach (var (person, role) in ReplacePlan.Losers(directory, inFile, campaignId, options.By))
            {
                lost.Add(ReplacePlan.Describe(person, role));
                person.Roles.Remove(role);
                db.RevokedRoles.Add(RevokedRole.Of(role, options.By, "import", now));
                removed++;
            }
        }

        // Roles taken out of a person's collection are orphans of a required relationship: EF deletes them here.
        await db.SaveChangesAsync(ct);

        var absent = directory.Where(p => p.ErasedAt == null && !inFile.Contains(p.Email)).OrderBy(p => p.LastName, French).ThenBy(p => p.FirstName, French)
            .Select(p => p.FirstName + " " + p.LastName + " <" + p.Email + ">").ToList();
        return new ImportReport(!dryRun, dryRun, rows, [], created, updated, unchanged, added, removed, teams.Created, absent) { Lost = lost };
    }

    private static bool Set(Person person, ImportedPerson imported)
    {
        var changed = person.LastName != imported.LastName || person.FirstName != imported.FirstName
            || (imported.EntraObjectId is not null && person.EntraObjectId != imported.EntraObjectId)
            || (imported.AcademyCode is not null && person.AcademyCode != imported.AcademyCode);
        person.LastName = imported.LastName;
        person.FirstName = imported.FirstName;
        person.EntraObjectId = imported.EntraObjectId ?? person.EntraObjectId;
        person.AcademyCode = imported.AcademyCode ?? person.AcademyCode;
        return changed;
    }

    private static RoleAssignment ToAssignment(ImportedRole r, TeamIndex teams, int campaignId)
    {
        long? teamId = r.TeamName is not null && r.ThemeId is { } theme && r.AcademyCode is not null
            ? teams.Find(theme, r.AcademyCode, r.TeamName)?.Id
            : null;
        var assignment = new RoleAssignment
        {
            Role = r.Role,
            CampaignId = r.Role == Role.Admin ? null : campaignId, // admins run the bot whatever the campaign
            AcademyCode = r.AcademyCode,
            RegionCode = r.RegionCode,
            DisciplineCode = r.DisciplineCode,
            ThemeId = r.ThemeId,
            TeamId = teamId,
        };
        assignment.ScopeKey = RoleAssignment.KeyOf(r.AcademyCode, r.RegionCode, r.DisciplineCode, r.ThemeId, teamId);
        return assignment;
    }

    private async Task<TeamIndex> EnsureTeamsAsync(IReadOnlyList<ImportedPerson> people, int campaignId, DateTimeOffset now, CancellationToken ct)
    {
        var index = new TeamIndex(await db.AcademicTeams.Where(t => t.CampaignId == campaignId).ToListAsync(ct));
        var wanted = people.SelectMany(p => p.Roles)
            .Where(r => r.TeamName is not null && r.ThemeId is not null && r.AcademyCode is not null)
            .DistinctBy(r => (r.ThemeId, r.AcademyCode, TextKey.Of(r.TeamName)));
        foreach (var r in wanted)
        {
            if (index.Find(r.ThemeId!.Value, r.AcademyCode!, r.TeamName!) is not null) continue;
            var team = new AcademicTeam
            {
                CampaignId = campaignId, ThemeId = r.ThemeId.Value, AcademyCode = r.AcademyCode!, Name = r.TeamName!,
                NameKey = TextKey.Of(r.TeamName), CreatedAt = now,
            };
            db.AcademicTeams.Add(team);
            index.Add(team);
        }

        await db.SaveChangesAsync(ct);
        foreach (var team in index.New)
        {
            db.WorkGroups.Add(new WorkGroup { Kind = GroupKind.Academic, CampaignId = campaignId, ThemeId = team.ThemeId, TeamId = team.Id });
        }

        // The national group of every theme that has a team, so that members see it before its channel is linked.
        var themeIds = index.All.Select(t => t.ThemeId).Distinct().ToList();
        var nationals = await db.WorkGroups.Where(g => g.Kind == GroupKind.National && g.CampaignId == campaignId).Select(g => g.ThemeId).ToListAsync(ct);
        foreach (var theme in themeIds.Except(nationals))
        {
            db.WorkGroups.Add(new WorkGroup { Kind = GroupKind.National, CampaignId = campaignId, ThemeId = theme });
        }

        await db.SaveChangesAsync(ct);
        return index;
    }

    /// <summary>The campaign's teams by (theme, académie, name key): one lookup per row, whatever the number of teams.</summary>
    private sealed class TeamIndex
    {
        private readonly Dictionary<(int Theme, string Academy, string Name), AcademicTeam> _teams = [];
        private readonly List<AcademicTeam> _new = [];

        public TeamIndex(List<AcademicTeam> existing)
        {
            foreach (var team in existing) _teams[(team.ThemeId, team.AcademyCode, team.NameKey)] = team;
        }

        public IEnumerable<AcademicTeam> All => _teams.Values;
        public IReadOnlyList<AcademicTeam> New => _new;
        public int Created => _new.Count;

        public AcademicTeam? Find(int themeId, string academy, string name) => _teams.GetValueOrDefault((themeId, academy, TextKey.Of(name)));

        public void Add(AcademicTeam team)
        {
            _teams[(team.ThemeId, team.AcademyCode, team.NameKey)] = team;
            _new.Add(team);
        }
    }
}
