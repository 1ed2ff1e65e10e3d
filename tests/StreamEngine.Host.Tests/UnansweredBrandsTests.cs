using System.Text.Json;
using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StreamEngine.Host.Api;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

/// <summary>A query whose brand does not answer (its store unreachable) is a 503 that says so, not an empty 500.</summary>
public sealed class UnansweredBrandsTests
{
    [Fact]
    public async Task A_brand_that_does_not_answer_in_time_is_a_503_with_an_error_body()
    {
        using var services = new ServiceCollection().AddLogging().BuildServiceProvider();

        var (status, retryAfter, error) = await TimedOutQueryAsync(services);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal("5", retryAfter);
        Assert.StartsWith("a brand did not answer in time", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_readiness_found_unreachable_is_named_in_the_503()
    {
        var nobodyListens = $"Host=127.0.0.1;Port={EngineProcess.FreePort()};Username=se;Password=x;Database=se;Timeout=2";
        var probe = new StoreProbe(new StoreSetup(nobodyListens, LinqToDB.ProviderName.PostgreSQL15, "PostgreSQL"), TimeProvider.System);
        Assert.NotNull(await probe.ProblemAsync(CancellationToken.None));
        using var services = new ServiceCollection().AddLogging().AddSingleton(probe).BuildServiceProvider();

        var (status, _, error) = await TimedOutQueryAsync(services);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.StartsWith("a brand did not answer in time: the PostgreSQL store cannot be reached", error, StringComparison.Ordinal);
    }

    /// <summary>A request whose brand ask times out, through the middleware, as the node's services see it.</summary>
    private static async Task<(int Status, string RetryAfter, string? Error)> TimedOutQueryAsync(ServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseUnansweredBrandsAs503();
        app.Run(_ => throw new AskTimeoutException("Timeout after 00:00:10 seconds"));
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();

        await app.Build()(http);

        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, http.Response.Headers.RetryAfter.ToString(),
            JsonDocument.Parse(http.Response.Body).RootElement.GetProperty("error").GetString());
    }
}
