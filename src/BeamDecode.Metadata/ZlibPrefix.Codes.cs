using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace BeamDecode.Metadata;

internal static partial class ZlibPrefix
{
    /// <summary>Bytes with their bits reversed, for turning canonical codes (sent most significant bit first) into the
    /// order the bit reader delivers them.</summary>
    private static readonly byte[] Reversed = BuildReversed();

    private static byte[] BuildReversed()
    {
        var table = new byte[256];
        for (int i = 0; i < 256; i++)
        {
            int r = 0;
            for (int b = 0; b < 8; b++)
            {
                r |= ((i >> b) & 1) << (7 - b);
            }

            table[i] = (byte)r;
        }

        return table;
    }

    /// <summary>
    /// A canonical Huffman code (RFC 1951 3.2.2): a lookup table indexed by the next <c>fastBits</c> input bits for codes
    /// up to that long (entry: symbol &lt;&lt; 4 | length, 0 for a longer code), and counts per length with the symbols
    /// in code order for the longer ones, decoded a bit at a time.
    /// </summary>
    private sealed class Huffman(int fastBits, int symbols)
    {
        private readonly ushort[] _fast = new ushort[1 << fastBits];
        private readonly short[] _count = new short[MaxBits + 1];
        private readonly short[] _symbol = new short[symbols];
        private int _max;
        private int _fastMask;

        /// <summary>How many of <paramref name="lengths"/> are 0, 1, ... 15, into <paramref name="count"/>.</summary>
        public static Span<int> Count(ReadOnlySpan<byte> lengths, Span<int> count)
        {
            count.Clear();
            foreach (byte length in lengths)
            {
                count[length]++;
            }

            return count;
        }

        /// <summary>Builds the code from code lengths and their <paramref name="count"/> per length; false for an over-subscribed code, a code with no symbols, or
        /// (unless <paramref name="allowIncomplete"/>) an incomplete one. Without <paramref name="fast"/> only the
        /// counts and symbols are built, and every symbol is decoded a bit at a time (for a peek of a few bytes).</summary>
        public bool Build(ReadOnlySpan<byte> lengths, ReadOnlySpan<int> count, bool fast = true, bool allowIncomplete = false)
        {
            if (count[0] == lengths.Length)
            {
                return false;
            }

            int left = 1;
            _max = 0;
            Span<int> next = stackalloc int[MaxBits + 2];
            Span<int> offsets = stackalloc int[MaxBits + 2];
            offsets.Clear();
            int code = 0;
            for (int length = 1; length <= MaxBits; length++)
            {
                int c = count[length];
                _count[length] = (short)c;
                left = (left << 1) - c;
                if (left < 0)
                {
                    return false;
                }

                if (c != 0)
                {
                    _max = length;
                }

                code = (code + (length == 1 ? 0 : count[length - 1])) << 1;
                next[length] = code;
                offsets[length + 1] = offsets[length] + c;
            }

            if (left != 0 && !allowIncomplete)
            {
                return false;
            }

            var symbols = _symbol.AsSpan();
            for (int s = 0; s < lengths.Length; s++)
            {
                if (lengths[s] != 0)
                {
                    symbols[offsets[lengths[s]]++] = (short)s;
                }
            }

            if (!fast)
            {
                // Every lookup then reads entry 0, which says "decode a bit at a time".
                _fastMask = 0;
                _fast[0] = 0;
                return true;
            }

            // The table is filled a code length at a time, in canonical order (symbols is sorted by length): the codes
            // of length L are written at their bit-reversed index in a table of 2^L entries, which is then doubled (a
            // copy) so that each repeats over the index bits above it. A complete code then covers every index, by a
            // code of at most fastBits bits or as the first fastBits bits of a longer code (entry 0, decoded a bit at a
            // time, written last); an incomplete one leaves holes, so its table is cleared first.
            var table = _fast.AsSpan();
            if (left != 0)
            {
                table.Clear();
            }

            _fastMask = table.Length - 1;
            int at = 0, size = 1;
            for (int length = 1; length <= fastBits; length++)
            {
                table[..size].CopyTo(table.Slice(size, size));
                size <<= 1;
                int first = next[length];
                for (int k = 0, n = count[length]; k < n; k++, at++)
                {
                    int c = first + k;
                    int reversed = ((Reversed[c & 0xFF] << 8) | Reversed[(c >> 8) & 0xFF]) >> (16 - length);
                    table[reversed] = (ushort)((symbols[at] << 4) | length);
                }
            }

            for (int length = fastBits + 1; length <= _max; length++)
            {
                int first = next[length];
                for (int k = 0, n = count[length]; k < n; k++)
                {
                    int c = first + k;
                    int reversed = ((Reversed[c & 0xFF] << 8) | Reversed[(c >> 8) & 0xFF]) >> (16 - length);
                    table[reversed & _fastMask] = 0;
                }
            }

            return true;
        }

        /// <summary>The next symbol; <see cref="OutOfInput"/> when the input block ends before its last bit,
        /// <see cref="Invalid"/> for a bit string no symbol has (only in the incomplete fixed distance code, decided
        /// after its length, as zlib's table does).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Decode(ref BitReader bits)
        {
            bits.Fill();
            ulong buffer = bits.Buffer;
            int available = bits.Count;
            int entry = _fast[(int)buffer & _fastMask];
            if (entry != 0)
            {
                int length = entry & 15;
                if (length > available)
                {
                    return OutOfInput;
                }

                bits.Drop(length);
                return entry >> 4;
            }

            int symbol = DecodeLong(buffer, available, out int used);
            if (symbol >= 0)
            {
                bits.Drop(used);
            }

            return symbol;
        }

        /// <summary>The lookup table and its index mask, for a decoding loop that keeps the bit buffer in locals.</summary>
        public ushort[] Fast => _fast;

        public int FastMask => _fastMask;

        /// <summary>The symbol whose code starts the <paramref name="available"/> bits of <paramref name="buffer"/>,
        /// a bit at a time, and its length in <paramref name="used"/>: for codes longer than the lookup table.</summary>
        public int DecodeLong(ulong buffer, int available, out int used)
        {
            int code = 0, first = 0, index = 0;
            used = 0;
            for (int length = 1; length <= _max; length++)
            {
                if (length > available)
                {
                    return OutOfInput;
                }

                code |= (int)(buffer >> (length - 1)) & 1;
                int c = _count[length];
                if (code - c < first)
                {
                    used = length;
                    return _symbol[index + (code - first)];
                }

                index += c;
                first = (first + c) << 1;
                code <<= 1;
            }

            return Invalid;
        }
    }

    /// <summary>Bits least significant first. Which bytes are pulled ahead does not matter: zlib stops for input only
    /// when the bits a step needs are not in the block, and that is what <see cref="Need"/> and the decoders answer.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> input, int position)
    {
        private readonly ReadOnlySpan<byte> _input = input;
        private int _position = position;
        private ulong _buffer;
        private int _count;

        public readonly ulong Buffer => _buffer;

        public readonly int Count => _count;

        public readonly ReadOnlySpan<byte> Input => _input;

        public readonly int Position => _position;

        /// <summary>Takes back the state of a loop that worked on a copy in locals.</summary>
        public void Set(int position, ulong buffer, int count)
        {
            _position = position;
            _buffer = buffer;
            _count = count;
        }

        /// <summary>Pulls whole bytes into the buffer while they fit and the block has them (<see cref="Refill"/>, which
        /// the decoding loops call on their local copies).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Fill() => Refill(_input, ref _position, ref _buffer, ref _count);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool Need(int n)
        {
            if (_count < n)
            {
                Fill();
            }

            return _count >= n;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Drop(int n)
        {
            _buffer >>= n;
            _count -= n;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public int Take(int n)
        {
            int value = (int)(_buffer & ((1UL << n) - 1));
            _buffer >>= n;
            _count -= n;
            return value;
        }

        /// <summary>A stored block's LEN after its NLEN check, from the next byte boundary (whole bytes pulled ahead
        /// are given back).</summary>
        public bool TryStored(out int length)
        {
            _position -= _count >> 3;
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
