namespace StreamEngine.Engine.Brands;

/// <summary>A brand asked could not recover its figures from the store.</summary>
public sealed class BrandNotRecoveredException(BrandRecoveryFailed failure)
    : Exception($"brand '{failure.BrandId}' could not recover its figures from the store ({failure.Cause}); the node's log has the whole error. It tries again at the next request: mend or restore the store, then ask again")
{
    public BrandRecoveryFailed Failure { get; } = failure;
}
