using System.Text.Json;
using StreamEngine.Host.Hosting;

namespace StreamEngine.Host.Tests;

public sealed class JitProfilingTests
{
    [Theory]
    [InlineData("DOTNET_JitScalableProfiling", "0")]
    [InlineData("DOTNET_JitScalableProfiling", " 0 ")]
    [InlineData("DOTNET_JitScalableProfiling", "0x0")]
    [InlineData("DOTNET_JitScalableProfiling", "00")]
    [InlineData("COMPlus_JitScalableProfiling", "0")]
    public void A_node_started_with_counting_by_increment_gets_no_advice(string variable, string value)
    {
        Assert.Null(JitProfiling.Advice(name => name == variable ? value : null));
    }

    [Theory]
    [InlineData(null, "DOTNET_JitScalableProfiling is not set")]
    [InlineData("1", "DOTNET_JitScalableProfiling is '1'")]
    [InlineData("10", "DOTNET_JitScalableProfiling is '10'")]
    [InlineData("", "DOTNET_JitScalableProfiling is ''")]
    [InlineData("off", "DOTNET_JitScalableProfiling is 'off'")]
    public void A_node_started_otherwise_is_told_what_to_set(string? value, string said)
    {
        var advice = JitProfiling.Advice(name => name == "DOTNET_JitScalableProfiling" ? value : null);

        Assert.NotNull(advice);
        Assert.StartsWith($"{said}: set DOTNET_JitScalableProfiling=0", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void The_newer_prefix_wins_over_the_older_as_the_runtime_reads_them()
    {
        var advice = JitProfiling.Advice(name => name switch
        {
            "DOTNET_JitScalableProfiling" => "1",
            "COMPlus_JitScalableProfiling" => "0",
            _ => null,
        });

        Assert.NotNull(advice);
        Assert.StartsWith("DOTNET_JitScalableProfiling is '1'", advice, StringComparison.Ordinal);
    }

    [Fact]
    public void Dotnet_run_starts_the_node_with_the_setting()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "src", "StreamEngine.Host", "Properties", "launchSettings.json")));

        // dotnet run takes the first profile it can run when none is named: it must be one that runs the project.
        var profile = settings.RootElement.GetProperty("profiles").EnumerateObject().First().Value;
        Assert.Equal("Project", profile.GetProperty("commandName").GetString());
        Assert.Equal(JitProfiling.Value, profile.GetProperty("environmentVariables").GetProperty(JitProfiling.Variable).GetString());
    }
}
