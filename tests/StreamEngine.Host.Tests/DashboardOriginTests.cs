namespace StreamEngine.Host.Tests;

/// <summary>Browser dashboards of other origins: let in for the origins --cors-origins names, and only those.</summary>
public sealed class DashboardOriginTests : IAsyncLifetime
{
    private const string Dashboard = "https://dash.example.com";

    private readonly TempDirectory _dir = new();
    private EngineProcess _engine = null!;

    public async Task InitializeAsync()
    {
        var model = Path.Combine(_dir.Path, "model.yaml");
        await File.WriteAllTextAsync(model, SampleFirehose.ModelYaml);
        _engine = await EngineProcess.StartAsync(Path.Combine(_dir.Path, "data"), model, "--cors-origins", $"{Dashboard}, http://localhost:3000");
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<HttpResponseMessage> FromAsync(HttpMethod method, string path, string origin)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", origin);
        if (method == HttpMethod.Options)
        {
            request.Headers.Add("Access-Control-Request-Method", "GET");
        }

        return await _engine.Http.SendAsync(request);
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
    public async Task A_preflight_from_a_named_origin_is_answered()
    {
        using var preflight = await FromAsync(HttpMethod.Options, "/api/brands", "http://localhost:3000");

        Assert.Equal(204, (int)preflight.StatusCode);
        Assert.Equal("http://localhost:3000", Assert.Single(preflight.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
    }
}
