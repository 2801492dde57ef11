using TraAM.Bot.IntegrationTests.Infrastructure;
using static TraAM.Bot.IntegrationTests.Infrastructure.DirectorySeed;

namespace TraAM.Bot.IntegrationTests.Reminders;

/// <summary>School holidays apply to every zone: only admins import them (ManageHolidays).</summary>
public sealed class HolidayImportAccessTests(TraamApp app) : AppTest(app)
{
    [PostgresFact]
    public async Task ATn3Expert_SendingTheHolidayFile_IsRefused_AndNothingIsDownloaded()
    {
        await App.PersonAsync("Léa", "Petit", CamilleAad, Expert("svt"));
        const string url = "https://contoso.sharepoint.com/personal/lea/download.aspx?tempauth=ics";
        App.Files.Files[url] = System.Text.Encoding.UTF8.GetBytes("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n");

        await App.PostActivityAsync(Activities.PersonalFile("Zone-A.ics", url));

        var answer = Assert.Single(App.Connector.Activities).Body!["text"]!.GetValue<string>();
        Assert.StartsWith("Seule l'équipe d'administration de TraAM importe le calendrier des vacances scolaires", answer, StringComparison.Ordinal);
        Assert.Empty(App.Files.Requests);
        await using var db = App.CreateDbContext();
        Assert.Empty(db.SchoolHolidays);
    }
}
