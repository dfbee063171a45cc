namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>Every committed fixture module (fixtures/beam*, fixtures/corrupt), read once.</summary>
internal static class FixtureCorpus
{
    private static readonly Lazy<IReadOnlyList<(string Name, byte[] Bytes)>> Files = new(() =>
    {
        var root = Path.Combine(Repo.Root, "fixtures");
        return Directory.GetFiles(root, "*.beam", SearchOption.AllDirectories)
            .Where(f => !f.Contains("fuzz-regressions", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(root, f), File.ReadAllBytes(f)))
            .ToList();
    });

    /// <summary>All of them (the 300 KB zip bomb is not a .beam name: fixtures/corrupt tests cover it).</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> All => Files.Value;

    /// <summary>The ones that are plain (not gzipped) well-formed containers: chunk-level corruption applies.</summary>
    public static IReadOnlyList<(string Name, byte[] Bytes)> Plain =>
        [.. All.Where(f => f.Bytes.AsSpan().StartsWith("FOR1"u8) && !f.Name.StartsWith("corrupt", StringComparison.Ordinal))];
}
