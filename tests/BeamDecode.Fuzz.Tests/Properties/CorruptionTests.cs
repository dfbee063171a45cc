using BeamDecode.Decompiler;
using BeamDecode.Metadata;
using CsCheck;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>
/// Random truncations, bit flips and byte overwrites of every fixture never break the contract: through the whole
/// container walk (every table, the disassembler) and source recovery, only <see cref="BadBeamFormatException"/>
/// escapes, and no input hangs (<see cref="HangBound"/>).
/// </summary>
public sealed class CorruptionTests
{
    /// <summary>Iterations per property; docs/reliability.md reports these counts.</summary>
    public const int Iterations = 3_000;

    private static readonly FuzzTarget Container = FuzzTargets.Find("container")!;

    private static readonly Gen<(string Name, byte[] Bytes)> Fixture = Gen.Int[0, FixtureCorpus.All.Count - 1].Select(i => FixtureCorpus.All[i]);

    private static void Decode(byte[] bytes)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Container.RunChecked(bytes);
        try
        {
            var beam = BeamFile.Read(bytes);
            _ = ModuleSource.Recover(beam, keyFor: _ => "secret");
        }
        catch (BadBeamFormatException)
        {
        }

        Assert.True(clock.Elapsed < HangBound.PerInput, $"took {clock.Elapsed}");
    }

    [Fact]
    public void Truncated_fixtures_throw_only_the_failure_type()
    {
        Gen.Select(Fixture, Gen.Double[0, 1]).Sample((fixture, cut) =>
            Decode(fixture.Bytes[..(int)(fixture.Bytes.Length * cut)]), iter: Iterations, threads: 1, print: t => $"{t.Item1.Name} cut at {t.Item2:F4}");
    }

    [Fact]
    public void Bit_flipped_fixtures_throw_only_the_failure_type()
    {
        Gen.Select(Fixture, Gen.Int.Array[1, 8]).Sample((fixture, flips) =>
        {
            var bytes = (byte[])fixture.Bytes.Clone();
            foreach (int f in flips)
            {
                int bit = (int)((uint)f % (uint)(bytes.Length * 8));
                bytes[bit / 8] ^= (byte)(1 << (bit % 8));
            }

            Decode(bytes);
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1.Name} flips {string.Join(",", t.Item2)}");
    }

    [Fact]
    public void Fixtures_with_overwritten_bytes_throw_only_the_failure_type()
    {
        // Overwrites with the values that mean the most to a decoder: zero, all ones, a huge count's first byte.
        Gen.Select(Fixture, Gen.Select(Gen.Int, Gen.OneOf<byte>(0x00, 0xFF, 0x7F, 0x80, 0x01)).Array[1, 4]).Sample((fixture, writes) =>
        {
            var bytes = (byte[])fixture.Bytes.Clone();
            foreach (var (at, value) in writes)
            {
                bytes[(int)((uint)at % (uint)bytes.Length)] = value;
            }

            Decode(bytes);
        }, iter: Iterations, threads: 1, print: t => $"{t.Item1.Name} writes {string.Join(",", t.Item2)}");
    }
}
