using System.Runtime.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// A brand could not read its sealed history back from the node's history store (a disk error):
/// the query was not answered, the brand's figures are as they were, and it goes on answering
/// what needs no history.
/// </summary>
[Serializable]
public sealed class BrandHistoryUnreadableException : BrandUnavailableException
{
    public BrandHistoryUnreadableException()
    {
    }

    public BrandHistoryUnreadableException(string message)
        : base(message)
    {
    }

    public BrandHistoryUnreadableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

#pragma warning disable SYSLIB0051 // the constructor Akka.Remote calls to rebuild the exception on the asking node
    private BrandHistoryUnreadableException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
    }
#pragma warning restore SYSLIB0051
}
