using System.Collections.Immutable;
using System.Text;
using System.Text.Unicode;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The atom table (AtU8 since OTP 20, Latin-1 Atom before). Atom indexes are 1-based; index 1 is the module.
/// OTP 28 changed AtU8 without renaming it: a negative count means each length is a compact-term value
/// instead of one byte (erts beam_file.c parse_atom_chunk), which OTP 27's beam_lib cannot read.
/// <para>
/// Decoding checks every atom (lengths, UTF-8) but makes an <see cref="AtomTerm"/> only when one is asked for, and
/// keeps it: <c>info</c> on a tree needs the names its symbol tables use, not the atoms only code and literals refer
/// to, and a string and a term per atom were most of what it allocated (benchmarks/README.md, compare.sh).
/// </para>
/// </summary>
public sealed class AtomTable
{
    private readonly ReadOnlyMemory<byte> _data;

    /// <summary>Per atom, where its name starts in the chunk data and how many bytes it has.</summary>
    private readonly (int Start, int Length)[] _names;

    /// <summary>The atoms made so far, by 0-based index; allocated at the first (a host that only reads
    /// <see cref="NameBytes"/> never needs it).</summary>
    private AtomTerm?[]? _made;
    private ImmutableArray<AtomTerm> _all;

    private AtomTable(ReadOnlyMemory<byte> data, (int Start, int Length)[] names, bool compactLengths, bool utf8)
    {
        _data = data;
        _names = names;
        HasCompactLengths = compactLengths;
        IsUtf8 = utf8;
    }

    /// <summary>Atoms in file order; <c>Atoms[0]</c> is atom index 1.</summary>
    public ImmutableArray<AtomTerm> Atoms
    {
        get
        {
            if (_all.IsDefault)
            {
                var all = ImmutableArray.CreateBuilder<AtomTerm>(_names.Length);
                for (int i = 0; i < _names.Length; i++)
                {
                    all.Add(Get(i));
                }

                _all = all.MoveToImmutable();
            }

            return _all;
        }
    }

    public int Count => _names.Length;

    /// <summary>True for the OTP 28+ encoding with compact-term lengths (negative count).</summary>
    public bool HasCompactLengths { get; }

    public bool IsUtf8 { get; }

    /// <summary>Atom by its 1-based index as the other chunks use it.</summary>
    public AtomTerm this[int index] => (uint)(index - 1) < (uint)_names.Length
        ? Get(index - 1)
        : throw new ArgumentOutOfRangeException(nameof(index), index, $"atom index outside 1..{_names.Length}");

    /// <summary>The name's bytes as the chunk holds them (UTF-8 for AtU8, Latin-1 for Atom, see <see cref="IsUtf8"/>), by
    /// 1-based index, without making the atom: for a host that writes names out as bytes.</summary>
    public ReadOnlySpan<byte> NameBytes(int index)
    {
        if ((uint)(index - 1) >= (uint)_names.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"atom index outside 1..{_names.Length}");
        }

        var (start, length) = _names[index - 1];
        return _data.Span.Slice(start, length);
    }

    public bool TryGet(long index, out AtomTerm atom)
    {
        if (index >= 1 && index <= _names.Length)
        {
            atom = Get((int)index - 1);
            return true;
        }

        atom = null!;
        return false;
    }

    /// <summary>The atom at 0-based <paramref name="i"/>, made on first use. Tables may be shared between threads, so
    /// the first atom made is the one every caller gets.</summary>
    private AtomTerm Get(int i)
    {
        var all = Volatile.Read(ref _made) ?? Interlocked.CompareExchange(ref _made, new AtomTerm?[_names.Length], null) ?? _made!;
        if (Volatile.Read(ref all[i]) is { } made)
        {
            return made;
        }

        var (start, length) = _names[i];
        var bytes = _data.Span.Slice(start, length);
        var atom = new AtomTerm(IsUtf8 ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes));
        return Interlocked.CompareExchange(ref all[i], atom, null) ?? atom;
    }

    public static AtomTable Decode(Chunk chunk)
    {
        bool utf8 = chunk.Id == ChunkId.AtU8;
        var r = new BeamReader(chunk.Data.Span, chunk.Offset, chunk.Id);
        long at = r.Offset;
        int raw = r.ReadInt32();
        bool compact = raw < 0;
        if (raw == int.MinValue)
        {
            r.ThrowBadAt(DiagnosticId.ImplausibleSize, at, "atom count is -2^31");
        }

        int count = compact ? -raw : raw;
        r.CheckCount((ulong)count, 1, "atom", at);
        var names = new (int Start, int Length)[count];

        // When every byte after the count is ASCII, so is every name, and ASCII is valid UTF-8: one vectorized check
        // instead of one call per atom (nearly every module; a length byte of 128 or more just takes the slow path).
        bool checkEach = utf8 && !System.Text.Ascii.IsValid(chunk.Data.Span[r.Position..]);
        for (int i = 0; i < count; i++)
        {
            long atomAt = r.Offset;
            int length = compact
                ? CompactTermReader.ReadSmall(ref r, CompactTag.Literal, "atom length")
                : r.ReadByte();
            int start = r.Position;
            var bytes = r.ReadBytes(length);
            if (checkEach && !Utf8.IsValid(bytes))
            {
                throw new BadBeamFormatException(DiagnosticId.BadUtf8, atomAt, $"atom {i + 1} is not valid UTF-8", chunk.Id);
            }

            names[i] = (start, length);
        }

        return new AtomTable(chunk.Data, names, compact, utf8);
    }
}
