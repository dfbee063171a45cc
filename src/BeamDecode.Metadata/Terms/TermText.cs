using System.Text;

namespace BeamDecode.Metadata.Terms;

/// <summary>Helpers for reading Erlang strings (lists of code points) out of terms.</summary>
public static class TermText
{
    /// <summary>The text of a proper list of Unicode code points (or []), else null.</summary>
    public static string? TryGetString(Term term)
    {
        if (term is NilTerm)
        {
            return "";
        }

        if (term is not ListTerm { IsProper: true } list)
        {
            return null;
        }

        var sb = new StringBuilder(list.Elements.Length);
        foreach (var e in list.Elements)
        {
            if (e is not IntegerTerm i || !i.TryGetInt64(out long cp) || cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            {
                return null;
            }

            // Chars straight into the builder: char.ConvertFromUtf32 made a string per character (a source path is
            // one string per module for info).
            if (cp < 0x10000)
            {
                sb.Append((char)cp);
            }
            else
            {
                sb.Append((char)(0xD800 + ((cp - 0x10000) >> 10))).Append((char)(0xDC00 + ((cp - 0x10000) & 0x3FF)));
            }
        }

        return sb.ToString();
    }
}
