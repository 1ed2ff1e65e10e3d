using StreamEngine.Engine.Telemetry;

namespace StreamEngine.Engine.Tests;

public sealed class EngineMetricsTests
{
    [Theory]
    [InlineData("Microsoft.AspNetCore.Hosting", true)]
    [InlineData("Microsoft.AspNetCore.Server.Kestrel", true)]
    [InlineData("System.Runtime", true)]
    [InlineData("System.Net.Http", true)]
    [InlineData("Microsoft.AspNetCore.MemoryPool", false)]
    [InlineData("Private.InternalDiagnostics.System.Net.Quic", false)]
    public void The_dotnet_meters_are_published_but_the_per_block_and_private_ones(string meter, bool published) =>
        Assert.Equal(published, EngineMetrics.IsPublished(meter));
}
