using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace TraAM.Bot.Syntheses;

/// <summary>
/// Settings of the optional AI summary paragraph (<c>Syntheses__Summary__…</c>), off by default: an OpenAI-compatible
/// chat endpoint (Azure OpenAI's included). The synthesis is complete and correct without it.
/// </summary>
public sealed class SynthesisSummaryOptions
{
    public const string Section = "Syntheses:Summary";

    public bool Enabled { get; set; }
    public string Endpoint { get; set; } = "";
    public string ApiKey { get; set; } = "";
    public string Model { get; set; } = "";

    public bool Usable => Enabled && Uri.TryCreate(Endpoint, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps && Model.Length > 0 && ApiKey.Length > 0;
}

/// <summary>Writes the summary paragraph of a composed synthesis, or nothing.</summary>
public interface ISynthesisSummarizer
{
    Task<SummaryBlock?> SummarizeAsync(SynthesisModel model, CancellationToken ct);
}

/// <summary>A generated paragraph, marked as such in the document, with the source lines it was given.</summary>
public sealed record SummaryBlock(string Text, IReadOnlyList<int> SourceNumbers) : Block;

/// <summary>The model with the generated paragraph under its own heading, first after the table of contents.</summary>
public static class SynthesisSummaryModel
{
    public const string Heading = "Résumé (généré automatiquement)";

    public static SynthesisModel With(SynthesisModel model, SummaryBlock? summary) => summary is null ? model
        : model with { Blocks = [model.Blocks[0], new HeadingBlock(1, Heading), summary, .. model.Blocks.Skip(1)] };
}

internal sealed class NoSummary : ISynthesisSummarizer
{
    public Task<SummaryBlock?> SummarizeAsync(SynthesisModel model, CancellationToken ct) => Task.FromResult<SummaryBlock?>(null);
}

/// <summary>
/// Asks a chat model (Microsoft.Extensions.AI <see cref="IChatClient"/>) for one French paragraph from the teams'
/// recaps and findings, each given with its "[n]". The sources listed under it are those the answer cites that were
/// given, else all given. A failure or an empty answer leaves the synthesis without it (logged, never blocking).
/// </summary>
internal sealed partial class ChatSynthesisSummarizer(IChatClient chat, ILogger<ChatSynthesisSummarizer> log) : ISynthesisSummarizer
{
    private const int MaxInputChars = 60_000;

    public async Task<SummaryBlock?> SummarizeAsync(SynthesisModel model, CancellationToken ct)
    {
        var given = new List<int>();
        var text = new StringBuilder();
        foreach (var p in model.Blocks.OfType<ParagraphBlock>().Where(p => p.Text.Length > 40))
        {
            if (text.Length > MaxInputChars) break;
            text.Append(CultureInfo.InvariantCulture, $"[{p.SourceNumber}] {p.Lead}{p.Text}\n");
            given.Add(p.SourceNumber);
        }

        if (given.Count == 0) return null;
        try
        {
            var response = await chat.GetResponseAsync(
            [
                new ChatMessage(ChatRole.System, "Tu rédiges pour le ministère de l'Éducation nationale. Écris un seul paragraphe en français (150 mots au plus) "
                    + "qui résume ce que les équipes ont fait et les constats communs. N'invente rien : appuie-toi seulement sur les extraits fournis, "
                    + "et cite entre crochets le numéro [n] de chaque extrait utilisé."),
                new ChatMessage(ChatRole.User, text.ToString()),
            ], cancellationToken: ct);
            var answer = response.Text.Trim();
            if (answer.Length == 0) return null;
            var cited = Cited().Matches(answer).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Where(given.Contains).Distinct().Order().ToList();
            return new SummaryBlock(FrenchTypography.Apply(Cited().Replace(answer, "").Replace("  ", " ", StringComparison.Ordinal)), cited.Count > 0 ? cited : [.. given.Distinct()]);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or InvalidOperationException or System.ClientModel.ClientResultException)
        {
            log.LogWarning("Synthesis summary skipped: the chat endpoint failed ({Error})", ex.GetType().Name);
            return null;
        }
    }

    [GeneratedRegex(@"\s?\[(\d+)\]")]
    private static partial Regex Cited();
}
