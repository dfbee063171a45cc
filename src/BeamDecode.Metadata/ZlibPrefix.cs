using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace BeamDecode.Metadata;

/// <summary>
/// The first bytes of a zlib stream (RFC 1950 header, RFC 1951 DEFLATE blocks), decoded in managed code for the two
/// peeks that need only a prefix: the kind of a compressed Dbgi (its first kilobyte) and the count of a LitT (its first
/// four bytes). A ZLibStream per peek costs zlib's whole state, window and decoding tables (zng_inflate_table was the
/// largest part of it in the profile of <c>info</c>); here a few hundred code lengths and symbols are decoded in place.
/// <para>
/// It answers only when it is certain that a <see cref="System.IO.Compression.ZLibStream"/> reading the same stream
/// from a <see cref="MemoryStream"/> would fill the same buffer with the same bytes from its first input block
/// (<see cref="InputBlock"/> bytes, or the whole stream when shorter) without an error: anything else (a header with a
/// preset dictionary, any invalid or incomplete code, a distance too far back, a stream that ends or needs more input
/// before the buffer is full, an end of block right after it, which zlib would go on to decode) answers false, and the
/// caller takes the ZLibStream path, which gives the bytes or the diagnostic it always gave. What zlib decodes after the
/// last byte it writes is mirrored too (zlib-ng inflate.c: after a literal or a finished match, state LEN decodes the
/// next symbol, its length and distance, before MATCH or LIT notice there is no room), so an invalid code there is
/// a fallback as well.
/// </para>
/// </summary>
internal static partial class ZlibPrefix
{
    /// <summary>What System.IO.Compression's DeflateStream reads from its input at a time (DefaultBufferSize).</summary>
    public const int InputBlock = 8192;

    private const int MaxBits = 15;
    private const int OutOfInput = -1;
    private const int Invalid = -2;

    /// <summary>A peek of at most this many bytes (LitT's count) decodes its few symbols a bit at a time rather than
    /// build lookup tables for them.</summary>
    private const int FewBytes = 16;

    // RFC 1951 3.2.5: base lengths and extra bits of length symbols 257..285, base distances and extra bits of 0..29.
    private static ReadOnlySpan<short> LengthBase => [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    private static ReadOnlySpan<byte> LengthExtra => [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    private static ReadOnlySpan<ushort> DistanceBase => [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];

    private static ReadOnlySpan<byte> DistanceExtra => [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // RFC 1951 3.2.7: the order in which code length code lengths are sent.
    private static ReadOnlySpan<byte> CodeLengthOrder => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

    /// <summary>The fixed codes of RFC 1951 3.2.6, built once. The distance code has 30 symbols of 5 bits, so it is
    /// incomplete: 30 and 31 decode as invalid, as in zlib's fixed table.</summary>
    private static readonly Huffman FixedLengths = BuildFixed(288, 9), FixedDistances = BuildFixed(30, 8);

    [ThreadStatic]
    private static Scratch? scratch;

    /// <summary>Fills <paramref name="output"/> with the first bytes <paramref name="zlib"/> inflates to, when that is
    /// certainly what ZLibStream gives from its first input block (see the type's remarks); false when the caller must
    /// ask ZLibStream (the contents of <paramref name="output"/> are then unspecified).</summary>
    public static bool TryInflate(ReadOnlySpan<byte> zlib, Span<byte> output)
    {
        // zlib's HEAD state: FCHECK, CM = 8, CINFO <= 7; FDICT makes inflate ask for a dictionary (Z_NEED_DICT).
        if (output.IsEmpty || zlib.Length < 2)
        {
            return false;
        }

        int cmf = zlib[0], flg = zlib[1];
        if ((cmf & 0x0F) != 8 || (cmf >> 4) > 7 || ((cmf << 8) | flg) % 31 != 0 || (flg & 0x20) != 0)
        {
            return false;
        }

        var tables = scratch ??= new Scratch();
        var bits = new BitReader(zlib[..Math.Min(zlib.Length, InputBlock)], 2);
        int produced = 0;
        bool last = false;
        while (!last)
        {
            if (!bits.Need(3))
            {
                return false;
            }

            last = bits.Take(1) == 1;
            int type = bits.Take(2);
            Huffman lengths, distances;
            if (type == 0)
            {
                // Stored: LEN and NLEN at the next byte boundary, then LEN bytes as they are.
                if (!bits.TryStored(out int length))
                {
                    return false;
                }

                int take = Math.Min(length, output.Length - produced);
                if (!bits.TryCopy(output.Slice(produced, take)))
                {
                    return false;
                }

                produced += take;
                if (produced == output.Length)
                {
                    // More of the block left: zlib stops at COPY. None left: zlib goes on to the next block header.
                    return take < length;
                }

                continue;
            }
            else if (type == 1)
            {
                lengths = FixedLengths;
                distances = FixedDistances;
            }
            else if (type == 2 && ReadDynamic(ref bits, tables, fast: output.Length > FewBytes))
            {
                lengths = tables.Lengths;
                distances = tables.Distances;
            }
            else
            {
                return false;
            }

            int status = DecodeBlock(ref bits, lengths, distances, output, ref produced);
            if (status != BlockEnded)
            {
                return status == Filled;
            }
        }

        // The stream ended before the buffer was full: ZLibStream then checks the trailer, and rewinds its input.
        return false;
    }

    private const int BlockEnded = 0, Filled = 1, Declined = 2;

    /// <summary>
    /// Decodes one Huffman block into <paramref name="output"/> from <paramref name="produced"/> on: <see
    /// cref="BlockEnded"/> at its end of block, <see cref="Filled"/> when the output is full and what zlib decodes next
    /// is harmless, <see cref="Declined"/> otherwise. The bit buffer lives in locals here (the loop runs once per
    /// symbol): it is refilled to at least 57 bits, or to the end of the input block, before each symbol, which is
    /// enough for a literal/length code, its extra bits, a distance code and its extra bits (15 + 5 + 15 + 13 bits), so
    /// "fewer bits than needed" means the input block ended, as it does in zlib.
    /// </summary>
    private static int DecodeBlock(ref BitReader bits, Huffman lengths, Huffman distances, Span<byte> output, ref int produced)
    {
        ReadOnlySpan<byte> input = bits.Input;
        int position = bits.Position, count = bits.Count;
        ulong buffer = bits.Buffer;
        ushort[] lengthFast = lengths.Fast, distanceFast = distances.Fast;
        int lengthMask = lengths.FastMask, distanceMask = distances.FastMask;
        int at = produced;
        while (true)
        {
            Refill(input, ref position, ref buffer, ref count);

            int entry = lengthFast[(int)buffer & lengthMask], symbol, used;
            if (entry != 0)
            {
                used = entry & 15;
                symbol = entry >> 4;
            }
            else if ((symbol = lengths.DecodeLong(buffer, count, out used)) < 0)
            {
                return Declined;
            }

            if (used > count)
            {
                return Declined;
            }

            buffer >>= used;
            count -= used;
            if (symbol < 256)
            {
                output[at++] = (byte)symbol;
                if (at == output.Length)
                {
                    bits.Set(position, buffer, count);
                    return NextSymbolIsHarmless(ref bits, lengths, distances) ? Filled : Declined;
                }

                continue;
            }

            if (symbol == 256)
            {
                bits.Set(position, buffer, count);
                produced = at;
                return BlockEnded;
            }

            symbol -= 257;
            if (symbol >= LengthBase.Length)
            {
                return Declined;
            }

            int extra = LengthExtra[symbol];
            if (extra > count)
            {
                return Declined;
            }

            int length = LengthBase[symbol] + (int)(buffer & ((1UL << extra) - 1));
            buffer >>= extra;
            count -= extra;

            entry = distanceFast[(int)buffer & distanceMask];
            if (entry != 0)
            {
                used = entry & 15;
                symbol = entry >> 4;
            }
            else if ((symbol = distances.DecodeLong(buffer, count, out used)) < 0)
            {
                return Declined;
            }

            if (used > count || symbol >= DistanceBase.Length)
            {
                return Declined;
            }

            buffer >>= used;
            count -= used;
            extra = DistanceExtra[symbol];
            if (extra > count)
            {
                return Declined;
            }

            int distance = DistanceBase[symbol] + (int)(buffer & ((1UL << extra) - 1));
            buffer >>= extra;
            count -= extra;
            if (distance > at)
            {
                return Declined;
            }

            int take = Math.Min(length, output.Length - at);
            if (distance >= take)
            {
                output.Slice(at - distance, take).CopyTo(output[at..]);
                at += take;
            }
            else
            {
                for (int i = 0; i < take; i++, at++)
                {
                    output[at] = output[at - distance];
                }
            }

            if (at == output.Length)
            {
                if (take < length)
                {
                    return Filled;
                }

                bits.Set(position, buffer, count);
                return NextSymbolIsHarmless(ref bits, lengths, distances) ? Filled : Declined;
            }
        }
    }

    /// <summary>What zlib does after writing the last byte it has room for, in state LEN: decodes the next symbol (and
    /// for a length its distance) as far as the input block allows, then stops at LIT or MATCH. True when that raises no
    /// error and does not end the block (after which zlib would read the next block's header).</summary>
    private static bool NextSymbolIsHarmless(ref BitReader bits, Huffman lengths, Huffman distances)
    {
        int symbol = lengths.Decode(ref bits);
        if (symbol == OutOfInput || (uint)symbol < 256)
        {
            return true;
        }

        if (symbol is Invalid or 256 || symbol - 257 >= LengthExtra.Length)
        {
            return false;
        }

        if (!bits.Need(LengthExtra[symbol - 257]))
        {
            return true;
        }

        bits.Take(LengthExtra[symbol - 257]);
        int code = distances.Decode(ref bits);
        return code != Invalid && code < DistanceBase.Length;
    }

    /// <summary>A dynamic block's header (RFC 1951 3.2.7), built into <paramref name="tables"/>. False at anything zlib
    /// refuses, or does not build a complete code from, or when the input block ends first.</summary>
    private static bool ReadDynamic(ref BitReader reader, Scratch tables, bool fast)
    {
        // The bit buffer lives in locals, as in DecodeBlock: refilled to at least 57 bits (or the end of the input
        // block) before each step, and each step needs at most 7 + 7 bits, so fewer bits than needed means the input
        // block ended, as it does in zlib.
        ReadOnlySpan<byte> input = reader.Input;
        int position = reader.Position, count = reader.Count;
        ulong buffer = reader.Buffer;
        Refill(input, ref position, ref buffer, ref count);
        if (count < 14)
        {
            return false;
        }

        int nlen = (int)(buffer & 31) + 257;
        int ndist = (int)((buffer >> 5) & 31) + 1;
        int ncode = (int)((buffer >> 10) & 15) + 4;
        buffer >>= 14;
        count -= 14;
        if (nlen > 286 || ndist > 30)
        {
            return false;
        }

        Span<byte> codeLengths = stackalloc byte[19];
        codeLengths.Clear();
        for (int i = 0; i < ncode; i++)
        {
            Refill(input, ref position, ref buffer, ref count);
            if (count < 3)
            {
                return false;
            }

            codeLengths[CodeLengthOrder[i]] = (byte)(buffer & 7);
            buffer >>= 3;
            count -= 3;
        }

        var codeLengthCode = tables.CodeLengths;
        Span<int> codeLengthCounts = stackalloc int[MaxBits + 1];
        if (!codeLengthCode.Build(codeLengths, Huffman.Count(codeLengths, codeLengthCounts)))
        {
            return false;
        }

        // A complete code of at most 7 bits: every entry of its 7-bit table holds a symbol.
        ushort[] codeLengthFast = codeLengthCode.Fast;
        int codeLengthMask = codeLengthCode.FastMask;

        // The counts per length of both codes are kept as the lengths are decoded (a repeat may cross from one to the
        // other), rather than counted again from the lengths.
        Span<byte> lengths = tables.LengthBytes;
        Span<int> lengthCounts = tables.LengthCounts, distanceCounts = tables.DistanceCounts;
        lengthCounts.Clear();
        distanceCounts.Clear();
        int total = nlen + ndist, have = 0;
        while (have < total)
        {
            Refill(input, ref position, ref buffer, ref count);
            int entry = codeLengthFast[(int)buffer & codeLengthMask];
            int used = entry & 15, symbol = entry >> 4;
            if (entry == 0 || used > count)
            {
                return false;
            }

            buffer >>= used;
            count -= used;
            if (symbol < 16)
            {
                (have < nlen ? lengthCounts : distanceCounts)[symbol]++;
                lengths[have++] = (byte)symbol;
                continue;
            }

            // 16: repeat the previous length 3-6 times (2 bits); 17: 3-10 zeros (3 bits); 18: 11-138 zeros (7 bits).
            int extra = symbol == 16 ? 2 : symbol == 17 ? 3 : 7;
            if (extra > count || (symbol == 16 && have == 0))
            {
                return false;
            }

            int repeat = (symbol == 18 ? 11 : 3) + (int)(buffer & ((1UL << extra) - 1));
            buffer >>= extra;
            count -= extra;
            int value = symbol == 16 ? lengths[have - 1] : 0;
            if (have + repeat > total)
            {
                return false;
            }

            lengths.Slice(have, repeat).Fill((byte)value);
            int inLengths = Math.Max(0, Math.Min(have + repeat, nlen) - have);
            lengthCounts[value] += inLengths;
            distanceCounts[value] += repeat - inLengths;
            have += repeat;
        }

        reader.Set(position, buffer, count);

        // zlib: "invalid code -- missing end-of-block"; then both codes must be complete.
        return lengths[256] != 0
            && tables.Lengths.Build(lengths[..nlen], lengthCounts, fast)
            && tables.Distances.Build(lengths.Slice(nlen, ndist), distanceCounts, fast);
    }

    /// <summary>Pulls whole bytes into the bit buffer while they fit (to at least 57 bits) and the input block has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Refill(ReadOnlySpan<byte> input, ref int position, ref ulong buffer, ref int count)
    {
        if (count > 56)
        {
            return;
        }

        if (position + 8 <= input.Length)
        {
            buffer |= BinaryPrimitives.ReadUInt64LittleEndian(input[position..]) << count;
            position += (63 - count) >> 3;
            count |= 56;
            return;
        }

        while (count <= 56 && position < input.Length)
        {
            buffer |= (ulong)input[position++] << count;
            count += 8;
        }
    }

    private static Huffman BuildFixed(int symbols, int fastBits)
    {
        var lengths = new byte[symbols];
        if (symbols == 288)
        {
            lengths.AsSpan(0, 144).Fill(8);
            lengths.AsSpan(144, 112).Fill(9);
            lengths.AsSpan(256, 24).Fill(7);
            lengths.AsSpan(280, 8).Fill(8);
        }
        else
        {
            lengths.AsSpan().Fill(5);
        }

        var code = new Huffman(fastBits, symbols);
        code.Build(lengths, Huffman.Count(lengths, new int[MaxBits + 1]), allowIncomplete: true);
        return code;
    }

    /// <summary>One thread's tables for dynamic blocks, kept between calls.</summary>
    private sealed class Scratch
    {
        public readonly Huffman Lengths = new(9, 288);
        public readonly Huffman Distances = new(8, 32);
        public readonly Huffman CodeLengths = new(7, 19);
        public readonly byte[] LengthBytes = new byte[288 + 32];
        public readonly int[] LengthCounts = new int[MaxBits + 1];
        public readonly int[] DistanceCounts = new int[MaxBits + 1];
    }
}
