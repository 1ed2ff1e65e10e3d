using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// A PostgreSQL store holds one cluster's journals. A node given no seed nodes forms a cluster of
/// its own: started on a database another cluster writes, both would write the same brands'
/// journals (sequence numbers colliding, acknowledged posts lost). Every node's sessions carry its
/// name, so a node about to form a cluster can see whether another one is already there.
/// </summary>
internal static class SharedStoreClaim
{
    private const string NamePrefix = "StreamEngine node ";
    private static readonly TimeSpan LookTimeout = TimeSpan.FromSeconds(5);

    /// <summary>This node's name on its store's sessions.</summary>
    public static string NodeName { get; } = NamePrefix + Guid.NewGuid().ToString("N")[..12];

    /// <summary>
    /// The connection string, its sessions named after this node; one kept open in the pool, so a
    /// node idle for a while is still seen.
    /// </summary>
    public static string Named(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { ApplicationName = NodeName };
        builder.MinPoolSize = Math.Max(builder.MinPoolSize, 1);
        return builder.ConnectionString;
    }

    /// <summary>
    /// Names the other StreamEngine node connected to the database, or null when there is none. A
    /// store that cannot be reached is not judged here: readiness reports it until it answers.
    /// </summary>
    public static string? OtherClusterProblem(string connectionString)
    {
        try
        {
            // Unpooled: a pool of its own would keep an idle session, named after this node, for good.
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Timeout = (int)LookTimeout.TotalSeconds, Pooling = false }.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT application_name, coalesce(host(client_addr), 'an address this role may not see')
                FROM pg_stat_activity
                WHERE datname = current_database() AND pid <> pg_backend_pid()
                  AND application_name LIKE 'StreamEngine node %' AND application_name <> @self
                LIMIT 1
                """;
            command.Parameters.AddWithValue("self", NodeName);
            command.CommandTimeout = (int)LookTimeout.TotalSeconds;
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? $"--postgres (StreamEngine:Postgres): database '{connection.Database}' is in use by another StreamEngine node ({reader.GetString(0)}, from {reader.GetString(1)}), and this node has no seed nodes but itself, so it would form a second cluster writing the same journals; give it that cluster's StreamEngine:SeedNodes, or another database. If that node is gone (its machine lost, its sessions not yet noticed), end them first: SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = '{reader.GetString(0)}'"
                : null;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return null;
        }
    }
}
