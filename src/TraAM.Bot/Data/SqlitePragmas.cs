using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TraAM.Bot.Data;

/// <summary>
/// Settings of each SQLite connection of the embedded default. <c>busy_timeout</c>: when another connection holds the
/// write lock, SQLite waits in short steps instead of failing to Microsoft.Data.Sqlite's fixed 150 ms retry sleeps
/// (measured: the whole p99 of bench/inbound). <c>synchronous=NORMAL</c> with WAL: one fsync per checkpoint instead of
/// per commit; a power cut may lose the last commits, never corrupt the file (SQLite's documented trade-off), which
/// the embedded default (a newcomer's machine, a small deployment) accepts. PostgreSQL is the production store.
/// Both are settings of SQLite's native connection, which Microsoft.Data.Sqlite's pool hands out again and again: they
/// are set once per native connection, not on every open (bench/inbound's profile: every turn opens two or three).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    internal const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (AlreadySet(connection)) return;
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
        Remember(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (AlreadySet(connection)) return;
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        Remember(connection);
    }

    // Keyed by the native handle (the pool's object, collected with it when the pool closes that connection).
    private static bool AlreadySet(DbConnection connection) => connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void Remember(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle }) Configured.AddOrUpdate(handle, handle);
    }
}
