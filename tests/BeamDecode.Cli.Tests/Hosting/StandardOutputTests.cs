using System.Diagnostics;
using System.Text;

namespace BeamDecode.Cli.Tests.Hosting;

/// <summary>
/// The tool as a process with its stdout redirected, where <c>Main</c> buffers stdout (StandardOutput) instead of
/// writing each line: everything written must arrive, in order, and be what the in-process run writes.
/// </summary>
public sealed class StandardOutputTests
{
    [Theory]
    [InlineData("info", "fixtures/beam")]
    [InlineData("info", "--json", "fixtures/beam")]
    [InlineData("disasm", "fixtures/beam/features.beam")]
    [InlineData("source", "fixtures/beam/features.beam")]
    [InlineData("info", "fixtures/beam", "no/such/path")]
    public void Redirected_stdout_receives_what_the_in_process_run_writes(params string[] args)
    {
        var expected = CliRunner.Run(args);
        var (exit, stdout, stderr) = RunProcess(args);
        Assert.Equal(expected.ExitCode, exit);
        Assert.Equal(expected.Stdout, stdout);
        Assert.Equal(expected.Stderr, stderr);
        Assert.NotEmpty(stdout);
    }

    private static (int Exit, string Stdout, string Stderr) RunProcess(string[] args)
    {
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path) ? path : "dotnet";
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
            WorkingDirectory = CliRunner.RepoRoot,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "beamdecode.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "beamdecode did not finish");
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
