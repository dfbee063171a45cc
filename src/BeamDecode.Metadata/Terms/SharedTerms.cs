namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Shares the <see cref="IntegerTerm"/> of INTEGER_EXT values within one large decode: in abstract code every node's
/// annotation is its line, which past 255 is an INTEGER_EXT and would be a new term each time. Direct-mapped (a
/// colliding value replaces the slot's), so it needs no eviction and its size is fixed. Atoms, the other thing a
/// large decode repeats endlessly, are shared through <see cref="AtomCache{T}"/>, across decodes.
/// </summary>
internal sealed class SharedTerms
{
    private const int IntegerSlots = 1024;

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
}
