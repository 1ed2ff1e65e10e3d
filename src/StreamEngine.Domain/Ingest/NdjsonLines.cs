namespace StreamEngine.Domain.Ingest;

/// <summary>
/// The lines of an NDJSON input that hold something, with their 1-based numbers: a UTF-8 byte order
/// mark before the first line, the CR of a CRLF and blank lines are passed over, as ingest and
/// analyze both read their bodies.
/// </summary>
public ref struct NdjsonLines
{
    private ReadOnlySpan<byte> _rest;
    private int _number;

    /// <param name="firstLine">The 1-based number, in the caller's input, of the first line.</param>
    public NdjsonLines(ReadOnlySpan<byte> input, int firstLine = 1)
    {
        _rest = firstLine == 1 && input.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? input[3..] : input;
        _number = firstLine - 1;
    }

    public bool MoveNext(out ReadOnlySpan<byte> line, out int number)
    {
        while (!_rest.IsEmpty)
        {
            var end = _rest.IndexOf((byte)'\n');
            line = end < 0 ? _rest : _rest[..end];
            _rest = end < 0 ? [] : _rest[(end + 1)..];
            _number++;
            if (line.EndsWith((byte)'\r'))
            {
                line = line[..^1];
            }

            if (!line.Trim(" \t"u8).IsEmpty)
            {
                number = _number;
                return true;
            }
        }

        line = default;
        number = 0;
        return false;
    }
}
