using Akka.Actor;
using Akka.Cluster;

namespace StreamEngine.Host.Hosting;

/// <summary>Whether this node is an Up member of its cluster, and if not, what to tell a caller.</summary>
internal static class ClusterMembership
{
    /// <summary>Null when this node is Up; otherwise its membership, in words an operator can act on.</summary>
    public static string? Problem(ActorSystem system)
    {
        var cluster = Cluster.Get(system);
        return cluster.SelfMember.Status switch
        {
            MemberStatus.Up => null,

            // Akka.Cluster gives a node that has not joined yet the status it gives one removed;
            // a removed node's cluster has shut down.
            MemberStatus.Removed when !cluster.IsTerminated => "this node is not a member of its cluster: it has not joined yet (a node restarted after it was killed waits some 10 s while the cluster removes its previous run; otherwise its seed nodes have not answered, and a seed must be written with the host its node binds, its --cluster-host, since a node bound to 127.0.0.1 drops what is sent to localhost)",
            MemberStatus.Removed => "this node was removed from its cluster and is stopping",
            var status => $"this node's cluster membership is {status}, not Up",
        };
    }
}
