namespace StreamEngine.Engine.Ingest;

/// <summary>
/// The bytes of an input could not be read as sent, such as a compressed request body that does
/// not decompress, unlike a connection that failed. The lines before <see cref="FromLine"/> were
/// handed to the graph and are answered for; that line and those after were not read.
/// </summary>
public sealed class UnreadableInputException : IOException
{
    public UnreadableInputException()
    {
    }

    public UnreadableInputException(string message)
        : base(message)
    {
    }

    public UnreadableInputException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The first line not read, counted from 1; 0 until the reader of the lines has said.</summary>
    public int FromLine { get; init; }
}
