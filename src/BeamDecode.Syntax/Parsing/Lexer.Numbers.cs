using System.Globalization;
using System.Numerics;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>Integers (all bases, <c>_</c> separators) and floats: erl_scan scan_number, scan_based_int,
/// scan_fraction, scan_exponent and float_end.</summary>
public sealed partial class Lexer
{
    private void ScanNumber()
    {
        int start = _pos;
        int pos = DigitsEnd(start, 10);
        if (pos + 1 < _end && _text[pos] == '.' && IsDigit(_text[pos + 1]))
        {
            ScanFloat(start, pos + 1);
            return;
        }

        if (pos < _end && _text[pos] == '#')
        {
            BigInteger radix = ParseDigits(start, pos, 10);
            if (radix < 2 || radix > 36)
            {
                // The rest starts at the '#', as erl_scan's error continuation does.
                (int line, int column) = (_tokLine, _tokColumn);
                Error(DiagnosticId.IllegalBase, $"illegal base '{radix}'", line, column, pos);
                return;
            }

            int b = (int)radix;
            int digitsStart = pos + 1;
            int digitsEnd = digitsStart < _end && IsBasedDigit(_text[digitsStart], b) ? DigitsEnd(digitsStart, b) : digitsStart;
            if (digitsEnd == digitsStart)
            {
                Error(DiagnosticId.IllegalInteger, "illegal integer", _tokLine, _tokColumn, digitsStart);
                return;
            }

            _pos = digitsEnd;
            Emit(TokenKind.Integer, digitsEnd, Intern(start, digitsEnd), Box(ParseDigits(digitsStart, digitsEnd, b)));
            return;
        }

        _pos = pos;
        Emit(TokenKind.Integer, pos, Intern(start, pos), Box(ParseDigits(start, pos, 10)));
    }

    private static readonly object[] SmallIntegers = Enumerable.Range(0, 1024).Select(i => (object)new BigInteger(i)).ToArray();

    /// <summary>The boxed value, shared for the small integers that make most of the integer tokens.</summary>
    private static object Box(BigInteger value) =>
        value >= 0 && value < SmallIntegers.Length ? SmallIntegers[(int)value] : value;

    /// <summary>The end of digits of a base from a position holding a digit: a '_' counts only between two
    /// digits (erl_scan: [$_,Next|Cs] when Next and the previous char are digits).</summary>
    private int DigitsEnd(int pos, int radix)
    {
        pos++;
        while (pos < _end)
        {
            char c = _text[pos];
            if (IsBasedDigit(c, radix))
            {
                pos++;
            }
            else if (c == '_' && _digitSeparators && pos + 1 < _end && IsBasedDigit(_text[pos + 1], radix))
            {
                pos += 2;
            }
            else
            {
                break;
            }
        }

        return pos;
    }

    /// <summary>erl_scan ?BASED_DIGIT.</summary>
    private static bool IsBasedDigit(int c, int radix) =>
        (IsDigit(c) && c < '0' + radix)
        || (radix > 10 && c >= 'A' && c < 'A' + radix - 10)
        || (radix > 10 && c >= 'a' && c < 'a' + radix - 10);

    private static int DigitValue(char c) => c <= '9' ? c - '0' : c >= 'a' ? c - 'a' + 10 : c - 'A' + 10;

    /// <summary>The value of digits (with separators) in a base; small numbers without BigInteger arithmetic.</summary>
    private BigInteger ParseDigits(int start, int end, int radix)
    {
        long chunk = 0;
        int chunkDigits = 0;
        BigInteger value = BigInteger.Zero;
        bool big = false;
        long chunkScale = 1;
        for (int i = start; i < end; i++)
        {
            char c = _text[i];
            if (c == '_')
            {
                continue;
            }

            chunk = (chunk * radix) + DigitValue(c);
            chunkScale *= radix;
            chunkDigits++;
            if (chunkDigits == 11)
            {
                // 36^11 < 2^63: flush the chunk into the big value.
                value = big ? (value * chunkScale) + chunk : chunk;
                big = true;
                chunk = 0;
                chunkDigits = 0;
                chunkScale = 1;
            }
        }

        if (!big)
        {
            return chunk;
        }

        return chunkDigits == 0 ? value : (value * chunkScale) + chunk;
    }

    /// <summary>scan_fraction and scan_exponent: digits after the '.', then an optional e/E, sign and digits.
    /// An 'e' is always taken, so "1.0e" or "1.0else" is an illegal float, as in erl_scan.</summary>
    private void ScanFloat(int start, int fractionStart)
    {
        int pos = DigitsEnd(fractionStart, 10);
        if (pos < _end && (_text[pos] == 'e' || _text[pos] == 'E'))
        {
            pos++;
            if (pos < _end && (_text[pos] == '+' || _text[pos] == '-'))
            {
                pos++;
            }

            if (pos < _end && IsDigit(_text[pos]))
            {
                pos = DigitsEnd(pos, 10);
            }
            else
            {
                Error(DiagnosticId.IllegalFloat, "illegal float", _tokLine, _tokColumn, pos);
                return;
            }
        }

        string text = _text.Substring(start, pos - start);
        string digits = text.Contains('_', StringComparison.Ordinal) ? text.Replace("_", "", StringComparison.Ordinal) : text;
        double value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(value))
        {
            // list_to_float/1 refuses a float out of range (badarg); erl_scan reports it as illegal.
            Error(DiagnosticId.IllegalFloat, "illegal float", _tokLine, _tokColumn, pos);
            return;
        }

        _pos = pos;
        Emit(TokenKind.Float, pos, text, value);
    }
}
