using System.Numerics;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Reads the compact term encoding used by the Code chunk, the Line chunk and (OTP 28+) atom lengths in AtU8.
/// Layout (beam_asm.erl encode/2, erts beam_file.c beamreader_read_tagged):
/// <list type="bullet">
/// <item>bit 3 clear: value = byte &gt;&gt; 4 (0..15);</item>
/// <item>bit 3 set, bit 4 clear: value = (byte &gt;&gt; 5) &lt;&lt; 8 | next byte (11 bits);</item>
/// <item>bits 3 and 4 set: (byte &gt;&gt; 5) + 2 bytes follow, big-endian; when byte &gt;&gt; 5 is 7 the count minus 9
/// is itself a compact unsigned. Integers (tag i) are two's complement; other tags are unsigned.</item>
/// </list>
/// </summary>
public static class CompactTermReader
{
    /// <summary>Longest value we accept, in bytes: far above any real operand, small enough to bound work.</summary>
    public const int MaxValueBytes = 1 << 16;

    // Made once: comparing with long.MinValue or long.MaxValue converts them to BigIntegers, which allocates.
    private static readonly BigInteger LongMin = long.MinValue;
    private static readonly BigInteger LongMax = long.MaxValue;

    public static CompactNumber ReadTagged(ref BeamReader reader)
    {
        long at = reader.Offset;
        byte first = reader.ReadByte();
        var tag = (CompactTag)(first & 0x07);
        if ((first & 0x08) == 0)
        {
            return new CompactNumber(tag, first >> 4, null);
        }

        if ((first & 0x10) == 0)
        {
            return new CompactNumber(tag, ((long)(first >> 5) << 8) | reader.ReadByte(), null);
        }

        int count = first >> 5;
        if (count < 7)
        {
            count += 2;
        }
        else
        {
            // The byte count is itself a compact unsigned. Any count up to MaxValueBytes fits its 2..8-byte form,
            // so a prefix that again uses this form is refused before following it: a run of 0xFF bytes would
            // otherwise recurse once per byte and overflow the stack.
            if ((reader.PeekByte() & 0xF8) == 0xF8)
            {
                reader.ThrowBadAt(DiagnosticId.ImplausibleSize, at, "compact term length prefix is itself length-prefixed");
            }

            var prefix = ReadTagged(ref reader);
            if (prefix.Tag != CompactTag.Literal || prefix.IsBig || prefix.Value < 0 || prefix.Value > MaxValueBytes - 9)
            {
                reader.ThrowBadAt(DiagnosticId.ImplausibleSize, at, "compact term length prefix is not a small unsigned value");
            }

            count = (int)prefix.Value + 9;
        }

        var bytes = reader.ReadBytes(count);
        if (tag == CompactTag.Integer)
        {
            var big = new BigInteger(bytes, isUnsigned: false, isBigEndian: true);
            return big >= LongMin && big <= LongMax
                ? new CompactNumber(tag, (long)big, null)
                : new CompactNumber(tag, 0, big);
        }

        var unsigned = new BigInteger(bytes, isUnsigned: true, isBigEndian: true);
        return unsigned <= LongMax
            ? new CompactNumber(tag, (long)unsigned, null)
            : new CompactNumber(tag, 0, unsigned);
    }

    /// <summary>Reads a value that must carry <paramref name="expected"/> and fit an int (counts, indexes).</summary>
    public static int ReadSmall(ref BeamReader reader, CompactTag expected, string what)
    {
        long at = reader.Offset;
        var n = ReadTagged(ref reader);
        if (n.Tag != expected || n.IsBig || n.Value < 0 || n.Value > int.MaxValue)
        {
            reader.ThrowBadAt(DiagnosticId.BadChunk, at, $"{what}: expected a small value tagged {expected}, found {n.Tag}");
        }

        return (int)n.Value;
    }
}
