using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TraAM.Bot.Data;
using TraAM.Bot.Protocol;

namespace TraAM.Bot.Meetings;

/// <summary>
/// Settings of the "Ajouter à mon agenda" link: <c>Meetings__PublicUrl</c>, the bot's public address (empty: the
/// listening address in local mode, no link otherwise), and <c>Meetings__LinkKey</c>, the HMAC key (empty: derived from
/// the bot's secret, the same on every instance; random per process in local mode, where there is no secret).
/// </summary>
public sealed class MeetingLinkOptions
{
    public const string Section = "Meetings";

    public string PublicUrl { get; set; } = "";
    public string LinkKey { get; set; } = "";

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (PublicUrl.Length > 0 && !(Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri)
                && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))))
            problems.Add("Meetings__PublicUrl doit être l'adresse https publique du bot (http seulement sur 127.0.0.1/localhost).");
        if (LinkKey.Length is > 0 and < 32) problems.Add("Meetings__LinkKey doit compter au moins 32 caractères.");
        return problems;
    }
}

/// <summary>
/// The signed, unguessable address of a meeting's .ics: <c>/meetings/{id}.ics?sig=…</c>, the HMAC-SHA256 of the
/// meeting id. The id is a random GUID and the signature proves the bot wrote the link, so the route needs no sign-in
/// (a calendar client fetches it) and gives nothing for a guessed or edited address. The file holds what an invitation
/// holds (subject, agenda, times, organiser and invitees), always the meeting's current revision.
/// </summary>
public sealed class MeetingLinks
{
    private readonly byte[] _key;
    private readonly string? _base;

    public MeetingLinks(IOptions<MeetingLinkOptions> options, IOptions<BotProtocolOptions> bot, IConfiguration configuration)
    {
        var o = options.Value;
        var local = string.IsNullOrEmpty(bot.Value.MicrosoftAppId);
        _key = o.LinkKey.Length > 0 ? Encoding.UTF8.GetBytes(o.LinkKey)
            : bot.Value.MicrosoftAppPassword.Length > 0
                ? HKDF.DeriveKey(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(bot.Value.MicrosoftAppPassword), 32, info: "traam-meeting-ics"u8.ToArray())
                : RandomNumberGenerator.GetBytes(32);
        var publicUrl = o.PublicUrl.Length > 0 ? o.PublicUrl
            : local ? (configuration["urls"] ?? "http://127.0.0.1:3978").Split(';')[0] : null;
        _base = publicUrl is null || publicUrl.EndsWith(":0", StringComparison.Ordinal) ? null : publicUrl.TrimEnd('/');
    }

    /// <summary>The link to put on cards, or "" when the bot does not know its public address (the button is left out).</summary>
    public string IcsUrl(Guid meetingId) => _base is null ? "" : $"{_base}/meetings/{meetingId:N}.ics?sig={Signature(meetingId)}";

    public string Signature(Guid meetingId) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(meetingId.ToString("N"))).AsSpan(0, 16))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public bool IsValid(Guid meetingId, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Signature(meetingId)), Encoding.ASCII.GetBytes(signature));

    /// <summary>GET /meetings/{id}.ics?sig=…: the current .ics, or 404 for anything else (no hint whether the meeting exists).</summary>
    public static void MapMeetingFiles(IEndpointRouteBuilder app) =>
        app.MapGet("/meetings/{file}", async (string file, string? sig, MeetingLinks links, TraamDbContext db, CancellationToken ct) =>
        {
            if (!file.EndsWith(".ics", StringComparison.Ordinal) || !Guid.TryParseExact(file[..^4], "N", out var id) || !links.IsValid(id, sig))
                return Results.NotFound();
            var meeting = await db.Meetings.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, ct);
            if (meeting is null) return Results.NotFound();
            var ics = await IcsFileAsync(db, meeting, ct);
            return Results.File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", "reunion-traam.ics");
        }).ExcludeFromDescription();

    internal static async Task<string> IcsFileAsync(TraamDbContext db, Meeting meeting, CancellationToken ct)
    {
        var attendees = await db.MeetingAttendances.AsNoTracking().Where(a => a.MeetingId == meeting.Id).OrderBy(a => a.Id)
            .Select(a => new MeetingAttendee(a.Name, a.Email)).ToListAsync(ct);
        var organizer = await db.People.AsNoTracking().Where(p => p.Id == meeting.OrganizerPersonId)
            .Select(p => new MeetingAttendee(p.FirstName + " " + p.LastName, p.Email)).SingleOrDefaultAsync(ct)
            ?? new MeetingAttendee("TraAM", "traam@education.gouv.fr");
        var invite = new MeetingInvite(meeting.Id, meeting.Subject, meeting.Agenda, meeting.StartUtc, meeting.Duration, meeting.TimeZoneId, attendees,
            meeting.Kind != MeetingKind.KickoffInPerson);
        return IcsInvitation.Build(invite, organizer, meeting.Revision, meeting.State == MeetingState.Cancelled);
    }
}
