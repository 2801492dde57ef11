using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.People;

/// <summary>The campaign calendar: seeded from the 2026-2027 call, editable by TN3 experts from the card, audited.</summary>
public sealed class CalendarTests(TraamApp app) : AppTest(app)
{
    private static JsonObject Form(string submission = "2026-03-31", string results = "2026-06-15", string kickoff = "2026-10-31", string? version = null) => new()
    {
        ["submissionDeadline"] = submission,
        ["resultsDate"] = results,
        ["workStart"] = "2026-09-01",
        ["kickoffDeadline"] = kickoff,
        ["completionDeadline"] = "2027-04-30",
        ["bilanDeadline"] = "2027-06-30",
        ["checkpointsMin"] = "2",
        ["checkpointsMax"] = "3",
        ["version"] = version ?? "0", // the seeded calendar's version
    };

    [PostgresFact]
    public async Task ATeacher_SeesTheSeededDates_ReadOnly()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Teacher(team));

        await App.PostActivityAsync(Activities.PersonalMessage("calendrier"));

        var sent = Assert.Single(App.Connector.Activities);
        Assert.Contains("Calendrier de la campagne 2026-2027", sent.CardTexts);
        Assert.Contains("31 mars 2026", sent.CardTexts);
        Assert.Contains("30 avril 2027", sent.CardTexts);
        Assert.Contains("Projets retenus par discipline lors de la sélection nationale : 5", sent.CardTexts); // Campaign__SelectionQuota
        Assert.DoesNotContain("Input.Date", sent.Card!.Text(), StringComparison.Ordinal);
        Assert.Empty(sent.Card!["actions"]?.AsArray() ?? []);
    }

    [PostgresFact]
    public async Task AnExpert_MovesTheKickoff_AndTheChangeIsAudited()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        var answer = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-24")));

        Assert.Equal("application/vnd.microsoft.card.adaptive", answer["type"]!.GetValue<string>());
        Assert.Contains("Calendrier enregistré (1 modification(s)).", answer.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var campaign = await db.Campaigns.SingleAsync(c => c.Id == 1, TestContext.Current.CancellationToken);
        Assert.Equal(new DateOnly(2026, 10, 24), campaign.KickoffDeadline);
        var change = await db.CalendarChanges.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("kickoffDeadline", "2026-10-31", "2026-10-24", "Léa Petit"), (change.Field, change.OldValue, change.NewValue, change.ChangedByName));
        Assert.Equal(App.Clock.GetUtcNow().UtcTicks / 10, change.ChangedAt.UtcTicks / 10); // PostgreSQL keeps microseconds
    }

    [PostgresFact]
    public async Task DatesOutOfOrder_AreRefused_WithTheErrorNextToTheField_AndWhatWasTypedKept()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));

        var answer = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(results: "2026-03-15", submission: "pas une date")));

        var card = answer["value"]!.Text();
        Assert.Contains("« pas une date » n'est pas une date", card, StringComparison.Ordinal);
        Assert.Contains("2026-03-15", card, StringComparison.Ordinal); // kept as typed
        await using var db = App.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 6, 15), (await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken)).ResultsDate);
        Assert.Empty(db.CalendarChanges);

        var order = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(results: "2026-03-15")));
        Assert.Contains("Cette date doit venir après « Dépôt des candidatures par les DAN/DRAN » (31 mars 2026).", order.Text(), StringComparison.Ordinal);
    }

    [PostgresFact]
    public async Task ReminderOffsets_AreACampaignSetting_CheckedAndAudited()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var wrong = Form();
        wrong["reminderOffsets"] = "15, 0, J-200";

        var refused = await App.InvokeAsync(Activities.Invoke("calendar.save", wrong));
        Assert.Contains("« 15, 0, J-200 » : indiquez de 1 à 5 nombres de jours différents", refused.Text(), StringComparison.Ordinal);
        Assert.Contains("\"value\":\"15, 0, J-200\"", refused.Text(), StringComparison.Ordinal); // kept as typed

        var good = Form();
        good["reminderOffsets"] = "J-14, J-2";
        await App.InvokeAsync(Activities.Invoke("calendar.save", good));

        await using var db = App.CreateDbContext();
        Assert.Equal("14,2", (await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken)).ReminderOffsets);
        var change = await db.CalendarChanges.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("reminderOffsets", "30,7,1", "14,2"), (change.Field, change.OldValue, change.NewValue));
    }

    [PostgresFact]
    public async Task ATeacher_ForgingTheSaveAction_IsRefused()
    {
        var team = await App.TeamAsync("Équipe SVT Lyon", "lyon", SvtYear1);
        await App.PersonAsync("Camille", "Martin", CamilleAad, Teacher(team));

        var answer = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-01")));

        Assert.Equal("application/vnd.microsoft.activity.message", answer["type"]!.GetValue<string>());
        Assert.Contains("Seules les personnes expertes TN3", answer["value"]!.GetValue<string>(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 10, 31), (await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken)).KickoffDeadline);
    }

    [PostgresFact]
    public async Task ASaveFromAStaleCard_DoesNotOverwriteAnotherExpertsChange()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        await App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-24")));
        App.Clock.Advance(TimeSpan.FromMinutes(3));

        var stale = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(submission: "2026-03-30")));

        Assert.Contains("Le calendrier a été modifié par quelqu'un d'autre", stale.Text(), StringComparison.Ordinal);
        Assert.Contains("2026-03-30", stale.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        var campaign = await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((new DateOnly(2026, 3, 31), new DateOnly(2026, 10, 24)), (campaign.SubmissionDeadline, campaign.KickoffDeadline));
    }

    // The version the card carries, as Teams would send it back with the save.
    private static string VersionIn(JsonNode card) =>
        System.Text.RegularExpressions.Regex.Match(card.Text(), "\"verb\":\"calendar.save\",\"version\":\"([^\"]+)\"").Groups[1].Value;

    private async Task<string> ShownVersionAsync()
    {
        App.Connector.Clear();
        await App.PostActivityAsync(Activities.PersonalMessage("calendrier"));
        return VersionIn(Assert.Single(App.Connector.Activities).Card!);
    }

    [PostgresFact]
    public async Task SavingTwice_FromTheCardTheSaveReturned_IsNoConflict()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        App.Clock.Advance(TimeSpan.FromTicks(7)); // a time PostgreSQL cannot keep to the tick

        var first = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-24", version: await ShownVersionAsync())));
        var second = await App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-17", version: VersionIn(first))));

        Assert.Contains("Calendrier enregistré", first.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("modifié par quelqu'un d'autre", second.Text(), StringComparison.Ordinal);
        await using var db = App.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 10, 17), (await db.Campaigns.SingleAsync(TestContext.Current.CancellationToken)).KickoffDeadline);
    }

    [PostgresFact]
    public async Task TwoSavesAtOnce_FromTheSameCard_ExactlyOneWins_TheOtherIsToldInFrench()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        var version = await ShownVersionAsync();
        var ct = TestContext.Current.CancellationToken;

        // The other save, from the same card, in flight: it has written the calendar (version + 1) but not committed yet.
        await using var other = new Npgsql.NpgsqlConnection(App.ConnectionString);
        await other.OpenAsync(ct);
        await using var otherSave = await other.BeginTransactionAsync(ct);
        await using (var write = new Npgsql.NpgsqlCommand(
            "UPDATE \"Campaigns\" SET \"KickoffDeadline\" = '2026-10-17', \"Version\" = \"Version\" + 1 WHERE \"Id\" = 1", other, otherSave))
        {
            await write.ExecuteNonQueryAsync(ct);
        }

        // This save reads the committed calendar (same version as its card), passes the card check, and queues on the write.
        var save = App.InvokeAsync(Activities.Invoke("calendar.save", Form(kickoff: "2026-10-24", version: version)));
        await WaitUntilWaitingOnALockAsync(App.ConnectionString, save, ct);
        await otherSave.CommitAsync(ct);
        var answer = await save;

        Assert.Contains("Le calendrier a été modifié par quelqu'un d'autre", answer.Text(), StringComparison.Ordinal);
        Assert.Contains("2026-10-24", answer.Text(), StringComparison.Ordinal); // what this user typed is kept
        await using var db = App.CreateDbContext();
        Assert.Equal(new DateOnly(2026, 10, 17), (await db.Campaigns.SingleAsync(ct)).KickoffDeadline);
        Assert.Empty(db.CalendarChanges);
    }

    // Polls PostgreSQL's own view of its sessions (no fixed sleep): returns once the save waits on the other's lock.
    // Its own connection, outside any transaction: a transaction would keep reading the same snapshot of the view.
    private static async Task WaitUntilWaitingOnALockAsync(string connectionString, Task request, CancellationToken ct)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var count = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'", connection);
        while ((long)(await count.ExecuteScalarAsync(ct))! < 1)
        {
            Assert.False(request.IsCompleted, "the save ended without waiting for the other one");
            await Task.Delay(10, ct);
        }
    }
}
