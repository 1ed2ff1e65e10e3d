using System.Runtime.Serialization;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// A brand asked will not answer, and why is known: it could not recover its figures
/// (<see cref="BrandNotRecoveredException"/>, heard by the recovery watch), or the message reached
/// no running brand (<see cref="BrandStoppedException"/>, answered where it ended). Either may come
/// first for the same stop, so callers that only need to know the brand is out (a 503, a round's
/// size left alone, the warm-up's list of unrecovered brands) catch this.
/// </summary>
[Serializable]
public abstract class BrandUnavailableException : Exception
{
    protected BrandUnavailableException()
    {
    }

    protected BrandUnavailableException(string message)
        : base(message)
    {
    }

    protected BrandUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

#pragma warning disable SYSLIB0051 // the constructor chain Akka.Remote calls to rebuild a subclass on the asking node
    protected BrandUnavailableException(SerializationInfo info, StreamingContext context)
        : base(info, context)
    {
    }
#pragma warning restore SYSLIB0051
}
