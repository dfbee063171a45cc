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
internal static class ZlibPrefix
{
    /// <summary>What System.IO.Compression's DeflateStream reads from its input at a time (DefaultBufferSize).</summary>
    public const int InputBlock = 8192;

    private const int MaxBits = 15;

    // RFC 1951 3.2.5: base lengths and extra bits of length symbols 257..285, base distances and extra bits of 0..29.
    private static ReadOnlySpan<short> LengthBase => [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258];

    private static ReadOnlySpan<byte> LengthExtra => [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];

    private static ReadOnlySpan<ushort> DistanceBase => [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577];

    private static ReadOnlySpan<byte> DistanceExtra => [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];

    // RFC 1951 3.2.7: the order in which code length code lengths are sent.
    private static ReadOnlySpan<byte> CodeLengthOrder => [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

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

        var bits = new BitReader(zlib[..Math.Min(zlib.Length, InputBlock)], 2);
        Span<short> lengthCount = stackalloc short[MaxBits + 1];
        Span<short> lengthSymbol = stackalloc short[288];
        Span<short> distanceCount = stackalloc short[MaxBits + 1];
        Span<short> distanceSymbol = stackalloc short[32];
        Span<byte> lengths = stackalloc byte[288 + 32];
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

            int lengthMax, distanceMax;
            if (type == 1)
            {
                FixedLengths(lengths);
                if (Build(lengths[..288], lengthCount, lengthSymbol, out lengthMax) != 0)
                {
                    return false;
                }

                // 30 codes of 5 bits: incomplete (32 would be), 30 and 31 decode as invalid, as in zlib's fixed table.
                lengths.Slice(288, 30).Fill(5);
                if (Build(lengths.Slice(288, 30), distanceCount, distanceSymbol, out distanceMax) <= 0)
                {
                    return false;
                }
            }
            else if (type == 2)
            {
                if (!ReadDynamic(ref bits, lengths, out int nlen, out int ndist)
                    || Build(lengths[..nlen], lengthCount, lengthSymbol, out lengthMax) != 0
                    || Build(lengths.Slice(nlen, ndist), distanceCount, distanceSymbol, out distanceMax) != 0)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            while (true)
            {
                int symbol = Decode(ref bits, lengthCount, lengthSymbol, lengthMax);
                if (symbol < 0)
                {
                    return false;
                }

                if (symbol < 256)
                {
                    output[produced++] = (byte)symbol;
                    if (produced == output.Length)
                    {
                        return NextSymbolIsHarmless(ref bits, lengthCount, lengthSymbol, lengthMax, distanceCount, distanceSymbol, distanceMax);
                    }

                    continue;
                }

                if (symbol == 256)
                {
                    break;
                }

                if (!ReadMatch(ref bits, symbol, distanceCount, distanceSymbol, distanceMax, out int length, out int distance) || distance > produced)
                {
                    return false;
                }

                int take = Math.Min(length, output.Length - produced);
                for (int i = 0; i < take; i++, produced++)
                {
                    output[produced] = output[produced - distance];
                }

                if (produced == output.Length)
                {
                    return take < length
                        || NextSymbolIsHarmless(ref bits, lengthCount, lengthSymbol, lengthMax, distanceCount, distanceSymbol, distanceMax);
                }
            }
        }

        // The stream ended before the buffer was full: ZLibStream then checks the trailer, and rewinds its input.
        return false;
    }

    /// <summary>What zlib does after writing the last byte it has room for, in state LEN: decodes the next symbol (and
    /// for a length its distance) as far as the input block allows, then stops at LIT or MATCH. True when that raises no
    /// error and does not end the block (after which zlib would read the next block's header).</summary>
    private static bool NextSymbolIsHarmless(
        scoped ref BitReader bits, scoped Span<short> lengthCount, scoped Span<short> lengthSymbol, int lengthMax,
        scoped Span<short> distanceCount, scoped Span<short> distanceSymbol, int distanceMax)
    {
        int symbol = Decode(ref bits, lengthCount, lengthSymbol, lengthMax);
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
        int code = Decode(ref bits, distanceCount, distanceSymbol, distanceMax);
        return code != Invalid && code < DistanceBase.Length;
    }

    /// <summary>A length symbol's length and the distance after it; false at an invalid symbol or code, or when the
    /// input block ends first.</summary>
    private static bool ReadMatch(
        scoped ref BitReader bits, int symbol, scoped Span<short> distanceCount, scoped Span<short> distanceSymbol, int distanceMax,
        out int length, out int distance)
    {
        length = distance = 0;
        symbol -= 257;
        if (symbol >= LengthBase.Length || !bits.Need(LengthExtra[symbol]))
        {
            return false;
        }

        length = LengthBase[symbol] + bits.Take(LengthExtra[symbol]);
        int code = Decode(ref bits, distanceCount, distanceSymbol, distanceMax);
        if (code < 0 || code >= DistanceBase.Length || !bits.Need(DistanceExtra[code]))
        {
            return false;
        }

        distance = DistanceBase[code] + bits.Take(DistanceExtra[code]);
        return true;
    }

    /// <summary>A dynamic block's header (RFC 1951 3.2.7) into <paramref name="lengths"/>: nlen literal/length code
    /// lengths, then ndist distance code lengths. False at anything zlib refuses or does not build a complete code from.</summary>
    private static bool ReadDynamic(scoped ref BitReader bits, scoped Span<byte> lengths, out int nlen, out int ndist)
    {
        nlen = ndist = 0;
        if (!bits.Need(14))
        {
            return false;
        }

        nlen = bits.Take(5) + 257;
        ndist = bits.Take(5) + 1;
        int ncode = bits.Take(4) + 4;
        if (nlen > 286 || ndist > 30)
        {
            return false;
        }

        Span<byte> codeLengths = stackalloc byte[19];
        codeLengths.Clear();
        for (int i = 0; i < ncode; i++)
        {
            if (!bits.Need(3))
            {
                return false;
            }

            codeLengths[CodeLengthOrder[i]] = (byte)bits.Take(3);
        }

        Span<short> count = stackalloc short[MaxBits + 1];
        Span<short> symbols = stackalloc short[19];
        if (Build(codeLengths, count, symbols, out int max) != 0)
        {
            return false;
        }

        int total = nlen + ndist, have = 0;
        while (have < total)
        {
            int symbol = Decode(ref bits, count, symbols, max);
            if (symbol < 0)
            {
                return false;
            }

            if (symbol < 16)
            {
                lengths[have++] = (byte)symbol;
                continue;
            }

            int repeat, value = 0;
            if (symbol == 16)
            {
                if (have == 0 || !bits.Need(2))
                {
                    return false;
                }

                value = lengths[have - 1];
                repeat = 3 + bits.Take(2);
            }
            else if (symbol == 17)
            {
                if (!bits.Need(3))
                {
                    return false;
                }

                repeat = 3 + bits.Take(3);
            }
            else
            {
                if (!bits.Need(7))
                {
                    return false;
                }

                repeat = 11 + bits.Take(7);
            }

            if (have + repeat > total)
            {
                return false;
            }

            lengths.Slice(have, repeat).Fill((byte)value);
            have += repeat;
        }

        // zlib: "invalid code -- missing end-of-block".
        return lengths[256] != 0;
    }

    private static void FixedLengths(Span<byte> lengths)
    {
        lengths[..144].Fill(8);
        lengths[144..256].Fill(9);
        lengths[256..280].Fill(7);
        lengths[280..288].Fill(8);
    }

    /// <summary>Canonical Huffman code from code lengths (RFC 1951 3.2.2), as counts per length and symbols in code
    /// order. Returns 0 for a complete code, more for an incomplete one (or none at all), less for an over-subscribed one.</summary>
    private static int Build(ReadOnlySpan<byte> lengths, Span<short> count, Span<short> symbol, out int max)
    {
        count.Clear();
        foreach (byte length in lengths)
        {
            count[length]++;
        }

        max = 0;
        if (count[0] == lengths.Length)
        {
            return 1;
        }

        int left = 1;
        for (int length = 1; length <= MaxBits; length++)
        {
            left = (left << 1) - count[length];
            if (left < 0)
            {
                return left;
            }

            if (count[length] != 0)
            {
                max = length;
            }
        }

        Span<short> offsets = stackalloc short[MaxBits + 2];
        offsets[1] = 0;
        for (int length = 1; length < MaxBits; length++)
        {
            offsets[length + 1] = (short)(offsets[length] + count[length]);
        }

        for (int s = 0; s < lengths.Length; s++)
        {
            if (lengths[s] != 0)
            {
                symbol[offsets[lengths[s]]++] = (short)s;
            }
        }

        return left;
    }

    private const int OutOfInput = -1;
    private const int Invalid = -2;

    /// <summary>The next symbol of a canonical code, a bit at a time (codes are sent most significant bit first); <see
    /// cref="OutOfInput"/> when the block ends first, <see cref="Invalid"/> for a bit string no symbol has (only in an
    /// incomplete code, decided after <paramref name="max"/> bits as zlib's tables do).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Decode(scoped ref BitReader bits, scoped ReadOnlySpan<short> count, scoped ReadOnlySpan<short> symbol, int max)
    {
        int code = 0, first = 0, index = 0;
        for (int length = 1; length <= max; length++)
        {
            if (!bits.Need(1))
            {
                return OutOfInput;
            }

            code |= bits.Take(1);
            int c = count[length];
            if (code - c < first)
            {
                return symbol[index + (code - first)];
            }

            index += c;
            first = (first + c) << 1;
            code <<= 1;
        }

        return Invalid;
    }

    /// <summary>Bits least significant first, pulled a byte at a time only when needed, as zlib's NEEDBITS and
    /// PULLBYTE do, so that running out of input happens where it does in zlib.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> input, int position)
    {
        private readonly ReadOnlySpan<byte> _input = input;
        private int _position = position;
        private ulong _buffer;
        private int _count;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Need(int n)
        {
            while (_count < n)
            {
                if (_position >= _input.Length)
                {
                    return false;
                }

                _buffer |= (ulong)_input[_position++] << _count;
                _count += 8;
            }

            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Take(int n)
        {
            int value = (int)(_buffer & ((1UL << n) - 1));
            _buffer >>= n;
            _count -= n;
            return value;
        }

        /// <summary>A stored block's LEN after its NLEN check, from the next byte boundary.</summary>
        public bool TryStored(out int length)
        {
            // Every Need is followed by a Take of as many bits, so fewer than 8 are left: all padding.
            _buffer = 0;
            _count = 0;
            length = 0;
            if (_position + 4 > _input.Length)
            {
                return false;
            }

            length = _input[_position] | (_input[_position + 1] << 8);
            int complement = _input[_position + 2] | (_input[_position + 3] << 8);
            _position += 4;
            return length == (~complement & 0xFFFF);
        }

        public bool TryCopy(Span<byte> into)
        {
            if (_position + into.Length > _input.Length)
            {
                return false;
            }

            _input.Slice(_position, into.Length).CopyTo(into);
            _position += into.Length;
            return true;
        }
    }
}
