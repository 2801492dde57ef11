using TraAM.Bot.People.Identity;

namespace TraAM.Bot.People.Import;

/// <summary>
/// How to import: <paramref name="DryRun"/> checks and reports without saving; <paramref name="By"/> is the person
/// importing from chat, whose rights bound what the file may change (null: the operator at the command line);
/// <paramref name="Replace"/> makes the file authoritative within those rights (<see cref="ReplacePlan"/>);
/// <paramref name="Campaign"/> is the code of the campaign imported into (null: the file's Campagne column, else the
/// working campaign).
/// </summary>
public sealed record DirectoryImportOptions(bool DryRun, Caller? By = null, bool Replace = false, string? Campaign = null);
