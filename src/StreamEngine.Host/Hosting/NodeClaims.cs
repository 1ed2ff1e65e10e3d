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

    /// <summary>
    /// Whether the cluster address cannot be bound (a host that is not this one's, or not an address
    /// at all: Akka's transport failed to bind and the process ended in an unhandled exception), or
    /// another process listens on the port already; null when it is free, or chosen by the system (0).
    /// </summary>
    public static string? ClusterPortProblem(string host, int port)
    {
        // The cluster host is also the address the other nodes reach this one at: no 0.0.0.0 there.
        if (HostProblem(host, "give one of its own that the cluster's other nodes can reach") is { } problem)
        {
            return $"--cluster-host (StreamEngine:ClusterHost) {host} {problem}";
        }

        return ListenerAt(host, port) is { } address
            ? $"--cluster-port (StreamEngine:ClusterPort) {port} is in use on {address} by another process: give each node of a host its own port"
            : null;
    }

    /// <summary>
    /// Whether another process listens on one of the HTTP addresses (semicolon-separated, as
    /// <c>--urls</c> takes them); null when all are free. Found before the node starts, it keeps a
    /// node that cannot serve from joining its cluster and taking brands only to leave again.
    /// </summary>
    public static string? HttpAddressProblem(string urls)
    {
        ArgumentNullException.ThrowIfNull(urls);
        if (string.IsNullOrWhiteSpace(urls.Replace(';', ' ')))
        {
            // Given empty (a variable that was never set), the node would listen on Kestrel's default.
            return $"--urls (Urls) is '{urls}': expected an address to listen on, such as http://127.0.0.1:5000";
        }

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

            if (url.Contains(',', StringComparison.Ordinal))
            {
                return $"--urls (Urls) {url}: addresses are separated with ';', not ','";
            }

            if (binding.PathBase.Length > 0)
            {
                return $"--urls (Urls) {url}: a path ('{binding.PathBase}') is not taken, the endpoints are at the root; give the address alone, such as http://127.0.0.1:5000";
            }

            if (binding.Port == 0 && binding.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                return $"--urls (Urls) {url}: port 0 (any free one) cannot be taken for localhost, which is two addresses; give http://127.0.0.1:0";
            }

            // Kestrel's wildcards ("*", "+") and the any-address listen on loopback too.
            var name = binding.Host.Trim('[', ']');
            if (name is not ("*" or "+") && HostProblem(name, "give one of its own, or 0.0.0.0 for all") is { } hostProblem)
            {
                return $"--urls (Urls) {url}: {binding.Host} {hostProblem}";
            }

            if (ListenerAt(name is "*" or "+" or "0.0.0.0" or "::" ? "127.0.0.1" : name, binding.Port) is { } address)
            {
                return $"--urls (Urls) {url}: port {binding.Port} is in use on {address} by another process: give each node of a host its own port";
            }
        }

        return null;
    }

    /// <summary>Why this host cannot listen at <paramref name="host"/> (a name or an address), or null when it can; <paramref name="advice"/> ends the answer for an address not this host's.</summary>
    private static string? HostProblem(string host, string advice)
    {
        if (AddressesOf(host, out var unresolved) is not { } addresses)
        {
            return $"is not an address this host can resolve: {unresolved}";
        }

        foreach (var address in addresses)
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(address, 0));
                return null;
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
            {
                // Another of the name's addresses may be this host's.
            }
        }

        // The addresses the name stands for, when it is a name: an address alone is not said twice.
        var resolved = addresses.Length == 1 && string.Equals(addresses[0].ToString(), host, StringComparison.OrdinalIgnoreCase)
            ? ""
            : $" ({string.Join(", ", addresses.Select(a => a.ToString()))})";
        return $"is not an address of this host{resolved}: {advice}";
    }

    /// <summary>The addresses <paramref name="host"/> (a name or an address) stands for; null, with why, when it resolves to none.</summary>
    private static IPAddress[]? AddressesOf(string host, out string? unresolved)
    {
        unresolved = null;
        try
        {
            return IPAddress.TryParse(host, out var address) ? [address] : Dns.GetHostAddresses(host);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException)
        {
            unresolved = ex.Message;
            return null;
        }
    }

    /// <summary>The address of <paramref name="host"/> at which a process listens on <paramref name="port"/>; null when none does, or the port is chosen by the system (0).</summary>
    private static IPAddress? ListenerAt(string host, int port)
    {
        if (port is <= 0 or > 65535)
        {
            return null;
        }

        // An unresolvable host is named by HostProblem, or by the listener's own start.
        if (AddressesOf(host, out _) is not { } addresses)
        {
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
