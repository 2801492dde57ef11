namespace TraAM.Bot.Help;

/// <summary>
/// "bonjour", "merci", "hello", "thanks"…: not commands, but people type them first and last, and "not understood"
/// is the wrong answer. Recognised on the first word, punctuation aside ("Bonjour !", "Thanks!").
/// </summary>
internal static class Greetings
{
    private static readonly string[] Hello = ["bonjour", "bonsoir", "salut", "coucou", "hello", "hi", "hey"];
    private static readonly string[] Thanks = ["merci", "thanks", "thank", "thx"];

    /// <summary>The text key of the answer to <paramref name="normalized"/> (see CommandText), or null if it is no greeting.</summary>
    public static string? AnswerKey(string normalized)
    {
        var first = new string([.. normalized.Split(' ')[0].Where(char.IsLetter)]);
        return Thanks.Contains(first) ? "greeting.thanks" : Hello.Contains(first) ? "greeting.hello" : null;
    }
}
