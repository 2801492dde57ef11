namespace TraAM.Bot.Bilans;

/// <summary>Settings of the bilans (section "Bilans").</summary>
public sealed class BilanOptions
{
    public const string Section = "Bilans";

    /// <summary>Check the productions' addresses after each sent bilan (off where the bot must reach no outside site, e.g. the playground run).</summary>
    public bool CheckAddresses { get; set; } = true;
}
