using System.Diagnostics;
using System.Text;

namespace BeamDecode.Conformance.Tests.Erlang;

/// <summary>
/// Finds and runs the Erlang/OTP tools (erl, erlc, escript) for conformance tests. When a tool is missing the
/// test is skipped, unless BEAMDECODE_REQUIRE_ERLANG=1 (CI with OTP installed), where a missing tool fails the
/// test instead of letting it pass silently.
/// </summary>
public static class ErlangTool
{
    public const string RequireVariable = BeamDecode.Tests.Shared.TestCorpora.RequireErlangVariable;

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Path of <c>erl</c>; skips (or fails, see <see cref="RequireVariable"/>) when it is not on PATH.</summary>
    public static string Erl => Require("erl");

    public static string Erlc => Require("erlc");

    public static string Escript => Require("escript");

    /// <summary>Searches PATH for an executable (with PATHEXT on Windows); null when absent.</summary>
    public static string? Find(string name)
    {
        string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        string[] extensions = OperatingSystem.IsWindows()
            ? (Environment.GetEnvironmentVariable("PATHEXT") ?? ".EXE;.BAT;.CMD").Split(';', StringSplitOptions.RemoveEmptyEntries)
            : [string.Empty];
        foreach (string dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (string ext in extensions)
            {
                string candidate = Path.Combine(dir.Trim('"'), name + ext);
                if (File.Exists(candidate) && IsExecutable(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>The tool's path, or a skipped test (a failed one when <see cref="RequireVariable"/> is 1).</summary>
    public static string Require(string name)
    {
        string? found = Find(name);
        if (found is not null)
        {
            return found;
        }

        string message = $"'{name}' (Erlang/OTP) is not on PATH";
        if (Environment.GetEnvironmentVariable(RequireVariable) == "1")
        {
            Assert.Fail($"{message}, and {RequireVariable}=1 requires it. Install Erlang/OTP or unset {RequireVariable}.");
        }

        Assert.Skip($"{message}; set {RequireVariable}=1 to make this a failure.");
        return null!;
    }

    /// <summary>
    /// Runs a program and returns its standard output (UTF-8). Throws <see cref="ErlangToolException"/> carrying
    /// standard error when it exits non-zero or outlives <paramref name="timeout"/> (then it is killed).
    /// </summary>
    public static string Run(string executable, IEnumerable<string> arguments, TimeSpan? timeout = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new ErlangToolException($"could not start {executable}");
        process.StandardInput.Close();
        // Read both streams concurrently: a child blocked on a full stderr pipe would never exit.
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        TimeSpan limit = timeout ?? DefaultTimeout;
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new ErlangToolException($"{Describe(executable, start)} did not finish within {limit}: {stderr.Result}{stdout.Result}");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new ErlangToolException(
                $"{Describe(executable, start)} exited with {process.ExitCode}:{Environment.NewLine}{stderr.Result}{stdout.Result}");
        }

        return stdout.Result;
    }

    /// <summary>
    /// Runs <c>erl -noshell</c> with the code path <paramref name="codePath"/> and evaluates
    /// <paramref name="expressions"/> (Erlang expressions separated by commas, without the final halt).
    /// A crash makes erl exit non-zero, which throws with its report.
    /// </summary>
    public static string RunErl(string expressions, string? codePath = null, TimeSpan? timeout = null)
    {
        var args = new List<string> { "-noshell", "-noinput" };
        if (codePath is not null)
        {
            args.Add("-pa");
            args.Add(codePath);
        }

        args.Add("-eval");
        args.Add($"{expressions}, halt(0).");
        // Run in the code directory: a crashing erl writes erl_crash.dump into its working directory.
        return Run(Erl, args, timeout, codePath);
    }

    /// <summary>Compiles Erlang sources into <paramref name="outputDirectory"/> with erlc.</summary>
    public static void Compile(string outputDirectory, params string[] sources)
    {
        var args = new List<string> { "-o", outputDirectory };
        args.AddRange(sources);
        Run(Erlc, args, workingDirectory: outputDirectory);
    }

    /// <summary>A fresh empty directory under the system temp directory; the caller deletes it.</summary>
    public static string CreateTempDirectory(string prefix)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"{prefix}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static string Describe(string executable, ProcessStartInfo start) =>
        $"{Path.GetFileName(executable)} {string.Join(' ', start.ArgumentList)}";

    private static bool IsExecutable(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        var mode = File.GetUnixFileMode(path);
        return (mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
    }
}

/// <summary>An Erlang tool failed: non-zero exit or timeout. The message holds its standard error.</summary>
public sealed class ErlangToolException(string message) : Exception(message);
