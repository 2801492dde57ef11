using Microsoft.Data.Sqlite;

namespace TraAM.Bot.Data;

/// <summary>
/// The embedded default's duplicate check, the one write of every turn: one SQLite connection kept open with its INSERT
/// prepared once and rebound for each activity. Through EF each turn opened a pooled connection, registered EF's SQL
/// functions on it, and had SQLite parse the statement again: about a tenth of a turn's CPU in bench/inbound's profile.
/// Not thread-safe: its one caller runs it under the SQLite writer lock. After any failure the connection is dropped
/// and the next call opens a new one, so a broken connection never sticks.
/// </summary>
internal sealed class PreparedSqliteInsert : IDisposable
{
    private SqliteConnection? _connection;
    private SqliteCommand? _command;
    private string? _sql;

    public async Task<int> RunAsync(string connectionString, string sql, string key, object receivedAt, CancellationToken ct)
    {
        try
        {
            var command = await CommandAsync(connectionString, sql, ct);
            command.Parameters["$key"].Value = key;
            command.Parameters["$at"].Value = receivedAt;
            return await command.ExecuteNonQueryAsync(ct);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    private async Task<SqliteCommand> CommandAsync(string connectionString, string sql, CancellationToken ct)
    {
        if (_command is not null && _sql == sql && _connection?.ConnectionString == connectionString) return _command;
        Dispose();
        _connection = new SqliteConnection(connectionString);
        await _connection.OpenAsync(ct);
        await using (var pragmas = _connection.CreateCommand())
        {
            pragmas.CommandText = SqlitePragmas.Pragmas;
            await pragmas.ExecuteNonQueryAsync(ct);
        }

        _command = _connection.CreateCommand();
        _command.CommandText = sql;
        // No declared type: each value binds as what it is (the date is EF's provider value, ticks on SQLite).
        _command.Parameters.Add(new SqliteParameter { ParameterName = "$key" });
        _command.Parameters.Add(new SqliteParameter { ParameterName = "$at" });
        _command.Prepare();
        _sql = sql;
        return _command;
    }

    public void Dispose()
    {
        _command?.Dispose();
        _connection?.Dispose();
        (_command, _connection, _sql) = (null, null, null);
    }
}
