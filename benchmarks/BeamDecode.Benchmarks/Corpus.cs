using BeamDecode.Metadata;

namespace BeamDecode.Benchmarks;

/// <summary>
/// The benchmark input: every <c>*.beam</c> under <c>BEAMDECODE_CORPUS</c> (a directory or one file; default
/// /usr/lib/erlang), sorted by path, read into memory. Files that do not decode (a corpus may hold test data
/// that is broken on purpose) are left out, so every case does the same work on the same bytes; the host
/// process and the benchmark process both load it, so the MB/s column uses the bytes actually decoded.
/// </summary>
public sealed class Corpus
{
    public const string EnvironmentVariable = "BEAMDECODE_CORPUS";
    public const string DefaultRoot = "/usr/lib/erlang";

    private static readonly Lazy<Corpus> Shared = new(() => Load(Root));

    private Corpus(string root, string[] paths, byte[][] files, int skipped)
    {
        RootPath = root;
        Paths = paths;
        Files = files;
        Skipped = skipped;
        TotalBytes = files.Sum(static f => (long)f.Length);
    }

    public static string Root =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } root ? root : DefaultRoot;

    /// <summary>The corpus of this process, loaded once.</summary>
    public static Corpus Instance => Shared.Value;

    public string RootPath { get; }

    public string[] Paths { get; }

    public byte[][] Files { get; }

    /// <summary>Files that failed to decode and were left out.</summary>
    public int Skipped { get; }

    public long TotalBytes { get; }

    public static IEnumerable<string> Enumerate(string root)
    {
        if (File.Exists(root))
        {
            return [root];
        }

        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"{EnvironmentVariable}: no such file or directory: {root}");
        }

        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, MatchCasing = MatchCasing.CaseSensitive };
        var paths = Directory.GetFiles(root, "*.beam", options);
        Array.Sort(paths, StringComparer.Ordinal);
        return paths;
    }

    private static Corpus Load(string root)
    {
        var paths = new List<string>();
        var files = new List<byte[]>();
        int skipped = 0;
        foreach (var path in Enumerate(root))
        {
            byte[] bytes = File.ReadAllBytes(path);
            try
            {
                Workloads.AllTables(BeamFile.Read(bytes));
                ModuleSummary.From(path, BeamFile.Read(bytes));
            }
            catch (BadBeamFormatException)
            {
                skipped++;
                continue;
            }

            paths.Add(path);
            files.Add(bytes);
        }

        if (files.Count == 0)
        {
            throw new InvalidOperationException($"no decodable .beam file under {root}");
        }

        return new Corpus(root, [.. paths], [.. files], skipped);
    }

    public override string ToString() =>
        $"{Files.Length} .beam files, {TotalBytes} bytes ({TotalBytes / 1e6:F2} MB) under {RootPath}" +
        (Skipped > 0 ? $"; {Skipped} undecodable file(s) left out" : "");
}
