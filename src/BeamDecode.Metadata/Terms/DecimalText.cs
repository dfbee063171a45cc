namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Decimal digits of an integer written straight into a byte span, two at a time as the runtime's own formatting
/// does, with no string: the ~w texts (<see cref="PlainTermText"/>) and the CLI's JSON rows write hundreds of
/// thousands of small integers per run over a tree. The text is the invariant culture's (and JSON's): no sign for
/// zero or positive values, a leading '-' otherwise.
/// </summary>
public static class DecimalText
{
    /// <summary>"00".."99".</summary>
    private static ReadOnlySpan<byte> DigitPairs =>
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    /// <summary>The text of <paramref name="value"/> at the start of <paramref name="into"/> (room for 11 bytes);
    /// how many bytes were written.</summary>
    public static int Write(Span<byte> into, int value)
    {
        if (value < 0)
        {
            into[0] = (byte)'-';
            return 1 + Write(into[1..], (uint)-(long)value);
        }

        return Write(into, (uint)value);
    }

    /// <summary>The digits of <paramref name="value"/> at the start of <paramref name="into"/> (room for 10 bytes);
    /// how many.</summary>
    public static int Write(Span<byte> into, uint value)
    {
        int n = value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : value < 100000 ? 5 :
            value < 1000000 ? 6 : value < 10000000 ? 7 : value < 100000000 ? 8 : value < 1000000000 ? 9 : 10;
        _ = into[n - 1];
        int i = n;
        var pairs = DigitPairs;
        while (value >= 100)
        {
            uint rest = value % 100;
            value /= 100;
            i -= 2;
            into[i] = pairs[(int)(2 * rest)];
            into[i + 1] = pairs[(int)((2 * rest) + 1)];
        }

        if (value >= 10)
        {
            into[0] = pairs[(int)(2 * value)];
            into[1] = pairs[(int)((2 * value) + 1)];
        }
        else
        {
            into[0] = (byte)('0' + value);
        }

        return n;
    }
}
