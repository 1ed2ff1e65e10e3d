using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// A model swapped in live on one node, sent to every node of the cluster so that all of them
/// read posts with it: the model's text, the node it was swapped in on (which already has it), and
/// when, by that node's clock. A node takes a model swapped in later than its own.
/// </summary>
public sealed record ModelPublished(string SourceText, string Origin, DateTimeOffset SwappedAt) : IBrandWireMessage
{
    /// <summary>The topic models are published on.</summary>
    public const string Topic = "model";
}

/// <summary>
/// Sent by a node that has just joined its cluster to every other member: each answers with its
/// model and when it was swapped in (a <see cref="ModelPublished"/>), so a node that was down
/// during a swap takes it up.
/// </summary>
public sealed record ModelAsked(string Origin) : IBrandWireMessage;
