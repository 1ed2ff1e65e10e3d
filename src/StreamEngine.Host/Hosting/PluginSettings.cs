using Akka.Actor;
using Akka.Persistence.Sql;
using Akka.Persistence.Sql.Config;
using LinqToDB;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The settings Akka.Persistence.Sql's journal and snapshot store build for themselves, for the
/// embedded store's subclasses to open connections of their own: the plugin's HOCON, and the
/// connection options the hosting extension hands over by plugin id.
/// </summary>
internal static class PluginSettings
{
    public static JournalConfig Journal(Akka.Configuration.Config config, ActorSystem system)
    {
        var settings = Journal(config);
        return OptionsFor(settings.PluginId, system) is { } options ? settings.WithDataOptions(options) : settings;
    }

    /// <summary>The journal's settings from its plugin section alone, before any connection options.</summary>
    public static JournalConfig Journal(Akka.Configuration.Config config) =>
        new(config.WithFallback(SqlPersistence.DefaultJournalConfiguration));

    public static SnapshotConfig Snapshots(Akka.Configuration.Config config, ActorSystem system)
    {
        var settings = Snapshots(config);
        return OptionsFor(settings.PluginId, system) is { } options ? settings.WithDataOptions(options) : settings;
    }

    /// <summary>The snapshot store's settings from its plugin section alone, before any connection options.</summary>
    public static SnapshotConfig Snapshots(Akka.Configuration.Config config) =>
        new(config.WithFallback(SqlPersistence.DefaultSnapshotConfiguration));

    private static DataOptions? OptionsFor(string? pluginId, ActorSystem system)
    {
        var setup = system.Settings.Setup.Get<MultiDataOptionsSetup>();
        return pluginId is not null && setup.HasValue && setup.Value.TryGetDataOptionsFor(pluginId, out var options) ? options : null;
    }
}
