namespace BeamDecode.Syntax.Diagnostics;

// The front end's entry point (Parsing/ErlangSourceParser): what is true of a whole module rather than of one token,
// directive or form. Takes ids from the top of the BD05xx range, downwards.
public static partial class DiagnosticId
{
    /// <summary>Info: the module names a parse transform (<c>-compile({parse_transform, M})</c>). It cannot run here,
    /// so the forms are those before the transform: what a compare reports for this module is about them.</summary>
    public const string ParseTransformNotRun = "BD0599";
}
