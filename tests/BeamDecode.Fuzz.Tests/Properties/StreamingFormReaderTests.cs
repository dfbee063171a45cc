using System.Buffers.Binary;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Chunks;
using CsCheck;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>
/// `source` reads abstract code straight from the Dbgi bytes (StreamingFormReader) and falls back to the term tree
/// for anything it does not expect. Corrupted Dbgi chunks, inflated so that the damage reaches the term rather than
/// the zlib stream, go through the dbgi fuzz target, which checks that whatever the streaming reader accepts the
/// term-tree path accepts and reads to the same module, annotations and printed text included
/// (<see cref="SourceDifferential"/>), and that only the failure type escapes.
/// </summary>
public sealed class StreamingFormReaderTests
{
    private static readonly FuzzTarget Dbgi = FuzzTargets.Find("dbgi")!;

    /// <summary>The Dbgi chunk of every fixture with Erlang debug info, uncompressed (131, then the inflated term).</summary>
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Chunk)>> Chunks = new(() =>
    {
        var list = new List<(string, byte[])>();
        foreach (var (name, bytes) in FixtureCorpus.All)
        {
            try
            {
                var beam = BeamFile.Read(bytes);
                if (beam.DebugInfo.Kind == DebugInfoKind.ErlangV1 && beam.FindChunk(ChunkId.Dbgi) is { } c)
                {
                    list.Add((name, Uncompressed(c.Data.Span)));
                }
            }
            catch (BadBeamFormatException)
            {
            }
        }

        return list;
    });

    private static byte[] Uncompressed(ReadOnlySpan<byte> chunk)
    {
        if (chunk[1] != 80)
        {
            return chunk.ToArray();
        }

        uint size = BinaryPrimitives.ReadUInt32BigEndian(chunk[2..6]);
        return [131, .. Inflater.Zlib(chunk[6..], size, size, 0, null)];
    }

    private static Gen<(string Name, byte[] Chunk)> Chunk => Gen.Int[0, Chunks.Value.Count - 1].Select(i => Chunks.Value[i]);

    [Fact]
    public void Fixture_dbgi_chunks_are_read_directly_compressed_or_not()
    {
        Assert.True(Chunks.Value.Count >= 3, $"only {Chunks.Value.Count} fixtures with Erlang debug info");
        foreach (var (name, chunk) in Chunks.Value)
        {
            Assert.True(StreamingFormReader.TryRead(chunk, dbgi: true) is not null, $"{name}: not read directly");
            Assert.True(Dbgi.RunChecked(chunk) > 0, $"{name}: rejected");
        }

        foreach (var (name, bytes) in FixtureCorpus.All.Where(f => f.Name.StartsWith("beam", StringComparison.Ordinal)))
        {
            var beam = BeamFile.Read(bytes);
            if (beam.DebugInfo.Kind == DebugInfoKind.ErlangV1)
            {
                Assert.True(StreamingFormReader.TryRead(beam.FindChunk(ChunkId.Dbgi)!.Data.Span, dbgi: true) is not null, $"{name}: compressed Dbgi not read directly");
            }
        }
    }

    [Fact]
    public void Bit_flipped_dbgi_terms_read_the_same_either_way()
    {
        Gen.Select(Chunk, Gen.Int.Array[1, 6]).Sample((fixture, flips) =>
        {
            var bytes = (byte[])fixture.Chunk.Clone();
            foreach (int f in flips)
            {
                int bit = (int)((uint)f % (uint)(bytes.Length * 8));
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Dbgi.RunChecked(bytes);
        }, iter: CorruptionTests.Iterations, threads: 1, print: t => $"{t.Item1.Name} flips {string.Join(",", t.Item2)}");
    }

    [Fact]
    public void Dbgi_terms_with_overwritten_bytes_read_the_same_either_way()
    {
        // Tags, counts and small integers: where the two readers could disagree on what a byte means.
        Gen.Select(Chunk, Gen.Select(Gen.Int, Gen.OneOf<byte>(0, 1, 2, 0x61, 0x62, 0x64, 0x68, 0x6A, 0x6B, 0x6C, 0x6E, 0x73, 0x76, 0x77, 0xFF)).Array[1, 4])
            .Sample((fixture, writes) =>
            {
                var bytes = (byte[])fixture.Chunk.Clone();
                foreach (var (at, value) in writes)
                {
                    bytes[(int)((uint)at % (uint)bytes.Length)] = value;
                }

                Dbgi.RunChecked(bytes);
            }, iter: CorruptionTests.Iterations, threads: 1, print: t => $"{t.Item1.Name} writes {string.Join(",", t.Item2)}");
    }

    [Fact]
    public void Truncated_dbgi_terms_are_refused_either_way()
    {
        foreach (var (name, chunk) in Chunks.Value)
        {
            for (int cut = 1; cut < chunk.Length; cut += Math.Max(1, chunk.Length / 500))
            {
                Assert.Null(StreamingFormReader.TryRead(chunk.AsSpan(0, cut), dbgi: true));
                Assert.Equal(-1, Dbgi.RunChecked(chunk[..cut]));
            }
        }
    }
}
