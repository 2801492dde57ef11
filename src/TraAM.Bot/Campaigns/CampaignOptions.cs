namespace TraAM.Bot.Campaigns;

/// <summary>Programme rules that are settings rather than campaign data (settings contract: <c>Campaign__*</c>).</summary>
public sealed class CampaignOptions
{
    public const string Section = "Campaign";

    /// <summary>Projects the DNE and the IGÉSR select per discipline (the 2026-2027 call: five; older calls: six).</summary>
    public int SelectionQuota { get; set; } = 5;
}
