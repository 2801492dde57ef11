using TraAM.Bot.People;
using TraAM.Bot.People.Access;
using TraAM.Bot.People.Identity;
using TraAM.Bot.Reference;

namespace TraAM.Bot.Candidacies.Transmission;

/// <summary>
/// What a DAN or DRAN transmits: one académie ("academy:lyon") or one région ("region:ara"), the key stored in
/// <see cref="CandidacyExport.ScopeKey"/>. Read from the caller's roles or from what they typed; a key coming back in a
/// card's data is only a wish, checked again against <see cref="AccessPolicy"/> by every handler.
/// </summary>
internal sealed record TransmissionScope(string? AcademyCode, string? RegionCode)
{
    public string Key => AcademyCode is not null ? $"academy:{AcademyCode}" : $"region:{RegionCode}";

    public AccessScope Access => AcademyCode is not null ? AccessScope.ForAcademy(AcademyCode) : AccessScope.ForRegion(RegionCode!);

    public string Label => AcademyCode is not null ? Labels.Academy(AcademyCode) : Labels.Region(RegionCode);

    /// <summary>The académies whose candidacies this transmission covers.</summary>
    public IReadOnlyList<string> Academies => AcademyCode is not null
        ? [AcademyCode]
        : [.. Reference.Academies.InRegion(RegionCode!).Select(a => a.Code)];

    public static TransmissionScope? Parse(string? key) => key?.Split(':', 2) switch
    {
        ["academy", var a] when Reference.Academies.ByCode(a) is not null => new(a, null),
        ["region", var r] when Reference.Academies.RegionByCode(r) is not null => new(null, r),
        _ => null,
    };

    /// <summary>
    /// What "transmettre [académie ou région]" means for this caller: the place typed, else their own DAN académie,
    /// else their DRAN région (roles of <paramref name="campaignId"/>). Null when nothing fits; the caller's right
    /// on it is checked afterwards.
    /// </summary>
    public static TransmissionScope? Of(Caller caller, string typed, int campaignId)
    {
        if (typed.Length > 0)
        {
            if (Reference.Academies.Find(typed) is { } academy) return new(academy.Code, null);
            var key = TextKey.Of(typed);
            return Reference.Academies.Regions.FirstOrDefault(r => TextKey.Of(r.Name) == key || r.Code == key) is { } region ? new(null, region.Code) : null;
        }

        var roles = caller.Roles.Where(r => r.CampaignId == campaignId).ToList();
        if (roles.FirstOrDefault(r => r.Role == Role.Dan && r.AcademyCode is not null) is { } dan) return new(dan.AcademyCode, null);
        return roles.FirstOrDefault(r => r.Role == Role.Dran && r.RegionCode is not null) is { } dran ? new(null, dran.RegionCode) : null;
    }
}
