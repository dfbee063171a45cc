namespace BeamDecode.Metadata.Terms;

/// <summary>
/// The text of ASCII atoms read by <see cref="TermSpanReader"/>, kept per thread across decodes: abstract code is
/// the same few hundred atoms (node tags, variable and function names) over and over. Direct-mapped, as
/// <see cref="SharedTerms"/>: a colliding name replaces the slot's. Only ASCII names, whose Latin-1 and UTF-8 texts
/// are the same and need no validation.
/// </summary>
internal sealed class AtomTextCache
{
    private const int Slots = 4096;
    private const int MaxCachedLength = 64;

    private readonly byte[]?[] _keys = new byte[Slots][];
    private readonly string?[] _names = new string[Slots];

    /// <summary>The cached text for <paramref name="name"/>'s bytes, or null; <paramref name="slot"/> is where to
    /// add it (-1 when the name is not cacheable).</summary>
    public string? Find(ReadOnlySpan<byte> name, out int slot)
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
        return _keys[slot] is { } key && name.SequenceEqual(key) ? _names[slot] : null;
    }

    public void Add(int slot, ReadOnlySpan<byte> name, string text)
    {
        _keys[slot] = name.ToArray();
        _names[slot] = text;
    }
}
