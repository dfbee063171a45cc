namespace BeamDecode.Syntax.Diagnostics;

/// <summary>
/// Stable diagnostic ids of the syntax layer (BDS prefix). Never renumber; a retired id stays here, commented.
/// </summary>
public static partial class DiagnosticId
{
    /// <summary>A form the abstract-format reader does not know.</summary>
    public const string UnknownForm = "BDS0001";

    /// <summary>An expression or pattern the reader does not know.</summary>
    public const string UnknownExpression = "BDS0002";

    /// <summary>A type the reader does not know.</summary>
    public const string UnknownType = "BDS0003";

    /// <summary>A clause, guard, record field, binary element or other piece of known shape but bad content.</summary>
    public const string MalformedNode = "BDS0004";

    /// <summary>The debug-info payload is not the expected {Forms, Options} / list of forms.</summary>
    public const string BadAbstractCode = "BDS0005";

    // The Erlang front end (lexer, preprocessor, parser) uses BD0500-BD0599, the tool-wide BDnnnn numbering:
    // BD0500-BD0519 lexer (erl_scan's errors), BD0520-BD0559 preprocessor (epp's), BD0560-BD0599 parser
    // (erl_parse's). Each stage keeps its constants in its own partial file (DiagnosticId.Lexer.cs, .Preprocessor.cs, .Parser.cs); never renumber.
}
