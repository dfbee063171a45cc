using BeamDecode.Metadata;

namespace BeamDecode.Cli.Tests.Limits;

/// <summary>
/// The <c>--max-*</c> options raise or lower a decode limit for one run (README "Limits"): a module whose attribute
/// holds a bignum over the default 64 KB is refused by default and read with <c>--max-bignum-bytes</c>; a term deeper
/// than a lowered <c>--max-term-depth</c> is refused; out-of-range values are usage errors; the process-wide limits are restored when the run ends. Not run in parallel with other
/// tests: a limit set for one in-process run would apply to the runs of other tests meanwhile.
/// </summary>
[Collection(nameof(LimitOptionTests))]
public sealed class LimitOptionTests
{
    /// <summary>fixtures/beam/minimal.beam with its Attr chunk replaced by [{deep, [T]}], T a tuple nested
    /// <paramref name="depth"/> levels around a bignum of <paramref name="bignumBytes"/> bytes, in a temporary file.</summary>
    private static string AttributeBeam(int depth, int bignumBytes)
    {
        var beam = File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam"));
        var attr = new List<byte> { 131, 108, 0, 0, 0, 1, 104, 2, 119, 4, (byte)'d', (byte)'e', (byte)'e', (byte)'p', 108, 0, 0, 0, 1 };
        for (int i = 0; i < depth; i++)
        {
            attr.AddRange([104, 1]);
        }

        // LARGE_BIG_EXT: size, sign, magnitude little-endian (all 0x11: no leading zero byte).
        attr.AddRange([111, (byte)(bignumBytes >> 24), (byte)(bignumBytes >> 16), (byte)(bignumBytes >> 8), (byte)bignumBytes, 0]);
        attr.AddRange(Enumerable.Repeat((byte)0x11, bignumBytes));
        attr.AddRange([106, 106]);
        var chunks = new List<(string Id, byte[] Data)>();
        int end = 8 + (beam[4] << 24 | beam[5] << 16 | beam[6] << 8 | beam[7]);
        for (int pos = 12; pos + 8 <= end;)
        {
            string id = System.Text.Encoding.Latin1.GetString(beam, pos, 4);
            int size = beam[pos + 4] << 24 | beam[pos + 5] << 16 | beam[pos + 6] << 8 | beam[pos + 7];
            chunks.Add((id, id == "Attr" ? [.. attr] : beam[(pos + 8)..(pos + 8 + size)]));
            pos += 8 + ((size + 3) & ~3);
        }

        var ms = new MemoryStream();
        ms.Write("FOR1\0\0\0\0BEAM"u8);
        foreach (var (id, data) in chunks)
        {
            ms.Write(System.Text.Encoding.Latin1.GetBytes(id));
            ms.Write([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
            ms.Write(data);
            ms.Write(new byte[(4 - (data.Length % 4)) % 4]);
        }

        var bytes = ms.ToArray();
        int form = bytes.Length - 8;
        (bytes[4], bytes[5], bytes[6], bytes[7]) = ((byte)(form >> 24), (byte)(form >> 16), (byte)(form >> 8), (byte)form);
        var path = Path.Combine(Path.GetTempPath(), $"beamdecode-limits-{Guid.NewGuid():N}.beam");
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void A_bignum_over_the_default_is_refused_and_read_with_a_raised_max_bignum_bytes()
    {
        var path = AttributeBeam(depth: 1, bignumBytes: 70_000);
        try
        {
            var refused = CliRunner.Run("info", path);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("BD0104", refused.Stderr, StringComparison.Ordinal);

            var read = CliRunner.Run("info", "--json", "--max-bignum-bytes", "80000", path);
            Assert.Equal(0, read.ExitCode);
            Assert.Contains("{deep,[{", read.Stdout, StringComparison.Ordinal);
            Assert.Equal(DecodeLimits.Default, DecodeLimits.Current);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_term_deeper_than_a_lowered_max_term_depth_is_refused()
    {
        var path = AttributeBeam(depth: 50, bignumBytes: 1);
        try
        {
            Assert.Equal(0, CliRunner.Run("info", path).ExitCode);
            var refused = CliRunner.Run("info", "--max-term-depth", "20", path);
            Assert.Equal(2, refused.ExitCode);
            Assert.Contains("BD0102", refused.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("--max-term-depth", "0")]
    [InlineData("--max-term-depth", "2001")]
    [InlineData("--max-image-size", "-1")]
    [InlineData("--max-bignum-bytes", "0")]
    public void An_out_of_range_limit_is_a_usage_error(string option, string value)
    {
        var result = CliRunner.Run("info", option, value, "fixtures/beam/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("beamdecode: limit out of range: ", result.Stderr, StringComparison.Ordinal);
        Assert.Empty(result.Stdout);
    }

    [Fact]
    public void A_lowered_image_limit_refuses_a_larger_file()
    {
        // Lowering is also allowed (a batch over untrusted files may want tighter limits); BD0008 names the option.
        var result = CliRunner.Run("info", "--max-image-size", "100", "fixtures/beam/minimal.beam");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BD0008", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("--max-image-size", result.Stderr, StringComparison.Ordinal);
    }
}

/// <summary>Runs <see cref="LimitOptionTests"/> alone (the limits are process-wide).</summary>
[CollectionDefinition(nameof(LimitOptionTests), DisableParallelization = true)]
public sealed class LimitOptionTestsCollection;
