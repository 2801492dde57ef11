namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// What Teams kept of a meeting that took place: its attendance report and its transcript, read at our edge (Graph,
/// or nothing in the fallback). Missing permissions and absent artefacts are answers, not failures: the minutes are
/// then written from the invitees list.
/// </summary>
public interface IMeetingArtefacts
{
    Task<MeetingArtefacts> ReadAsync(string? onlineMeetingId, CancellationToken ct);
}

/// <summary>One line of Graph's attendance report.</summary>
public sealed record AttendanceLine(string Name, string Email, int Seconds);

/// <summary>
/// What was found. <see cref="Source"/>: "graph" (read), "none" (nothing recorded, or no online meeting),
/// "refused" (403/404: a permission or the Teams access policy is missing), "local" (no Graph configured).
/// </summary>
public sealed record MeetingArtefacts(string Source, IReadOnlyList<AttendanceLine>? Attendance, string? TranscriptVtt)
{
    public static MeetingArtefacts Local { get; } = new("local", null, null);
}

/// <summary>The fallback without Graph: nothing to read; the secretary ticks the invitees.</summary>
public sealed class NoMeetingArtefacts : IMeetingArtefacts
{
    public Task<MeetingArtefacts> ReadAsync(string? onlineMeetingId, CancellationToken ct) => Task.FromResult(MeetingArtefacts.Local);
}
