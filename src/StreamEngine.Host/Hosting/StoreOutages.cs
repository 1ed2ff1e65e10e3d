using System.Globalization;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// How the journal and the snapshot store ride out a slow store or an outage.
/// <para>
/// The journal gives a write <see cref="IngestSettings.EffectiveJournalWriteTimeout"/> before it
/// gives up on it, rather than Akka's default 10 s: SQLite waits up to <see cref="SqliteStore.LockWait"/>
/// for its write lock, and at 10 s a write that was only waiting for the lock was given up (and not
/// made), its brand stopped and its request answered 503 (perf/README.md, "A held write lock").
/// </para>
/// <para>
/// The journal's circuit breaker opens after 10 failures, as by default, and tries the store again
/// 5 s later instead of 30, so that brands journal again within seconds of the store's return. The
/// snapshot store gets no working breaker at all: while one is half-open, Akka.Persistence's
/// snapshot store throws its refusal of a load instead of answering it, and the brand recovering
/// waits out its 30 s recovery timeout (seen as a 30 s 503 after PostgreSQL came back). Without it a
/// load during an outage fails on its own connection error.
/// </para>
/// </summary>
/// <remarks>Shared as source with the in-process benchmark, so that it rides out its store as the host does.</remarks>
internal static class StoreOutages
{
    public static string Hocon { get; } = string.Create(CultureInfo.InvariantCulture, $"""
    akka.persistence.journal.sql.circuit-breaker.call-timeout = {(int)new IngestSettings().EffectiveJournalWriteTimeout.TotalMilliseconds}ms
    akka.persistence.journal.sql.circuit-breaker.reset-timeout = 5s
    akka.persistence.snapshot-store.sql.circuit-breaker.max-failures = 2147483647
    """);
}
