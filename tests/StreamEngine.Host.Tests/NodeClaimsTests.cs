using System.Net;
using System.Net.Sockets;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>A node's data directory and cluster port are its own: a second claim is refused, naming them.</summary>
public sealed class NodeClaimsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void A_data_directory_is_claimed_by_one_node_at_a_time()
    {
        var dataDir = Path.Combine(_dir.Path, "data");
        using (var first = NodeClaims.ClaimDataDir(dataDir, out var none))
        {
            Assert.NotNull(first);
            Assert.Null(none);

            Assert.Null(NodeClaims.ClaimDataDir(dataDir, out var problem));
            Assert.Contains("is in use by another StreamEngine node", problem, StringComparison.Ordinal);
        }

        using var again = NodeClaims.ClaimDataDir(dataDir, out _);
        Assert.NotNull(again);
    }

    [Fact]
    public void A_data_directory_that_is_a_file_is_named()
    {
        var file = Path.Combine(_dir.Path, "not-a-dir");
        File.WriteAllText(file, "x");

        Assert.Null(NodeClaims.ClaimDataDir(file, out var problem));
        Assert.Contains("is a file: expected a directory", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cluster_port_another_process_listens_on_is_named()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        try
        {
            Assert.Contains($"{port} is in use on 127.0.0.1", NodeClaims.ClusterPortProblem("127.0.0.1", port), StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }

        Assert.Null(NodeClaims.ClusterPortProblem("127.0.0.1", port));
        Assert.Null(NodeClaims.ClusterPortProblem("127.0.0.1", 0));
    }

    [Theory]
    [InlineData("http://127.0.0.1:99999")]
    [InlineData("notaurl")]
    [InlineData("ftp://127.0.0.1:21")]
    [InlineData("http://127.0.0.1:0;http://localhost:-1")]
    [InlineData("http://localhost:0")]
    [InlineData("http://127.0.0.1:5622/base")]
    [InlineData("http://127.0.0.1:5622,http://127.0.0.1:5623")]
    [InlineData("http://192.0.2.1:5622")]
    [InlineData("http://no-such-host.invalid:5622")]
    [InlineData("")]
    [InlineData(" ; ")]
    public void An_http_address_that_cannot_be_listened_on_is_named(string urls)
    {
        // Kestrel refused these only after the node had started, and the process aborted.
        var problem = NodeClaims.HttpAddressProblem(urls);

        Assert.NotNull(problem);
        Assert.StartsWith("--urls (Urls) ", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://localhost:5622")]
    [InlineData("https://[::1]:0/")]
    [InlineData("http://*:0;http://+:0")]
    public void An_http_address_to_listen_on_passes(string urls) => Assert.Null(NodeClaims.HttpAddressProblem(urls));

    [Theory]
    [InlineData("http://127.0.0.1:{0}")]
    [InlineData("http://*:{0}")]
    [InlineData("http://localhost:1;https://[::]:{0}/")]
    public void An_http_address_another_process_listens_on_is_named(string urls)
    {
        var listener = new TcpListener(IPAddress.Any, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var given = string.Format(System.Globalization.CultureInfo.InvariantCulture, urls, port);
        try
        {
            Assert.Contains($": port {port} is in use on 127.0.0.1 by another process", NodeClaims.HttpAddressProblem(given), StringComparison.Ordinal);
        }
        finally
        {
            listener.Stop();
        }

        Assert.Null(NodeClaims.HttpAddressProblem(given));
        Assert.Null(NodeClaims.HttpAddressProblem("http://127.0.0.1:0"));
    }

    [Theory]
    [InlineData("192.0.2.1", "is not an address of this host: give one of its own that the cluster's other nodes can reach")]
    [InlineData("::::bad::", "is not an address this host can resolve")]
    public void A_cluster_host_this_host_cannot_listen_at_is_named(string host, string problem) =>
        Assert.StartsWith($"--cluster-host (StreamEngine:ClusterHost) {host} {problem}", NodeClaims.ClusterPortProblem(host, 0), StringComparison.Ordinal);

    [Fact]
    public void An_http_address_this_host_cannot_listen_at_is_offered_the_any_address()
    {
        Assert.EndsWith("is not an address of this host: give one of its own, or 0.0.0.0 for all", NodeClaims.HttpAddressProblem("http://192.0.2.1:5000"), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
