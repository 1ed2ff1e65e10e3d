using Akka.Cluster.Sharding;

namespace StreamEngine.Engine.Brands;

/// <summary>
/// Routes brand messages to shards by brand id. 100 shards is ten per node for the largest cluster
/// we plan for, enough for even rebalancing without a coordinator swamped by tiny shards.
/// </summary>
public sealed class BrandMessageExtractor(int shardCount = BrandMessageExtractor.DefaultShardCount)
    : HashCodeMessageExtractor(shardCount)
{
    public const int DefaultShardCount = 100;

    public override string? EntityId(object message) => (message as IBrandMessage)?.BrandId;
}
