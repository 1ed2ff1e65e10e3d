namespace StreamEngine.Host.Tests;

/// <summary>Browser dashboards of other origins: let in for the origins --cors-origins names, and only those.</summary>
public sealed class DashboardOriginTests(DashboardOriginTests.Node node) : IClassFixture<DashboardOriginTests.Node>
{
    private const string Dashboard = "https://dash.example.com";

    /// <summary>One node, started with two origins, for the tests of this class.</summary>
    public sealed class Node : IAsyncLifetime
    {
        private readonly TempDirectory _dir = new();

        public EngineProcess Engine { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var model = Path.Combine(_dir.Path, "model.yaml");
            await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
            Engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model, "--cors-origins", $"{Dashboard}, http://localhost:3000");
        }

        public async Task DisposeAsync()
        {
            await Engine.DisposeAsync();
            _dir.Dispose();
        }
    }

    private async Task<HttpResponseMessage> FromAsync(HttpMethod method, string path, string origin)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        if (method == HttpMethod.Options)
        {
            request.Headers.Add("Access-Control-Request-Method", "GET");
        }

        return await node.Engine.Http.SendAsync(request);
    }

    [Fact]
    public async Task A_named_origin_may_read_the_endpoints_and_another_may_not()
    {
        using var named = await FromAsync(HttpMethod.Get, "/api/brands/beta/summary?window=1h", Dashboard);
        using var other = await FromAsync(HttpMethod.Get, "/api/brands/beta/summary?window=1h", "https://elsewhere.example.com");

        Assert.True(named.IsSuccessStatusCode);
        Assert.Equal(Dashboard, Assert.Single(named.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Retry-After", string.Join(",", named.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.True(other.IsSuccessStatusCode);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_named_origin_may_read_the_file_name_of_a_report()
    {
        using var report = await FromAsync(HttpMethod.Get, "/api/brands/beta/report?window=1h&format=csv", Dashboard);

        Assert.True(report.IsSuccessStatusCode);
        Assert.NotNull(report.Content.Headers.ContentDisposition?.FileName);
        Assert.Contains("Content-Disposition", string.Join(",", report.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_preflight_from_a_named_origin_is_answered()
    {
        using var preflight = await FromAsync(HttpMethod.Options, "/api/brands", "http://localhost:3000");

        Assert.Equal(204, (int)preflight.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_body_still_tells_the_dashboard_why()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/ingest", UriKind.Relative))
        {
            Content = new ByteArrayContent("{}"u8.ToArray()),
        };
        request.Headers.Add("Origin", Dashboard);
        request.Content.Headers.TryAddWithoutValidation("Content-Encoding", "zstd");

        using var refused = await node.Engine.Http.SendAsync(request);

        Assert.Equal(415, (int)refused.StatusCode);
        Assert.Equal(Dashboard, Assert.Single(refused.Headers.GetValues("Access-Control-Allow-Origin")));
    }
}
