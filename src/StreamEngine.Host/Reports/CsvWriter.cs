using System.Text;

namespace StreamEngine.Host.Reports;

/// <summary>
/// Rows of RFC 4180 CSV: a cell holding a comma, a double quote or a line break is quoted, its
/// quotes doubled; rows end in CRLF.
/// </summary>
internal sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    public void Row(params ReadOnlySpan<string> cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                _text.Append(',');
            }

            Append(cells[i]);
        }

        _text.Append("\r\n");
    }

    public override string ToString() => _text.ToString();

    private void Append(string cell)
    {
        if (cell.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            _text.Append(cell);
            return;
        }

        _text.Append('"').Append(cell.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
    }
}
