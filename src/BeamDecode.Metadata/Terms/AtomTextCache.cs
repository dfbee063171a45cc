using System.Buffers.Binary;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// The text of ASCII atoms read by <see cref="TermSpanReader"/>, kept per thread across decodes: abstract code is
/// the same few hundred atoms (node tags, variable and function names) over and over. Direct-mapped, as
/// <see cref="SharedTerms"/>: a colliding name replaces the slot's. Only ASCII names are added, whose Latin-1 and
/// UTF-8 texts are the same and need no validation (so a name that matches a slot's bytes is ASCII too).
/// <para>
/// A name is keyed by its length and two words read from its first and last bytes (for 1-3 bytes: first, middle and
/// last; 4-7: two overlapping 4-byte words; 8 or more: two overlapping 8-byte words). Up to 16 bytes the two words
/// cover every byte, so equal keys are equal names and no byte comparison is made: nearly every atom of abstract
/// code is that short. Longer names are also compared byte by byte.
/// </para>
/// </summary>
internal sealed class AtomTextCache
{
    private const int Slots = 2048;
    private const int Width = 32;

    /// <summary>The longest name whose two words hold all of it.</summary>
    private const int Covered = 16;

    /// <summary>A slot's key and text side by side, 32 bytes: a lookup touches one cache line.</summary>
    private struct Entry
    {
        public ulong Head;
        public ulong Tail;
        public string? Name;
        public int Length;
    }

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>The bytes of names longer than <see cref="Covered"/>, <see cref="Width"/> per slot.</summary>
    private readonly byte[] _longKeys = new byte[Slots * Width];

    /// <summary>The cached text for <paramref name="name"/>'s bytes, or null; <paramref name="slot"/> is where to
    /// add it (-1 when the name is not cacheable).</summary>
    public string? Find(ReadOnlySpan<byte> name, out int slot)
    {
        int n = name.Length;
        if (n is 0 or > Width)
        {
            slot = -1;
            return null;
        }

        var (head, tail) = Key(name);
        ulong h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)n;
        slot = (int)((h >> 40) & (Slots - 1));
        ref Entry e = ref _entries[slot];
        if (e.Length != n || e.Head != head || e.Tail != tail)
        {
            return null;
        }

        return n <= Covered || name.SequenceEqual(_longKeys.AsSpan(slot * Width, n)) ? e.Name : null;
    }

    /// <summary>Keeps <paramref name="text"/> in the slot <see cref="Find"/> chose, when the name is ASCII.</summary>
    public void Add(int slot, ReadOnlySpan<byte> name, string text)
    {
        if (!System.Text.Ascii.IsValid(name))
        {
            return;
        }

        var (head, tail) = Key(name);
        _entries[slot] = new Entry { Head = head, Tail = tail, Name = text, Length = name.Length };
        if (name.Length > Covered)
        {
            name.CopyTo(_longKeys.AsSpan(slot * Width));
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static (ulong Head, ulong Tail) Key(ReadOnlySpan<byte> name)
    {
        int n = name.Length;
        if (n >= 8)
        {
            return (BinaryPrimitives.ReadUInt64LittleEndian(name), BinaryPrimitives.ReadUInt64LittleEndian(name[(n - 8)..]));
        }

        if (n >= 4)
        {
            return (BinaryPrimitives.ReadUInt32LittleEndian(name), BinaryPrimitives.ReadUInt32LittleEndian(name[(n - 4)..]));
        }

        return ((ulong)name[0] | ((ulong)name[n / 2] << 8) | ((ulong)name[n - 1] << 16), 0);
    }
}
