using System.Buffers.Binary;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// The text of ASCII atoms read by <see cref="TermSpanReader"/>, kept per thread across decodes: abstract code is
/// the same few hundred atoms (node tags, variable and function names) over and over. Direct-mapped, as
/// <see cref="SharedTerms"/>: a colliding name replaces the slot's. The names are kept side by side in one array so
/// a lookup touches one or two cache lines; the hash reads the first and last eight bytes rather than every byte.
/// Only ASCII names are added, whose Latin-1 and UTF-8 texts are the same and need no validation (so a name that
/// matches a slot's bytes is ASCII too).
/// </summary>
internal sealed class AtomTextCache
{
    private const int Slots = 2048;
    private const int Width = 32;

    private readonly byte[] _keys = new byte[Slots * Width];
    private readonly byte[] _lengths = new byte[Slots];
    private readonly string?[] _names = new string[Slots];

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

        ulong head, tail;
        if (n >= 8)
        {
            head = BinaryPrimitives.ReadUInt64LittleEndian(name);
            tail = BinaryPrimitives.ReadUInt64LittleEndian(name[^8..]);
        }
        else
        {
            head = 0;
            for (int i = 0; i < n; i++)
            {
                head |= (ulong)name[i] << (8 * i);
            }

            tail = 0;
        }

        ulong h = (head * 0x9E3779B97F4A7C15UL) ^ (tail * 0xC2B2AE3D27D4EB4FUL) ^ (ulong)n;
        slot = (int)((h >> 40) & (Slots - 1));
        return _lengths[slot] == n && name.SequenceEqual(_keys.AsSpan(slot * Width, n)) ? _names[slot] : null;
    }

    /// <summary>Keeps <paramref name="text"/> in the slot <see cref="Find"/> chose, when the name is ASCII.</summary>
    public void Add(int slot, ReadOnlySpan<byte> name, string text)
    {
        if (!System.Text.Ascii.IsValid(name))
        {
            return;
        }

        name.CopyTo(_keys.AsSpan(slot * Width));
        _lengths[slot] = (byte)name.Length;
        _names[slot] = text;
    }
}
