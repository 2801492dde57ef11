using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TraAM.Bot.Data;

/// <summary>
/// Settings of each SQLite connection of the embedded default. <c>busy_timeout</c>: when another connection holds the
/// write lock, SQLite waits in short steps instead of failing to Microsoft.Data.Sqlite's fixed 150 ms retry sleeps
/// (measured: the whole p99 of bench/inbound). <c>synchronous=NORMAL</c> with WAL: one fsync per checkpoint instead of
/// per commit; a power cut may lose the last commits, never corrupt the file (SQLite's documented trade-off), which
/// the embedded default (a newcomer's machine, a small deployment) accepts. PostgreSQL is the production store.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = NORMAL;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
