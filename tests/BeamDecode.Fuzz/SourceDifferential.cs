using BeamDecode.Decompiler;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Fuzz;

/// <summary>
/// The contract between <see cref="StreamingFormReader"/> and the term-tree path it short-cuts (TermReader, then
/// AbstractFormReader): when the streaming reader gives a module, the term-tree path gives the same module with no
/// diagnostic, annotations included (compared as the forms AbstractFormWriter writes back: the printer is a function of
/// the two, so the text is the same too). A breach is not a decoding failure but a bug, so it is thrown as one.
/// </summary>
public static class SourceDifferential
{
    public static void Check(ModuleSyntax direct, RecoveredSource viaTerms)
    {
        if (viaTerms.Diagnostics.Count > 0)
        {
            throw new InvalidOperationException($"the streaming reader read a module the term-tree reader reports: {viaTerms.Diagnostics[0]}");
        }

        var other = viaTerms.Syntax!;
        if (!direct.Equals(other))
        {
            throw new InvalidOperationException("the streaming reader and the term-tree reader read different modules");
        }

        for (int i = 0; i < direct.Forms.Count; i++)
        {
            // ListKeys and Record are annotation details the printer does not show; the writer gives them back.
            if (!AbstractFormWriter.Default.WriteForm(direct.Forms[i]).Equals(AbstractFormWriter.Default.WriteForm(other.Forms[i])))
            {
                throw new InvalidOperationException($"form {i} has different annotations from the two readers");
            }
        }
    }
}
