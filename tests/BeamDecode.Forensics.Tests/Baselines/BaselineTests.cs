using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Forensics.Baselines;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Tests.Baselines;

/// <summary>
/// Baselines: a written baseline reads back equal; fingerprints follow the code, not where it sits (erlc-compiled
/// variants of one module); hostile .bdb files (wrong magic or version, truncation anywhere, corrupt LZ4, lying
/// sizes, trailing bytes) are one diagnostic each, never another exception.
/// </summary>
public sealed class BaselineTests : IDisposable
{
    private readonly string _dir = ErlangTool.CreateTempDirectory("bd-baseline");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Baseline FixtureBaseline()
    {
        var modules = Directory.GetFiles(Path.Combine(RepoRoot.Path, "fixtures", "beam"), "*.beam")
            .Order(StringComparer.Ordinal)
            .Select(p => BaselineBuilder.FromBeam(p, BeamFile.Read(File.ReadAllBytes(p))))
            .ToList();
        // Enough modules for several LZ4 blocks: the same modules again under other paths.
        var many = Enumerable.Range(0, 400).SelectMany(i => modules.Select(m => m with { Path = $"{i}/{m.Path}" })).ToList();
        return new Baseline { CreatedUtc = new DateTime(2026, 11, 25, 12, 0, 0, DateTimeKind.Utc), Tool = "test", Modules = [.. many] };
    }

    private static byte[] Bytes(Baseline baseline)
    {
        using var s = new MemoryStream();
        BaselineWriter.Write(s, baseline);
        return s.ToArray();
    }

    [Fact]
    public void A_written_baseline_reads_back_equal()
    {
        var baseline = FixtureBaseline();
        byte[] bytes = Bytes(baseline);
        var read = BaselineReader.Read(bytes);
        Assert.Equal(baseline.CreatedUtc, read.CreatedUtc);
        Assert.Equal("test", read.Tool);
        Assert.Equal(baseline.Modules.Length, read.Modules.Length);
        for (int i = 0; i < baseline.Modules.Length; i++)
        {
            var a = baseline.Modules[i];
            var b = read.Modules[i];
            Assert.Equal((a.Module, a.Path, a.Md5Hex, a.DebugInfo, a.AbstractCodeChunk), (b.Module, b.Path, b.Md5Hex, b.DebugInfo, b.AbstractCodeChunk));
            Assert.True(a.AbstractCode.AsSpan().SequenceEqual(b.AbstractCode.AsSpan()));
            Assert.Equal(a.Functions, b.Functions);
        }

        // Abstract code is the module's own chunk; a module without it keeps each function's normalized code.
        var minimal = BeamFile.Read(File.ReadAllBytes(Path.Combine(RepoRoot.Path, "fixtures", "beam", "minimal.beam")));
        var m = read.Modules.First(x => x.Module == minimal.ModuleName);
        Assert.Equal(Convert.ToHexStringLower(ModuleMd5.TryCompute(minimal, out _)!), m.Md5Hex);
        if (m.AbstractCode.IsEmpty)
        {
            Assert.All(m.Functions, f => Assert.False(string.IsNullOrEmpty(f.Code)));
        }
        else
        {
            Assert.True(minimal.FindChunk(m.AbstractCodeChunk)!.Data.Span.SequenceEqual(m.AbstractCode.AsSpan()));
            Assert.All(m.Functions, f => Assert.Null(f.Code));
        }
    }

    [Fact]
    public void Fingerprints_follow_the_code_not_its_place_in_the_module()
    {
        _ = ErlangTool.Erlc;
        const string F = "f(X) when is_integer(X) -> case X of 0 -> zero; _ -> {pos, X + 1, [a, b]} end;\nf(L) -> lists:reverse(L).\n";
        const string G = "g(X) -> fun(Y) -> X + Y end.\n";
        Write("v1/m.erl", "-module(m).\n-export([f/1, g/1]).\n" + F + G);
        // Functions added before f, lines moved, g changed.
        Write("v2/m.erl", "-module(m).\n-export([f/1, g/1, h/0]).\n\n\nh() -> {ok, \"new\"}.\nk() -> 1.\n" + F + "g(X) -> fun(Y) -> X * Y end.\n");
        ErlangTool.Compile(Path.Combine(_dir, "v1"), Path.Combine(_dir, "v1", "m.erl"));
        ErlangTool.Compile(Path.Combine(_dir, "v2"), Path.Combine(_dir, "v2", "m.erl"));
        var v1 = Build("v1/m.beam");
        var v2 = Build("v2/m.beam");
        Assert.NotEqual(v1.Md5Hex, v2.Md5Hex);
        Assert.Equal(Fingerprint(v1, "f", 1), Fingerprint(v2, "f", 1));
        // g itself only makes the fun; the change is in the fun's own function.
        Assert.Equal(Fingerprint(v1, "g", 1), Fingerprint(v2, "g", 1));
        Assert.NotEqual(Fingerprint(v1, "-g/1-fun-0-", 2), Fingerprint(v2, "-g/1-fun-0-", 2));
        Assert.Equal(Fingerprint(v1, "module_info", 0), Fingerprint(v2, "module_info", 0));
    }

    private void Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private BaselineModule Build(string name) => BaselineBuilder.FromBeam(name, BeamFile.Read(File.ReadAllBytes(Path.Combine(_dir, name))));

    private static string Fingerprint(BaselineModule m, string name, int arity) => m.Functions.Single(f => f.Name == name && f.Arity == arity).Fingerprint;

    [Fact]
    public void Not_a_baseline_and_another_version_are_BD0310_and_BD0311()
    {
        Assert.Equal(DiagnosticId.NotABaseline, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read("FOR1xxxx"u8.ToArray())).Id);
        Assert.Equal(DiagnosticId.NotABaseline, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read([])).Id);
        byte[] bytes = Bytes(FixtureBaseline());
        bytes[4] = 2;
        Assert.Equal(DiagnosticId.UnsupportedBaselineVersion, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read(bytes)).Id);
    }

    [Fact]
    public void A_damaged_baseline_anywhere_is_one_diagnostic_never_another_exception()
    {
        var baseline = FixtureBaseline() with { Modules = [.. FixtureBaseline().Modules.Take(30)] };
        byte[] good = Bytes(baseline);
        var random = new Random(7);
        for (int cut = 0; cut < good.Length; cut += Math.Max(1, good.Length / 300))
        {
            var e = Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read(good[..cut]));
            Assert.StartsWith("BD03", e.Id, StringComparison.Ordinal);
        }

        for (int i = 0; i < 300; i++)
        {
            byte[] bad = (byte[])good.Clone();
            int at = random.Next(8, bad.Length);
            bad[at] ^= (byte)random.Next(1, 256);
            try
            {
                BaselineReader.Read(bad);
            }
            catch (BadBeamFormatException e)
            {
                Assert.StartsWith("BD0", e.Id, StringComparison.Ordinal);
            }
        }

        Assert.Equal(DiagnosticId.BadBaseline, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read([.. good, 0])).Id);
    }

    [Fact]
    public void Lying_block_sizes_are_refused_before_allocating()
    {
        byte[] good = Bytes(FixtureBaseline() with { Modules = [.. FixtureBaseline().Modules.Take(3)] });
        int block = 8 + 8 + 1 + "test".Length;
        byte[] huge = (byte[])good.Clone();
        BitConverter.TryWriteBytes(huge.AsSpan(block), uint.MaxValue);
        Assert.Contains("past the limits", Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read(huge)).Message, StringComparison.Ordinal);

        byte[] ratio = (byte[])good.Clone();
        uint compressed = BitConverter.ToUInt32(good, block + 4);
        BitConverter.TryWriteBytes(ratio.AsSpan(block), (compressed * 255) + 1000);
        Assert.Equal(DiagnosticId.BadBaseline, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read(ratio)).Id);

        byte[] longer = (byte[])good.Clone();
        BitConverter.TryWriteBytes(longer.AsSpan(block + 4), compressed + 1_000_000);
        Assert.Equal(DiagnosticId.BadBaseline, Assert.Throws<BadBeamFormatException>(() => BaselineReader.Read(longer)).Id);
    }
}
