using System.Collections.Immutable;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The Type chunk (beam_asm.erl build_file; beam_types.erl encode_ext/convert_ext; erts beam_file.c parse_type_chunk):
/// a version, a count, then the types. Version 1 (OTP 25): 2 bytes of type bits + 8-byte min + 8-byte max
/// (min &gt; max: no range). Version 2 (OTP 26): type bits with "has lower bound / upper bound / unit" flags in
/// bits 13/14/15 and only the extras those flags announce. Version 3 (OTP 27+): the same with the flags in bits
/// 12/13/14, the bs_matchstate bit having been folded into bitstring. Other versions are kept raw, as the loader does.
/// </summary>
public sealed class TypeTable
{
    private TypeTable(int version, ImmutableArray<TypeEntry> entries, bool known)
    {
        Version = version;
        Entries = entries;
        IsKnownVersion = known;
    }

    public int Version { get; }

    public bool IsKnownVersion { get; }

    public ImmutableArray<TypeEntry> Entries { get; }

    public static TypeTable Decode(Chunk chunk)
    {
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        int version = r.ReadInt32();
        if (version is < 1 or > 3)
        {
            return new TypeTable(version, ImmutableArray<TypeEntry>.Empty, known: false);
        }

        int count = r.ReadCount(2, "type");
        var entries = ImmutableArray.CreateBuilder<TypeEntry>(count);
        int shift = version == 2 ? 1 : 0;
        for (int i = 0; i < count; i++)
        {
            ushort bits = r.ReadUInt16();
            if (version == 1)
            {
                long min = (long)r.ReadUInt64(), max = (long)r.ReadUInt64();
                entries.Add(min <= max ? new TypeEntry(bits, min, max, null) : new TypeEntry(bits, null, null, null));
                continue;
            }

            long? lower = (bits & (1 << (12 + shift))) != 0 ? (long)r.ReadUInt64() : null;
            long? upper = (bits & (1 << (13 + shift))) != 0 ? (long)r.ReadUInt64() : null;
            int? unit = (bits & (1 << (14 + shift))) != 0 ? r.ReadByte() + 1 : null;
            entries.Add(new TypeEntry(bits, lower, upper, unit));
        }

        if (!r.AtEnd)
        {
            r.ThrowBad(DiagnosticId.BadChunk, $"{r.Remaining} byte(s) after the last of {count} types");
        }

        return new TypeTable(version, entries.MoveToImmutable(), known: true);
    }
}
