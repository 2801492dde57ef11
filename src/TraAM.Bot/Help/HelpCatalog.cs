using TraAM.Bot.People.Access;

namespace TraAM.Bot.Help;

/// <summary>
/// One line of the help card: the command in each language, the key of its description, and the permission the
/// user needs somewhere for the line to be shown (null: everyone).
/// </summary>
public sealed record HelpEntry(string French, string English, string DescriptionKey, Permission? Requires = null);

/// <summary>
/// The commands the help card lists. Each feature adds its own lines when it maps its commands, so the help never
/// advertises a command that does not exist.
/// </summary>
public sealed class HelpCatalog
{
    private readonly List<HelpEntry> _entries = [];

    public IReadOnlyList<HelpEntry> Entries => _entries;

    public HelpCatalog Add(HelpEntry entry)
    {
        _entries.Add(entry);
        return this;
    }
}
