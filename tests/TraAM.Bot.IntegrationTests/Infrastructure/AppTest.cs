namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>A test class on the shared app: every test starts with empty tables and an empty Connector record.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(TraamApp app) : IAsyncLifetime
{
    protected TraamApp App { get; } = app;

    public virtual async ValueTask InitializeAsync() => await App.ResetAsync();

    public ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
