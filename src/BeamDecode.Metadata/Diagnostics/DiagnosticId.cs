namespace BeamDecode.Metadata.Diagnostics;

/// <summary>
/// Stable diagnostic identifiers. Never renumber; a retired id stays here, commented (Roslyn ErrorCode.cs habit).
/// BD0001-BD0099: container and chunk structure; BD0100-BD0199: external term format;
/// BD0200-BD0299: input selection (paths, globs); BD0300-BD0399: containers and dumps; BD0900+: tool-level.
/// </summary>
public static class DiagnosticId
{
    /// <summary>The file ends before a structure it declares.</summary>
    public const string Truncated = "BD0001";
    /// <summary>The file is not an IFF FOR1/BEAM container (nor gzip of one).</summary>
    public const string NotBeam = "BD0002";
    /// <summary>A chunk's declared size runs past the container.</summary>
    public const string ChunkOutOfBounds = "BD0003";
    /// <summary>A chunk's content does not match its format.</summary>
    public const string BadChunk = "BD0004";
    /// <summary>Compressed data (gzip or zlib) is corrupt or lies about its size.</summary>
    public const string BadCompression = "BD0005";
    /// <summary>Decompressed data would exceed the safety limit (a compression bomb).</summary>
    public const string DecompressionLimit = "BD0006";
    /// <summary>An atom's text is not valid UTF-8 (AtU8) .</summary>
    public const string BadUtf8 = "BD0007";
    /// <summary>A count or size exceeds what the remaining bytes can hold, or a safety limit.</summary>
    public const string ImplausibleSize = "BD0008";
    /// <summary>A chunk the module cannot do without is missing (atoms, code).</summary>
    public const string MissingChunk = "BD0009";
    /// <summary>An index (atom, literal, import) points outside its table.</summary>
    public const string BadIndex = "BD0010";
    /// <summary>
    /// The Code chunk uses an opcode the generic opcode table (genop.tab through OTP 29) does not know; the message
    /// names the opcode and the highest one known.
    /// </summary>
    public const string UnknownOpcode = "BD0011";
    /// <summary>A Code chunk operand whose tag or value its instruction cannot take (bad extended tag, register, count).</summary>
    public const string BadOperand = "BD0012";

    /// <summary>External term format: unknown tag.</summary>
    public const string UnknownTermTag = "BD0100";
    /// <summary>External term format: atom cache reference (only valid on a distribution channel).</summary>
    public const string AtomCacheReference = "BD0101";
    /// <summary>External term format: terms nested deeper than the safety limit.</summary>
    public const string TermTooDeep = "BD0102";
    /// <summary>External term format: bad version byte.</summary>
    public const string BadTermVersion = "BD0103";
    /// <summary>External term format: a bignum larger than the safety limit.</summary>
    public const string BignumTooLarge = "BD0104";
    /// <summary>External term format: a value the format forbids (bad float text, bit count, ...).</summary>
    public const string BadTermValue = "BD0105";

    /// <summary>A path named on the command line matches no file.</summary>
    public const string NoInput = "BD0200";
    /// <summary>A file could not be read (permissions, I/O).</summary>
    public const string IoError = "BD0201";

    /// <summary>
    /// A file given as a collector dump is not one: not an external term of the form
    /// <c>{beamdecode_dump, Version, Map}</c> (README.md, "Collector dump format").
    /// </summary>
    public const string NotADump = "BD0300";
    /// <summary>A collector dump of a format version this tool does not read.</summary>
    public const string UnsupportedDumpVersion = "BD0301";
    /// <summary>A collector dump whose map or a module entry lacks a field or has one of the wrong type.</summary>
    public const string BadDumpEntry = "BD0302";
    /// <summary>Extraction would replace a file that already exists (give --force to replace it).</summary>
    public const string OutputExists = "BD0303";
    /// <summary>A member (module) name that is not a safe file name: a separator, NUL, control character, "." or "..".</summary>
    public const string UnsafeMemberName = "BD0304";
    /// <summary>A file that looks like a zip archive (.ez, or an escript's body) but cannot be read as one.</summary>
    public const string BadArchive = "BD0305";
    /// <summary>An escript without compiled code: a source body, no body, or a header that never ends.</summary>
    public const string NoCompiledCode = "BD0306";
    /// <summary>The input names a module whose object code it does not hold (an erl_crash.dump's module table).</summary>
    public const string NoObjectCode = "BD0307";
    /// <summary>A file that starts like an erl_crash.dump but whose module table cannot be read.</summary>
    public const string BadCrashDump = "BD0308";
    /// <summary>A file given as a baseline is not one (no "BDBL" magic).</summary>
    public const string NotABaseline = "BD0310";
    /// <summary>A baseline of a format version this tool does not read.</summary>
    public const string UnsupportedBaselineVersion = "BD0311";
    /// <summary>A baseline whose blocks or records are damaged (truncated, bad LZ4 data, sizes past the limits).</summary>
    public const string BadBaseline = "BD0312";
}
