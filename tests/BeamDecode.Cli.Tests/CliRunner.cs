namespace BeamDecode.Cli.Tests;

/// <summary>The outcome of one in-process run of the CLI.</summary>
public sealed record CliResult(int ExitCode, string Stdout, string Stderr)
{
    /// <summary>The stderr lines, without the empty last one.</summary>
    public string[] StderrLines => Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>
/// Runs <c>Program.Run</c> on string writers with the repository root as the current directory, so paths are
/// given (and printed) relative to it and goldens do not depend on where the repository lives. Every test
/// sets the same directory, so parallel tests cannot disturb each other.
/// </summary>
public static class CliRunner
{
    private static readonly Lazy<string> Root = new(FindRepoRoot);

    public static string RepoRoot => Root.Value;

    public static CliResult Run(params string[] args)
    {
        Environment.CurrentDirectory = RepoRoot;
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        int exit = Program.Run(args, stdout, stderr);
        var result = new CliResult(exit, stdout.ToString(), stderr.ToString());
        // Whatever happened, the user sees messages, never a stack trace.
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
        return result;
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
