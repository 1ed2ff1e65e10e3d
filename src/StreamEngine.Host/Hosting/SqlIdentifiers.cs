namespace StreamEngine.Host.Hosting;

/// <summary>Names of the plugin's tables and columns as they go into the store's own queries: quoted, as configured.</summary>
internal static class SqlIdentifiers
{
    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>A table under its schema, when one is configured (PostgreSQL).</summary>
    public static string Table(string? schema, string table) =>
        string.IsNullOrEmpty(schema) ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
}
