using StreamEngine.Domain.Alerts;

namespace StreamEngine.Domain.Tests.Alerts;

public sealed class AlertNamesTests
{
    [Theory]
    [InlineData("high", AlertSeverity.High)]
    [InlineData("HIGH", AlertSeverity.High)]
    [InlineData("Medium", AlertSeverity.Medium)]
    public void A_severity_is_read_in_any_case(string name, AlertSeverity expected)
    {
        Assert.True(AlertNames.TryParseSeverity(name, out var severity));
        Assert.Equal(expected, severity);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not_a_severity(string? name) => Assert.False(AlertNames.TryParseSeverity(name, out _));
}
