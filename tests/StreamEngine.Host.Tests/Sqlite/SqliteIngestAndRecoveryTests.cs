namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>The embedded default: SQLite under the data directory, no options needed.</summary>
public sealed class SqliteIngestAndRecoveryTests : IngestAndRecoverySpec
{
    protected override Task<string[]> StoreArgumentsAsync() => Task.FromResult(Array.Empty<string>());
}
