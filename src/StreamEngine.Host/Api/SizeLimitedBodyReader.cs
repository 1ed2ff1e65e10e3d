using System.IO.Pipelines;
using StreamEngine.Engine.Ingest;

namespace StreamEngine.Host.Api;

/// <summary>
/// An ingest body whose refusal past <see cref="BodySizeLimit.MaxBytes"/> surfaces as input that
/// stopped being readable, so that the lines read before it are journaled and answered for, and the
/// client knows from which line to send the rest in another request.
/// </summary>
internal sealed class SizeLimitedBodyReader(PipeReader body) : PipeReader
{
    /// <summary>Whether the body went past the limit.</summary>
    public bool Exceeded { get; private set; }

    public override ValueTask<ReadResult> ReadAsync(CancellationToken cancellationToken = default)
    {
        ValueTask<ReadResult> read;
        try
        {
            read = body.ReadAsync(cancellationToken);
        }
        catch (BadHttpRequestException ex) when (BodySizeLimit.IsExceeded(ex))
        {
            throw Refused(ex);
        }

        // A read already done is handed on as it is; only one still pending goes through an async method.
        return read.IsCompletedSuccessfully ? read : AwaitedAsync(read);
    }

    public override bool TryRead(out ReadResult result)
    {
        try
        {
            return body.TryRead(out result);
        }
        catch (BadHttpRequestException ex) when (BodySizeLimit.IsExceeded(ex))
        {
            throw Refused(ex);
        }
    }

    public override void AdvanceTo(SequencePosition consumed) => body.AdvanceTo(consumed);

    public override void AdvanceTo(SequencePosition consumed, SequencePosition examined) => body.AdvanceTo(consumed, examined);

    public override void CancelPendingRead() => body.CancelPendingRead();

    public override void Complete(Exception? exception = null) => body.Complete(exception);

    private async ValueTask<ReadResult> AwaitedAsync(ValueTask<ReadResult> read)
    {
        try
        {
            return await read;
        }
        catch (BadHttpRequestException ex) when (BodySizeLimit.IsExceeded(ex))
        {
            throw Refused(ex);
        }
    }

    private UnreadableInputException Refused(BadHttpRequestException ex)
    {
        Exceeded = true;
        return new UnreadableInputException(BodySizeLimit.TooLarge, ex);
    }
}
