using System.CommandLine;
using BeamDecode.Cli.Commands;

namespace BeamDecode.Cli;

/// <summary>
/// The host: builds the command tree, routes parse errors and unexpected exceptions to exit code 2
/// (System.CommandLine would return 1, which this tool reserves for "drift found"), and nothing else.
/// </summary>
public static class Program
{
    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

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

        try
        {
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
    }
}
