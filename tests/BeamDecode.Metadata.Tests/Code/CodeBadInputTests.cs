using System.Diagnostics;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Tests.BadInput;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// Truncated and garbled Code chunks: disassembling and printing either succeeds or throws
/// <see cref="BadBeamFormatException"/>, with an offset inside the file; nothing else escapes, and it stays quick.
/// </summary>
public sealed class CodeBadInputTests
{
    [Theory]
    [InlineData("asm_ops.beam")]
    [InlineData("features.beam")]
    public void EveryPrefixOfTheCodeChunk_ThrowsOnlyBadBeamFormatException(string fixture)
    {
        var beam = BeamContainer.Fixture(fixture);
        byte[] code = beam.Data("Code");
        var watch = Stopwatch.StartNew();
        int rejected = 0;
        for (int length = 0; length < code.Length; length++)
        {
            byte[] bytes = beam.With("Code", code[..length]).ToBytes();
            rejected += Disassemble(bytes) is null ? 0 : 1;
        }

        Assert.Equal(code.Length, rejected);
        Assert.Null(Disassemble(beam.ToBytes()));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"{code.Length} prefixes took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("asm_ops.beam", 1)]
    [InlineData("asm_ops.beam", 2)]
    [InlineData("features.beam", 3)]
    [InlineData("literals.beam", 4)]
    public void GarbledCodeBytes_ThrowOnlyBadBeamFormatException(string fixture, int seed)
    {
        var beam = BeamContainer.Fixture(fixture);
        byte[] code = beam.Data("Code");
        var random = new Random(seed);
        for (int round = 0; round < 3000; round++)
        {
            byte[] garbled = (byte[])code.Clone();
            int flips = 1 + random.Next(4);
            for (int k = 0; k < flips; k++)
            {
                // Past the 20-byte header, where the instructions are; the header has its own checks.
                int at = 20 + random.Next(garbled.Length - 20);
                garbled[at] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)(garbled[at] ^ (1 << random.Next(8))),
                    _ => 0xFF,
                };
            }

            Disassemble(beam.With("Code", garbled).ToBytes());
        }
    }

    [Fact]
    public void RunsOf0xFF_AreRejectedWithoutDeepRecursion()
    {
        var beam = BeamContainer.Fixture("minimal.beam");
        byte[] code = beam.Data("Code");
        byte[] hostile = [.. code[..20], 64, .. Enumerable.Repeat((byte)0xFF, 100_000)];
        Assert.NotNull(Disassemble(beam.With("Code", hostile).ToBytes()));
    }

    /// <summary>
    /// Null when the module disassembles and prints; the exception when it is rejected. The streaming writer (the
    /// CLI's path) must agree with the object model: the same text, or the same diagnostic at the same offset.
    /// </summary>
    private static BadBeamFormatException? Disassemble(byte[] bytes)
    {
        var (text, error) = ByObjectModel(bytes);
        var (streamed, streamError) = Streamed(bytes);
        Assert.Equal(text, streamed);
        Assert.Equal((error?.Id, error?.Offset, error?.Chunk, error?.Message), (streamError?.Id, streamError?.Offset, streamError?.Chunk, streamError?.Message));
        return error;
    }

    private static (string? Text, BadBeamFormatException? Error) ByObjectModel(byte[] bytes)
    {
        try
        {
            var module = Disassembler.Disassemble(BeamFile.Read(bytes));
            return (AsmWriter.Write(module), null);
        }
        catch (BadBeamFormatException e)
        {
            Hostile.AssertPlausible([e], bytes.Length);
            return (null, e);
        }
    }

    private static (string? Text, BadBeamFormatException? Error) Streamed(byte[] bytes)
    {
        try
        {
            string? text = null;
            AsmWriter.Write(BeamFile.Read(bytes), utf8 => text = System.Text.Encoding.UTF8.GetString(utf8));
            return (text, null);
        }
        catch (BadBeamFormatException e)
        {
            return (null, e);
        }
    }
}
