namespace BeamDecode.Fuzz.Tests;

/// <summary>Paths in the repository: the folder that holds BeamDecode.sln, found from the test binaries.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BeamDecode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no BeamDecode.sln above {AppContext.BaseDirectory}");
    });

    public static string Root => RootPath.Value;

    public static string Seeds(string target) => Path.Combine(Root, "tests", "BeamDecode.Fuzz", "seeds", FuzzTargets.Find(target)!.Seeds);

    public static string Dictionary(string target) => Path.Combine(Root, "tests", "BeamDecode.Fuzz", "dicts", target + ".dict");

    public static string RegressionsRoot => Path.Combine(Root, "fixtures", "fuzz-regressions");

    public static string Regressions(string target) => Path.Combine(RegressionsRoot, target);
}
