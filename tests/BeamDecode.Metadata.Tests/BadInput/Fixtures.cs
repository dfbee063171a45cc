namespace BeamDecode.Metadata.Tests.BadInput;

/// <summary>The committed fixture beams (fixtures/beam/, built by fixtures/build.sh).</summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    /// <summary>The folder that holds BeamDecode.sln, found by walking up from the test binaries.</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>Bytes of <c>fixtures/beam/RELATIVE</c>, e.g. <c>minimal.beam</c> or <c>compressed/features.beam</c>.</summary>
    public static byte[] Beam(string relative) =>
        File.ReadAllBytes(Path.Combine(RepoRoot, "fixtures", "beam", relative));

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
