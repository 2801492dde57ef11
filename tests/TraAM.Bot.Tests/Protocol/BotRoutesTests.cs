using TraAM.Bot.Protocol.Routing;

namespace TraAM.Bot.Tests.Protocol;

public sealed class BotRoutesTests
{
    private sealed class Help : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class Status : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class CheckIn : ITurnHandler
    {
        public Task HandleAsync(TurnContext turn, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static BotRoutes Routes() => new BotRoutes()
        .OnCommand<Help>("aide", "help")
        .OnCommand<Status>("statut", "status", "point")
        .OnCommand<CheckIn>("point d'étape", "check-in");

    [Theory]
    [InlineData("aide", typeof(Help), "")]
    [InlineData("HELP", typeof(Help), "")]
    [InlineData("Statut  Orléans-Tours", typeof(Status), "Orléans-Tours")]
    [InlineData("point d\u2019étape équipe 3", typeof(CheckIn), "équipe 3")]
    [InlineData("point équipe 3", typeof(Status), "équipe 3")]
    public void MatchCommand_FindsTheLongestAlias_AndKeepsArgumentsAsTyped(string typed, Type handler, string arguments)
    {
        var text = new CommandText(typed, CommandText.Normalize(typed));

        var match = Routes().MatchCommand(text);

        Assert.NotNull(match);
        Assert.Equal(handler, match.Value.Handler);
        Assert.Equal(arguments, match.Value.Command.Arguments);
    }

    [Theory]
    [InlineData("")]
    [InlineData("aidez")]
    [InlineData("bonjour aide")]
    public void MatchCommand_NeedsTheCommandAsFirstWholeWords(string typed)
    {
        Assert.Null(Routes().MatchCommand(new CommandText(typed, CommandText.Normalize(typed))));
    }

    [Fact]
    public void OnCommand_RefusesTheSameAliasTwice_EvenWithOtherAccents()
    {
        var routes = new BotRoutes().OnCommand<Help>("échéances");

        Assert.Throws<InvalidOperationException>(() => routes.OnCommand<Status>("Echeances"));
    }
}
