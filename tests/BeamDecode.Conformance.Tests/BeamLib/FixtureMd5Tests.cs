using BeamDecode.Conformance.Tests.Erlang;
using BeamDecode.Metadata;

namespace BeamDecode.Conformance.Tests.BeamLib;

/// <summary>
/// The md5 of every committed fixture (fixtures/beam/, all variants) equals what <c>beam_lib:md5/1</c> says,
/// asked of the installed OTP in one <c>erl</c> run.
/// </summary>
public sealed class FixtureMd5Tests
{
    [Fact]
    public void EveryFixture_Md5EqualsBeamLibMd5()
    {
        string beamDir = Path.Combine(FindRepoRoot(), "fixtures", "beam");
        var files = Directory.GetFiles(beamDir, "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.True(files.Count >= 10, $"only {files.Count} fixtures under {beamDir}");

        string list = string.Join(",", files.Select(f => "\"" + f.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\""));
        string output = ErlangTool.RunErl(
            "lists:foreach(fun(F) -> {ok, {M, Md5}} = beam_lib:md5(F), " +
            "io:format(\"~s\\t~s\\t~s~n\", [F, M, string:lowercase(binary:encode_hex(Md5))]) end, [" + list + "])");

        var truth = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .ToDictionary(p => p[0], p => (Module: p[1], Md5: p[2]), StringComparer.Ordinal);
        Assert.Equal(files.Count, truth.Count);

        var problems = new List<string>();
        foreach (string file in files)
        {
            var beam = BeamFile.Read(File.ReadAllBytes(file));
            byte[]? md5 = ModuleMd5.TryCompute(beam, out string? missing);
            string ours = md5 is null ? $"(none: {missing} missing)" : Convert.ToHexStringLower(md5);
            var (module, expected) = truth[file];
            if (ours != expected || beam.ModuleName != module)
            {
                problems.Add($"{file}: ours {beam.ModuleName} {ours}, beam_lib {module} {expected}");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamDecode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no BeamDecode.sln above {AppContext.BaseDirectory}");
    }
}
