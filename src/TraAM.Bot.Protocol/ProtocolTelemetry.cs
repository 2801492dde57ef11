using System.Diagnostics;
using System.Diagnostics.Metrics;
using TraAM.Bot.Protocol.Schema;

namespace TraAM.Bot.Protocol;

/// <summary>
/// The protocol layer's traces and metrics, with .NET's own <see cref="ActivitySource"/> and <see cref="Meter"/> so the
/// layer needs no OpenTelemetry package (the host decides whether anything listens). Every tag value comes from a
/// closed set of protocol words: never an id, a name, a serviceUrl or a message text (personal data, and unbounded
/// cardinality for the metrics backend).
/// </summary>
public static class ProtocolTelemetry
{
    public const string Name = "TraAM.Bot.Protocol";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    /// <summary>Every POST to /api/messages, by activity type and what became of it.</summary>
    public static readonly Counter<long> Turns = Meter.CreateCounter<long>("traam.bot.turns", "{turn}",
        "Activities received on /api/messages, by type and result");

    /// <summary>How long Teams waited for an invoke's answer (it gives up at 15 s).</summary>
    public static readonly Histogram<double> InvokeDuration = Meter.CreateHistogram("traam.bot.invoke.duration", "s",
        "Time to answer an invoke activity", advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
        });

    /// <summary>Connector answers that asked us to slow down (429) or were unavailable (503).</summary>
    public static readonly Counter<long> ConnectorThrottled = Meter.CreateCounter<long>("traam.bot.connector.throttled", "{response}",
        "Connector responses 429 or 503, by operation and status");

    /// <summary>The activity type as a tag: one of the protocol's types, anything else "other".</summary>
    public static string TypeTag(string? type) => type switch
    {
        ActivityTypes.Message or ActivityTypes.Invoke or ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate
            or ActivityTypes.MessageReaction or ActivityTypes.Event or ActivityTypes.Typing => type,
        null or "" => "none",
        _ => "other",
    };

    /// <summary>An invoke's name as a tag: the ones we answer, anything else "other" (a sender chooses the name).</summary>
    public static string InvokeTag(string? name) => name switch
    {
        Routing.BotDispatcher.AdaptiveCardAction or FileConsent.InvokeName => name,
        _ => "other",
    };

    public static string ConversationTag(string? conversationType) => conversationType switch
    {
        ConversationTypes.Personal or ConversationTypes.GroupChat or ConversationTypes.Channel => conversationType,
        null or "" => "none",
        _ => "other",
    };
}
