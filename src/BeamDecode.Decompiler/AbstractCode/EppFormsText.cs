using System.Text;
using BeamDecode.Metadata.Terms;
using BeamDecode.Syntax;
using BeamDecode.Syntax.Parsing;

namespace BeamDecode.Decompiler.AbstractCode;

/// <summary>
/// A parsed module as the text <c>[io:format("~w.~n", [F]) || F &lt;- Forms]</c> prints for the list
/// <c>epp:parse_file/2</c> returns: its forms (epp's -file attributes included), <c>{error,...}</c> and
/// <c>{warning,...}</c> entries in place, <c>{eof,Location}</c> last. The library does not model epp's error
/// descriptor terms, so an error or warning entry carries the message text in their place (the text
/// <c>Module:format_error(Descriptor)</c> gives): <c>{error,{Location,Module,"message"}}</c>.
/// </summary>
public static class EppFormsText
{
    public static string Write(ParsedModule module, AbstractFormWriter writer)
    {
        var sb = new StringBuilder();
        foreach (var entry in module.Entries)
        {
            switch (entry)
            {
                case FormEntry f:
                    TermWriter.Write(sb, writer.WriteForm(f.Form));
                    break;
                case DiagnosticEntry d:
                    sb.Append('{').Append(d.IsWarning ? "warning" : "error").Append(",{");
                    TermWriter.Write(sb, writer.WriteAnno(new Anno(d.Diagnostic.Line, d.Diagnostic.Column)));
                    sb.Append(',');
                    TermWriter.Write(sb, new AtomTerm(d.Module));
                    sb.Append(',');
                    AppendChars(sb, d.Diagnostic.Message);
                    sb.Append("}}");
                    break;
                case EofEntry e:
                    sb.Append("{eof,");
                    TermWriter.Write(sb, writer.WriteAnno(new Anno(e.Line, e.Column)));
                    sb.Append('}');
                    break;
            }

            sb.Append(".\n");
        }

        return sb.ToString();
    }

    /// <summary>A string as ~w prints it: the list of its code points.</summary>
    private static void AppendChars(StringBuilder sb, string text)
    {
        if (text.Length == 0)
        {
            sb.Append("[]");
            return;
        }

        sb.Append('[');
        for (int i = 0; i < text.Length; i += char.IsSurrogatePair(text, i) ? 2 : 1)
        {
            if (i > 0)
            {
                sb.Append(',');
            }

            sb.Append(char.ConvertToUtf32(text, i));
        }

        sb.Append(']');
    }
}
