namespace BeamDecode.Syntax.Diagnostics;

// The parser's ids (BD0560-BD0599), one per family of erl_parse error messages (stdlib erl_parse.yrl and the
// yecc error routine of parsetools yeccpre.hrl). Never renumber; a retired id stays here, commented.
public static partial class DiagnosticId
{
    /// <summary>yeccerror: "syntax error before: Token" (or at the end of the tokens).</summary>
    public const string ParserSyntaxError = "BD0560";

    /// <summary>build_attribute/term: "bad attribute", "bad ~w declaration", "bad Name/Arity", "bad function arity",
    /// "bad function name", "bad record field", "bad record declaration", "bad variable list".</summary>
    public const string ParserBadAttribute = "BD0561";

    /// <summary>check_clauses: "head mismatch" (clauses of one function or fun with different names or arities).</summary>
    public const string ParserHeadMismatch = "BD0562";

    /// <summary>Types: "bad type variable", "unsupported constraint X", "Bad binary type".</summary>
    public const string ParserBadType = "BD0563";

    /// <summary>build_sigil: "illegal sigil prefix", "illegal sigil suffix" (OTP 27+).</summary>
    public const string ParserIllegalSigil = "BD0564";

    /// <summary>Nesting deeper than the parser's limit (erl_parse has none; we bound it instead of overflowing the stack).</summary>
    public const string ParserNestingTooDeep = "BD0565";

    /// <summary>parse_term: "bad term".</summary>
    public const string ParserBadTerm = "BD0566";

    /// <summary>A form with no tokens, or tokens that do not end with a full stop.</summary>
    public const string ParserNoForm = "BD0567";
}
