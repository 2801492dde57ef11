namespace TraAM.Bot.Protocol.Routing;

/// <summary>
/// The route table: which handler type answers which command, card verb or update. Built once at start-up from
/// each feature's <c>MapX()</c>; handlers are resolved per request from DI. A small table, not a giant base class.
/// </summary>
public sealed class BotRoutes
{
    private readonly List<(string[] Words, string Alias, Type Handler)> _commands = [];
    private readonly Dictionary<string, Type> _cardActions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Type> _invokes = new(StringComparer.Ordinal);
    private readonly List<Type> _conversationUpdates = [];
    private readonly List<Type> _installationUpdates = [];

    public Type? FallbackHandler { get; private set; }

    private readonly List<(string[] Types, Type Handler)> _files = [];

    /// <summary>
    /// What answers a message carrying a file (Teams' file download info), whatever its text: the handler registered
    /// for the file's type (e.g. "ics"), else the one registered without types.
    /// </summary>
    public BotRoutes OnFile<THandler>(params string[] fileTypes) where THandler : ITurnHandler
    {
        _files.Add(([.. fileTypes.Select(t => t.TrimStart('.').ToLowerInvariant())], typeof(THandler)));
        return this;
    }

    public Type? MatchFile(string? fileType)
    {
        var type = fileType?.TrimStart('.').ToLowerInvariant();
        return _files.FirstOrDefault(f => type is not null && f.Types.Contains(type)).Handler
            ?? _files.FirstOrDefault(f => f.Types.Length == 0).Handler;
    }

    /// <summary>Every alias (French and English) of a command; matched on whole words, accents and case ignored.</summary>
    public BotRoutes OnCommand<THandler>(params string[] aliases) where THandler : ITurnHandler
    {
        foreach (var alias in aliases)
        {
            var normalized = CommandText.Normalize(alias);
            if (_commands.Any(c => c.Alias == normalized))
                throw new InvalidOperationException($"Command alias '{alias}' is mapped twice.");
            _commands.Add((normalized.Split(' '), normalized, typeof(THandler)));
        }

        // Longest alias first, so "point d'etape" wins over "point".
        _commands.Sort((a, b) => b.Words.Length.CompareTo(a.Words.Length));
        return this;
    }

    public BotRoutes OnCardAction<THandler>(string verb) where THandler : ICardActionHandler
    {
        if (!_cardActions.TryAdd(verb, typeof(THandler)))
            throw new InvalidOperationException($"Card verb '{verb}' is mapped twice.");
        return this;
    }

    /// <summary>What answers an invoke by its name other than a card action (e.g. "fileConsent/invoke").</summary>
    public BotRoutes OnInvoke<THandler>(string name) where THandler : IInvokeHandler
    {
        if (!_invokes.TryAdd(name, typeof(THandler)))
            throw new InvalidOperationException($"Invoke '{name}' is mapped twice.");
        return this;
    }

    public Type? MatchInvoke(string? name) => name is not null && _invokes.TryGetValue(name, out var t) ? t : null;

    public BotRoutes OnConversationUpdate<THandler>() where THandler : ITurnHandler
    {
        _conversationUpdates.Add(typeof(THandler));
        return this;
    }

    public BotRoutes OnInstallationUpdate<THandler>() where THandler : ITurnHandler
    {
        _installationUpdates.Add(typeof(THandler));
        return this;
    }

    /// <summary>What answers text that matches no command (typically: "I did not understand, here is the help").</summary>
    public BotRoutes OnUnknownMessage<THandler>() where THandler : ITurnHandler
    {
        FallbackHandler = typeof(THandler);
        return this;
    }

    public (Type Handler, CommandText Command)? MatchCommand(CommandText text)
    {
        if (text.Normalized.Length == 0) return null;
        var words = text.Normalized.Split(' ');
        foreach (var (aliasWords, _, handler) in _commands)
        {
            if (words.Length < aliasWords.Length) continue;
            if (!aliasWords.AsSpan().SequenceEqual(words.AsSpan(0, aliasWords.Length))) continue;
            return (handler, text with { Arguments = ArgumentsAfter(text.Text, aliasWords.Length) });
        }

        return null;
    }

    public Type? MatchCardAction(string? verb) => verb is not null && _cardActions.TryGetValue(verb, out var t) ? t : null;

    public IReadOnlyList<Type> ConversationUpdateHandlers => _conversationUpdates;
    public IReadOnlyList<Type> InstallationUpdateHandlers => _installationUpdates;

    public IEnumerable<Type> AllHandlerTypes =>
        _commands.Select(c => c.Handler).Concat(_cardActions.Values).Concat(_invokes.Values).Concat(_conversationUpdates).Concat(_installationUpdates)
            .Concat(FallbackHandler is null ? [] : [FallbackHandler]).Concat(_files.Select(f => f.Handler)).Distinct();

    private static string ArgumentsAfter(string original, int wordCount)
    {
        var rest = original.AsSpan().Trim();
        for (var i = 0; i < wordCount && rest.Length > 0; i++)
        {
            var space = rest.IndexOfAny(' ', '\t', '\u00A0');
            rest = space < 0 ? [] : rest[(space + 1)..].TrimStart();
        }

        return rest.ToString();
    }
}
