using System.Text;

namespace BeamDecode.Metadata.Terms;

/// <summary>Writes a term as <c>io_lib:format("~w", [Term])</c> does.</summary>
public static partial class TermWriter
{
    public static string Write(Term term)
    {
        var sb = new StringBuilder();
        Write(sb, term);
        return sb.ToString();
    }
}
