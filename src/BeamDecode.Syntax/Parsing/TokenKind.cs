namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// The category of a token, as erl_scan names it (stdlib erl_scan.erl: the first element of each token tuple).
/// Reserved words, operators and punctuation are all <see cref="Symbol"/>: erl_scan's category for them is the
/// symbol itself (<c>{'case',Anno}</c>, <c>{'-&gt;',Anno}</c>), which <see cref="Token.Text"/> holds.
/// </summary>
public enum TokenKind
{
    /// <summary><c>{atom,A,Name}</c>: a bare or quoted atom; <see cref="Token.Value"/> is the name (string).</summary>
    Atom,

    /// <summary><c>{var,A,Name}</c>; Value is the name (string).</summary>
    Var,

    /// <summary><c>{char,A,Code}</c>: <c>$x</c>; Value is the code point (int).</summary>
    Char,

    /// <summary><c>{integer,A,N}</c>; Value is a <see cref="System.Numerics.BigInteger"/>.</summary>
    Integer,

    /// <summary><c>{float,A,F}</c>; Value is a double.</summary>
    Float,

    /// <summary><c>{string,A,Chars}</c>, including triple-quoted strings; Value is the string (code points as UTF-16).</summary>
    String,

    /// <summary><c>{sigil_prefix,A,Name}</c> of OTP 27+: the <c>~</c> and sigil letter before a string; Value is the
    /// letter as an atom name ("" for a bare <c>~</c>).</summary>
    SigilPrefix,

    /// <summary><c>{sigil_suffix,A,Modifiers}</c> of OTP 27+: the letters after a sigil's string; Value is a string.</summary>
    SigilSuffix,

    /// <summary>A reserved word, operator or punctuation; <see cref="Token.Text"/> is erl_scan's category atom.</summary>
    Symbol,

    /// <summary><c>{dot,A}</c>: the full stop that ends a form (a '.' followed by white space, a comment or end of file).</summary>
    Dot,

    /// <summary>End of the text (erl_scan returns <c>{eof,Location}</c>); never has a value.</summary>
    EndOfFile,

    /// <summary>Text the lexer could not scan; a diagnostic was reported for it and Value is null.</summary>
    Bad,
}
