using System.Text.Json;
using System.Text.Json.Serialization;
using TraAM.Bot.Campaigns.Calendar;
using TraAM.Bot.Cards;
using TraAM.Bot.Conversations;
using TraAM.Bot.Delivery;
using TraAM.Bot.Help;
using TraAM.Bot.People.Groups;
using TraAM.Bot.People.Import;
using TraAM.Bot.People.Me;
using TraAM.Bot.Reminders;

namespace TraAM.Bot.Tests.Cards;

/// <summary>
/// The card checks (tests/cards) expand each template with its hand-written sample: a sample that drifts from the
/// record the code really sends would check a card nobody receives. Each sample must read as its record exactly:
/// no field the record lacks, no field of the record missing, each of the record's type.
/// </summary>
public sealed class CardSamplesTests
{
    /// <summary>Which record the code renders each template with.</summary>
    private static readonly Dictionary<string, Type> Records = new(StringComparer.Ordinal)
    {
        ["campaigns/calendar"] = typeof(CalendarCardData),
        ["campaigns/open"] = typeof(TraAM.Bot.Campaigns.Opening.OpenCampaignCard),
        ["campaigns/themes"] = typeof(TraAM.Bot.Campaigns.Opening.ThemesCard),
        ["candidacies/candidacy"] = typeof(TraAM.Bot.Candidacies.CandidacyCardData),
        ["candidacies/list"] = typeof(TraAM.Bot.Candidacies.CandidacyListCard),
        ["forms/form"] = typeof(TraAM.Bot.Forms.FormCardData),
        ["checkins/invite"] = typeof(TraAM.Bot.CheckIns.InviteCardData),
        ["checkins/risk"] = typeof(TraAM.Bot.CheckIns.RiskCardData),
        ["meetings/reminder"] = typeof(TraAM.Bot.Meetings.ReminderCardData),
        ["meetings/changed"] = typeof(TraAM.Bot.Meetings.ChangedCardData),
        ["meetings/calendar-problem"] = typeof(TraAM.Bot.Meetings.ProblemCardData),
        ["meetings/schedule"] = typeof(TraAM.Bot.Meetings.ScheduleCardData),
        ["meetings/meeting"] = typeof(TraAM.Bot.Meetings.MeetingCardData),
        ["meetings/minutes"] = typeof(TraAM.Bot.Meetings.Minutes.MinutesCardData),
        ["meetings/minutes-published"] = typeof(TraAM.Bot.Meetings.Minutes.MinutesPublishedData),
        ["meetings/minutes-reminder"] = typeof(TraAM.Bot.Meetings.Minutes.MinutesReminderData),
        ["checkins/round"] = typeof(TraAM.Bot.CheckIns.RoundCardData),
        ["candidacies/selection"] = typeof(TraAM.Bot.Candidacies.Selection.SelectionCardData),
        ["candidacies/selection-area"] = typeof(TraAM.Bot.Candidacies.Selection.SelectionAreaCard),
        ["candidacies/selection-result"] = typeof(TraAM.Bot.Candidacies.Selection.SelectionResultCard),
        ["candidacies/transmission"] = typeof(TraAM.Bot.Candidacies.Transmission.TransmissionCardData),
        ["delivery/app-missing"] = typeof(AppMissingCard),
        ["people/import-report"] = typeof(ImportReportCard),
        ["people/link"] = typeof(LinkCard),
        ["people/me"] = typeof(MeCard),
        ["ops/version"] = typeof(TraAM.Bot.Operations.VersionCard),
        ["ops/deliveries"] = typeof(TraAM.Bot.Operations.Deliveries.DeliveriesData),
        ["ops/resend-confirm"] = typeof(TraAM.Bot.Operations.Deliveries.ResendConfirmData),
        ["privacy/erase"] = typeof(TraAM.Bot.Privacy.EraseCard),
        ["people/remove-role"] = typeof(TraAM.Bot.People.Access.RemoveRoleCard),
        ["reminders/deadlines"] = typeof(DeadlinesCard),
        ["reminders/escalation"] = typeof(EscalationCardData),
        ["reminders/reminder"] = typeof(ReminderCardData),
        ["reminders/round-reminder"] = typeof(ReminderCardData),
        ["reminders/bilan-reminder"] = typeof(ReminderCardData),
        ["bilans/launch"] = typeof(TraAM.Bot.Bilans.LaunchCardData),
        ["bilans/invite"] = typeof(TraAM.Bot.Bilans.BilanInviteCardData),
        ["bilans/tracker"] = typeof(TraAM.Bot.Bilans.TrackerCardData),
        ["shared/help"] = typeof(HelpCard),
        ["status/summary"] = typeof(TraAM.Bot.Status.StatusSummaryCard),
        ["status/table"] = typeof(TraAM.Bot.Status.StatusTableCard),
        ["status/team"] = typeof(TraAM.Bot.Status.StatusTeamCard),
        ["shared/welcome"] = typeof(WelcomeCardData),
        ["syntheses/synthesis"] = typeof(TraAM.Bot.Syntheses.SynthesisCardData),
    };

    private static readonly JsonSerializerOptions Exact = new(CardTemplates.DataJson)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
    };

    public static TheoryData<string> Templates() => [.. new CardTemplates(CardTemplatesTests.RepoCards).Names.Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Templates))]
    public void EverySample_ReadsAsTheRecordTheCodeSends(string name)
    {
        Assert.True(Records.TryGetValue(name, out var record), $"add the record of {name} to CardSamplesTests.Records");

        var problem = Check(File.ReadAllText(Path.Combine(CardTemplatesTests.RepoCards, CardTemplates.SamplesFolder, name + ".json")), record);

        Assert.Null(problem);
    }

    [Theory]
    [InlineData("""{ "isChannel": true, "commands": [ { "command": "aide", "description": "x", "requires": "admin" } ] }""", "requires")]
    [InlineData("""{ "isChannel": true }""", "commands")]
    [InlineData("""{ "isChannel": "yes", "commands": [] }""", "isChannel")]
    public void TheCheck_FindsAnExtraField_AMissingOne_AndAWrongType(string sample, string named)
    {
        var problem = Check(sample, typeof(HelpCard));

        Assert.NotNull(problem);
        Assert.Contains(named, problem, StringComparison.Ordinal);
    }

    private static string? Check(string sample, Type record)
    {
        try
        {
            JsonSerializer.Deserialize(sample, record, Exact);
            return null;
        }
        catch (JsonException ex)
        {
            return ex.Message;
        }
    }
}
