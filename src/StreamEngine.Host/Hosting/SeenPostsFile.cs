using StreamEngine.Engine.Ingest;
using StreamEngine.Host.Configuration;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// The posts a node's duplicate filter remembers, kept in its data directory across a graceful
/// restart: a client told by a stopping node to send its body again once the node is back counts
/// each post once, as a replay that goes on does. Written as the node stops, once the ingest graph
/// has drained, and read (then removed) as it starts, so that a node killed later starts without
/// it, as before. Only a node on SQLite keeps it: its data directory is its own (the store's lock),
/// while nodes on PostgreSQL may share one.
/// </summary>
internal static class SeenPostsFile
{
    public const string Name = "seen-posts.bin";

    public static string? PathFor(StreamEngineOptions options) =>
        string.IsNullOrWhiteSpace(options.Postgres) ? System.IO.Path.Combine(System.IO.Path.GetFullPath(options.DataDir), Name) : null;

    /// <summary>Reads the file into the graph and removes it; a file that cannot be read is logged and removed.</summary>
    public static void Restore(IngestPipeline pipeline, string path, ILogger log)
    {
        if (!File.Exists(path))
        {
            return;
        }

        try
        {
            using (var file = File.OpenRead(path))
            {
                pipeline.ReadSeen(file);
            }

            log.LogInformation("Read the posts seen before the last stop from {Path}: a copy sent again is a duplicate", path);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            log.LogWarning("The posts seen before the last stop could not be read from {Path} ({Reason}); a copy of one sent again counts as a new post", path, ex.Message);
        }

        File.Delete(path);
    }

    /// <summary>Writes the graph's seen posts to the file, through a temporary one so that a stop cut short leaves none half written.</summary>
    public static void Save(IngestPipeline pipeline, string path, ILogger log)
    {
        var written = path + ".tmp";
        try
        {
            using (var file = File.Create(written))
            {
                pipeline.WriteSeen(file);
            }

            File.Move(written, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.LogWarning("The posts seen could not be written to {Path} ({Reason}); after the restart a copy of one sent again counts as a new post", path, ex.Message);
            File.Delete(written);
        }
    }
}
