using StreamEngine.Domain.Aggregates;

namespace StreamEngine.Domain.Tests;

/// <summary>A history store in a directory of its own, removed with it.</summary>
internal sealed class TestHistory : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("streamengine-history-test-");

    public TestHistory(long segmentBytes = HistoryStore.DefaultSegmentBytes)
    {
        Store = HistoryStore.Open(_directory.FullName, segmentBytes);
    }

    public HistoryStore Store { get; }

    public string DirectoryPath => _directory.FullName;

    /// <summary>Takes the directory away, so that the next file the store starts cannot be made.</summary>
    public void Break() => _directory.Delete(recursive: true);

    public void Dispose()
    {
        Store.Dispose();
        if (Directory.Exists(_directory.FullName))
        {
            _directory.Delete(recursive: true);
        }
    }
}
