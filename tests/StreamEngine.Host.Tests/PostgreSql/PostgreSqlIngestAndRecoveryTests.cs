namespace StreamEngine.Host.Tests.PostgreSql;

/// <summary>The cluster store: a throwaway PostgreSQL server, one fresh database per test.</summary>
public sealed class PostgreSqlIngestAndRecoveryTests(PostgresServer server) : IngestAndRecoverySpec, IClassFixture<PostgresServer>
{
    protected override async Task<string[]> StoreArgumentsAsync()
    {
        var database = "se_" + Guid.NewGuid().ToString("N")[..12];
        await server.CreateDatabaseAsync(database);
        return ["--postgres", server.ConnectionString(database)];
    }
}
