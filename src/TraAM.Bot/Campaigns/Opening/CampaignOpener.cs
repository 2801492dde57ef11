using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.Campaigns.Opening;

/// <summary>What opening (or asking to open) a campaign did: nothing more when it was already open.</summary>
public sealed record OpeningResult(Campaign Campaign, bool Created, int RolesCopied, int ThemesCopied);

/// <summary>
/// Opens the next call beside the working campaign (issue 10 §0): its calendar is the working one's shifted by the
/// years between their codes (then edited on the calendar card), its quota the setting unless an admin gave one, its
/// themes copied from the working campaign (each discipline by whoever may set it up), and the programme roles that are
/// not a team's carried over, so that inspectors approve and DAN/DRAN transmit the call's candidacies. Idempotent: a
/// second opening, or two at once (the code is unique), creates nothing more.
/// </summary>
public sealed class CampaignOpener(TraamDbContext db, CampaignPhases phases, IOptions<CampaignOptions> options, TimeProvider clock)
{
    /// <summary>Roles held for the whole call rather than for a team: teams candidate anew each year.</summary>
    public static readonly IReadOnlyList<Role> CarriedRoles = [Role.Inspector, Role.Dan, Role.Dran, Role.Cardie, Role.Igesr, Role.ExpertTn3];

    /// <summary>The campaign <paramref name="code"/> would be: <paramref name="work"/>'s calendar moved by the years between them.</summary>
    public static Campaign Proposal(Campaign work, string code, int id)
    {
        var years = CampaignCode.StartYear(code) - CampaignCode.StartYear(work.Code);
        return new Campaign
        {
            Id = id,
            Code = code,
            SubmissionDeadline = work.SubmissionDeadline.AddYears(years),
            ResultsDate = work.ResultsDate.AddYears(years),
            WorkStart = work.WorkStart.AddYears(years),
            KickoffDeadline = work.KickoffDeadline.AddYears(years),
            CheckpointsMin = work.CheckpointsMin,
            CheckpointsMax = work.CheckpointsMax,
            CompletionDeadline = work.CompletionDeadline.AddYears(years),
            BilanDeadline = work.BilanDeadline.AddYears(years),
            ReminderOffsets = work.ReminderOffsets,
        };
    }

    private static void Shift(Campaign c, int days)
    {
        c.SubmissionDeadline = c.SubmissionDeadline.AddDays(days);
        c.ResultsDate = c.ResultsDate.AddDays(days);
        c.WorkStart = c.WorkStart.AddDays(days);
        c.KickoffDeadline = c.KickoffDeadline.AddDays(days);
        c.CompletionDeadline = c.CompletionDeadline.AddDays(days);
        c.BilanDeadline = c.BilanDeadline.AddDays(days);
    }

    public Task<Campaign?> FindAsync(string code, CancellationToken ct) => db.Campaigns.AsNoTracking().FirstOrDefaultAsync(c => c.Code == code, ct);

    /// <summary>
    /// Opens <paramref name="code"/> (a code checked by the caller: later than the working campaign's). With a
    /// <paramref name="submission"/> day (the command line's rehearsals), the whole proposed calendar moves so that the
    /// submission window closes that day.
    /// </summary>
    public async Task<OpeningResult> OpenAsync(string code, int? quota, bool copyThemes, Caller by, CancellationToken ct, DateOnly? submission = null)
    {
        if (await FindAsync(code, ct) is { } open) return new OpeningResult(open, false, 0, 0);
        var work = await phases.ForWorkAsync(ct);
        try
        {
            var strategy = db.Database.CreateExecutionStrategy();
            return await strategy.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var id = await db.Campaigns.MaxAsync(c => c.Id, ct) + 1; // ids are the calls' own, never an identity
                var campaign = Proposal(work, code, id);
                if (submission is { } day) Shift(campaign, day.DayNumber - campaign.SubmissionDeadline.DayNumber);
                campaign.SelectionQuota = quota is { } q && q != options.Value.SelectionQuota ? q : null;
                campaign.UpdatedAt = clock.GetUtcNow();
                db.Campaigns.Add(campaign);
                await db.SaveChangesAsync(ct);
                // Themes first, so that a role limited to one theme keeps to the same theme of the new call.
                var themes = copyThemes ? await CopyThemesAsync(work.Id, campaign.Id, by, ct) : 0;
                var roles = await CopyRolesAsync(work.Id, campaign.Id, ct);
                await tx.CommitAsync(ct);
                db.ChangeTracker.Clear();
                return new OpeningResult(campaign, true, roles, themes);
            });
        }
        catch (DbUpdateException)
        {
            // Someone opened it at the same moment (same code or same id): theirs stands, ours changed nothing.
            db.ChangeTracker.Clear();
            return new OpeningResult(await FindAsync(code, ct) ?? throw new InvalidOperationException("Campaign opening failed without a concurrent opening."), false, 0, 0);
        }
    }

    /// <summary>
    /// Copies the themes of <paramref name="fromId"/> that <paramref name="by"/> may set up (an admin: all; a TN3 expert:
    /// their discipline's) to <paramref name="toId"/>, skipping disciplines it already has. Returns how many.
    /// </summary>
    public async Task<int> CopyThemesAsync(int fromId, int toId, Caller by, CancellationToken ct)
    {
        var source = await db.Themes.AsNoTracking().Where(t => t.CampaignId == fromId).OrderBy(t => t.Id).ToListAsync(ct);
        var present = (await db.Themes.Where(t => t.CampaignId == toId).Select(t => t.DisciplineCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var copied = source.Where(t => !present.Contains(t.DisciplineCode) && by.Can(Permission.ManageThemes, AccessScope.ForTheme(t))).ToList();
        if (copied.Count == 0) return 0;
        var next = await db.Themes.MaxAsync(t => t.Id, ct) + 1;
        foreach (var t in copied)
        {
            db.Themes.Add(new Theme
            {
                Id = next++, CampaignId = toId, DisciplineCode = t.DisciplineCode, Code = t.Code, Number = t.Number, Title = t.Title,
                Year = t.Year, RequiresYearOne = t.RequiresYearOne,
            });
        }

        await db.SaveChangesAsync(ct);
        return copied.Count;
    }

    /// <summary>Carries the working campaign's non-team roles over; a role limited to a theme the new call lacks covers its discipline.</summary>
    private async Task<int> CopyRolesAsync(int fromId, int toId, CancellationToken ct)
    {
        var roles = await db.RoleAssignments.AsNoTracking().Where(r => r.CampaignId == fromId && CarriedRoles.Contains(r.Role)).ToListAsync(ct);
        var codes = await db.Themes.AsNoTracking().Where(t => t.CampaignId == fromId).ToDictionaryAsync(t => t.Id, t => t.Code, ct);
        var targets = await db.Themes.AsNoTracking().Where(t => t.CampaignId == toId).ToDictionaryAsync(t => t.Code, t => t.Id, StringComparer.Ordinal, ct);
        foreach (var r in roles)
        {
            int? theme = r.ThemeId is { } old && codes.TryGetValue(old, out var code) && targets.TryGetValue(code, out var mapped) ? mapped : null;
            db.RoleAssignments.Add(new RoleAssignment
            {
                PersonId = r.PersonId, Role = r.Role, CampaignId = toId, AcademyCode = r.AcademyCode, RegionCode = r.RegionCode,
                DisciplineCode = r.DisciplineCode, ThemeId = theme, ScopeKey = RoleAssignment.KeyOf(r.AcademyCode, r.RegionCode, r.DisciplineCode, theme, null),
            });
        }

        await db.SaveChangesAsync(ct);
        return roles.Count;
    }
}
