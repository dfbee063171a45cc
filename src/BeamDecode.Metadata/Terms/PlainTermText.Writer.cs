using System.Buffers.Binary;

namespace BeamDecode.Metadata.Terms;

public static partial class PlainTermText
{
    /// <summary>Per byte value, its decimal digits followed by a comma, little-endian in a uint (at most "255,"): the
    /// element of a STRING_EXT printed as TermWriter prints it, a list of integers.</summary>
    private static readonly uint[] StringElements = BuildStringElements();

    private static uint[] BuildStringElements()
    {
        var table = new uint[256];
        Span<byte> text = stackalloc byte[4];
        for (int c = 0; c < 256; c++)
        {
            text.Clear();
            int n = DecimalText.Write(text, (uint)c);
            text[n] = (byte)',';
            table[c] = BinaryPrimitives.ReadUInt32LittleEndian(text);
        }

        return table;
    }

    /// <summary>ASCII output into a growable array; a null array only measures (for skipping).</summary>
    private ref struct Writer
    {
        private readonly bool _measure;

        public Writer(byte[]? buffer)
        {
            _measure = buffer is null;
            Buffer = buffer ?? [];
            Length = 0;
        }

        /// <summary>Appends to <paramref name="buffer"/> after its first <paramref name="start"/> bytes, which are kept.</summary>
        public Writer(byte[] buffer, int start)
        {
            _measure = false;
            Buffer = buffer;
            Length = start;
        }

        public byte[] Buffer { get; private set; }

        public int Length { get; private set; }

        public bool Append(scoped ReadOnlySpan<byte> ascii)
        {
            if (_measure)
            {
                return true;
            }

            Ensure(ascii.Length);
            ascii.CopyTo(Buffer.AsSpan(Length));
            Length += ascii.Length;
            return true;
        }

        /// <summary>One ASCII character (the brackets and commas of lists and tuples).</summary>
        public bool Append(byte ascii)
        {
            if (_measure)
            {
                return true;
            }

            Ensure(1);
            Buffer[Length] = ascii;
            Length++;
            return true;
        }

        public bool Integer(int value)
        {
            if (_measure)
            {
                return true;
            }

            Ensure(11);
            var into = Buffer.AsSpan(Length);
            if (value < 0)
            {
                into[0] = (byte)'-';
                Length += 1 + DecimalText.Write(into[1..], (uint)-(long)value);
            }
            else
            {
                Length += DecimalText.Write(into, (uint)value);
            }

            return true;
        }

        public bool Integer(UInt128 magnitude, bool negative)
        {
            Span<byte> digits = stackalloc byte[41];
            digits[0] = (byte)'-';
            magnitude.TryFormat(digits[1..], out int n, default, System.Globalization.CultureInfo.InvariantCulture);
            return Append(negative ? digits[..(n + 1)] : digits.Slice(1, n));
        }

        /// <summary>A non-empty STRING_EXT's bytes as TermWriter prints them, a list of integers: <c>[104,105]</c>.</summary>
        public bool String(ReadOnlySpan<byte> chars)
        {
            if (_measure)
            {
                return true;
            }

            // Each element is written as four bytes ("255," or "7,\0\0") and the next starts after its comma.
            Ensure(1 + (4 * chars.Length));
            var buffer = Buffer.AsSpan();
            int at = Length;
            buffer[at++] = (byte)'[';
            var elements = StringElements;
            foreach (byte c in chars)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer[at..], elements[c]);
                at += c < 10 ? 2 : c < 100 ? 3 : 4;
            }

            buffer[at - 1] = (byte)']';
            Length = at;
            return true;
        }

        /// <summary>An atom of printable ASCII as TermWriter writes it, bare or quoted (<see cref="TermWriter.TryWriteAsciiAtom"/>);
        /// false for any other byte (left to it).</summary>
        public bool Atom(ReadOnlySpan<byte> name)
        {
            if (_measure)
            {
                foreach (byte c in name)
                {
                    if (c is < (byte)' ' or > (byte)'~')
                    {
                        return false;
                    }
                }

                return true;
            }

            if (IsBare(name))
            {
                return Append(name);
            }

            Ensure((2 * name.Length) + 2);
            if (!TermWriter.TryWriteAsciiAtom(name, Buffer.AsSpan(Length), out int written))
            {
                return false;
            }

            Length += written;
            return true;
        }

        /// <summary>The common case of <see cref="TermWriter.IsBareAsciiAtom"/> (which decides the rest): a lower-case
        /// letter, then letters, digits, _ and @, and no reserved word.</summary>
        private static bool IsBare(ReadOnlySpan<byte> name)
        {
            if (name[0] is < (byte)'a' or > (byte)'z')
            {
                return false;
            }

            foreach (byte c in name)
            {
                if (!(c is (>= (byte)'a' and <= (byte)'z') or (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9') or (byte)'_' or (byte)'@'))
                {
                    return false;
                }
            }

            return name.Length > 7 || TermWriter.IsBareAsciiAtom(name);
        }

        /// <summary>Room for <paramref name="more"/> bytes after <see cref="Length"/>; the growing out of line.</summary>
        private void Ensure(int more)
        {
            if (Buffer.Length - Length < more)
            {
                Grow(more);
            }
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
        private void Grow(int more)
        {
            var bigger = new byte[Math.Max(Buffer.Length * 2, Length + more + 256)];
            Buffer.AsSpan(0, Length).CopyTo(bigger);
            Buffer = bigger;
        }
    }
}
