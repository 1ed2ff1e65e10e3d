namespace StreamEngine.Host.Hosting;

/// <summary>The cluster store: how the journal writes to PostgreSQL.</summary>
internal static class PostgresStore
{
    /// <summary>
    /// How the journal writes to PostgreSQL, as HOCON. The queue in front of its writes holds a write
    /// of every brand at once: a brand has one write in flight, and a round names up to every brand
    /// the node hosts. At the plugin's 5,000 a node of 10,000 brands driven over 32 connections had
    /// the writes past it refused ("the queue buffer was full"), the brands that made them stopped and
    /// their requests answered 503 (perf/README.md, <i>The cluster store's write queue</i>).
    /// </summary>
    public const string JournalWrites = """
        akka.persistence.journal.sql {
          buffer-size = 262144
        }
        """;
}
