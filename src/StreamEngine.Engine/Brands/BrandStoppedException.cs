using System.Runtime.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// A message reached no running brand (<see cref="BrandStopAnswers"/>): nothing it asked was done,
/// so a batch's posts count once when sent again.
/// </summary>
/// <remarks>
/// Travels to the asking node inside a failure: Akka.Remote rebuilds an exception through its
/// serialization constructor, so this one keeps it.
/// </remarks>
[Serializable]
public sealed class BrandStoppedException : BrandUnavailableException
{
    public BrandStoppedException()
    {
    }

    public BrandStoppedException(string message)
        : base(message)
    {
    }

    public BrandStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

#pragma warning disable SYSLIB0051 // the constructor Akka.Remote calls to rebuild the exception on the asking node
    private BrandStoppedException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
    }
#pragma warning restore SYSLIB0051
}
