namespace StreamEngine.Host.Tests.Sqlite;

/// <summary>
/// Test classes that start embedded nodes in this process run one at a time: the journal's read
/// begun ahead (<see cref="Hosting.JournalReadAhead"/>) is the process's, and the first embedded
/// journal to start takes it over or lets it go, whichever test began it.
/// </summary>
[CollectionDefinition(Name)]
public sealed class EmbeddedNodes
{
    public const string Name = "embedded nodes";
}
