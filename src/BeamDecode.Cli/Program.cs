using System.CommandLine;
using BeamDecode.Cli.Commands;
using BeamDecode.Cli.Output;
using BeamDecode.Metadata;

namespace BeamDecode.Cli;

/// <summary>
/// The host: builds the command tree, routes parse errors and unexpected exceptions to exit code 2
/// (System.CommandLine would return 1, which this tool reserves for "drift found"), and nothing else.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var stdout = StandardOutput.ForProcess();
        int exit = Run(args, stdout, Console.Error);
        // What is still buffered; a failure already reported by the run (a closed pipe) is not reported twice.
        if (stdout is StandardOutput buffered && !buffered.TryFinish(Console.Error, quiet: exit == ExitCodes.Trouble))
        {
            return ExitCodes.Trouble;
        }

        return exit;
    }

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("beamdecode: decode .beam files offline and compare running Erlang code with the repository.");
        root.Subcommands.Add(InfoCommand.Create(stdout, stderr));
        root.Subcommands.Add(CollectorCommand.Create(stdout, stderr));
        root.Subcommands.Add(DumpCommand.Create(stdout, stderr));
        root.Subcommands.Add(CarveCommand.Create(stdout, stderr));
        root.Subcommands.Add(BaselineCommand.Create(stdout, stderr));
        root.Subcommands.Add(DisasmCommand.Create(stdout, stderr));
        root.Subcommands.Add(SourceCommand.Create(stdout, stderr));
        root.Subcommands.Add(ParseCommand.Create(stdout, stderr));
        var limitOptions = new LimitOptions();
        limitOptions.AddTo(root);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine($"beamdecode: {error.Message}");
            }

            stderr.WriteLine("Try 'beamdecode --help'.");
            return ExitCodes.Trouble;
        }

        // Limits are process-wide (library decodes deep inside commands read them): set for this run, then restored,
        // so in-process hosts such as the tests see no change after Run returns.
        var previousLimits = DecodeLimits.Current;
        try
        {
            if (limitOptions.From(parse) is { } limits)
            {
                DecodeLimits.Current = limits;
            }

            return parse.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"beamdecode: {e.Message}");
            return ExitCodes.Trouble;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"beamdecode: {e.Message}");
            return ExitCodes.Trouble;
        }
        finally
        {
            DecodeLimits.Current = previousLimits;
        }
    }
}
