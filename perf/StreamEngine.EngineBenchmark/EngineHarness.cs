using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;
using Akka.Persistence.Sql.Config;
using Microsoft.Data.Sqlite;
using StreamEngine.Domain.Aggregates;
using StreamEngine.Domain.Model;
using StreamEngine.Engine.Brands;
using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Hosting;

namespace StreamEngine.EngineBenchmark;

/// <summary>
/// The engine wired as src/StreamEngine.Host/Hosting/AkkaSetup.cs and StoreSetup.cs wire it, in
/// plain HOCON instead of Akka.Hosting: a single node that joins itself, the "brand" shard region of
/// <see cref="BrandActor"/> with <see cref="BrandMessageExtractor"/> (ddata state store, no remembered
/// entities, no passivation), Akka.Persistence.Sql on a SQLite file in WAL mode with the host's busy
/// timeout (<see cref="SqliteStore"/>, the same source file), the host's circuit breakers
/// (<see cref="StoreOutages"/>, likewise) and the brand state serializer, and an
/// <see cref="IngestPipeline"/> with one reader per core.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    private readonly HistoryStore? _history;

    private EngineHarness(string directory, ActorSystem system, IActorRef region, IngestPipeline pipeline, HistoryStore? history)
    {
        _history = history;
        Directory = directory;
        Actors = system;
        Region = region;
        Pipeline = pipeline;
    }

    public string Directory { get; }

    public ActorSystem Actors { get; }

    public IActorRef Region { get; }

    public IngestPipeline Pipeline { get; }

    /// <summary>Where the brands keep their sealed history; null when they keep it in memory.</summary>
    public HistoryStore? History => _history;

    /// <param name="settings">The ingest graph's sizes; the host's (one read per core) when null.</param>
    /// <param name="historyInMemory">Brands keep their sealed history in memory, as the host's <c>--history-in-memory</c>; by default in a history store under the directory, as the host does.</param>
    public static async Task<EngineHarness> StartAsync(ListeningModel model, string? directory = null, IngestSettings? settings = null, bool historyInMemory = false)
    {
        directory ??= Path.Combine(Path.GetTempPath(), "streamengine-bench", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "streamengine.db");
        var connectionString = SqliteStore.Open(file);

        var config = ConfigurationFactory.ParseString($$"""
            akka {
              loglevel = WARNING
              stdout-loglevel = WARNING
              actor {
                provider = cluster
                serializers.brand-state = "StreamEngine.Engine.Serialization.BrandStateSerializer, StreamEngine.Engine"
                serialization-bindings {
                  "StreamEngine.Engine.Brands.IBrandPersistedState, StreamEngine.Engine" = brand-state
                }
              }
              remote.dot-netty.tcp {
                hostname = "127.0.0.1"
                port = 0
              }
              cluster {
                roles = ["brands"]
                sharding {
                  role = "brands"
                  state-store-mode = ddata
                  remember-entities = off
                  passivate-idle-entity-after = off
                }
              }
              persistence {
                journal {
                  plugin = "akka.persistence.journal.sql"
                  sql {
                    class = "{{typeof(SqliteJournal).FullName}}, {{typeof(SqliteJournal).Assembly.GetName().Name}}"
                    connection-string = "{{connectionString}}"
                    provider-name = "SQLite.MS"
                    auto-initialize = on
                    read-isolation-level = read-uncommitted
                  }
                }
                snapshot-store {
                  plugin = "akka.persistence.snapshot-store.sql"
                  sql {
                    class = "Akka.Persistence.Sql.Snapshot.SqlSnapshotStore, Akka.Persistence.Sql"
                    connection-string = "{{connectionString}}"
                    provider-name = "SQLite.MS"
                    auto-initialize = on
                    read-isolation-level = read-uncommitted
                  }
                }
              }
            }
            """).WithFallback(ConfigurationFactory.ParseString(SqliteStore.JournalWrites)).WithFallback(ConfigurationFactory.ParseString(StoreOutages.Hocon));
        var store = new MultiDataOptionsSetup();
        store.AddDataOptions("akka.persistence.journal.sql", SqliteStore.JournalDataOptions(connectionString));
        store.AddDataOptions("akka.persistence.snapshot-store.sql", SqliteStore.DataOptions(connectionString));
        var system = ActorSystem.Create("streamengine", BootstrapSetup.Create().WithConfig(config).And(store));
        var cluster = Cluster.Get(system);
        var up = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        cluster.RegisterOnMemberUp(() => up.TrySetResult());
        cluster.Join(cluster.SelfAddress);
        await up.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var history = historyInMemory ? null : HistoryStore.Open(Path.Combine(directory, "history"));
        var region = await ClusterSharding.Get(system).StartAsync(
            "brand",
            brandId => BrandActor.PropsFor(brandId, TimeProvider.System, new BrandActorSettings(History: history)),
            ClusterShardingSettings.Create(system).WithRole("brands"),
            new BrandMessageExtractor());

        // As the host runs it: every journal write asked through the recovery watch.
        var recoveries = await BrandRecoveryWatch.StartAsync(system, clusterWide: false, CancellationToken.None);
        var pipeline = new IngestPipeline(system, region, new CurrentModel(model), TimeProvider.System,
            settings ?? new IngestSettings(ReadParallelism: Environment.ProcessorCount), recoveries);
        return new EngineHarness(directory, system, region, pipeline, history);
    }

    /// <summary>Whether stopping waits for the chunks already taken to be journaled: not for a run that was interrupted.</summary>
    public bool DrainOnStop { get; set; } = true;

    public async ValueTask DisposeAsync()
    {
        Pipeline.Complete();
        try
        {
            await Pipeline.Completion.WaitAsync(TimeSpan.FromSeconds(DrainOnStop ? 60 : 0));
        }
        catch (TimeoutException) when (DrainOnStop)
        {
            await Console.Error.WriteLineAsync("the ingest graph did not drain within 60 s; stopping the engine anyway");
        }
        catch (TimeoutException)
        {
            // an interrupted run: what is still in the graph is dropped with it
        }

        await CoordinatedShutdown.Get(Actors).Run(CoordinatedShutdown.ClrExitReason.Instance);
        _history?.Dispose();
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"the run's directory {Directory} is left behind: {ex.Message}");
        }
    }
}
