using System.Text;

namespace StreamEngine.Host.Tests.Reports;

/// <summary>
/// A strict RFC 4180 reader written apart from the engine's writer, so a report that only its own
/// writer could read back would fail: quoted fields with doubled quotes, commas and line breaks
/// inside quotes, CRLF between records, and nothing stray after a closing quote.
/// </summary>
public static class Rfc4180
{
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    Assert.True(i < text.Length, "a quoted field is not closed");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }

                Assert.True(i == text.Length || text[i] is ',' or '\r', $"stray character after a closing quote at {i}");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r' or '\n'))
                {
                    Assert.True(text[i] != '"', $"a quote inside an unquoted field at {i}");
                    field.Append(text[i++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (i == text.Length)
            {
                records.Add([.. fields]);
                break;
            }

            if (text[i] == ',')
            {
                i++;
                continue;
            }

            Assert.True(text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n', $"a record must end in CRLF, at {i}");
            i += 2;
            records.Add([.. fields]);
            fields.Clear();
        }

        return records;
    }
}
