using Akka.Cluster;
using Akka.Cluster.Hosting;
using Akka.Cluster.Sharding;
using Akka.Hosting;
using Akka.Persistence.Sql.Hosting;
using Akka.Remote.Hosting;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Engine.Serialization;
using StreamEngine.Host.Alerts;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>Registry key of the brand shard region.</summary>
public sealed class BrandRegion;

internal static class AkkaSetup
{
    public const string SystemName = "streamengine";

    /// <summary>How long a node tries to join its seed nodes before it gives up and exits with code 3.</summary>
    public static readonly TimeSpan JoinGiveUp = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The largest message between nodes. Akka's default, 125 KB, is less than one brand's batch of a
    /// busy round (12,000 posts of many purchase months made 390 KB), a month's report, or a large
    /// model published to the cluster: such a message was dropped, its ask waited out its time, and
    /// the request failed the same way each time it was sent again.
    /// </summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public static IServiceCollection AddStreamEngineAkka(this IServiceCollection services, StreamEngineOptions options, StoreSetup store, HistoryStore? history)
    {
        var seeds = options.SeedNodes.Where(s => !string.IsNullOrWhiteSpace(s)).ToArray();
        return services.AddAkka(SystemName, (akka, provider) =>
        {
            var clock = provider.GetRequiredService<TimeProvider>();
            var current = provider.GetRequiredService<CurrentModel>();
            akka
                .ConfigureLoggers(loggers => loggers.AddLoggerFactory())
                .WithRemoting(new RemoteOptions
                {
                    HostName = options.ClusterHost,
                    Port = options.ClusterPort,
                    MaxFrameSize = MaxMessageBytes,
                    SendBufferSize = MaxMessageBytes,
                    ReceiveBufferSize = MaxMessageBytes,
                })
                .WithClustering(new ClusterOptions { SeedNodes = seeds, Roles = ["brands"] })
                .WithSqlPersistence(
                    new Akka.Persistence.Sql.Hosting.SqlJournalOptions(isDefaultPlugin: true)
                    {
                        ConnectionString = store.ConnectionString, ProviderName = store.ProviderName, DataOptions = store.JournalDataOptions ?? store.DataOptions, AutoInitialize = true,
                        ReadIsolationLevel = store.ReadIsolationLevel,
                    },
                    new Akka.Persistence.Sql.Hosting.SqlSnapshotOptions(isDefaultPlugin: true)
                    {
                        ConnectionString = store.ConnectionString, ProviderName = store.ProviderName, DataOptions = store.DataOptions, AutoInitialize = true,
                        ReadIsolationLevel = store.ReadIsolationLevel,
                    })
                // The ingest graph drains in this phase (IngestService): give it as long as a round may wait for its brands.
                .AddHocon(
                    $"akka.coordinated-shutdown.phases.service-requests-done.timeout = {(int)(new IngestSettings().EffectiveAnswerTimeout.TotalSeconds + 5)}s",
                    HoconAddMode.Prepend)
                .AddHocon(store.PersistenceSettings ?? string.Empty, HoconAddMode.Prepend)
                .AddHocon(StoreOutages.Hocon, HoconAddMode.Prepend)
                // What Akka logs before its loggers start and after they stop, as JSON lines too.
                .AddHocon($"akka.stdout-logger-class = \"{typeof(JsonLinesStdoutLogger).AssemblyQualifiedName}\"", HoconAddMode.Prepend)
                // A node whose seed nodes never answer (a mistyped address) stops, exit code 3, rather than retrying unseen forever.
                .AddHocon($"akka.cluster.shutdown-after-unsuccessful-join-seed-nodes = {(int)JoinGiveUp.TotalSeconds}s", HoconAddMode.Prepend)
                // A shard whose node crashed and came back before the cluster removed its old self waits
                // this long for a hand-off that cannot happen (60 s by default): its brands answer 503 meanwhile.
                // A brand being handed off is also stopped by force 5 s before it: it stops once its
                // writes are acknowledged (StopBrand), so only a journal write slower than 5 s is cut short.
                .AddHocon("akka.cluster.sharding.handoff-timeout = 10s", HoconAddMode.Prepend)
                // Alerts are published to whoever streams them, and most of the time no dashboard does:
                // each alert was logged as a dead letter, which reads as a message lost.
                .AddHocon("akka.cluster.pub-sub.send-to-dead-letters-when-no-subscribers = off", HoconAddMode.Prepend)
                .WithCustomSerializer("brand-state", [typeof(IBrandPersistedState)], system => new BrandStateSerializer(system))
                .WithCustomSerializer("brand-messages", [typeof(IBrandWireMessage)], system => new BrandMessageSerializer(system))
                .WithShardRegion<BrandRegion>(
                    "brand",
                    // A brand's alert settings are read from the model when its actor starts.
                    brandId => BrandActor.PropsFor(brandId, clock, new BrandActorSettings(
                        Alerts: current.Model.TryGetBrand(brandId, out var brand) ? brand.Alerts : null,
                        PublishClusterWide: true,
                        History: history)),
                    new BrandMessageExtractor(),
                    new ShardOptions
                    {
                        Role = "brands",
                        StateStoreMode = StateStoreMode.DData,
                        RememberEntities = false,
                        // Brands are few and dashboards poll them all; waking one means replaying it, so keep them up.
                        ShouldPassivateIdleEntities = false,
                        HandOffStopMessage = StopBrand.Instance,
                    })
                .WithActors((system, registry) => system.ActorOf(HandOffRedelivery.PropsFor(registry.Get<BrandRegion>()), "brand-hand-off-redelivery"))
                .WithActors((system, _) => system.ActorOf(BrandStopAnswers.Props(), "brand-stop-answers"))
                .WithActors((system, registry) => registry.Register<RecentAlerts>(system.ActorOf(RecentAlerts.Props(TimeProvider.System), "recent-alerts")))
                .AddStartup((system, _) =>
                {
                    if (seeds.Length == 0)
                    {
                        var cluster = Cluster.Get(system);
                        cluster.Join(cluster.SelfAddress);
                    }
                });
            if (store.ReadsJournalAtStart)
            {
                // The replay filter sorts out two incarnations of a brand writing its journal over each
                // other (a split cluster). On one node they cannot: sharding starts a brand again only
                // once it has stopped, a brand has one write in flight, and a unique index refuses a
                // second row of a sequence number. So it only added an actor and a message per event
                // to every recovery (perf/README.md).
                akka.AddHocon(
                    $$"""
                    akka.persistence.journal.sql.class = "{{typeof(EmbeddedJournal).FullName}}, {{typeof(EmbeddedJournal).Assembly.GetName().Name}}"
                    akka.persistence.snapshot-store.sql.class = "{{typeof(EmbeddedSnapshotStore).FullName}}, {{typeof(EmbeddedSnapshotStore).Assembly.GetName().Name}}"
                    akka.persistence.journal.sql.replay-filter.mode = off
                    """,
                    HoconAddMode.Prepend);
            }
        });
    }
}
