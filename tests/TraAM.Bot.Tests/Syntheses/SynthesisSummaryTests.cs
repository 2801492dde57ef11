using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using TraAM.Bot.Syntheses;

namespace TraAM.Bot.Tests.Syntheses;

/// <summary>The optional AI paragraph: off by default, marked as generated, listing only sources it was given, never blocking.</summary>
public sealed partial class SynthesisSummaryTests
{
    [Fact]
    public void It_is_off_by_default()
    {
        Assert.False(new SynthesisSummaryOptions().Usable);
        Assert.False(new SynthesisSummaryOptions { Enabled = true, Endpoint = "http://llm.test.invalid", Model = "m", ApiKey = "k" }.Usable); // https only
    }

    [Fact]
    public async Task The_generated_paragraph_is_marked_and_cites_only_paragraphs_it_was_given()
    {
        var model = SynthesisComposer.Compose(SampleSynthesis.Input());
        var given = model.Blocks.OfType<ParagraphBlock>().Where(p => p.Text.Length > 40).Select(p => p.SourceNumber).ToHashSet();
        var cited = given.Order().First();
        IEnumerable<ChatMessage>? asked = null;
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<ChatMessage>, ChatOptions?, CancellationToken>((m, _, _) => asked = m.ToList())
            .ReturnsAsync(new ChatResponse(new ChatMessage(ChatRole.Assistant, $"Les équipes ont conçu des scénarios de cartographie [{cited}] ; certaines ont manqué de temps [999].")));

        var summary = await new ChatSynthesisSummarizer(chat.Object, NullLogger<ChatSynthesisSummarizer>.Instance).SummarizeAsync(model, TestContext.Current.CancellationToken);

        Assert.NotNull(summary);
        Assert.Equal([cited], summary.SourceNumbers); // 999 was never given
        Assert.DoesNotContain("[", summary.Text, StringComparison.Ordinal);
        Assert.Contains($"[{cited}]", asked!.Last().Text, StringComparison.Ordinal);
        var docx = DocxWriter.Write(SynthesisSummaryModel.With(model, summary));
        using var doc = WordprocessingDocument.Open(new MemoryStream(docx), false);
        Assert.Empty(new OpenXmlValidator().Validate(doc, TestContext.Current.CancellationToken));
        var text = DocxText.Read(docx);
        Assert.Equal(SynthesisSummaryModel.Heading, text.Headings(1).First());
        var generated = text.Paragraphs.Single(p => p.Text.StartsWith(DocxWriter.GeneratedLead, StringComparison.Ordinal)).Text;
        Assert.Matches(Marker(), generated);
        Assert.EndsWith($"\u00A0[{cited}]", generated, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_endpoint_leaves_the_synthesis_without_it()
    {
        var chat = new Mock<IChatClient>();
        chat.Setup(c => c.GetResponseAsync(It.IsAny<IEnumerable<ChatMessage>>(), It.IsAny<ChatOptions?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("503"));
        var model = SynthesisComposer.Compose(SampleSynthesis.Input());

        var summary = await new ChatSynthesisSummarizer(chat.Object, NullLogger<ChatSynthesisSummarizer>.Instance).SummarizeAsync(model, TestContext.Current.CancellationToken);

        Assert.Null(summary);
        Assert.Same(model, SynthesisSummaryModel.With(model, summary));
    }

    [GeneratedRegex(@"\u00A0\[\d+\]$")]
    private static partial Regex Marker();
}
