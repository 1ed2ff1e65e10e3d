using System.Data;
using Npgsql;

namespace StreamEngine.Host.Hosting;

/// <summary>The cluster store: how the journal and the snapshot store work with PostgreSQL.</summary>
internal static class PostgresStore
{
    /// <summary>
    /// How many queries of brands' recovery reads the journal makes at once for each kind of read,
    /// and the snapshot store for its loads (<see cref="RecoveryReadGroups{TRead}"/>), each on a
    /// connection of its own: PostgreSQL serves 100 by default, to every node of the cluster. The
    /// reads that wait meanwhile go together in the next query.
    /// </summary>
    public const int RecoveryQueriesAtOnce = 2;

    /// <summary>
    /// Runs a group's recovery query on a connection of its own, the reads' ids bound as <c>@ids</c>
    /// and each further array by its name; the connection closes with the reader.
    /// </summary>
    public static async Task<NpgsqlDataReader> QueryGroupAsync(string connectionString, string sql, IEnumerable<RecoveryRead> reads, params (string Name, long[] Values)[] arrays)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("ids", reads.Select(r => r.PersistenceId).ToArray());
            foreach (var (name, values) in arrays)
            {
                command.Parameters.AddWithValue(name, values);
            }

            return await command.ExecuteReaderAsync(CommandBehavior.CloseConnection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The journal's and snapshot store's settings on PostgreSQL, as HOCON: their classes
    /// (<see cref="PostgresJournal"/> and <see cref="PostgresSnapshotStore"/>, a brand's recovery read
    /// with plain queries), and a queue in front of its writes that holds a write
    /// of every brand at once: a brand has one write in flight, and a round names up to every brand
    /// the node hosts. At the plugin's 5,000 a node of 10,000 brands driven over 32 connections had
    /// the writes past it refused ("the queue buffer was full"), the brands that made them stopped and
    /// their requests answered 503 (perf/README.md, <i>The cluster store's write queue</i>).
    /// <para>
    /// The replay filter is off. It read a brand's rows in the order of their writers: a brand that
    /// moves to another node and back to an incarnation of its own that wrote before has rows of an
    /// older writer after a newer one's, and the filter left those out of every recovery, acknowledged
    /// posts lost. What it guards against, two writers of one brand at once (a split cluster), cannot
    /// interleave here: the journal's unique index on (persistence id, sequence number) refuses the
    /// second writer's row, and the brand that made it stops.
    /// </para>
    /// </summary>
    public static string Persistence { get; } = $$"""
        akka.persistence.journal.sql {
          class = "{{typeof(PostgresJournal).FullName}}, {{typeof(PostgresJournal).Assembly.GetName().Name}}"
          buffer-size = 262144
          replay-filter.mode = off
        }
        akka.persistence.snapshot-store.sql.class = "{{typeof(PostgresSnapshotStore).FullName}}, {{typeof(PostgresSnapshotStore).Assembly.GetName().Name}}"
        """;
}
