namespace BeamDecode.Forensics.Tests;

/// <summary>The repository root (the directory holding BeamDecode.sln), found from the test binary's folder.</summary>
internal static class RepoRoot
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BeamDecode.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BeamDecode.sln not found above " + AppContext.BaseDirectory);
    });

    public static string Path => Root.Value;
}
