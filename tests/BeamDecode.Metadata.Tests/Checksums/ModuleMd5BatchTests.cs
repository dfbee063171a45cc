using BeamDecode.Metadata.Tests.BadInput;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Metadata.Tests.Checksums;

/// <summary>
/// <see cref="ModuleMd5Batch"/> gives each module the checksum <see cref="ModuleMd5.TryCompute"/> gives it (which
/// conformance tests compare with beam_lib:md5/1): over the installed OTP's modules in batches, over modules whose
/// FunT is cut anywhere, and for modules beam_lib refuses.
/// </summary>
public sealed class ModuleMd5BatchTests
{
    [Fact]
    public void InstalledOtpModules_InBatches_GetTheirOwnChecksums()
    {
        var paths = Directory.EnumerateFiles(TestCorpora.InstalledOtpRoot, "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(paths.Count > 500, $"only {paths.Count} modules");
        var batch = new ModuleMd5Batch();
        var expected = new List<byte[]>();
        int checkedModules = 0;
        foreach (var chunkOfPaths in paths.Chunk(37))
        {
            batch.Clear();
            expected.Clear();
            foreach (string path in chunkOfPaths)
            {
                var beam = BeamFile.Read(File.ReadAllBytes(path));
                Assert.Equal(expected.Count, batch.Add(beam, out _));
                expected.Add(ModuleMd5.TryCompute(beam, out _)!);
            }

            batch.Compute();
            for (int slot = 0; slot < expected.Count; slot++)
            {
                Assert.Equal(Convert.ToHexStringLower(expected[slot]), Convert.ToHexStringLower(batch.Digest(slot)));
                checkedModules++;
            }
        }

        Assert.Equal(paths.Count, checkedModules);
    }

    [Fact]
    public void FunTableByteChangedAnywhere_IsHashedWithItsOldUniqWordsZeroed()
    {
        // FunT: a 4-byte count, then 24-byte entries whose bytes 20-23 (OldUniq) beam_lib hashes as zeros: a change
        // there leaves the checksum as it was, a change anywhere else gives a new one.
        byte[] good = Fixtures.Beam("features.beam");
        var original = ModuleMd5.TryCompute(BeamFile.Read(good), out _)!;
        var funT = BeamFile.Read(good).FindChunk(ChunkId.FunT)!;
        Assert.True(funT.Size >= 28, "features.beam has no fun entries");
        var batch = new ModuleMd5Batch();
        var expected = new List<byte[]>();
        for (int i = 0; i < funT.Size; i++)
        {
            var changed = (byte[])good.Clone();
            changed[funT.Offset + i] ^= 0x5a; // Offset: where the chunk's data begins
            var beam = BeamFile.Read(changed);
            expected.Add(ModuleMd5.TryCompute(beam, out _)!);
            Assert.Equal(i, batch.Add(beam, out _));
        }

        batch.Compute();
        for (int i = 0; i < funT.Size; i++)
        {
            Assert.Equal(expected[i], batch.Digest(i).ToArray());
            bool oldUniq = i >= 4 && (i - 4) % 24 >= 20;
            Assert.Equal(oldUniq, original.AsSpan().SequenceEqual(expected[i]));
        }
    }

    [Fact]
    public void ModuleWithoutCode_GetsNoSlot_AndRemovedSlotsAreForgotten()
    {
        var minimal = BeamFile.Read(Fixtures.Beam("minimal.beam"));
        var features = BeamFile.Read(Fixtures.Beam("features.beam"));
        var withoutCode = BeamFile.Read(WithoutChunk(Fixtures.Beam("minimal.beam"), "Code"));
        var batch = new ModuleMd5Batch();

        Assert.Equal(0, batch.Add(minimal, out _));
        Assert.Equal(-1, batch.Add(withoutCode, out string? missing));
        Assert.Equal("Code", missing);
        Assert.Null(ModuleMd5.TryCompute(withoutCode, out _));
        Assert.Equal(1, batch.Add(minimal, out _));
        batch.RemoveFrom(1);
        Assert.Equal(1, batch.Add(features, out _));
        Assert.Equal(2, batch.Count);
        Assert.Throws<InvalidOperationException>(() => batch.Digest(0).ToArray());

        batch.Compute();
        Assert.Equal(ModuleMd5.TryCompute(minimal, out _), batch.Digest(0).ToArray());
        Assert.Equal(ModuleMd5.TryCompute(features, out _), batch.Digest(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.Digest(2).ToArray());
    }

    /// <summary>The container without the named chunk (the FOR1 size patched).</summary>
    private static byte[] WithoutChunk(byte[] beam, string id)
    {
        var kept = new List<byte>(beam[..12]);
        for (int pos = 12; pos + 8 <= beam.Length;)
        {
            int size = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(beam.AsSpan(pos + 4));
            int next = pos + 8 + ((size + 3) & ~3);
            if (System.Text.Encoding.ASCII.GetString(beam, pos, 4) != id)
            {
                kept.AddRange(beam[pos..Math.Min(next, beam.Length)]);
            }

            pos = next;
        }

        var bytes = kept.ToArray();
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), bytes.Length - 8);
        return bytes;
    }
}
