using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Decodes the external term format (erts/doc "External Term Format"; encoder in erts/emulator/beam/external.c).
/// Every tag of the current specification decodes; an atom cache reference, the local-only encoding and an
/// unknown tag are diagnostics. Recursion is bounded by <see cref="TermReaderOptions.MaxDepth"/> and by the
/// stack actually left, so hostile nesting cannot overflow the stack.
/// </summary>
public ref struct TermReader
{
    /// <summary>The longest atom erts creates, in characters (MAX_ATOM_CHARACTERS).</summary>
    private const int MaxAtomCharacters = 255;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly TermReaderOptions _options;
    private BeamReader _reader;
    private int _depth;
    private long _inflated;
    private long _terms;

    /// <summary>Set for large terms only (see <see cref="SharedTerms"/>): small ones, such as the literals decoded one
    /// by one, would pay more to create it than it saves.</summary>
    private SharedTerms? _shared;

    /// <summary>Terms of at least this many bytes (compressed or not) share their integers.</summary>
    private const int SharedTermsThreshold = 4096;

    private TermReader(ReadOnlySpan<byte> data, long baseOffset, string? chunk, TermReaderOptions options, long inflated)
    {
        _reader = new BeamReader(data, baseOffset, chunk);
        _options = options;
        _depth = 0;
        _inflated = inflated;
    }

    /// <summary>Decodes one term that starts with the version byte 131 (as <c>binary_to_term/1</c>).</summary>
    public static Term Decode(ReadOnlySpan<byte> data, long baseOffset = 0, string? chunk = null, TermReaderOptions? options = null) =>
        Decode(data, out _, baseOffset, chunk, options);

    /// <summary>Decodes one versioned term and reports how many bytes it used.</summary>
    public static Term Decode(ReadOnlySpan<byte> data, out int used, long baseOffset = 0, string? chunk = null, TermReaderOptions? options = null)
    {
        var r = new TermReader(data, baseOffset, chunk, options ?? TermReaderOptions.Default, 0);
        long at = r._reader.Offset;
        byte version = r._reader.ReadByte();
        if (version != TermTag.Version)
        {
            r._reader.ThrowBadAt(DiagnosticId.BadTermVersion, at, $"external term format version byte is {version}, expected 131");
        }

        if (data.Length >= SharedTermsThreshold)
        {
            r._shared = new SharedTerms();
        }

        var term = r.ReadTop();
        used = r._reader.Position;
        return term;
    }

    /// <summary>
    /// Decodes one term with no version byte that is part of a larger decode (<see cref="TermSpanReader"/>): nested
    /// <paramref name="depth"/> levels deep, with <paramref name="terms"/> subterms counted so far (updated), so the
    /// limits hold for the whole term exactly as if this reader had decoded all of it.
    /// </summary>
    internal static Term DecodeEmbedded(ReadOnlySpan<byte> data, int depth, ref long terms, TermReaderOptions options, out int used)
    {
        var r = new TermReader(data, 0, null, options, 0) { _depth = depth, _terms = terms };
        var term = r.ReadTerm();
        used = r._reader.Position;
        terms = r._terms;
        return term;
    }

    private Term ReadTop()
    {
        if (_reader.PeekByte() != TermTag.Compressed)
        {
            return ReadTerm();
        }

        // COMPRESSED: 80, uint32 uncompressed size, zlib stream of the term without its version byte.
        long at = _reader.Offset;
        _reader.ReadByte();
        uint size = _reader.ReadUInt32();
        long budget = _options.MaxInflatedBytes - _inflated;
        var compressed = _reader.RemainingBytes;
        // Rented: every term built below copies what it keeps (binaries, atom texts), so the buffer can go back.
        byte[] inflated = Inflater.ZlibRented(compressed, size, budget, at, _reader.Chunk);
        try
        {
            return ReadInflated(inflated.AsSpan(0, (int)size), at, size);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(inflated);
        }
    }

    private Term ReadInflated(ReadOnlySpan<byte> inflated, long at, uint size)
    {
        _reader.Skip(_reader.Remaining);
        // Positions in the inflated data are not file offsets (they can lie past the end of the file): report a fault
        // inside at the COMPRESSED tag and say where in the inflated data it is, as the literal table does.
        var inner = new TermReader(inflated, 0, _reader.Chunk, _options, _inflated + size)
        {
            _shared = _shared ?? (size >= SharedTermsThreshold ? new SharedTerms() : null),
        };
        Term term;
        try
        {
            term = inner.ReadTerm();
        }
        catch (BadBeamFormatException e)
        {
            throw new BadBeamFormatException(e.Id, at, $"compressed term, inflated byte {e.Offset}: {e.Message}", _reader.Chunk);
        }

        if (!inner._reader.AtEnd)
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"compressed term has {inner._reader.Remaining} trailing byte(s)");
        }

        return term;
    }

    private Term ReadTerm()
    {
        if (++_terms > _options.MaxTerms)
        {
            ThrowTooManyTerms();
        }

        if (++_depth > _options.MaxDepth)
        {
            _reader.ThrowBad(DiagnosticId.TermTooDeep, $"term nested deeper than {_options.MaxDepth} levels");
        }

        // The stack probe costs about as much as decoding a small term, so it runs every eighth level: eight frames of
        // this reader are far less than the margin the probe leaves.
        if ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            // A backstop only: the depth limit is what keeps decoding off the stack's edge (DecodeLimits.TermDepthCeiling).
            _reader.ThrowBad(DiagnosticId.TermTooDeep, $"term nested {_depth} levels deep, more than this thread's stack holds");
        }

        long at = _reader.Offset;
        byte tag = _reader.ReadByte();
        Term result = tag switch
        {
            TermTag.SmallInteger => IntegerTerm.Create(_reader.ReadByte()),
            TermTag.Integer => _shared is { } shared ? shared.Integer(_reader.ReadInt32()) : IntegerTerm.Create(_reader.ReadInt32()),
            TermTag.NewFloat => ReadNewFloat(at),
            TermTag.Float => ReadOldFloat(at),
            TermTag.Atom or TermTag.SmallAtom or TermTag.AtomUtf8 or TermTag.SmallAtomUtf8 => ReadAtomBody(tag, at),
            TermTag.SmallTuple => ReadTuple(_reader.ReadByte()),
            TermTag.LargeTuple => ReadTuple(_reader.ReadCount(1, "tuple arity")),
            TermTag.Nil => NilTerm.Instance,
            TermTag.String => ReadString(),
            TermTag.List => ReadList(),
            TermTag.Binary => ReadBinary(),
            TermTag.BitBinary => ReadBitBinary(at),
            TermTag.SmallBig => ReadBig(_reader.ReadByte(), at),
            TermTag.LargeBig => ReadBig(_reader.ReadUInt32(), at),
            TermTag.Map => ReadMap(at),
            TermTag.Pid => new PidTerm(ReadAtom(), _reader.ReadUInt32(), _reader.ReadUInt32(), _reader.ReadByte()),
            TermTag.NewPid => new PidTerm(ReadAtom(), _reader.ReadUInt32(), _reader.ReadUInt32(), _reader.ReadUInt32()),
            TermTag.Port => new PortTerm(ReadAtom(), _reader.ReadUInt32(), _reader.ReadByte()),
            TermTag.NewPort => new PortTerm(ReadAtom(), _reader.ReadUInt32(), _reader.ReadUInt32()),
            TermTag.V4Port => new PortTerm(ReadAtom(), _reader.ReadUInt64(), _reader.ReadUInt32()),
            TermTag.Reference => ReadOldReference(),
            TermTag.NewReference => ReadNewReference(wideCreation: false),
            TermTag.NewerReference => ReadNewReference(wideCreation: true),
            TermTag.Export => ReadExport(),
            TermTag.NewFun => ReadNewFun(at),
            TermTag.Fun => ReadOldFun(),
            TermTag.AtomCacheRef => throw new BadBeamFormatException(
                DiagnosticId.AtomCacheReference, at, "atom cache reference (ATOM_CACHE_REF) is only valid on a distribution channel", _reader.Chunk),
            TermTag.Local => throw new BadBeamFormatException(
                DiagnosticId.UnknownTermTag, at, "LOCAL_EXT (tag 121) is a node-local encoding that cannot be decoded elsewhere", _reader.Chunk),
            TermTag.Compressed => throw new BadBeamFormatException(
                DiagnosticId.BadTermValue, at, "COMPRESSED tag (80) inside a term; it is only valid at the top", _reader.Chunk),
            _ => throw new BadBeamFormatException(DiagnosticId.UnknownTermTag, at, $"unknown external term format tag {tag}", _reader.Chunk),
        };
        _depth--;
        return result;
    }

    private AtomTerm ReadAtom()
    {
        long at = _reader.Offset;
        byte tag = _reader.ReadByte();
        if (tag is TermTag.Atom or TermTag.SmallAtom or TermTag.AtomUtf8 or TermTag.SmallAtomUtf8)
        {
            return ReadAtomBody(tag, at);
        }

        if (tag == TermTag.AtomCacheRef)
        {
            _reader.ThrowBadAt(DiagnosticId.AtomCacheReference, at, "atom cache reference (ATOM_CACHE_REF) is only valid on a distribution channel");
        }

        _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"expected an atom (node name), found tag {tag}");
        return null!;
    }

    private AtomTerm ReadAtomBody(byte tag, long at)
    {
        int length = tag is TermTag.SmallAtom or TermTag.SmallAtomUtf8 ? _reader.ReadByte() : _reader.ReadUInt16();
        var bytes = _reader.ReadBytes(length);
        // ASCII atoms are shared through the thread's cache, which lives across decodes: abstract code repeats a few
        // dozen atoms endlessly, and literals and attributes of every module the same few (ok, error, true...).
        var cache = AtomCache<AtomTerm>.ForThread;
        if (cache.Find(bytes, out int slot) is { } shared)
        {
            return shared;
        }

        string name = tag is TermTag.Atom or TermTag.SmallAtom ? Encoding.Latin1.GetString(bytes) : DecodeUtf8(bytes, at);
        if (name.Length > MaxAtomCharacters && CountCodePoints(name) > MaxAtomCharacters)
        {
            // binary_to_term refuses an atom erts could not create (MAX_ATOM_CHARACTERS in erts/emulator/beam/atom.h).
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"atom of more than {MaxAtomCharacters} characters");
        }

        var atom = new AtomTerm(name);
        if (slot >= 0)
        {
            cache.Add(slot, bytes, atom);
        }

        return atom;
    }

    private static int CountCodePoints(string s)
    {
        int count = 0;
        for (int i = 0; i < s.Length; count++)
        {
            char.ConvertToUtf32OrSelf(s, ref i);
        }

        return count;
    }

    private FloatTerm ReadNewFloat(long at)
    {
        double v = _reader.ReadDouble();
        if (!double.IsFinite(v))
        {
            // Erlang has no NaN or infinity; binary_to_term rejects them (erts/emulator/beam/external.c, NEW_FLOAT_EXT).
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, "NEW_FLOAT_EXT holds a NaN or an infinity");
        }

        return new FloatTerm(v);
    }

    private ExportTerm ReadExport()
    {
        // EXPORT_EXT: Module Function Arity. binary_to_term wants two atoms and a non-negative integer arity.
        var module = ReadAtom();
        var function = ReadAtom();
        long arityAt = _reader.Offset;
        var arity = ReadTerm();
        if (arity is not IntegerTerm { Value.Sign: >= 0 })
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, arityAt, "EXPORT_EXT arity is not a non-negative integer");
        }

        return new ExportTerm(module, function, arity);
    }

    private readonly string DecodeUtf8(ReadOnlySpan<byte> bytes, long at)
    {
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new BadBeamFormatException(DiagnosticId.BadUtf8, at, "atom text is not valid UTF-8", _reader.Chunk);
        }
    }

    private FloatTerm ReadOldFloat(long at)
    {
        // FLOAT_EXT: 31 bytes of "%.20e" text, NUL padded (pre-R11 encoders and minor_version 0).
        var text = _reader.ReadBytes(31);
        int end = text.IndexOf((byte)0);
        var s = Encoding.ASCII.GetString(end < 0 ? text : text[..end]);
        // No surrounding white space: erts parses the text strictly (sys_chars_to_double), and so does this.
        const System.Globalization.NumberStyles style = System.Globalization.NumberStyles.AllowLeadingSign |
            System.Globalization.NumberStyles.AllowDecimalPoint | System.Globalization.NumberStyles.AllowExponent;
        if (!double.TryParse(s, style, System.Globalization.CultureInfo.InvariantCulture, out double v)
            || double.IsNaN(v) || double.IsInfinity(v))
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"FLOAT_EXT text '{s}' is not a finite float");
        }

        return new FloatTerm(v);
    }

    private TupleTerm ReadTuple(int arity)
    {
        if (arity == 0)
        {
            return TupleTerm.Empty;
        }

        _reader.CheckCount((ulong)arity, 1, "tuple arity", _reader.Offset);
        Reserve(arity);
        var items = new Term[arity];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = ReadTerm();
        }

        return new TupleTerm(ImmutableCollectionsMarshal.AsImmutableArray(items));
    }

    private Term ReadString()
    {
        // STRING_EXT: a list of bytes, encoded compactly.
        int length = _reader.ReadUInt16();
        var bytes = _reader.ReadBytes(length);
        if (length == 0)
        {
            return NilTerm.Instance;
        }

        Reserve(length);
        var items = new Term[length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = IntegerTerm.Create(bytes[i]);
        }

        return new ListTerm(ImmutableCollectionsMarshal.AsImmutableArray(items), NilTerm.Instance);
    }

    private Term ReadList()
    {
        int length = _reader.ReadCount(1, "list length");
        Reserve(length);
        var items = new Term[length];
        for (int i = 0; i < items.Length; i++)
        {
            items[i] = ReadTerm();
        }

        var tail = ReadTerm();
        if (length == 0)
        {
            // A zero-length LIST_EXT is just its tail; erts never writes one, but accept it as binary_to_term does.
            return tail;
        }

        if (tail is ListTerm more)
        {
            // Normalize [a | [b, c]] to [a, b, c] so equal lists compare equal however they were encoded.
            var all = new Term[items.Length + more.Elements.Length];
            items.CopyTo(all, 0);
            more.Elements.CopyTo(all, items.Length);
            return new ListTerm(ImmutableCollectionsMarshal.AsImmutableArray(all), more.Tail);
        }

        return new ListTerm(ImmutableCollectionsMarshal.AsImmutableArray(items), tail);
    }

    private BitStringTerm ReadBinary()
    {
        int length = _reader.ReadCount(1, "binary length");
        if (length == 0)
        {
            return BitStringTerm.Empty;
        }

        return new BitStringTerm(ImmutableArray.Create(_reader.ReadBytes(length)));
    }

    private BitStringTerm ReadBitBinary(long at)
    {
        int length = _reader.ReadCount(1, "bitstring length");
        int bits = _reader.ReadByte();
        if (length == 0)
        {
            // erts writes <<>> as length 0, bits 0, and binary_to_term accepts no other bit count for it.
            if (bits != 0)
            {
                _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"empty BIT_BINARY_EXT has {bits} bits in its last byte (0 required)");
            }

            return BitStringTerm.Empty;
        }

        if (bits is < 1 or > 8)
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"BIT_BINARY_EXT has {bits} bits in its last byte (1..8 allowed)");
        }

        var bytes = _reader.ReadBytes(length).ToArray();
        // Only the high `bits` bits of the last byte belong to the value; clear the rest so equality is by value.
        bytes[^1] &= (byte)(0xFF << (8 - bits));
        return new BitStringTerm(ImmutableCollectionsMarshal.AsImmutableArray(bytes), bits);
    }

    private IntegerTerm ReadBig(uint length, long at)
    {
        if (length > (uint)_options.MaxBignumBytes)
        {
            _reader.ThrowBadAt(DiagnosticId.BignumTooLarge, at, $"bignum of {length} bytes exceeds the limit of {_options.MaxBignumBytes}");
        }

        // Any non-zero sign byte means negative: erts writes 1, and binary_to_term reads every non-zero value so.
        byte sign = _reader.ReadByte();
        var digits = _reader.ReadBytes((int)length);
        var magnitude = new BigInteger(digits, isUnsigned: true, isBigEndian: false);
        return IntegerTerm.Create(sign != 0 ? -magnitude : magnitude);
    }

    private MapTerm ReadMap(long at)
    {
        int arity = _reader.ReadCount(2, "map size");
        if (arity == 0)
        {
            return MapTerm.Empty;
        }

        Reserve(arity);
        var pairs = new KeyValuePair<Term, Term>[arity];
        for (int i = 0; i < pairs.Length; i++)
        {
            var key = ReadTerm();
            var value = ReadTerm();
            pairs[i] = new KeyValuePair<Term, Term>(key, value);
        }

        var map = MapTerm.Create(pairs);
        if (map.Count != arity)
        {
            // binary_to_term rejects a map that lists a key twice rather than pick one of the values.
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"MAP_EXT lists {arity - map.Count} key(s) more than once");
        }

        return map;
    }

    private ReferenceTerm ReadOldReference()
    {
        // REFERENCE_EXT: Node ID(4) Creation(1).
        var node = ReadAtom();
        uint id = _reader.ReadUInt32();
        uint creation = _reader.ReadByte();
        return new ReferenceTerm(node, creation, ImmutableArray.Create(id));
    }

    private ReferenceTerm ReadNewReference(bool wideCreation)
    {
        long at = _reader.Offset;
        int count = _reader.ReadUInt16();
        if (count > 5)
        {
            // erts accepts at most 5 id words (ERTS_MAX_REF_NUMBERS in OTP 24+; 3 before).
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"reference with {count} id words (at most 5 allowed)");
        }

        var node = ReadAtom();
        uint creation = wideCreation ? _reader.ReadUInt32() : _reader.ReadByte();
        var ids = new uint[count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = _reader.ReadUInt32();
        }

        return new ReferenceTerm(node, creation, ImmutableCollectionsMarshal.AsImmutableArray(ids));
    }

    private FunTerm ReadNewFun(long at)
    {
        // NEW_FUN_EXT: Size(4) Arity(1) Uniq(16) Index(4) NumFree(4) Module OldIndex OldUniq Pid FreeVars...
        // Size counts from its own first byte, not from the tag (term_to_binary(fun(X) -> X end) is 71 bytes:
        // version, tag and a Size of 69).
        int start = _reader.Position;
        uint size = _reader.ReadUInt32();
        if (size < 29 || size > (uint)(_reader.Length - start))
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"NEW_FUN_EXT size {size} does not fit the data");
        }

        int arity = _reader.ReadByte();
        var uniq = ImmutableArray.Create(_reader.ReadBytes(16));
        uint index = _reader.ReadUInt32();
        int numFree = _reader.ReadCount(1, "fun free variables");
        var module = ReadAtom();
        var oldIndex = ReadTerm();
        var oldUniq = ReadTerm();
        var pid = ReadTerm();
        var free = ReadFreeVars(numFree);
        if (_reader.Position - start != size)
        {
            _reader.ThrowBadAt(DiagnosticId.BadTermValue, at, $"NEW_FUN_EXT declares {size} bytes but holds {_reader.Position - start}");
        }

        return new FunTerm(arity, uniq, index, module, oldIndex, oldUniq, pid, free);
    }

    private FunTerm ReadOldFun()
    {
        // FUN_EXT (removed in OTP 23 encoders): NumFree(4) Pid Module Index OldUniq FreeVars...
        int numFree = _reader.ReadCount(1, "fun free variables");
        var pid = ReadTerm();
        var module = ReadAtom();
        var index = ReadTerm();
        var oldUniq = ReadTerm();
        var free = ReadFreeVars(numFree);
        uint idx = index is IntegerTerm i && i.TryGetInt64(out long v) && v is >= 0 and <= uint.MaxValue ? (uint)v : 0;
        return new FunTerm(-1, ImmutableArray<byte>.Empty, idx, module, index, oldUniq, pid, free);
    }

    private ImmutableArray<Term> ReadFreeVars(int count)
    {
        if (count == 0)
        {
            return ImmutableArray<Term>.Empty;
        }

        Reserve(count);
        var free = new Term[count];
        for (int i = 0; i < free.Length; i++)
        {
            free[i] = ReadTerm();
        }

        return ImmutableCollectionsMarshal.AsImmutableArray(free);
    }

    /// <summary>
    /// Refuses an array of <paramref name="count"/> subterms when the decode's term budget cannot hold them, before
    /// allocating it. Each byte of input can be a whole subterm (NIL is one byte) that costs a reference and often an
    /// object, and a compressed term inflates about a thousandfold: without the budget a 97 KB file declaring a list
    /// of 100 million empty lists took 6 GB (docs/reliability.md).
    /// </summary>
    private readonly void Reserve(int count)
    {
        if (count > _options.MaxTerms - _terms)
        {
            ThrowTooManyTerms();
        }
    }

    private readonly void ThrowTooManyTerms() =>
        _reader.ThrowBad(DiagnosticId.ImplausibleSize, $"the term holds more than {_options.MaxTerms} subterms (the limit)");
}
