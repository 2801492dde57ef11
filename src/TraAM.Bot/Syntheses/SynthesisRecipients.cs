using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.Campaigns;
using TraAM.Bot.Candidacies;
using TraAM.Bot.Cards;
using TraAM.Bot.Data;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// The DGESCO and IH2EF addresses kept on the working campaign, to which a diffused national synthesis is e-mailed:
/// "synthèse destinataires a@education.gouv.fr b@ih2ef.fr" (admins; "synthèse destinataires" alone shows them).
/// </summary>
internal sealed class SynthesisRecipients(TraamDbContext db, CampaignPhases phases, CardTemplates cards)
{
    private static readonly string[] Words = ["destinataires", "recipients"];

    public static bool IsCommand(string typed) => Words.Any(w => typed.Split(' ', 2)[0].Equals(w, StringComparison.OrdinalIgnoreCase));

    public static IReadOnlyList<string> Parse(string? stored) =>
        (stored ?? "").Split([' ', ',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public async Task<string> SetAsync(Caller caller, string typed, string language, CancellationToken ct)
    {
        var work = await phases.ForWorkAsync(ct);
        if (!caller.Can(Permission.SetSynthesisRecipients, AccessScope.ForCampaign(work.Id)))
            return cards.Text("synthesis.recipientsNotAllowed", language);
        var addresses = Parse(typed.Split(' ', 2).ElementAtOrDefault(1));
        if (addresses.Count == 0)
            return cards.Format("synthesis.recipientsAre", language, work.Code, Shown(Parse(work.SynthesisRecipients), cards, language));
        if (addresses.FirstOrDefault(a => !IsAddress(a)) is { } bad) return cards.Format("synthesis.recipientsBad", language, bad);

        var campaign = await db.Campaigns.SingleAsync(c => c.Id == work.Id, ct);
        campaign.SynthesisRecipients = string.Join(' ', addresses.Distinct(StringComparer.OrdinalIgnoreCase));
        await db.SaveChangesAsync(ct);
        return cards.Format("synthesis.recipientsAre", language, work.Code, Shown(Parse(campaign.SynthesisRecipients), cards, language));
    }

    public static string Shown(IReadOnlyList<string> addresses, CardTemplates cards, string language) =>
        addresses.Count == 0 ? cards.Text("synthesis.recipientsNone", language) : string.Join(", ", addresses);

    private static bool IsAddress(string text) =>
        text.Length <= 254 && MailAddress.TryCreate(text, out var a) && a.Address == text && a.Host.Contains('.', StringComparison.Ordinal);
}
