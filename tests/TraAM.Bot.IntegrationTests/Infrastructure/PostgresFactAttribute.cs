using System.Runtime.CompilerServices;

namespace TraAM.Bot.IntegrationTests.Infrastructure;

/// <summary>
/// A test that needs PostgreSQL. Without <c>TRAAM_TEST_POSTGRES</c> it is skipped on a developer's machine, but on
/// CI (<c>CI=true</c>) it runs and fails: a skipped database suite must never look green there.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Postgres.ConnectionString is null && !Postgres.IsCi)
            Skip = "TRAAM_TEST_POSTGRES is not set (source .ci/postgres.sh to start a local server)";
    }
}

public static class Postgres
{
    public static string? ConnectionString => Environment.GetEnvironmentVariable("TRAAM_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
}

/// <summary>The <see cref="PostgresFactAttribute"/> rule for theories.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresTheoryAttribute : TheoryAttribute
{
    public PostgresTheoryAttribute([CallerFilePath] string? sourceFilePath = null, [CallerLineNumber] int sourceLineNumber = -1)
        : base(sourceFilePath, sourceLineNumber)
    {
        if (Postgres.ConnectionString is null && !Postgres.IsCi)
            Skip = "TRAAM_TEST_POSTGRES is not set (source .ci/postgres.sh to start a local server)";
    }
}
