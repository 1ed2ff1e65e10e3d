namespace StreamEngine.Host.Api;

/// <summary>
/// The body as it comes off the connection, under the decoder, remembering whether a read of it
/// failed: a decoder's error is then the connection's, not bad data sent.
/// </summary>
internal sealed class ReceivedBody(Stream connection) : ReadOnlyBody
{
    public bool Failed { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return connection.Read(buffer, offset, count);
        }
        catch
        {
            Failed = true;
            throw;
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await connection.ReadAsync(buffer, cancellationToken);
        }
        catch
        {
            Failed = true;
            throw;
        }
    }
}
