using System.Globalization;
using TraAM.Bot.CheckIns;

namespace TraAM.Bot.Syntheses;

/// <summary>The document's French words for the bot's states and dates (the synthesis is a French document).</summary>
public static class SynthesisLabels
{
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static string Production(ProductionKind kind) => kind switch
    {
        ProductionKind.Scenarios => "Scénarios pédagogiques",
        ProductionKind.Magistere => "Parcours M@gistère",
        ProductionKind.AcademicBilan => "Bilan académique",
        ProductionKind.Communication => "Communication",
        _ => kind.ToString(),
    };

    public static string State(ProductionState state) => state switch
    {
        ProductionState.Planned => "Prévue",
        ProductionState.Written => "Rédigée",
        ProductionState.Tested => "Testée",
        ProductionState.Published => "Publiée",
        ProductionState.Indexed => "Publiée et indexée dans Édubase",
        _ => state.ToString(),
    };

    public static string Overall(OverallProgress? overall) => overall switch
    {
        OverallProgress.NotStarted => "Pas commencé",
        OverallProgress.InProgress => "En cours",
        OverallProgress.OnTrack => "Dans les temps",
        OverallProgress.Late => "En retard",
        _ => "Sans réponse",
    };

    public static string Day(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("d MMMM yyyy", French);

    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", French);

    public static string ShortDay(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris).ToString("dd/MM/yyyy", French);

    public static string Source(SourceKind kind) => kind switch
    {
        SourceKind.Directory => "Annuaire",
        SourceKind.Production => "Suivi des productions",
        SourceKind.CheckIn => "Point d'étape",
        SourceKind.Bilan => "Bilan",
        SourceKind.Meeting => "Réunion",
        SourceKind.Minutes => "Compte rendu",
        _ => kind.ToString(),
    };
}
