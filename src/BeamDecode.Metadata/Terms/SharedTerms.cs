namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Shares the <see cref="AtomTerm"/> of ASCII atoms, and the <see cref="IntegerTerm"/> of INTEGER_EXT values,
/// within one large decode. Abstract code (a Dbgi chunk) is mostly
/// the same few dozen atoms (<c>var</c>, <c>call</c>, <c>tuple</c>, variable names...) repeated hundreds of thousands
/// of times; without sharing, each occurrence is a new string and a new term, and decoding the OTP tree's debug info
/// spent more time in the garbage collector than in decoding. Direct-mapped (a colliding atom replaces the slot's),
/// so it needs no eviction and its size is fixed. Only ASCII names are kept: for them Latin-1 and UTF-8 decode to
/// the same text, so the tag does not matter and no validation is skipped. Integers: every node's annotation is
/// its line, which past 255 is an INTEGER_EXT and would be a new term each time.
/// </summary>
internal sealed class SharedTerms
{
    private const int Slots = 2048;
    private const int MaxCachedLength = 64;
    private const int IntegerSlots = 1024;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly AtomTerm?[] _atoms = new AtomTerm[Slots];
    private readonly IntegerTerm?[] _integers = new IntegerTerm[IntegerSlots];
    private readonly int[] _integerKeys = new int[IntegerSlots];

    /// <summary>The shared term for an INTEGER_EXT value (direct-mapped on its low bits: the nodes of a function are on nearby lines, so they rarely collide).</summary>
    public IntegerTerm Integer(int value)
    {
        int slot = value & (IntegerSlots - 1);
        if (_integers[slot] is { } cached && _integerKeys[slot] == value)
        {
            return cached;
        }

        var term = IntegerTerm.Create(value);
        _integers[slot] = term;
        _integerKeys[slot] = value;
        return term;
    }

    /// <summary>The shared atom for <paramref name="name"/>'s bytes; null when the name is not cacheable or not cached yet.</summary>
    public AtomTerm? Find(ReadOnlySpan<byte> name, out int slot)
    {
        slot = -1;
        if (name.Length > MaxCachedLength || !System.Text.Ascii.IsValid(name))
        {
            return null;
        }

        uint h = 2166136261;
        foreach (byte b in name)
        {
            h = (h ^ b) * 16777619;
        }

        slot = (int)(h & (Slots - 1));
        return _keys[slot] is { } key && name.SequenceEqual(key) ? _atoms[slot] : null;
    }

    /// <summary>Keeps <paramref name="atom"/> in the slot <see cref="Find"/> chose (a non-negative one).</summary>
    public void Add(int slot, ReadOnlySpan<byte> name, AtomTerm atom)
    {
        _keys[slot] = name.ToArray();
        _atoms[slot] = atom;
    }
}
