using System.Net;
using System.Net.Sockets;

namespace StreamEngine.Host.Hosting;

/// <summary>
/// What a node must have to itself, claimed before anything starts: a second node on the same
/// SQLite data directory would write the same brands' journals beside the first (their sequence
/// numbers collide and both answer with figures the store does not hold), and a second node bound
/// to the same cluster port would form a cluster of its own on it.
/// </summary>
internal static class NodeClaims
{
    private const string LockFileName = "streamengine.lock";

    /// <summary>
    /// Creates the data directory if needed and locks it for this process (the lock lasts as long
    /// as the returned stream stays open); null, with the problem named, when it cannot.
    /// </summary>
    public static FileStream? ClaimDataDir(string dataDir, out string? problem)
    {
        var full = Path.GetFullPath(dataDir);
        var file = Path.Combine(full, LockFileName);
        try
        {
            Directory.CreateDirectory(full);
            var claim = new FileStream(file, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            problem = null;
            return claim;
        }
        catch (IOException) when (File.Exists(full))
        {
            problem = $"--data-dir (StreamEngine:DataDir) {full} is a file: expected a directory";
        }
        catch (IOException) when (File.Exists(file))
        {
            problem = $"--data-dir (StreamEngine:DataDir) {full} is in use by another StreamEngine node (it holds {file}): give each node its own data directory";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"--data-dir (StreamEngine:DataDir) {full} cannot be used: {ex.Message}";
        }

        return null;
    }

    /// <summary>Whether another process listens on the cluster port already; null when it is free, or chosen by the system (0).</summary>
    public static string? ClusterPortProblem(string host, int port) =>
        ListenerAt(host, port) is { } address
            ? $"--cluster-port (StreamEngine:ClusterPort) {port} is in use on {address} by another process: give each node of a host its own port"
            : null;

    /// <summary>
    /// Whether another process listens on one of the HTTP addresses (semicolon-separated, as
    /// <c>--urls</c> takes them); null when all are free. Found before the node starts, it keeps a
    /// node that cannot serve from joining its cluster and taking brands only to leave again.
    /// </summary>
    public static string? HttpAddressProblem(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        foreach (var url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            // Read as Kestrel reads it: an address it cannot bind failed the host's start once
            // everything else had started, and ended the process with an unhandled exception.
            Microsoft.AspNetCore.Http.BindingAddress binding;
            try
            {
                binding = Microsoft.AspNetCore.Http.BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                return $"--urls (Urls) {url}: not an address to listen on; give one such as http://127.0.0.1:5000";
            }

            if (binding.Scheme is not ("http" or "https") || binding.Port is < 0 or > IPEndPoint.MaxPort)
            {
                return $"--urls (Urls) {url}: expected http or https and a port from 0 to {IPEndPoint.MaxPort}, such as http://127.0.0.1:5000";
            }

            if (binding.IsUnixPipe || binding.IsNamedPipe)
            {
                continue;
            }

            // Kestrel's wildcards ("*", "+") and the any-address listen on loopback too.
            var name = binding.Host.Trim('[', ']');
            if (ListenerAt(name is "*" or "+" or "0.0.0.0" or "::" ? "127.0.0.1" : name, binding.Port) is { } address)
            {
                return $"--urls (Urls) {url}: port {binding.Port} is in use on {address} by another process: give each node of a host its own port";
            }
        }

        return null;
    }

    /// <summary>The address of <paramref name="host"/> at which a process listens on <paramref name="port"/>; null when none does, or the port is chosen by the system (0).</summary>
    private static IPAddress? ListenerAt(string host, int port)
    {
        if (port is <= 0 or > 65535)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(host, out var address) ? [address] : Dns.GetHostAddresses(host);
        }
        catch (SocketException)
        {
            // An unresolvable host is for the listener's own start to report.
            return null;
        }

        // A connection that is taken means a process listens there. Binding a probe socket instead
        // would not tell: Akka's transport binds with address reuse on the IPv6 form of the address.
        foreach (var address in addresses)
        {
            using var client = new TcpClient(address.AddressFamily);
            try
            {
                if (client.ConnectAsync(address, port).Wait(TimeSpan.FromSeconds(1)))
                {
                    return address;
                }
            }
            catch (AggregateException ex) when (ex.InnerException is SocketException)
            {
                // Refused (nothing listens) or unreachable: the port is free for this node to bind.
            }
        }

        return null;
    }
}
