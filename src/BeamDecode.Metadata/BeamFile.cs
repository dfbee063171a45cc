using System.Collections.Immutable;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata;

/// <summary>
/// A .beam file: the IFF container <c>FOR1 Size BEAM</c> followed by chunks <c>Id Size Data</c>, each padded to
/// 4 bytes (beam_lib.erl scan_beam; erts beam_file.c iff_init/read_beam_chunks). A file that starts with the
/// gzip magic (compile option <c>compressed</c>) is inflated first, within <see cref="DecodeLimits.MaxImageSize"/>.
/// Construction checks only the container; each table decodes on first use and is cached, so `info` on a
/// directory does not pay for literals it never prints.
/// </summary>
public sealed class BeamFile
{
    private static ReadOnlySpan<byte> For1 => "FOR1"u8;
    private static ReadOnlySpan<byte> Beam => "BEAM"u8;

    private const int ScanLimit = 32;

    private readonly Dictionary<string, Chunk>? _firstById;
    private AtomTable? _atoms;
    private CodeHeader? _code;
    private ImmutableArray<ImportEntry>? _imports;
    private ImmutableArray<FunctionEntry>? _exports;
    private ImmutableArray<FunctionEntry>? _locals;
    private ImmutableArray<LambdaEntry>? _lambdas;
    private LiteralTable? _literals;
    private LineTable? _lines;
    private TypeTable? _types;
    private DebugInfo? _debugInfo;
    private Term? _attributes;
    private Term? _compileInfo;
    private DocsChunk? _docs;

    private BeamFile(ReadOnlyMemory<byte> image, bool gzipped, ImmutableArray<Chunk> chunks)
    {
        Image = image;
        WasGzipped = gzipped;
        Chunks = chunks;
        // A module has a dozen or so chunks: finding one by a scan is cheaper than building a dictionary per module
        // (OTP's ids are the shared ChunkId strings, so most comparisons end at the reference). Many chunks (a
        // hostile file) get the dictionary, so that a lookup stays constant.
        if (chunks.Length > ScanLimit)
        {
            _firstById = new Dictionary<string, Chunk>(chunks.Length, StringComparer.Ordinal);
            foreach (var c in chunks)
            {
                _firstById.TryAdd(c.Id, c);
            }
        }
    }

    /// <summary>The container bytes (after gunzip, if the file was gzipped).</summary>
    public ReadOnlyMemory<byte> Image { get; }

    public bool WasGzipped { get; }

    /// <summary>Every chunk in file order, known or not.</summary>
    public ImmutableArray<Chunk> Chunks { get; }

    /// <summary>Reads a file's bytes. Throws <see cref="BadBeamFormatException"/> for anything malformed.</summary>
    public static BeamFile Read(byte[] bytes) => Read(bytes.AsMemory());

    /// <summary>Reads a file image held in memory. The BeamFile keeps views into <paramref name="bytes"/>: the
    /// caller must not reuse that memory while the BeamFile (or anything lazily decoded from it) is in use.</summary>
    public static BeamFile Read(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        bool gzipped = span.Length >= 2 && span[0] == 0x1f && span[1] == 0x8b;
        ReadOnlyMemory<byte> image = gzipped ? Inflater.Gzip(bytes, DecodeLimits.Current.MaxImageSize) : bytes;
        return new BeamFile(image, gzipped, ReadChunks(image));
    }

    private static ImmutableArray<Chunk> ReadChunks(ReadOnlyMemory<byte> image)
    {
        var r = new BeamReader(image.Span);
        if (image.Length < 12 || !image.Span[..4].SequenceEqual(For1) || !image.Span[8..12].SequenceEqual(Beam))
        {
            if (image.Length >= 4 && image.Span[..4].SequenceEqual(For1) && image.Length < 12)
            {
                r.Position = image.Length;
                r.ThrowTruncated(12 - image.Length);
            }

            throw new BadBeamFormatException(DiagnosticId.NotBeam, 0, "not a BEAM file: no 'FOR1' ... 'BEAM' header");
        }

        r.Skip(4);
        uint formSize = r.ReadUInt32();
        if (formSize > (uint)(image.Length - 8))
        {
            throw new BadBeamFormatException(
                DiagnosticId.Truncated, 4, $"form size {formSize} runs past the end of the {image.Length}-byte file");
        }

        if (formSize < 4)
        {
            // The form must at least hold its type id 'BEAM'.
            throw new BadBeamFormatException(
                DiagnosticId.Truncated, 4, $"form size {formSize} ends the form before its 4-byte 'BEAM' type id");
        }

        int end = 8 + (int)formSize;
        r.Skip(4);
        var chunks = ImmutableArray.CreateBuilder<Chunk>();
        while (r.Position + 8 <= end)
        {
            int headerAt = r.Position;
            string id = ChunkText.FromBytes(r.ReadBytes(4));
            uint size = r.ReadUInt32();
            if (size > (uint)(end - r.Position))
            {
                throw new BadBeamFormatException(
                    DiagnosticId.ChunkOutOfBounds,
                    headerAt + 4,
                    $"size {size} runs past the end of the form ({end - r.Position} bytes left)",
                    ChunkText.Printable(id));
            }

            int dataAt = r.Position;
            chunks.Add(new Chunk(id, dataAt, (int)size, image.Slice(dataAt, (int)size)));
            // Chunks are aligned to 4 bytes; the last one's padding may be cut off by a short form size.
            int padded = (int)Math.Min(((long)size + 3) & ~3L, end - dataAt);
            r.Position = dataAt + padded;
        }

        if (r.Position != end)
        {
            throw new BadBeamFormatException(
                DiagnosticId.Truncated, r.Position, $"{end - r.Position} stray byte(s) at the end of the form, too few for a chunk header");
        }

        return chunks.ToImmutable();
    }

    public Chunk? FindChunk(string id)
    {
        if (_firstById is not null)
        {
            return _firstById.GetValueOrDefault(id);
        }

        foreach (var c in Chunks)
        {
            if (ReferenceEquals(c.Id, id) || string.Equals(c.Id, id, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    public bool HasChunk(string id) => FindChunk(id) is not null;

    /// <summary>AtU8, else the Latin-1 Atom chunk of OTP 19 and older.</summary>
    public AtomTable Atoms => _atoms ??= AtomTable.Decode(
        FindChunk(ChunkId.AtU8) ?? FindChunk(ChunkId.Atom) ?? throw Missing(ChunkId.AtU8));

    /// <summary>The module name: atom 1.</summary>
    public string ModuleName => Atoms.Count > 0
        ? Atoms[1].Name
        : throw new BadBeamFormatException(DiagnosticId.BadChunk, (FindChunk(ChunkId.AtU8) ?? FindChunk(ChunkId.Atom))!.Offset, "the atom table is empty, so there is no module name", ChunkId.AtU8);

    public CodeHeader? Code => _code ??= FindChunk(ChunkId.Code) is { } c ? CodeHeader.Decode(c) : null;

    public ImmutableArray<ImportEntry> Imports => _imports ??= FindChunk(ChunkId.ImpT) is { } c
        ? SymbolTables.DecodeImports(c, Atoms) : ImmutableArray<ImportEntry>.Empty;

    public ImmutableArray<FunctionEntry> Exports => _exports ??= FindChunk(ChunkId.ExpT) is { } c
        ? SymbolTables.DecodeFunctions(c, Atoms) : ImmutableArray<FunctionEntry>.Empty;

    public ImmutableArray<FunctionEntry> Locals => _locals ??= FindChunk(ChunkId.LocT) is { } c
        ? SymbolTables.DecodeFunctions(c, Atoms) : ImmutableArray<FunctionEntry>.Empty;

    public ImmutableArray<LambdaEntry> Lambdas => _lambdas ??= FindChunk(ChunkId.FunT) is { } c
        ? SymbolTables.DecodeLambdas(c, Atoms) : ImmutableArray<LambdaEntry>.Empty;

    public LiteralTable? Literals => _literals ??= FindChunk(ChunkId.LitT) is { } c ? LiteralTable.Decode(c) : null;

    public LineTable? Lines => _lines ??= FindChunk(ChunkId.Line) is { } c ? LineTable.Decode(c) : null;

    public TypeTable? Types => _types ??= FindChunk(ChunkId.Type) is { } c ? TypeTable.Decode(c) : null;

    /// <summary>The string table (StrT): raw bytes that bs_match/put_string instructions index into.</summary>
    public ReadOnlyMemory<byte> Strings => FindChunk(ChunkId.StrT)?.Data ?? ReadOnlyMemory<byte>.Empty;

    /// <summary>The Attr chunk's term: a list of <c>{Key, Value}</c> in source order, or nil when absent.</summary>
    public Term Attributes => _attributes ??= DecodeTermChunk(ChunkId.Attr) ?? NilTerm.Instance;

    /// <summary>The CInf chunk's term: <c>[{version, V}, {options, O}, {source, S}, ...]</c>, or nil when absent.</summary>
    public Term CompileInfo => _compileInfo ??= DecodeTermChunk(ChunkId.CInf) ?? NilTerm.Instance;

    /// <summary>The EEP 48 Docs chunk, or null when absent.</summary>
    public DocsChunk? Docs => _docs ??= FindChunk(ChunkId.Docs) is { } c ? DocsChunk.Decode(c) : null;

    /// <summary>Dbgi, else Abst, else none.</summary>
    public DebugInfo DebugInfo => _debugInfo ??= (FindChunk(ChunkId.Dbgi) ?? FindChunk(ChunkId.Abst)) is { } c
        ? global::BeamDecode.Metadata.Chunks.DebugInfo.Decode(c) : global::BeamDecode.Metadata.Chunks.DebugInfo.Missing;

    /// <summary>Decodes a chunk holding one external-format term (Attr, CInf, Meta, Docs, ExCk); null when absent.</summary>
    public Term? DecodeTermChunk(string id) =>
        FindChunk(id) is { } c ? TermReader.Decode(c.Data.Span, c.Offset, c.Id) : null;

    private BadBeamFormatException Missing(string id) =>
        new(DiagnosticId.MissingChunk, 0, $"no '{id}' chunk (nor '{ChunkId.Atom}'): there is no atom table", null);
}
