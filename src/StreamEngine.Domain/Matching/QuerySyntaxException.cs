namespace StreamEngine.Domain.Matching;

/// <summary>A query that cannot be parsed; <see cref="Column"/> is 1-based within the query text.</summary>
public sealed class QuerySyntaxException(string message, int column, string token)
    : FormatException(message)
{
    public int Column { get; } = column;

    public string Token { get; } = token;
}
