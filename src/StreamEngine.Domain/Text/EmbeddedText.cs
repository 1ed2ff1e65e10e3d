namespace StreamEngine.Domain.Text;

/// <summary>Opens the text files embedded in this assembly (lexicons and word lists).</summary>
internal static class EmbeddedText
{
    public static StreamReader Open(string resourceName)
    {
        var stream = typeof(EmbeddedText).Assembly.GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"the embedded resource '{resourceName}' is missing from {typeof(EmbeddedText).Assembly.GetName().Name}");
        return new StreamReader(stream, System.Text.Encoding.UTF8);
    }
}
