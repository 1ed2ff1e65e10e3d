using StreamEngine.Engine.Brands;

namespace StreamEngine.Engine.Ingest;

/// <summary>
/// A model swapped in live on one node, sent to every node of the cluster so that all of them
/// read posts with it: the model's text, and the node it was swapped in on (which already has it).
/// </summary>
public sealed record ModelPublished(string SourceText, string Origin) : IBrandWireMessage
{
    /// <summary>The topic models are published on.</summary>
    public const string Topic = "model";
}
