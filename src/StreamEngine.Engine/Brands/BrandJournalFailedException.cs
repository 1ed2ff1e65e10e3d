using System.Runtime.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// The store did not journal a brand's batch (a lost connection, a full disk, a refused write):
/// the answer to the batch's sender, carrying the store's reason as text.
/// </summary>
/// <remarks>
/// The store's own exception cannot be the answer: Akka.Remote rebuilds a failure's exception on
/// the asking node, and some cannot be rebuilt (Npgsql's PostgresException, SocketException), so
/// the answer was dropped there and the ingest round waited out its whole timeout. This one can.
/// It is not a <see cref="BrandUnavailableException"/>: a store failing writes is a store that
/// may be overloaded, which the rounds' sizing must hear.
/// </remarks>
[Serializable]
public sealed class BrandJournalFailedException : Exception
{
    public BrandJournalFailedException()
    {
    }

    public BrandJournalFailedException(string message)
        : base(message)
    {
    }

    public BrandJournalFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

#pragma warning disable SYSLIB0051 // the constructor Akka.Remote calls to rebuild the exception on the asking node
    private BrandJournalFailedException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
    }
#pragma warning restore SYSLIB0051

    /// <summary>The answer for a batch of <paramref name="brandId"/> the store failed with <paramref name="cause"/>: its reason as text, not the store's exception.</summary>
    public static BrandJournalFailedException Of(string brandId, Exception cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        return new BrandJournalFailedException($"the store did not journal the batch of brand '{brandId}': {cause.GetType().Name}: {cause.Message}");
    }
}
