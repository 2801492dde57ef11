using System.Diagnostics;

namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// One POST to /api/messages as a span ("bot turn") and a count, tagged with protocol words only: the activity's type,
/// the invoke's name when it is one we answer, the conversation's type and the result. The span is a child of ASP.NET
/// Core's request span when someone listens; without a listener nothing is allocated but the stopwatch.
/// </summary>
internal sealed class TurnTelemetry : IDisposable
{
    public const string Handled = "handled";
    public const string Duplicate = "duplicate";
    public const string Failed = "failed";
    public const string BadRequest = "bad_request";
    public const string TooLarge = "too_large";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly System.Diagnostics.Activity? _span = ProtocolTelemetry.Source.StartActivity("bot turn", ActivityKind.Internal);
    private string _type = "none";
    private string? _invoke;

    public string Result { get; set; } = Failed;

    /// <summary>Called once the activity is parsed: from then on the turn knows what it is about.</summary>
    public void Describe(Schema.Activity activity)
    {
        _type = ProtocolTelemetry.TypeTag(activity.Type);
        if (_type == Schema.ActivityTypes.Invoke) _invoke = ProtocolTelemetry.InvokeTag(activity.Name);
        if (_span is null) return;
        _span.DisplayName = _invoke is null ? $"bot turn {_type}" : $"bot turn {_type} {_invoke}";
        _span.SetTag("bot.activity.type", _type);
        if (_invoke is not null) _span.SetTag("bot.invoke.name", _invoke);
        _span.SetTag("bot.conversation.type", ProtocolTelemetry.ConversationTag(activity.Conversation?.ConversationType));
    }

    /// <summary>The exception's type only: its message may quote a conversation id or what the user typed.</summary>
    public static void RecordFailure(Exception exception) =>
        System.Diagnostics.Activity.Current?.SetTag("error.type", exception.GetType().FullName);

    public void Dispose()
    {
        var type = new KeyValuePair<string, object?>("bot.activity.type", _type);
        var result = new KeyValuePair<string, object?>("bot.turn.result", Result);
        ProtocolTelemetry.Turns.Add(1, type, result);
        if (_invoke is not null)
            ProtocolTelemetry.InvokeDuration.Record(Stopwatch.GetElapsedTime(_started).TotalSeconds,
                new KeyValuePair<string, object?>("bot.invoke.name", _invoke), result);
        if (_span is null) return;
        _span.SetTag("bot.turn.result", Result);
        if (Result == Failed) _span.SetStatus(ActivityStatusCode.Error);
        _span.Dispose();
    }
}
