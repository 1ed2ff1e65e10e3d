namespace StreamEngine.Engine.Brands;

/// <summary>A brand asked could not recover its figures from the store.</summary>
/// <param name="answer">
/// The ask, still running: the failure heard may be that of the brand's previous incarnation while
/// the message went on to the next one, which may yet recover and answer. What a journal write
/// leaves behind is settled only by this.
/// </param>
public sealed class BrandNotRecoveredException(BrandRecoveryFailed failure, Task answer)
    : BrandUnavailableException($"brand '{failure.BrandId}' could not recover its figures from the store ({failure.Cause}); the log of the node holding it has the whole error. It tries again at the next request: mend or restore the store, then ask again")
{
    public BrandRecoveryFailed Failure { get; } = failure;

    public Task Answer { get; } = answer;
}
