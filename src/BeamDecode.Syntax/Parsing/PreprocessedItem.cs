using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// One item of the preprocessed token stream, in the order <c>epp:scan_erl_form/1</c> returns them (stdlib epp.erl):
/// the tokens of a form, an epp-made <c>-file</c> attribute, an error or warning, and finally end of file.
/// </summary>
public abstract record PreprocessedItem;

/// <summary>
/// <c>{ok,Tokens}</c>: the tokens of one form after macro expansion, normally ending with its dot (a form cut off by
/// the end of the file has none). Tokens from a macro body carry the location epp gives them (the macro call's;
/// see <see cref="Token.FromMacro"/>).
/// </summary>
public sealed record PreprocessedForm(ImmutableArray<Token> Tokens) : PreprocessedItem;

/// <summary>
/// The <c>-file(File, Line).</c> attribute epp makes itself (epp.erl enter_file_reply/6): at the start of the main
/// file, when an include is entered and left, and for the source's own <c>-file</c> directive. All its tokens are
/// at <see cref="Line"/>:<see cref="Column"/> except the <c>)</c>, which carries the location of
/// <see cref="FileLine"/> (<see cref="CloseLine"/>, <see cref="CloseColumn"/>; column 0: epp gives only a line).
/// </summary>
/// <param name="File">The file name as epp prints it (the include path as found, or the name the -file gave).</param>
/// <param name="FileLine">The line the attribute names (the integer token).</param>
/// <param name="Generated">True for the source's own -file directive (and the one restoring it after an include):
/// epp marks those annotations <c>generated</c> so interpret_file_attribute/1 tells them apart.</param>
public sealed record PreprocessedFileAttribute(
    string File,
    int FileLine,
    int Line,
    int Column,
    int CloseLine,
    int CloseColumn,
    bool Generated,
    ImmutableArray<Token> Tokens) : PreprocessedItem;

/// <summary>
/// <c>{error,{Loc,Module,Reason}}</c> or <c>{warning,...}</c>: a problem reported in place of a form (epp's own, the
/// lexer's for a form it could not scan, or a -error/-warning directive).
/// </summary>
/// <param name="Module">The reporting module as epp names it: <c>epp</c>, <c>erl_scan</c>, <c>erl_parse</c> or
/// <c>erl_features</c>.</param>
public sealed record PreprocessedDiagnostic(Diagnostic Diagnostic, string Module) : PreprocessedItem
{
    public bool IsWarning => Diagnostic.Severity == DiagnosticSeverity.Warning;
}

/// <summary><c>{eof,Location}</c>: the end of the main file (the location after its last character).</summary>
public sealed record PreprocessedEof(int Line, int Column) : PreprocessedItem;
