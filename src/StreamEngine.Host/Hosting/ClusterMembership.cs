using Akka.Actor;
using Akka.Cluster;

namespace StreamEngine.Host.Hosting;

/// <summary>Whether this node is an Up member of its cluster, and if not, what to tell a caller.</summary>
internal static class ClusterMembership
{
    /// <summary>Null when this node is Up; otherwise its membership, in words an operator can act on.</summary>
    public static string? Problem(ActorSystem system)
    {
        var status = Cluster.Get(system).SelfMember.Status;
        return status switch
        {
            MemberStatus.Up => null,

            // Akka.Cluster gives a node that has not joined yet the status it gives one removed.
            MemberStatus.Removed => "this node is not a member of its cluster: it has not joined yet (its seed nodes have not answered) or it was removed",
            _ => $"this node's cluster membership is {status}, not Up",
        };
    }
}
