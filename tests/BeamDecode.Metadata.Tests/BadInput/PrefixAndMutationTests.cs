using System.Diagnostics;

namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>
/// Whole-space sweeps: every prefix of a fixture, every prefix of every chunk, and byte mutations. Nothing but
/// <see cref="BadBeamFormatException"/> may escape, every offset must lie within the file, and it must be quick.
/// </summary>
public sealed class PrefixAndMutationTests
{
    [Theory]
    [InlineData("minimal.beam")]
    [InlineData("features.beam")]
    [InlineData("compressed/minimal.beam")]
    public void EveryPrefixOfAFixture_IsRejectedWithOnlyBadBeamFormatException(string fixture)
    {
        byte[] good = Fixtures.Beam(fixture);
        var watch = Stopwatch.StartNew();
        for (int length = 0; length < good.Length; length++)
        {
            byte[] prefix = good[..length];
            var errors = Hostile.DecodeAll(prefix);
            Assert.True(errors.Count > 0, $"prefix of {length} bytes decoded without error");
            Hostile.AssertPlausible(errors, length);
        }

        watch.Stop();
        Assert.Empty(Hostile.DecodeAll(good));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"{good.Length} prefixes took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("minimal.beam")]
    [InlineData("features.beam")]
    [InlineData("literals.beam")]
    [InlineData("encrypted/minimal.beam")]
    public void EveryPrefixOfEveryChunk_ThrowsOnlyBadBeamFormatException(string fixture)
    {
        var beam = BeamContainer.Fixture(fixture);
        var watch = Stopwatch.StartNew();
        int rejected = 0;
        foreach (var (id, data) in beam.Chunks)
        {
            for (int length = 0; length < data.Length; length++)
            {
                byte[] bytes = beam.With(id, data[..length]).ToBytes();
                var errors = Hostile.DecodeAll(bytes);
                Hostile.AssertPlausible(errors, bytes.Length);
                rejected += errors.Count > 0 ? 1 : 0;
            }
        }

        watch.Stop();
        Assert.True(rejected > 0);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("minimal.beam")]
    [InlineData("features.beam")]
    public void EveryByteMutated_ThrowsOnlyBadBeamFormatException(string fixture)
    {
        byte[] good = Fixtures.Beam(fixture);
        byte[] values = [0x00, 0x7F, 0x80, 0xFF];
        var watch = Stopwatch.StartNew();
        for (int i = 0; i < good.Length; i++)
        {
            foreach (byte v in values)
            {
                byte[] bytes = (byte[])good.Clone();
                bytes[i] = v;
                Hostile.AssertPlausible(Hostile.DecodeAll(bytes), bytes.Length);
            }
        }

        watch.Stop();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
    }

    [Fact]
    public void RandomMultiByteCorruption_ThrowsOnlyBadBeamFormatException()
    {
        byte[] good = Fixtures.Beam("features.beam");
        var random = new Random(20250101);
        for (int round = 0; round < 3000; round++)
        {
            byte[] bytes = (byte[])good.Clone();
            int flips = random.Next(1, 8);
            for (int f = 0; f < flips; f++)
            {
                // Skip the container header most of the time, so the chunks themselves are exercised.
                int at = random.Next(round % 4 == 0 ? 0 : 20, bytes.Length);
                bytes[at] = (byte)random.Next(256);
            }

            Hostile.AssertPlausible(Hostile.DecodeAll(bytes), bytes.Length);
        }
    }
}
