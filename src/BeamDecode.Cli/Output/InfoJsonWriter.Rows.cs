using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Cli.Output;

/// <summary>
/// The rows of the export, import and local tables (nearly all of the document: about 110,000 of them over the OTP
/// tree) written whole into one span of the buffer, with the integers formatted in place (<see cref="Decimal"/>),
/// instead of a buffer call per property; a row whose names need escaping is written field by field as before. The
/// bytes are the same either way.
/// </summary>
internal static partial class InfoJsonWriter
{
    /// <summary>Room a row needs besides its names: the property names, punctuation and two integers.</summary>
    private const int RowRoom = 128;

    /// <summary>Per byte value, 0 when a JSON string holds it as it is (<see cref="PlainAsciiBytes"/>), else 1.</summary>
    private static readonly byte[] NeedsEscape = BuildNeedsEscape();

    private static byte[] BuildNeedsEscape()
    {
        var table = new byte[256];
        for (int c = 0; c < 256; c++)
        {
            table[c] = (byte)(c < 0x80 && PlainAscii.Contains((char)c) ? 0 : 1);
        }

        return table;
    }

    /// <summary>Builds the tables of escaping (asking the encoder), ahead of the first module.</summary>
    public static void Prepare() => _ = IsPlain("\"\\"u8) || NeedsEscape.Length == 0;

    /// <summary>The decimal text of <paramref name="value"/> as JSON (and <c>Utf8Formatter</c>) writes it, at the start
    /// of <paramref name="into"/>, which has room for 11 bytes; how many were written.</summary>
    internal static int Decimal(Span<byte> into, int value) => DecimalText.Write(into, value);

    /// <summary>True when every byte of <paramref name="utf8"/> goes into a JSON string as it is.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPlain(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > 32)
        {
            return !utf8.ContainsAnyExcept(PlainAsciiBytes);
        }

        if (utf8.Length >= 4 && PlainIsPrintableAsciiButQuoteAndBackslash)
        {
            return utf8.Length >= 8 ? IsPlainWords(utf8) : IsPlain4(BinaryPrimitives.ReadUInt32LittleEndian(utf8)) &&
                IsPlain4(BinaryPrimitives.ReadUInt32LittleEndian(utf8[^4..]));
        }

        var table = NeedsEscape;
        int escapes = 0;
        foreach (byte b in utf8)
        {
            escapes |= table[b];
        }

        return escapes == 0;
    }

    /// <summary>Whether the encoder leaves exactly 0x20..0x7e but <c>"</c> and <c>\</c> as they are (it does): then
    /// <see cref="IsPlain"/> tests eight or four bytes at a time.</summary>
    internal static readonly bool PlainIsPrintableAsciiButQuoteAndBackslash = BuildPlainIsPrintableAscii();

    private static bool BuildPlainIsPrintableAscii()
    {
        for (int c = 0; c < 256; c++)
        {
            bool expected = c is >= 0x20 and <= 0x7e and not '"' and not '\\';
            if ((NeedsEscape[c] == 0) != expected)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>8 to 32 bytes, eight at a time (the last eight overlapping the others).</summary>
    private static bool IsPlainWords(ReadOnlySpan<byte> utf8)
    {
        int i = 0;
        for (; i + 8 < utf8.Length; i += 8)
        {
            if (!IsPlain8(BinaryPrimitives.ReadUInt64LittleEndian(utf8[i..])))
            {
                return false;
            }
        }

        return IsPlain8(BinaryPrimitives.ReadUInt64LittleEndian(utf8[^8..]));
    }

    /// <summary>Eight bytes all in 0x20..0x7e and none of them <c>"</c> or <c>\</c> (the zero-byte tests of
    /// "Bit Twiddling Hacks": x - 0x01.. &amp; ~x &amp; 0x80.. is non-zero exactly when a byte of x is 0, and with 0x20..
    /// when one is below 0x20, for bytes under 0x80).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain8(ulong x)
    {
        const ulong Ones = 0x0101010101010101, High = 0x8080808080808080;
        ulong quote = x ^ (Ones * '"'), backslash = x ^ (Ones * '\\');
        ulong bad = x | (x + Ones) | ((x - (Ones * 0x20)) & ~x) | ((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash);
        return (x & High) == 0 && (bad & High) == 0;
    }

    /// <summary><see cref="IsPlain8"/> for four bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsPlain4(uint x)
    {
        const uint Ones = 0x01010101, High = 0x80808080;
        uint quote = x ^ (Ones * '"'), backslash = x ^ (Ones * '\\');
        uint bad = x | (x + Ones) | ((x - (Ones * 0x20)) & ~x) | ((quote - Ones) & ~quote) | ((backslash - Ones) & ~backslash);
        return (x & High) == 0 && (bad & High) == 0;
    }

    /// <summary>An ExpT or LocT row: <c>{"name":N,"arity":A,"label":L}</c> as an element of its array.</summary>
    private static void FunctionRow(PooledBufferWriter w, bool first, AtomTable atoms, int name, int arity, int label)
    {
        if (atoms.IsUtf8)
        {
            var text = atoms.NameBytes(name);
            if (IsPlain(text))
            {
                var row = new Row(w.GetSpan(text.Length + RowRoom));
                row.Put(first ? "{\"name\":\""u8 : ",{\"name\":\""u8);
                row.Put(text);
                row.Put("\",\"arity\":"u8);
                row.Int(arity);
                row.Put(",\"label\":"u8);
                row.Int(label);
                row.Put("}"u8);
                w.Advance(row.Length);
                return;
            }
        }

        Raw(w, first ? "{"u8 : ",{"u8);
        Atom(w, "\"name\":"u8, atoms, name);
        Number(w, ",\"arity\":"u8, arity);
        Number(w, ",\"label\":"u8, label);
        Raw(w, "}"u8);
    }

    /// <summary>An ImpT row: <c>{"module":M,"name":N,"arity":A}</c> as an element of its array.</summary>
    private static void ImportRow(PooledBufferWriter w, bool first, AtomTable atoms, int module, int name, int arity)
    {
        if (atoms.IsUtf8)
        {
            var moduleText = atoms.NameBytes(module);
            var nameText = atoms.NameBytes(name);
            if (IsPlain(moduleText) && IsPlain(nameText))
            {
                var row = new Row(w.GetSpan(moduleText.Length + nameText.Length + RowRoom));
                row.Put(first ? "{\"module\":\""u8 : ",{\"module\":\""u8);
                row.Put(moduleText);
                row.Put("\",\"name\":\""u8);
                row.Put(nameText);
                row.Put("\",\"arity\":"u8);
                row.Int(arity);
                row.Put("}"u8);
                w.Advance(row.Length);
                return;
            }
        }

        Raw(w, first ? "{"u8 : ",{"u8);
        Atom(w, "\"module\":"u8, atoms, module);
        Atom(w, ",\"name\":"u8, atoms, name);
        Number(w, ",\"arity\":"u8, arity);
        Raw(w, "}"u8);
    }

    /// <summary>Bytes put one after another at the start of a span known to be large enough.</summary>
    private ref struct Row(Span<byte> span)
    {
        private readonly Span<byte> _span = span;

        public int Length { get; private set; }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Put(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_span[Length..]);
            Length += bytes.Length;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Int(int value) => Length += Decimal(_span[Length..], value);
    }
}
