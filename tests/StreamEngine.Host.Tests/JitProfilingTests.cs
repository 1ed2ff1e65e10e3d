using System.Text.Json;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

public sealed class JitProfilingTests
{
    [Fact]
    public void A_node_started_as_documented_gets_no_advice()
    {
        Assert.Null(JitProfiling.Advice(name => name == "DOTNET_JitScalableProfiling" ? "0" : null));
        Assert.Null(JitProfiling.Advice(name => name == "DOTNET_JitScalableProfiling" ? " 0 " : null));
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData("1", "is '1'")]
    [InlineData("", "is ''")]
    public void A_node_started_otherwise_is_told_what_to_set(string? value, string said)
    {
        var advice = JitProfiling.Advice(name => name == "DOTNET_JitScalableProfiling" ? value : null);

        Assert.NotNull(advice);
        Assert.StartsWith($"DOTNET_JitScalableProfiling {said}: set it to 0", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_run_starts_the_node_with_the_setting()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root!.FullName, "StreamEngine.sln")))
        {
            root = root.Parent;
        }

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.FullName, "src", "StreamEngine.Host", "Properties", "launchSettings.json")));

        // dotnet run takes the first profile when none is named.
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal(JitProfiling.Value, profile.GetProperty("environmentVariables").GetProperty(JitProfiling.Variable).GetString());
    }
}
