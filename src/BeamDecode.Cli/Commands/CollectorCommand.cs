using System.CommandLine;
using BeamDecode.Forensics.Collector;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode collector [--out PATH] [--module]</c>: prints the Erlang code that writes a collector dump on a
/// running node (OTP 21 or newer). By default one shell expression that loads no module; with <c>--module</c> a
/// module to compile and load instead. The code is Forensics/Collector/collector_fun.erl (README.md).
/// </summary>
public static class CollectorCommand
{
    private static readonly Option<string?> Out = new("--out")
    {
        Description = "Where the node writes the dump (on the node's file system; relative to its cwd). Default: beamdecode-NODE-TIME.dump in its cwd.",
    };

    private static readonly Option<bool> AsModule = new("--module")
    {
        Description = "Print a module (beamdecode_collector, collect/0 and collect/1) instead of a shell expression.",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        _ = stderr;
        var command = new Command("collector", "Print Erlang code to paste into a remote shell: it dumps every loaded module, with its object code when provable, to one file.");
        command.Options.Add(Out);
        command.Options.Add(AsModule);
        command.SetAction(parse => Run(stdout, parse.GetValue(Out), parse.GetValue(AsModule)));
        return command;
    }

    public static int Run(TextWriter stdout, string? outPath, bool module)
    {
        if (outPath is { Length: 0 })
        {
            throw new UsageException("--out needs a path");
        }

        stdout.Write(module ? CollectorSource.Module(outPath) : CollectorSource.Expression(outPath));
        return ExitCodes.Ok;
    }
}
