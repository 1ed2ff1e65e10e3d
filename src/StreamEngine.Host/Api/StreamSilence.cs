namespace StreamEngine.Host.Api;

/// <summary>
/// How long a live stream has said nothing on the wire. Proxies close connections that stay silent,
/// so a stream writes a comment once <paramref name="interval"/> has passed without a write: an
/// alert its filter turns away is heard by the stream but not written, and must not put that off.
/// </summary>
internal sealed class StreamSilence(TimeSpan interval, TimeProvider time)
{
    private long _lastWritten = time.GetTimestamp();

    /// <summary>How long the stream may still wait before it must write; zero or less once it must.</summary>
    public TimeSpan Left => interval - time.GetElapsedTime(_lastWritten);

    /// <summary>Something reached the wire: the silence starts again.</summary>
    public void Broken() => _lastWritten = time.GetTimestamp();
}
