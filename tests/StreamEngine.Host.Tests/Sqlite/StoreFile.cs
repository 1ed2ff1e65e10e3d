using Microsoft.Data.Sqlite;

namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>Statements run on a store's file by hand, as no write of a node would make them.</summary>
internal static class StoreFile
{
    public static async Task ExecuteAsync(string file, string sql)
    {
        await using var store = new SqliteConnection($"Data Source={file}");
        await store.OpenAsync();
        await using var command = store.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
