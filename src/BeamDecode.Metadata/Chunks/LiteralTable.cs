using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The literal table (LitT): a 4-byte uncompressed size, then zlib data holding a count and, per literal,
/// a 4-byte size and an external-format term (beam_asm.erl build_file; erts beam_file.c parse_literal_chunk).
/// Literal offsets in diagnostics are offsets of the compressed chunk, as the inflated bytes have no file offset.
/// </summary>
public sealed class LiteralTable
{
    /// <summary>Default limit of inflated literal tables (the whole OTP tree's largest is ~1 MB); the one in force is
    /// <see cref="DecodeLimits.MaxLiteralTableSize"/>.</summary>
    public const long MaxInflatedSize = 512L << 20;

    // The inflated table and where each literal's external-format bytes are in it, for writers that print a literal
    // from its bytes (AsmWriter through PlainTermText) rather than from its term.
    private readonly byte[] _inflated;
    private readonly (int Start, int Length)[] _entries;

    private LiteralTable(ImmutableArray<Term> literals, int inflatedSize, byte[] inflated, (int Start, int Length)[] entries)
    {
        Literals = literals;
        InflatedSize = inflatedSize;
        _inflated = inflated;
        _entries = entries;
    }

    public ImmutableArray<Term> Literals { get; }

    public int InflatedSize { get; }

    public int Count => Literals.Length;

    public Term this[int index] => Literals[index];

    /// <summary>The external-format bytes of literal <paramref name="index"/> (version byte included), which decoded
    /// to <see cref="this[int]"/>; the caller checks the index.</summary>
    internal ReadOnlySpan<byte> EntryBytes(int index) => _inflated.AsSpan(_entries[index].Start, _entries[index].Length);

    /// <summary>The number of literals, inflating only the first four bytes (info needs the count, not the terms).</summary>
    public static int PeekCount(Chunk chunk)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        r.ReadUInt32();
        Span<byte> head = stackalloc byte[4];
        if (ZlibPrefix.TryInflate(chunk.Data.Span[4..], head))
        {
            return (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head), int.MaxValue);
        }

        try
        {
            using var z = new System.IO.Compression.ZLibStream(
                Inflater.OpenRead(chunk.Data[4..]), System.IO.Compression.CompressionMode.Decompress);
            z.ReadExactly(head);
            return (int)Math.Min(System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head), int.MaxValue);
        }
        catch (Exception e) when (Inflater.IsCorruptData(e))
        {
            throw new BadBeamFormatException(DiagnosticId.BadCompression, chunk.Offset + 4, $"corrupt zlib data: {e.Message}", chunk.Id);
        }
    }

    public static LiteralTable Decode(Chunk chunk, TermReaderOptions? options = null)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        uint size = r.ReadUInt32();
        byte[] inflated = Inflater.Zlib(r.RemainingBytes, size, DecodeLimits.Current.MaxLiteralTableSize, chunk.Offset + 4, chunk.Id);
        try
        {
            return DecodeInflated(inflated, chunk.Id, options);
        }
        catch (BadBeamFormatException e)
        {
            // Positions in the inflated table are not file offsets (they can lie past the end of the file):
            // report the chunk's offset and say where in the inflated table the problem is.
            throw new BadBeamFormatException(e.Id, chunk.Offset, $"inflated literal table, byte {e.Offset}: {e.Message}", chunk.Id);
        }
    }

    /// <summary>Decodes the inflated table; offsets in its diagnostics are positions in <paramref name="inflated"/>.</summary>
    private static LiteralTable DecodeInflated(byte[] inflated, string chunkId, TermReaderOptions? options)
    {
        var lr = new BeamReader(inflated, 0, chunkId);
        int count = lr.ReadCount(5, "literal");
        var literals = ImmutableArray.CreateBuilder<Term>(count);
        var entries = new (int Start, int Length)[count];
        for (int i = 0; i < count; i++)
        {
            int length = lr.ReadCount(1, "literal byte");
            int at = lr.Position;
            entries[i] = (at, length);
            var bytes = lr.ReadBytes(length);
            var term = TermReader.Decode(bytes, out int used, at, chunkId, options);
            if (used != length)
            {
                throw new BadBeamFormatException(DiagnosticId.BadChunk, at, $"literal {i} declares {length} bytes but its term uses {used}", chunkId);
            }

            literals.Add(term);
        }

        return new LiteralTable(literals.MoveToImmutable(), inflated.Length, inflated, entries);
    }
}
