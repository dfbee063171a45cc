using System.Globalization;
using System.Text;

namespace BeamDecode.Metadata.Terms;

public static partial class TermWriter
{
    /// <summary>
    /// Writes a float as <c>io_lib_format:fwrite_g/1</c> does. In OTP 25 that is <c>float_to_list(F, [short])</c>:
    /// the shortest digits that read back as the same float (Ryu, erts/emulator/ryu/d2s.c), laid out by the
    /// Erlang-specific choice between fixed and scientific notation in erts/emulator/ryu/to_chars.h.
    /// </summary>
    /// <remarks>
    /// The digits come from .NET's shortest round-trip formatting ("R"), which like Ryu yields the fewest
    /// significant digits that round-trip and, among those, the ones closest to the exact value; the
    /// conformance tests check that against erl on a few hundred thousand floats. Only the layout is ported.
    /// </remarks>
    private static void WriteFloat(StringBuilder sb, double value)
    {
        if (!double.IsFinite(value))
        {
            // Erlang has no NaN or infinity (binary_to_term rejects them; TermReader too). A hand-built FloatTerm
            // can still hold one; print something recognisable rather than throw from ToString.
            sb.Append(double.IsNaN(value) ? "nan" : value > 0 ? "inf" : "-inf");
            return;
        }

        ShortestDigits(value, out bool negative, out ulong mantissa, out int exponent);
        int length = DigitCount(mantissa);
        int scientificExponent = exponent + length - 1;

        // to_chars.h: the window of exponents printed in fixed notation depends on the digit count.
        // One digit: 1.0e-4 is "0.0001", 1.0e2 is "100.0", 1.0e3 is "1.0e3".
        // Scientific exponent >= 10: one more trailing zero is allowed ("12345678900.0", not "1.23456789e10").
        // Otherwise: "0.001234" but "1.234e-4"; "12340.0" but "1.234e5".
        int lower = length == 1 ? -4 : -(length + 2);
        int upper = length == 1 || scientificExponent >= 10 ? 2 : 1;
        bool fixedNotation = lower <= exponent && exponent <= upper;
        if (fixedNotation &&
            ((mantissa >= 1UL << 53 && exponent == 0) ||
             (mantissa > (1UL << 52) / 5 && exponent == 1) ||
             (mantissa > (1UL << 51) / 25 && exponent == 2)))
        {
            // to_chars.h "CHANGE_FOR_ERLANG": integers at or past 2^53 go scientific, as the pre-Ryu
            // io_lib_format did, since not every integer there is a float.
            fixedNotation = false;
        }

        Span<char> digits = stackalloc char[20];
        for (int i = length - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (int)(mantissa % 10));
            mantissa /= 10;
        }

        digits = digits[..length];
        if (negative)
        {
            sb.Append('-');
        }

        if (fixedNotation)
        {
            int whole = length + exponent;
            if (exponent >= 0)
            {
                sb.Append(digits).Append('0', exponent).Append(".0");
            }
            else if (whole > 0)
            {
                sb.Append(digits[..whole]).Append('.').Append(digits[whole..]);
            }
            else
            {
                sb.Append("0.").Append('0', -whole).Append(digits);
            }

            return;
        }

        // Scientific: one digit before the point, always a fraction ("1.0e20"), no '+' in the exponent.
        sb.Append(digits[0]).Append('.');
        if (length > 1)
        {
            sb.Append(digits[1..]);
        }
        else
        {
            sb.Append('0');
        }

        sb.Append('e').Append(scientificExponent);
    }

    /// <summary>
    /// The shortest round-trip decimal digits of <paramref name="value"/> as mantissa * 10^exponent,
    /// without trailing zeros in the mantissa (Ryu's floating_decimal_64 after its trailing-zero removal).
    /// </summary>
    private static void ShortestDigits(double value, out bool negative, out ulong mantissa, out int exponent)
    {
        Span<char> text = stackalloc char[40];
        value.TryFormat(text, out int n, "R", CultureInfo.InvariantCulture);
        text = text[..n];
        negative = text[0] == '-';
        mantissa = 0;
        exponent = 0;
        int fractionDigits = 0;
        bool afterPoint = false;
        for (int i = negative ? 1 : 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                afterPoint = true;
            }
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else
            {
                mantissa = (mantissa * 10) + (ulong)(c - '0');
                if (afterPoint)
                {
                    fractionDigits++;
                }
            }
        }

        exponent -= fractionDigits;
        if (mantissa == 0)
        {
            exponent = 0;
            return;
        }

        while (mantissa % 10 == 0)
        {
            mantissa /= 10;
            exponent++;
        }
    }

    private static int DigitCount(ulong value)
    {
        int count = 1;
        while (value >= 10)
        {
            value /= 10;
            count++;
        }

        return count;
    }
}
