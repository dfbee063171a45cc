using System.Text;

namespace BeamDecode.Metadata.Terms;

public static partial class TermWriter
{
    // Placeholder body, replaced by the full ~w printer in the next commit.
    public static void Write(StringBuilder sb, Term term) => sb.Append(term.Kind);
}
