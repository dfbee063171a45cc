using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text.Unicode;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Reads an external-term-format term (erts/doc "External Term Format") in place, one piece at a time, for a
/// caller that knows the shape it expects and builds its own objects from it instead of a <see cref="Term"/> tree
/// (the abstract code of <c>source</c>: about 6 bytes of term objects per byte of Dbgi, all thrown away).
/// <para>
/// It accepts a subset of what <see cref="TermReader"/> accepts, never more: every piece it reads is validated as
/// <see cref="TermReader"/> validates it (atom text, bignum size, finite floats, counts against the bytes left), and
/// it applies the same limits counted the same way (<see cref="TermReaderOptions.MaxDepth"/> levels,
/// <see cref="TermReaderOptions.MaxTerms"/> subterms). Anything else, a shape the caller did not expect or bytes
/// the full reader would refuse, is an <see cref="UnexpectedTermException"/>: the caller then decodes the same bytes
/// with <see cref="TermReader"/>, which either gives the term or the exact diagnostic, so results never depend on
/// which reader ran. Lists are the encodings erts writes (NIL, STRING_EXT, one LIST_EXT with a NIL tail).
/// </para>
/// </summary>
public ref struct TermSpanReader
{
    /// <summary>The longest atom erts creates, in characters (MAX_ATOM_CHARACTERS).</summary>
    private const int MaxAtomCharacters = 255;

    private readonly ReadOnlySpan<byte> _data;
    private readonly TermReaderOptions _options;
    private readonly AtomCache<string> _atoms;

    // The limits, copied out of the options: Enter runs for every subterm, and reading them through the options
    // object was a dependent load each time.
    private readonly long _maxTerms;
    private readonly int _maxDepth;
    private int _pos;
    private int _depth;
    private long _terms;

    /// <param name="data">The term's bytes after the version byte (and, for a compressed term, the inflated bytes).</param>
    public TermSpanReader(ReadOnlySpan<byte> data, TermReaderOptions? options = null)
    {
        _data = data;
        _options = options ?? TermReaderOptions.Default;
        _atoms = AtomCache<string>.ForThread;
        _maxTerms = _options.MaxTerms;
        _maxDepth = _options.MaxDepth;
        _pos = 0;
        _depth = 0;
        _terms = 0;
    }

    public readonly int Position => _pos;

    public readonly bool AtEnd => _pos == _data.Length;

    /// <summary>The tag of the next term.</summary>
    public readonly byte PeekTag() => _pos < _data.Length ? _data[_pos] : Fail<byte>();

    public readonly bool NextIsAtom => PeekTag() is TermTag.Atom or TermTag.SmallAtom or TermTag.AtomUtf8 or TermTag.SmallAtomUtf8;

    public readonly bool NextIsTuple => PeekTag() is TermTag.SmallTuple or TermTag.LargeTuple;

    public readonly bool NextIsList => PeekTag() is TermTag.Nil or TermTag.List or TermTag.String;

    public readonly bool NextIsInteger => PeekTag() is TermTag.SmallInteger or TermTag.Integer or TermTag.SmallBig or TermTag.LargeBig;

    /// <summary>Where to come back to with <see cref="Reset"/>, to read the same bytes another way.</summary>
    public readonly (int Position, int Depth, long Terms) Mark() => (_pos, _depth, _terms);

    public void Reset((int Position, int Depth, long Terms) mark) => (_pos, _depth, _terms) = mark;

    /// <summary>Starts a tuple and returns its arity; the caller reads the elements, then calls <see cref="EndTuple"/>.</summary>
    public int EnterTuple()
    {
        Enter();
        byte tag = Byte();
        int arity = tag switch
        {
            TermTag.SmallTuple => Byte(),
            TermTag.LargeTuple => Count(),
            _ => Fail<int>(),
        };
        Reserve(arity);
        return arity;
    }

    public void EndTuple() => _depth--;

    /// <summary>Starts a proper list (NIL, an empty STRING_EXT, or a LIST_EXT with a NIL tail) and returns its length;
    /// the caller reads the elements, then calls <see cref="EndList"/> with the length.</summary>
    public int EnterList()
    {
        Enter();
        switch (Byte())
        {
            case TermTag.Nil:
                return 0;
            case TermTag.String when U16() == 0:
                return 0;
            case TermTag.List:
                int length = Count();
                if (length == 0)
                {
                    // A zero-length LIST_EXT is its tail (TermReader): not what erts writes.
                    Fail();
                }

                Reserve(length);
                return length;
            default:
                return Fail<int>();
        }
    }

    public void EndList(int length)
    {
        if (length > 0)
        {
            // The tail, a term of its own one level down.
            Enter();
            if (Byte() != TermTag.Nil)
            {
                Fail();
            }

            _depth--;
        }

        _depth--;
    }

    /// <summary>A proper list of integers that fit an int and are not negative, as a string's code points.</summary>
    public int[] ReadCharList()
    {
        if (PeekTag() == TermTag.String)
        {
            Enter();
            _pos++;
            int n = U16();
            var bytes = Bytes(n);
            _depth--;
            if (n == 0)
            {
                return [];
            }

            Reserve(n);
            var chars = new int[n];
            for (int i = 0; i < chars.Length; i++)
            {
                chars[i] = bytes[i];
            }

            return chars;
        }

        int length = EnterList();
        var result = length == 0 ? [] : new int[length];
        for (int i = 0; i < result.Length; i++)
        {
            int c = ReadInt32();
            if (c < 0)
            {
                Fail();
            }

            result[i] = c;
        }

        EndList(length);
        return result;
    }

    /// <summary>An atom's text (Latin-1 or UTF-8 as its tag says), validated as <see cref="TermReader"/> does.</summary>
    public string ReadAtom()
    {
        Enter();
        byte tag = Byte();
        int length = tag switch
        {
            TermTag.SmallAtom or TermTag.SmallAtomUtf8 => Byte(),
            TermTag.Atom or TermTag.AtomUtf8 => U16(),
            _ => Fail<int>(),
        };
        int start = _pos;
        var bytes = Bytes(length);
        _depth--;
        if (_atoms.Find(_data, start, length, out int slot) is { } cached)
        {
            return cached;
        }

        string name;
        if (tag is TermTag.Atom or TermTag.SmallAtom)
        {
            if (length > MaxAtomCharacters)
            {
                Fail();
            }

            name = System.Text.Encoding.Latin1.GetString(bytes);
        }
        else
        {
            if (!Utf8.IsValid(bytes) || CodePoints(bytes) > MaxAtomCharacters)
            {
                Fail();
            }

            name = System.Text.Encoding.UTF8.GetString(bytes);
        }

        if (slot >= 0)
        {
            _atoms.Add(slot, bytes, name);
        }

        return name;
    }

    /// <summary>An integer of any size (within <see cref="TermReaderOptions.MaxBignumBytes"/>).</summary>
    public BigInteger ReadInteger()
    {
        Enter();
        byte tag = Byte();
        BigInteger value;
        switch (tag)
        {
            case TermTag.SmallInteger:
                value = Byte();
                break;
            case TermTag.Integer:
                value = BinaryPrimitives.ReadInt32BigEndian(Bytes(4));
                break;
            case TermTag.SmallBig:
            case TermTag.LargeBig:
                uint length = tag == TermTag.SmallBig ? Byte() : BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
                if (length > (uint)_options.MaxBignumBytes)
                {
                    Fail();
                }

                byte sign = Byte();
                var magnitude = new BigInteger(Bytes((int)length), isUnsigned: true, isBigEndian: false);
                value = sign != 0 ? -magnitude : magnitude;
                break;
            default:
                return Fail<BigInteger>();
        }

        _depth--;
        return value;
    }

    /// <summary>An integer written as SMALL_INTEGER_EXT or INTEGER_EXT (how erts writes every value that fits 32 bits).</summary>
    public int ReadInt32()
    {
        Enter();
        int value = Byte() switch
        {
            TermTag.SmallInteger => Byte(),
            TermTag.Integer => BinaryPrimitives.ReadInt32BigEndian(Bytes(4)),
            _ => Fail<int>(),
        };
        _depth--;
        return value;
    }

    /// <summary>A NEW_FLOAT_EXT (finite, as binary_to_term requires).</summary>
    public double ReadFloat()
    {
        Enter();
        if (Byte() != TermTag.NewFloat)
        {
            Fail();
        }

        double v = BinaryPrimitives.ReadDoubleBigEndian(Bytes(8));
        if (!double.IsFinite(v))
        {
            Fail();
        }

        _depth--;
        return v;
    }

    /// <summary>The next term as a <see cref="Term"/>, decoded by <see cref="TermReader"/> within this decode's limits
    /// (for the parts the caller keeps as terms or only skips: compile options, attribute values).</summary>
    public Term ReadTerm()
    {
        Term term;
        int used;
        try
        {
            term = TermReader.DecodeEmbedded(_data[_pos..], _depth, ref _terms, _options, out used);
        }
        catch (BadBeamFormatException)
        {
            throw new UnexpectedTermException();
        }

        _pos += used;
        return term;
    }

    /// <summary>Reads past the next term, checking it as <see cref="TermReader"/> would.</summary>
    public void Skip() => ReadTerm();

    /// <summary>Gives up: the caller falls back to the full <see cref="TermReader"/>.</summary>
    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void Fail() => throw new UnexpectedTermException();

    [DoesNotReturn]
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static T Fail<T>() => throw new UnexpectedTermException();

    // Enter, Byte and Bytes run for every subterm: inlined (they were 10% of `source` as calls); the throws stay out
    // of line in Fail.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Enter()
    {
        if (++_terms > _maxTerms || ++_depth > _maxDepth)
        {
            Fail();
        }

        if ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            Fail();
        }
    }

    private readonly void Reserve(int count)
    {
        if (count > _options.MaxTerms - _terms)
        {
            Fail();
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private byte Byte()
    {
        int pos = _pos;
        if ((uint)pos >= (uint)_data.Length)
        {
            Fail();
        }

        _pos = pos + 1;
        return _data[pos];
    }

    private int U16() => BinaryPrimitives.ReadUInt16BigEndian(Bytes(2));

    /// <summary>A 32-bit count of elements of at least one byte each: no more than the bytes left.</summary>
    private int Count()
    {
        uint n = BinaryPrimitives.ReadUInt32BigEndian(Bytes(4));
        return n <= (uint)(_data.Length - _pos) ? (int)n : Fail<int>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Bytes(int n)
    {
        if ((uint)n > (uint)(_data.Length - _pos))
        {
            Fail();
        }

        var s = _data.Slice(_pos, n);
        _pos += n;
        return s;
    }

    private static int CodePoints(ReadOnlySpan<byte> utf8)
    {
        int count = 0;
        foreach (byte b in utf8)
        {
            count += (b & 0xC0) != 0x80 ? 1 : 0;
        }

        return count;
    }
}
