using System.Buffers.Binary;
using System.Text;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Metadata.Tests.BadInput;

namespace BeamDecode.Metadata.Tests.Formats;

/// <summary>
/// Encodings of releases not installed here, built from a fixture by re-encoding one chunk the way that
/// release writes it: OTP 28's AtU8 with compact-term atom lengths (negative count; erts beam_file.c
/// parse_atom_chunk), and OTP 19's Latin-1 Atom chunk with an Abst chunk instead of Dbgi.
/// </summary>
public sealed class ReleaseFormatTests
{
    [Fact]
    public void AtomTable_Otp28CompactLengths_DecodesSameAtomsAsClassicEncoding()
    {
        var fixture = BeamContainer.Fixture("features.beam");
        var classic = BeamFile.Read(fixture.ToBytes()).Atoms.Atoms;
        var otp28 = BeamFile.Read(fixture.With("AtU8", CompactAtU8(classic.Select(a => a.Name))).ToBytes());

        Assert.True(otp28.Atoms.HasCompactLengths);
        Assert.Equal(classic.Select(a => a.Name), otp28.Atoms.Atoms.Select(a => a.Name));
        Assert.Equal("features", otp28.ModuleName);
        Assert.Equal(
            BeamFile.Read(fixture.ToBytes()).Exports.Select(e => e.ToString()),
            otp28.Exports.Select(e => e.ToString()));
    }

    [Fact]
    public void AtomTable_Otp28LongUnicodeAtom_UsesTwoByteCompactLength()
    {
        // 255 'λ' is the longest atom OTP allows: 510 UTF-8 bytes, past the one-byte length of older releases.
        string longest = new('λ', 255);
        var bytes = CompactAtU8(["m", longest, "short"]);
        // After the count (4 bytes) and "m" (length 0x10, 'm'): 510 = 0x1FE in the 11-bit form, (1 << 5) | 0x08, 0xFE.
        Assert.Equal([0x28, 0xFE], bytes[6..8]);
        var table = AtomTable.Decode(new Chunk("AtU8", 0, bytes.Length, bytes));
        Assert.Equal(["m", longest, "short"], table.Atoms.Select(a => a.Name));
    }

    [Fact]
    public void BeamFile_Otp19LatinAtomAndAbstChunks_ReportsAtomsAndAbstractCodeKind()
    {
        var fixture = BeamContainer.Fixture("features.beam");
        var modern = BeamFile.Read(fixture.ToBytes());
        var latin = modern.Atoms.Atoms.Select(a => a.Name).ToList();
        if (latin.Any(n => n.Any(c => c > 0xFF)))
        {
            // OTP 19's Atom chunk is Latin-1 only; the fixture's unicode atom is Latin-1 representable.
            throw new InvalidOperationException("fixture atoms must be Latin-1 for this test");
        }

        // {raw_abstract_v1, Forms}: here a tiny form list, as pre-OTP-20 compilers wrote it.
        byte[] abst = [131, 104, 2, 100, 0, 15, .. "raw_abstract_v1"u8, 106];
        var old = fixture.Without("AtU8").Without("Dbgi").Append("Abst", abst);
        var chunks = old.Chunks.ToList();
        chunks.Insert(0, ("Atom", ClassicAtoms(latin, Encoding.Latin1)));
        var bytes = Rebuild(chunks);

        var beam = BeamFile.Read(bytes);
        Assert.False(beam.Atoms.IsUtf8);
        Assert.Equal(latin, beam.Atoms.Atoms.Select(a => a.Name));
        Assert.Equal(DebugInfoKind.AbstractCode, beam.DebugInfo.Kind);
        Assert.Equal("raw_abstract_v1", beam.DebugInfo.DisplayName);
        Assert.Equal(new TupleTerm([new AtomTerm("raw_abstract_v1"), NilTerm.Instance]), beam.DebugInfo.Payload);
        // beam_lib:md5 hashes the Atom chunk where AtU8 used to be: the checksum changes with the atom bytes.
        Assert.NotEqual(Convert.ToHexString(ModuleMd5.TryCompute(modern, out _)!), Convert.ToHexString(ModuleMd5.TryCompute(beam, out _)!));
    }

    /// <summary>AtU8 as OTP 28 writes it: the negated count, then per atom a compact unsigned length and the UTF-8 bytes.</summary>
    private static byte[] CompactAtU8(IEnumerable<string> atoms)
    {
        var list = atoms.ToList();
        var ms = new MemoryStream();
        var count = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(count, -list.Count);
        ms.Write(count);
        foreach (var atom in list)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(atom);
            WriteCompactUnsigned(ms, utf8.Length);
            ms.Write(utf8);
        }

        return ms.ToArray();
    }

    /// <summary>beam_asm.erl encode(?tag_u, N): 4-bit, 11-bit, or length-prefixed big-endian forms.</summary>
    private static void WriteCompactUnsigned(Stream s, int n)
    {
        if (n < 16)
        {
            s.WriteByte((byte)(n << 4));
        }
        else if (n < 2048)
        {
            s.WriteByte((byte)(((n >> 8) << 5) | 0x08));
            s.WriteByte((byte)n);
        }
        else
        {
            // Two bytes suffice for any atom length (at most 1020).
            s.WriteByte(0x18);
            s.WriteByte((byte)(n >> 8));
            s.WriteByte((byte)n);
        }
    }

    private static byte[] ClassicAtoms(List<string> atoms, Encoding encoding)
    {
        var ms = new MemoryStream();
        var count = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(count, atoms.Count);
        ms.Write(count);
        foreach (var atom in atoms)
        {
            byte[] b = encoding.GetBytes(atom);
            ms.WriteByte((byte)b.Length);
            ms.Write(b);
        }

        return ms.ToArray();
    }

    private static byte[] Rebuild(List<(string Id, byte[] Data)> chunks)
    {
        var c = BeamContainer.Parse(Empty());
        foreach (var (id, data) in chunks)
        {
            c = c.Append(id, data);
        }

        return c.ToBytes();
    }

    private static byte[] Empty() => [.. "FOR1"u8, 0, 0, 0, 4, .. "BEAM"u8];
}
