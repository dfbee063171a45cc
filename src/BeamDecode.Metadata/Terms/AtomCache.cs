using System.Buffers.Binary;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// What is made from an ASCII atom name (its text for <see cref="TermSpanReader"/>, its <see cref="AtomTerm"/> for
/// <see cref="TermReader"/>), kept per thread across decodes: abstract code is the same few hundred atoms (node
/// tags, variable and function names) over and over, and the literals and attributes of a tree's modules the same
/// few (ok, error, true, undefined...). Both hold immutable values, so one made for an earlier decode is as good as a
/// new one. Direct-mapped: a colliding name replaces the slot's. Only ASCII names are added, whose Latin-1 and UTF-8
/// texts are the same and need no validation (so a name that matches a slot's bytes is ASCII too). (The atom table
/// does not use it: most of the atoms code refers to are the module's own, and the lookup cost more than it saved.)
/// <para>
/// A name is keyed by its length and two words: its first 8 bytes (fewer, zero-filled, for a shorter name) and, when
/// longer than 8, its last 8. Up to 16 bytes the two words cover every byte, so equal keys are equal names and no
/// byte comparison is made: nearly every atom of abstract code is that short. Longer names are also compared byte
/// by byte.
/// </para>
/// </summary>
internal sealed class AtomCache<T>
    where T : class
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
        public T? Value;
        public int Length;
    }

    [ThreadStatic]
    private static AtomCache<T>? t_current;

    private readonly Entry[] _entries = new Entry[Slots];

    /// <summary>This thread's cache (one per kind of value): per thread, so lookups take no lock.</summary>
    public static AtomCache<T> ForThread => t_current ??= new AtomCache<T>();

    /// <summary>The bytes of names longer than <see cref="Covered"/>, <see cref="Width"/> per slot.</summary>
    private readonly byte[] _longKeys = new byte[Slots * Width];

    /// <summary>The cached value for the name of <paramref name="length"/> bytes at <paramref name="start"/> in
    /// <paramref name="data"/>, or null; <paramref name="slot"/> is where to add it (-1 when the name is not cacheable).
    /// The name's surroundings are there to be read past: its key words come from two unaligned 8-byte reads and a
    /// mask, with no branch on its length (atoms of every length alternate in abstract code, and the branches of the
    /// byte-by-byte key were mispredicted).</summary>
    public T? Find(ReadOnlySpan<byte> data, int start, int length, out int slot)
    {
        if ((uint)(length - 1) >= Width)
        {
            slot = -1;
            return null;
        }

        ulong head, tail;
        int end = start + length;
        if (start + 8 <= data.Length && end >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(data[start..]) & (ulong.MaxValue >> ((8 - Math.Min(length, 8)) * 8));
            ulong last = BinaryPrimitives.ReadUInt64LittleEndian(data[(end - 8)..]);
            tail = length > 8 ? last : 0;
        }
        else
        {
            (head, tail) = Key(data.Slice(start, length));
        }

        ulong h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)length;
        slot = (int)((h >> 40) & (Slots - 1));
        ref Entry e = ref _entries[slot];
        if (e.Length != length || e.Head != head || e.Tail != tail)
        {
            return null;
        }

        return length <= Covered || data.Slice(start, length).SequenceEqual(_longKeys.AsSpan(slot * Width, length)) ? e.Value : null;
    }

    /// <summary>As the other overload, for a name on its own.</summary>
    public T? Find(ReadOnlySpan<byte> name, out int slot) => Find(name, 0, name.Length, out slot);

    /// <summary>Keeps <paramref name="value"/> in the slot <see cref="Find"/> chose, when the name is ASCII.</summary>
    public void Add(int slot, ReadOnlySpan<byte> name, T value)
    {
        if (!System.Text.Ascii.IsValid(name))
        {
            return;
        }

        var (head, tail) = Key(name);
        _entries[slot] = new Entry { Head = head, Tail = tail, Value = value, Length = name.Length };
        if (name.Length > Covered)
        {
            name.CopyTo(_longKeys.AsSpan(slot * Width));
        }
    }

    /// <summary>The key words of a name: its first (up to) 8 bytes, and for a name longer than 8 its last 8.</summary>
    private static (ulong Head, ulong Tail) Key(ReadOnlySpan<byte> name)
    {
        Span<byte> first = stackalloc byte[8];
        first.Clear();
        name[..Math.Min(name.Length, 8)].CopyTo(first);
        return (BinaryPrimitives.ReadUInt64LittleEndian(first), name.Length > 8 ? BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]) : 0);
    }
}
