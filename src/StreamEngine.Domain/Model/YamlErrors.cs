namespace StreamEngine.Domain.Model;

/// <summary>
/// YAML's own errors said in a model writer's terms: what was found where, and what to write
/// instead. The parser's messages name its states ("While parsing a block mapping, did not find
/// expected key"), which tell an analyst little; those not known here are passed on as they are.
/// </summary>
internal static class YamlErrors
{
    /// <summary>The error at (<paramref name="line"/>, <paramref name="column"/>), 1-based, moved onto the text when the parser points past its end.</summary>
    public static ModelError Explain(string source, string yaml, int line, int column, string message)
    {
        var lines = yaml.Split('\n');
        if (line > lines.Length || (line == lines.Length && lines[^1].Length == 0 && lines.Length > 1))
        {
            // The parser met the end of the text: point at the end of its last line.
            line = lines[^1].Length == 0 && lines.Length > 1 ? lines.Length - 1 : lines.Length;
            column = lines[line - 1].TrimEnd('\r').Length + 1;
        }

        var text = line >= 1 && line <= lines.Length ? lines[line - 1].TrimEnd('\r') : "";
        var found = column >= 1 && column <= text.Length ? Shown(text[(column - 1)..]) : "the end of the text";
        return new ModelError(source, line, column, Plain(message, found) ?? message);
    }

    private static string? Plain(string message, string found) => message switch
    {
        _ when message.StartsWith("Duplicate key ", StringComparison.Ordinal) =>
            $"'{message["Duplicate key ".Length..]}' is given twice in this entry; give each key once",
        "While scanning a plain scalar value, found invalid mapping." =>
            $"{found}: a ': ' inside a value that is not quoted starts a key; put the value in quotes ('acme: corp')",
        "While scanning a quoted scalar, found unexpected end of stream." =>
            "the quote opened here is never closed",
        "While parsing a block mapping, did not find expected key." =>
            $"{found}: expected a key of the entry above (is it indented as its other keys? a quote inside a value in single quotes is written twice: 'it''s')",
        "While parsing a block collection, did not find expected '-' indicator." =>
            $"{found}: expected a list entry starting with '-' at the indentation of the entries above",
        "While parsing a flow sequence, did not find expected ',' or ']'." =>
            $"at {found}: expected ',' before the next item or ']' to close the list",
        "While parsing a flow mapping, did not find expected ',' or '}'." =>
            $"at {found}: expected ',' before the next field or '}}' to close the object",
        "While scanning for the next token, found character that cannot start any token." =>
            $"{found}: YAML does not let a value that is not in quotes start with {(found.StartsWith('\'') ? $"'{found[1]}'" : "this character")}; put the value in quotes",
        _ => null,
    };

    private static string Shown(string rest)
    {
        var trimmed = rest.Trim();
        return trimmed.Length == 0 ? "the end of the line" : $"'{(trimmed.Length > 24 ? trimmed[..24] + "…" : trimmed)}'";
    }
}
