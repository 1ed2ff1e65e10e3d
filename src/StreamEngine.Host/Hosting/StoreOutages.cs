namespace StreamEngine.Host.Hosting;

/// <summary>
/// How the journal and the snapshot store ride out a store outage. The journal's circuit
/// breaker opens after 10 failures, as by default, and tries the store again 5 s later instead
/// of 30, so that brands journal again within seconds of the store's return. The snapshot store
/// gets no working breaker at all: while one is half-open, Akka.Persistence's snapshot store
/// throws its refusal of a load instead of answering it, and the brand recovering waits out its
/// 30 s recovery timeout (seen as a 30 s 503 after PostgreSQL came back). Without it a load during
/// an outage fails on its own connection error.
/// </summary>
/// <remarks>Shared as source with the in-process benchmark, so that it rides out its store as the host does.</remarks>
internal static class StoreOutages
{
    public const string Hocon = """
    akka.persistence.journal.sql.circuit-breaker.reset-timeout = 5s
    akka.persistence.snapshot-store.sql.circuit-breaker.max-failures = 2147483647
    """;
}
