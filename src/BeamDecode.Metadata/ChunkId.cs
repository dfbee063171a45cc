namespace BeamDecode.Metadata;

/// <summary>
/// The four-character chunk ids OTP writes (beam_asm.erl build_file/…; beam_lib.erl; erts beam_file.c).
/// Ids are kept as strings: unknown chunks keep whatever four bytes they had.
/// </summary>
public static class ChunkId
{
    public const string Atom = "Atom";
    public const string AtU8 = "AtU8";
    public const string Code = "Code";
    public const string StrT = "StrT";
    public const string ImpT = "ImpT";
    public const string ExpT = "ExpT";
    public const string LocT = "LocT";
    public const string FunT = "FunT";
    public const string LitT = "LitT";
    public const string Attr = "Attr";
    public const string CInf = "CInf";
    public const string Line = "Line";
    public const string Type = "Type";
    public const string Meta = "Meta";
    public const string Dbgi = "Dbgi";
    public const string Abst = "Abst";
    public const string Docs = "Docs";
    public const string ExCk = "ExCk";
    /// <summary>Per-line debug information, OTP 28 <c>+beam_debug_info</c>.</summary>
    public const string DbgB = "DbgB";
    /// <summary>Record definitions, OTP 29.</summary>
    public const string Recs = "Recs";
}
