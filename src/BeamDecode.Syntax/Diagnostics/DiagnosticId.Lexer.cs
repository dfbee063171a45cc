namespace BeamDecode.Syntax.Diagnostics;

/// <summary>
/// The lexer's diagnostic ids (BD0500-BD0519): erl_scan's error descriptors (stdlib erl_scan.erl, format_error/1),
/// one id per descriptor. Never renumber; a retired id stays here, commented.
/// </summary>
public static partial class DiagnosticId
{
    /// <summary><c>{illegal,character}</c>: a character erl_scan does not accept here (outside Latin-1 in code, a bad
    /// escape, U+FFFE/U+FFFF or a lone surrogate in a string or comment).</summary>
    public const string IllegalCharacter = "BD0500";

    /// <summary><c>{illegal,atom}</c>: an atom longer than 255 characters.</summary>
    public const string IllegalAtom = "BD0501";

    /// <summary><c>{illegal,var}</c>: a variable name longer than 255 characters.</summary>
    public const string IllegalVariable = "BD0502";

    /// <summary><c>{illegal,integer}</c>: a based integer with no digit after the <c>#</c>.</summary>
    public const string IllegalInteger = "BD0503";

    /// <summary><c>{illegal,float}</c>: a float with no exponent digits or out of range.</summary>
    public const string IllegalFloat = "BD0504";

    /// <summary><c>{base,B}</c> or <c>{illegal,base}</c>: an integer base outside 2..36.</summary>
    public const string IllegalBase = "BD0505";

    /// <summary><c>char</c> (OTP 27: <c>{unterminated,char}</c>): <c>$</c> or <c>$\</c> at the end of the text.</summary>
    public const string UnterminatedCharacter = "BD0506";

    /// <summary><c>{string,$",Head}</c> (OTP 27: <c>{unterminated,string|{string,N}|{sigil,...},Head}</c>): a
    /// string, triple-quoted string or sigil string with no closing delimiter.</summary>
    public const string UnterminatedString = "BD0507";

    /// <summary><c>{string,$',Head}</c> (OTP 27: <c>{unterminated,atom,Head}</c>): a quoted atom with no closing quote.</summary>
    public const string UnterminatedAtom = "BD0508";

    /// <summary><c>{illegal,string}</c> (OTP 27+): a sigil prefix not followed by a string delimiter.</summary>
    public const string IllegalString = "BD0509";

    /// <summary><c>{illegal,sigil_prefix}</c> or <c>{illegal,sigil_suffix}</c> (OTP 27+): a sigil name or modifier
    /// list longer than 255 characters.</summary>
    public const string IllegalSigil = "BD0510";

    /// <summary><c>indentation</c> (OTP 27+): a triple-quoted string line that does not start with the closing
    /// line's indentation.</summary>
    public const string BadIndentation = "BD0511";

    /// <summary><c>white_space</c> (OTP 27+): text after the opening delimiter of a triple-quoted string.</summary>
    public const string TripleQuoteNotWhiteSpace = "BD0512";

    /// <summary><c>string_concat</c> (OTP 27+): a string literal directly followed by a <c>"</c>.</summary>
    public const string AdjacentStringLiterals = "BD0513";
}
