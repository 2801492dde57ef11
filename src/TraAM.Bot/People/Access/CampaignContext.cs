namespace TraAM.Bot.People.Access;

/// <summary>
/// The campaigns a role can still act in (the working one and the next call: every campaign not closed), and the one an
/// action means when it names none (the working campaign). Decided by <c>Campaigns.CampaignPhases</c>.
/// </summary>
public sealed record CampaignContext(int DefaultId, IReadOnlySet<int> LiveIds)
{
    public static CampaignContext Only(int campaignId) => new(campaignId, new HashSet<int> { campaignId });

    public bool IsLive(int campaignId) => LiveIds.Contains(campaignId);
}
