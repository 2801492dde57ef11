using System.Text;

namespace TraAM.Bot.People.Import;

/// <summary>
/// RFC 4180 records from text, one at a time: quoted fields may hold separators, doubled quotes and line breaks.
/// Each record carries the physical line where it starts, which is what a person sees in their editor. The separator
/// is guessed from the header line (French Excel writes ";", others ","; "Unicode text" is tab-separated).
/// Lenient where Excel is (a stray quote inside an unquoted field is kept as text); strict only about a quote that is
/// never closed, since it would silently swallow the rest of the file.
/// </summary>
internal sealed class CsvRecords
{
    private static readonly char[] Candidates = [';', ',', '\t'];

    private readonly TextReader _reader;
    private readonly StringBuilder _field = new();
    private string _prefix = "";
    private int _prefixAt;
    private int _line = 1;

    public CsvRecords(TextReader reader)
    {
        _reader = reader;
        Separator = DetectSeparator();
    }

    public char Separator { get; }

    /// <summary>The line of a quoted field never closed, if one was met: everything after it was read as one field.</summary>
    public int? UnclosedQuoteLine { get; private set; }

    /// <summary>The records, including blank ones (the caller decides what "empty" means).</summary>
    public IEnumerable<(int Line, List<string> Fields)> ReadAll()
    {
        while (Peek() != -1)
        {
            yield return ReadRecord();
        }
    }

    private (int Line, List<string> Fields) ReadRecord()
    {
        var start = _line;
        var fields = new List<string>();
        _field.Clear();
        var fieldStart = true;
        while (true)
        {
            var c = Read();
            if (c == -1)
            {
                fields.Add(_field.ToString());
                return (start, fields);
            }

            if (c == '"' && (fieldStart || IsBlank(_field)))
            {
                _field.Clear();
                ReadQuoted(start);
                fieldStart = false;
            }
            else if (c == Separator)
            {
                fields.Add(_field.ToString());
                _field.Clear();
                fieldStart = true;
            }
            else if (c is '\r' or '\n')
            {
                EndOfLine(c);
                fields.Add(_field.ToString());
                return (start, fields);
            }
            else
            {
                _field.Append((char)c);
                fieldStart = false;
            }
        }
    }

    private void ReadQuoted(int recordLine)
    {
        while (true)
        {
            var c = Read();
            switch (c)
            {
                case -1:
                    UnclosedQuoteLine ??= recordLine;
                    return;
                case '"' when Peek() == '"':
                    Read();
                    _field.Append('"');
                    break;
                case '"':
                    return;
                case '\r' or '\n':
                    EndOfLine(c);
                    _field.Append('\n');
                    break;
                default:
                    _field.Append((char)c);
                    break;
            }
        }
    }

    /// <summary>Counts the line break just read, "\r\n" being one.</summary>
    private void EndOfLine(int c)
    {
        if (c == '\r' && Peek() == '\n') Read();
        _line++;
    }

    /// <summary>
    /// Reads ahead to the first non-blank line (the header), counts the candidate separators outside quotes, and keeps
    /// what it read to be read again as records.
    /// </summary>
    private char DetectSeparator()
    {
        var read = new StringBuilder();
        var counts = new int[Candidates.Length];
        var inQuotes = false;
        var meaningful = false;
        int c;
        while ((c = _reader.Read()) != -1)
        {
            read.Append((char)c);
            if (c == '"') inQuotes = !inQuotes;
            if (inQuotes) continue;
            if (c is '\r' or '\n')
            {
                if (meaningful) break;
                Array.Clear(counts);
                continue;
            }

            var i = Array.IndexOf(Candidates, (char)c);
            if (i >= 0) counts[i]++;
            else if (!char.IsWhiteSpace((char)c)) meaningful = true;
        }

        _prefix = read.ToString();
        var best = 0;
        for (var i = 1; i < counts.Length; i++)
        {
            if (counts[i] > counts[best]) best = i;
        }

        return Candidates[best];
    }

    private int Read()
    {
        if (_prefixAt < _prefix.Length) return _prefix[_prefixAt++];
        return _reader.Read();
    }

    private int Peek() => _prefixAt < _prefix.Length ? _prefix[_prefixAt] : _reader.Peek();

    private static bool IsBlank(StringBuilder sb)
    {
        for (var i = 0; i < sb.Length; i++)
        {
            if (!char.IsWhiteSpace(sb[i])) return false;
        }

        return true;
    }
}
