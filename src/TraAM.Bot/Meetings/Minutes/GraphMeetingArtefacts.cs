using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace TraAM.Bot.Meetings.Minutes;

/// <summary>
/// The attendance report and the transcript of the organiser's online meeting through the Microsoft.Graph SDK, app-only
/// (OnlineMeetingArtifact.Read.All, OnlineMeetingTranscript.Read.All and the Teams application access policy). The
/// SDK's retry handler absorbs 429/503 (Retry-After); a 403 or 404 means "no artefacts", never a crash. Graph still down
/// after the retries throws, so the Hangfire job is retried later.
/// </summary>
public sealed class GraphMeetingArtefacts(GraphServiceClient graph, GraphOptions options, ILogger<GraphMeetingArtefacts> log) : IMeetingArtefacts
{
    public async Task<MeetingArtefacts> ReadAsync(string? onlineMeetingId, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(onlineMeetingId)) return new("none", null, null);
        try
        {
            // onlineMeetings take the organiser's object id, not a UPN.
            var user = await graph.Users[options.Organizer].GetAsync(cancellationToken: ct);
            if (user?.Id is null) return new("refused", null, null);
            var meeting = graph.Users[user.Id].OnlineMeetings[onlineMeetingId];
            var attendance = await AttendanceAsync(meeting, ct);
            var transcript = await TranscriptAsync(meeting, ct);
            return new(attendance is null && transcript is null ? "none" : "graph", attendance, transcript);
        }
        catch (ODataError e) when (e.ResponseStatusCode is 403 or 404)
        {
            log.LogWarning("Meeting artefacts not readable ({Status} {Code}): minutes from the invitees", e.ResponseStatusCode, e.Error?.Code);
            return new("refused", null, null);
        }
        catch (Exception e) when (e is AggregateException { InnerException: ApiException } or ApiException { ResponseStatusCode: 429 or 503 or 504 })
        {
            log.LogWarning("Graph unavailable after the SDK's retries ({Type}): the minutes job will be retried", e.GetType().Name);
            throw;
        }
    }

    private static async Task<IReadOnlyList<AttendanceLine>?> AttendanceAsync(
        Microsoft.Graph.Users.Item.OnlineMeetings.Item.OnlineMeetingItemRequestBuilder meeting, CancellationToken ct)
    {
        var reports = await meeting.AttendanceReports.GetAsync(cancellationToken: ct);
        // The last report is the last session of the meeting (a meeting may be rejoined); its records need $expand.
        var last = reports?.Value?.OrderBy(r => r.MeetingEndDateTime).LastOrDefault();
        if (last?.Id is null) return null;
        var report = await meeting.AttendanceReports[last.Id].GetAsync(r => r.QueryParameters.Expand = ["attendanceRecords"], ct);
        return
        [
            .. (report?.AttendanceRecords ?? []).Where(r => !string.IsNullOrEmpty(r.EmailAddress) || !string.IsNullOrEmpty(r.Identity?.DisplayName))
                .Select(r => new AttendanceLine(r.Identity?.DisplayName ?? r.EmailAddress ?? "", r.EmailAddress ?? "", r.TotalAttendanceInSeconds ?? 0)),
        ];
    }

    private static async Task<string?> TranscriptAsync(
        Microsoft.Graph.Users.Item.OnlineMeetings.Item.OnlineMeetingItemRequestBuilder meeting, CancellationToken ct)
    {
        var transcripts = await meeting.Transcripts.GetAsync(cancellationToken: ct);
        var last = transcripts?.Value?.OrderBy(t => t.CreatedDateTime).LastOrDefault();
        if (last?.Id is null) return null;
        // 5.92's Content builder has no $format parameter; the default answer is VTT (see ../shared/tools/graph/README.md).
        await using var stream = await meeting.Transcripts[last.Id].Content.GetAsync(cancellationToken: ct);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        var vtt = await reader.ReadToEndAsync(ct);
        return vtt.Length > MaxTranscript ? vtt[..MaxTranscript] : vtt;
    }

    /// <summary>A two-hour meeting is some 200 KB of VTT; beyond 1 MB we keep the beginning rather than fill the database.</summary>
    private const int MaxTranscript = 1_000_000;
}
