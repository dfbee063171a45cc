using System.Buffers.Binary;
using System.Text;
using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// The <c>~w</c> text of an Attr or CInf chunk written straight from its external-format bytes, as ASCII, without
/// decoding a term: for the plain shapes the compiler writes there (tuples, proper lists, strings, small integers and
/// ASCII atoms), which is nearly every module. Anything else (floats, bignums, binaries, maps, non-ASCII atoms,
/// improper lists, COMPRESSED, a truncated or otherwise odd encoding, a term near the decode limits) makes it answer
/// false, and the caller decodes the chunk with <see cref="TermReader"/> and prints it with <see cref="TermWriter"/> as
/// before, so any diagnostic is the decoder's. Where it answers true the text is exactly what those two produce, and
/// the decoder would have raised nothing: a plain term within the limits always decodes. Decoding the two chunks into
/// terms and printing them was about a seventh of <c>info --json</c> over the OTP tree (benchmarks/README.md, compare.sh).
/// </summary>
public static partial class PlainTermText
{
    /// <summary>Nesting beyond this is left to the decoder (which enforces <see cref="TermReaderOptions.MaxDepth"/>).</summary>
    private const int MaxPlainDepth = 64;

    /// <summary>Attribute lists longer than this are left to the decoder and <see cref="AttributeList.Merge"/>.</summary>
    private const int MaxPlainAttributes = 4096;

    /// <summary>Attribute lists up to this long are sorted on the stack, longer ones in arrays (the parsers yecc
    /// generates have hundreds of <c>-compile</c> attributes: erl_parse 825).</summary>
    private const int MaxStackAttributes = 64;

    /// <summary><c>~w</c> of the chunk's term (as <see cref="BeamFile.DecodeTermChunk"/> decodes it; <c>[]</c> when the
    /// chunk is absent) into <paramref name="text"/> from position 0; false when the term is not plain.</summary>
    public static bool TryWrite(Chunk? chunk, ref byte[] text, out int length)
    {
        var w = new Writer(text);
        bool ok = chunk is null ? w.Append("[]"u8) : TryWriteTop(chunk.Data.Span, ref w, attributes: false);
        text = w.Buffer;
        length = w.Length;
        return ok;
    }

    /// <summary>As <see cref="TryWrite"/>, for one external-format term (version byte first), such as a literal-table
    /// entry, written at <paramref name="start"/> of <paramref name="text"/>; <paramref name="end"/> is where it ends.</summary>
    internal static bool TryWriteTerm(ReadOnlySpan<byte> term, ref byte[] text, int start, out int end)
    {
        var w = new Writer(text, start);
        bool ok = TryWriteTop(term, ref w, attributes: false);
        text = w.Buffer;
        end = w.Length;
        return ok;
    }

    /// <summary>As <see cref="TryWrite"/>, for the attribute list as <see cref="AttributeList.Merge"/> leaves it:
    /// <c>{Key, Value}</c> pairs sorted by key. A list with a repeated key (whose values Merge appends) is not plain.</summary>
    public static bool TryWriteAttributes(Chunk? chunk, ref byte[] text, out int length)
    {
        var w = new Writer(text);
        bool ok = chunk is null ? w.Append("[]"u8) : TryWriteTop(chunk.Data.Span, ref w, attributes: true);
        text = w.Buffer;
        length = w.Length;
        return ok;
    }

    /// <summary>The text of a string-valued entry of a plain CInf list, as <see cref="ModuleSummary.CompileInfoText"/>
    /// finds it (the first <c>{Key, _}</c> pair decides); false when that needs the decoder (the value is neither a
    /// STRING_EXT nor <c>[]</c>, or the term is not a plain list). Only meaningful after <see cref="TryWrite"/>
    /// answered true for the same chunk.</summary>
    public static bool TryGetString(Chunk? chunk, string key, out string? value)
    {
        value = null;
        if (chunk is null)
        {
            return true;
        }

        var data = chunk.Data.Span;
        if (data.Length < 2 || data[1] == 106)
        {
            // [] is not a list of pairs: no entry.
            return data.Length >= 2;
        }

        if (data[1] != 108 || data.Length < 6)
        {
            return false;
        }

        int count = (int)BinaryPrimitives.ReadUInt32BigEndian(data[2..]);
        int p = 6;
        for (int i = 0; i < count; i++)
        {
            int start = p;
            if (!Skip(data, ref p, 0))
            {
                return false;
            }

            if (data[start] == 105)
            {
                // A LARGE_TUPLE_EXT pair is a pair too: the decoder's business.
                return false;
            }

            // {Key, Value}: 104 2, an atom, then the value (Skip has checked that all of it is there).
            if (data[start] == 104 && data[start + 1] == 2 && AtomAt(data, start + 2, out var name, out int valueAt) &&
                Ascii.Equals(name, key))
            {
                if (data[valueAt] == 106)
                {
                    value = "";
                    return true;
                }

                if (data[valueAt] == 107)
                {
                    int n = BinaryPrimitives.ReadUInt16BigEndian(data[(valueAt + 1)..]);
                    value = Encoding.Latin1.GetString(data.Slice(valueAt + 3, n));
                    return true;
                }

                return false;
            }
        }

        return true;
    }

    /// <summary>An ASCII atom (any of the four atom tags) at <paramref name="at"/>: its name, and where what follows it
    /// starts.</summary>
    private static bool AtomAt(ReadOnlySpan<byte> data, int at, out ReadOnlySpan<byte> name, out int after)
    {
        name = default;
        after = 0;
        if (at >= data.Length)
        {
            return false;
        }

        int length, start;
        switch (data[at])
        {
            case 115 or 119 when at + 1 < data.Length:
                length = data[at + 1];
                start = at + 2;
                break;
            case 100 or 118 when at + 2 < data.Length:
                length = BinaryPrimitives.ReadUInt16BigEndian(data[(at + 1)..]);
                start = at + 3;
                break;
            default:
                return false;
        }

        if (length == 0 || length > 255 || start + length > data.Length || !Ascii.IsValid(data.Slice(start, length)))
        {
            return false;
        }

        name = data.Slice(start, length);
        after = start + length;
        return true;
    }

    /// <summary>Moves past one plain term without writing it; false when it is not plain.</summary>
    private static bool Skip(ReadOnlySpan<byte> data, ref int p, int depth)
    {
        var none = new Writer(null);
        return Write(data, ref p, ref none, depth);
    }

    /// <summary>Writes one plain term at <paramref name="p"/> as TermWriter does and moves past it.</summary>
    private static bool Write(ReadOnlySpan<byte> data, ref int p, ref Writer w, int depth)
    {
        if (depth > MaxPlainDepth || p >= data.Length)
        {
            return false;
        }

        byte tag = data[p];
        switch (tag)
        {
            case 97 when p + 1 < data.Length:
                p += 2;
                return w.Integer(data[p - 1]);
            case 98 when p + 4 < data.Length:
                p += 5;
                return w.Integer(BinaryPrimitives.ReadInt32BigEndian(data[(p - 4)..]));
            case 110 when p + 2 < data.Length:
            {
                // SMALL_BIG_EXT: length, sign, little-endian digits. Up to 128 bits (the default -vsn, an MD5 as an
                // integer, is one of these in nearly every module's attributes).
                int n = data[p + 1];
                if (n > 16 || n > TermReaderOptions.Default.MaxBignumBytes || p + 3 + n > data.Length)
                {
                    return false;
                }

                bool negative = data[p + 2] != 0;
                UInt128 magnitude = 0;
                for (int i = n - 1; i >= 0; i--)
                {
                    magnitude = (magnitude << 8) | data[p + 3 + i];
                }

                p += 3 + n;
                return w.Integer(magnitude, negative && magnitude != 0);
            }

            case 106:
                p++;
                return w.Append("[]"u8);
            case 107 when p + 2 < data.Length:
            {
                int n = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 1)..]);
                if (p + 3 + n > data.Length)
                {
                    return false;
                }

                var chars = data.Slice(p + 3, n);
                p += 3 + n;
                if (n == 0)
                {
                    return w.Append("[]"u8);
                }

                return w.String(chars);
            }

            case 104 or 105:
            {
                int arity;
                if (tag == 104 && p + 1 < data.Length)
                {
                    arity = data[p + 1];
                    p += 2;
                }
                else if (tag == 105 && p + 4 < data.Length)
                {
                    arity = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[(p + 1)..]), int.MaxValue);
                    p += 5;
                }
                else
                {
                    return false;
                }

                if (arity > data.Length - p)
                {
                    return false;
                }

                if (!w.Append((byte)'{'))
                {
                    return false;
                }

                for (int i = 0; i < arity; i++)
                {
                    if ((i > 0 && !w.Append((byte)',')) || !Write(data, ref p, ref w, depth + 1))
                    {
                        return false;
                    }
                }

                return w.Append((byte)'}');
            }

            case 108 when p + 4 < data.Length:
            {
                long count = BinaryPrimitives.ReadUInt32BigEndian(data[(p + 1)..]);
                p += 5;
                if (count == 0 || count > data.Length - p || !w.Append((byte)'['))
                {
                    return false;
                }

                for (int i = 0; i < count; i++)
                {
                    if ((i > 0 && !w.Append((byte)',')) || !Write(data, ref p, ref w, depth + 1))
                    {
                        return false;
                    }
                }

                // Only proper lists: a tail that is another list or anything else prints differently.
                if (p >= data.Length || data[p] != 106)
                {
                    return false;
                }

                p++;
                return w.Append((byte)']');
            }

            case 100 or 115 or 118 or 119:
            {
                if (!AtomAt(data, p, out var name, out int after))
                {
                    return false;
                }

                p = after;
                return w.Atom(name);
            }

            default:
                return false;
        }
    }
}
