using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>
/// A decompressed request body whose decoding errors surface as <see cref="UnreadableInputException"/>:
/// the decoders report bad data each their own way (gzip and deflate with
/// <see cref="InvalidDataException"/>, Brotli with <see cref="InvalidOperationException"/>), and
/// neither must pass for a failed connection or be answered as a fault of the node. An error that
/// came up from the connection (<paramref name="received"/>) is left as it is.
/// </summary>
internal sealed class DecodedBody(Stream decoded, string encoding, ReceivedBody received) : ReadOnlyBody
{
    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return decoded.Read(buffer, offset, count);
        }
        catch (Exception ex) when (IsBadData(ex))
        {
            throw Unreadable(ex);
        }
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await decoded.ReadAsync(buffer, cancellationToken);
        }
        catch (Exception ex) when (IsBadData(ex))
        {
            throw Unreadable(ex);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            decoded.Dispose();
        }

        base.Dispose(disposing);
    }

    private bool IsBadData(Exception ex) =>
        !received.Failed && ex is InvalidDataException or (InvalidOperationException and not ObjectDisposedException);

    private UnreadableInputException Unreadable(Exception ex) =>
        new($"the body is not valid {encoding} (Content-Encoding): {ex.Message}", ex);
}
