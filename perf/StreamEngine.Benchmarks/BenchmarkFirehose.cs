using StreamEngine.Domain.Model;
using StreamEngine.LoadGenerator.Firehose;

namespace StreamEngine.Benchmarks;

/// <summary>
/// The load generator's firehose as the per-post suites read it: seed 42, a fixed clock so every run
/// reads the same lines, no duplicates.
/// </summary>
internal static class BenchmarkFirehose
{
    /// <summary>The demo model, config/model.yaml.</summary>
    public static ListeningModel DemoModel() => ModelLoader.LoadFile(RepositoryFile.Find(Path.Combine("config", "model.yaml")));

    public static FirehoseGenerator Of(ListeningModel model) =>
        new(model, new FirehoseOptions { Seed = 42, Now = DateTimeOffset.UnixEpoch.AddYears(56), DuplicateShare = 0 });
}
