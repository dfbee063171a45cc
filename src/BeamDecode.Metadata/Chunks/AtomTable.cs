using System.Collections.Immutable;
using System.Text;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Chunks;

/// <summary>
/// The atom table (AtU8 since OTP 20, Latin-1 Atom before). Atom indexes are 1-based; index 1 is the module.
/// OTP 28 changed AtU8 without renaming it: a negative count means each length is a compact-term value
/// instead of one byte (erts beam_file.c parse_atom_chunk), which OTP 27's beam_lib cannot read.
/// </summary>
public sealed class AtomTable
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    private AtomTable(ImmutableArray<AtomTerm> atoms, bool compactLengths, bool utf8)
    {
        Atoms = atoms;
        HasCompactLengths = compactLengths;
        IsUtf8 = utf8;
    }

    /// <summary>Atoms in file order; <c>Atoms[0]</c> is atom index 1.</summary>
    public ImmutableArray<AtomTerm> Atoms { get; }

    public int Count => Atoms.Length;

    /// <summary>True for the OTP 28+ encoding with compact-term lengths (negative count).</summary>
    public bool HasCompactLengths { get; }

    public bool IsUtf8 { get; }

    /// <summary>Atom by its 1-based index as the other chunks use it.</summary>
    public AtomTerm this[int index] => Atoms[index - 1];

    public bool TryGet(long index, out AtomTerm atom)
    {
        if (index >= 1 && index <= Atoms.Length)
        {
            atom = Atoms[(int)index - 1];
            return true;
        }

        atom = null!;
        return false;
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
        var atoms = ImmutableArray.CreateBuilder<AtomTerm>(count);
        for (int i = 0; i < count; i++)
        {
            long atomAt = r.Offset;
            int length = compact
                ? CompactTermReader.ReadSmall(ref r, CompactTag.Literal, "atom length")
                : r.ReadByte();
            var bytes = r.ReadBytes(length);
            string name;
            if (utf8)
            {
                try
                {
                    name = StrictUtf8.GetString(bytes);
                }
                catch (DecoderFallbackException)
                {
                    throw new BadBeamFormatException(DiagnosticId.BadUtf8, atomAt, $"atom {i + 1} is not valid UTF-8", chunk.Id);
                }
            }
            else
            {
                name = Encoding.Latin1.GetString(bytes);
            }

            atoms.Add(new AtomTerm(name));
        }

        return new AtomTable(atoms.MoveToImmutable(), compact, utf8);
    }
}
