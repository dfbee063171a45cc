using System.Buffers.Binary;
using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Terms;
using CsCheck;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>
/// A corrupt chunk poisons that chunk alone: with random bytes of one chunk's data flipped (its header intact), the
/// container still opens, every table that does not read that chunk decodes exactly as before, and a table that
/// does read it either decodes or fails with the failure type naming one of the chunks it reads.
/// </summary>
public sealed class ChunkIsolationTests
{
    public const int Iterations = 2_000;

    /// <summary>A table of a module, the chunks it reads, and a rendering of what it decodes to.</summary>
    private sealed record Table(string Name, string[] Reads, Func<BeamFile, string> Render);

    private static readonly string[] AtomChunks = [ChunkId.AtU8, ChunkId.Atom];

    private static readonly Table[] Tables =
    [
        new("atoms", AtomChunks, b => string.Join(",", b.Atoms.Atoms.Select(a => a.Name))),
        new("code", [ChunkId.Code], b => b.Code?.ToString() ?? "-"),
        new("imports", [ChunkId.ImpT, .. AtomChunks], b => string.Join(",", b.Imports)),
        new("exports", [ChunkId.ExpT, .. AtomChunks], b => string.Join(",", b.Exports)),
        new("locals", [ChunkId.LocT, .. AtomChunks], b => string.Join(",", b.Locals)),
        new("lambdas", [ChunkId.FunT, .. AtomChunks], b => string.Join(",", b.Lambdas)),
        new("lines", [ChunkId.Line], b => b.Lines is { } l ? $"{l.Version} {l.InstructionCount} {string.Join(",", l.Items)} {string.Join(",", l.FileNames)}" : "-"),
        new("types", [ChunkId.Type], b => b.Types is { } t ? string.Join(",", t.Entries) : "-"),
        new("literals", [ChunkId.LitT], b => b.Literals is { } l ? string.Join(",", l.Literals.Select(TermWriter.Write)) : "-"),
        new("attributes", [ChunkId.Attr], b => TermWriter.Write(b.Attributes)),
        new("compile info", [ChunkId.CInf], b => TermWriter.Write(b.CompileInfo)),
        new("meta", [ChunkId.Meta], b => b.DecodeTermChunk(ChunkId.Meta) is { } t ? TermWriter.Write(t) : "-"),
        new("debug info", [ChunkId.Dbgi, ChunkId.Abst], b => b.DebugInfo.Payload is { } p ? TermWriter.Write(p) : b.DebugInfo.DisplayName),
        new("docs", [ChunkId.Docs], b => b.Docs?.ToString() ?? "-"),
    ];

    /// <summary>Each chunk's data range in a plain container (offset, length), in file order.</summary>
    private static List<(string Id, int Offset, int Length)> ChunkRanges(byte[] beam)
    {
        var ranges = new List<(string, int, int)>();
        int end = 8 + (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(4));
        for (int pos = 12; pos + 8 <= end;)
        {
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(pos + 4));
            ranges.Add((Encoding.Latin1.GetString(beam, pos, 4), pos + 8, size));
            pos += 8 + ((size + 3) & ~3);
        }

        return ranges;
    }

    private static (string? Text, BadBeamFormatException? Failure) Decode(Table table, BeamFile beam)
    {
        try
        {
            return (table.Render(beam), null);
        }
        catch (BadBeamFormatException e)
        {
            return (null, e);
        }
    }

    [Fact]
    public void A_corrupt_chunk_poisons_only_the_tables_that_read_it()
    {
        var fixtures = FixtureCorpus.Plain;
        Assert.NotEmpty(fixtures);
        var originals = fixtures.Select(f => Tables.Select(t => Decode(t, BeamFile.Read(f.Bytes))).ToArray()).ToArray();
        int poisoned = 0;
        Gen.Select(Gen.Int[0, fixtures.Count - 1], Gen.Int, Gen.Int.Array[1, 6]).Sample((which, chunkPick, flips) =>
        {
            var (name, good) = fixtures[which];
            var ranges = ChunkRanges(good).Where(r => r.Length > 0).ToList();
            var (id, offset, length) = ranges[(int)((uint)chunkPick % (uint)ranges.Count)];
            var bytes = (byte[])good.Clone();
            foreach (int f in flips)
            {
                int bit = (int)((uint)f % (uint)(length * 8));
                bytes[offset + (bit / 8)] ^= (byte)(1 << (bit % 8));
            }

            var beam = BeamFile.Read(bytes); // sizes and ids are intact: the container itself must open
            for (int i = 0; i < Tables.Length; i++)
            {
                var table = Tables[i];
                var (text, failure) = Decode(table, beam);
                if (!table.Reads.Contains(id))
                {
                    Assert.True(originals[which][i] == (text, failure) || (failure is null && text == originals[which][i].Text),
                        $"{name}: corrupting {id} changed the {table.Name} table ({failure?.Describe() ?? "decoded differently"})");
                }
                else if (failure is not null)
                {
                    poisoned++;
                    Assert.True(failure.Chunk is null || table.Reads.Contains(failure.Chunk),
                        $"{name}: corrupting {id}, the {table.Name} table failed naming chunk {failure.Chunk}: {failure.Describe()}");
                }
            }
        }, iter: Iterations, threads: 1, print: t => $"fixture {t.Item1} chunk pick {t.Item2} flips {string.Join(",", t.Item3)}");
        Assert.True(poisoned > 0, "no corruption was ever detected: the property tested nothing");
    }
}
