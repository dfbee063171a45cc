using System.CommandLine;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode info PATH... [--json]</c>: per module, what beam_lib would tell about it.
/// Bad files are reported one line each on stderr and the rest still decode; any problem makes the exit code 2.
/// </summary>
public static class InfoCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "A .beam file, a directory (searched recursively) or a glob such as 'lib/**/ebin/*.beam'.",
        Arity = ArgumentArity.OneOrMore,
        Validators = { RejectUnknownOptions },
    };

    private static readonly Option<bool> Json = new("--json")
    {
        Description = "Write one JSON document (an array of modules) instead of the text report.",
    };

    /// <summary>System.CommandLine hands an unknown "--flag" to the PATH argument; say what it is instead of
    /// "no such file" (unless a file of that name really exists).</summary>
    private static void RejectUnknownOptions(System.CommandLine.Parsing.ArgumentResult result)
    {
        foreach (var token in result.Tokens)
        {
            if (token.Value.StartsWith('-') && token.Value.Length > 1 && !File.Exists(token.Value) && !Directory.Exists(token.Value))
            {
                result.AddError($"unknown option '{token.Value}'");
            }
        }
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("info", "Show chunks, md5, exports, imports, attributes and compile info of modules.");
        command.Arguments.Add(Paths);
        command.Options.Add(Json);
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(Paths) ?? [], parse.GetValue(Json)));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, bool json)
    {
        if (json)
        {
            return InfoJsonRun.Run(stdout, stderr, paths);
        }

        // The other cores' threads help find the inputs, then decode modules with this one: modules are independent,
        // decoded in any order and reported in input order.
        using var crew = WorkerCrew.StartFinding(paths, out var selection);
        int exit = ReportProblems(stderr, selection);

        var files = selection.Files;
        var results = new ModuleResult[files.Length];
        int next = -1;
        crew.Run(Math.Max(1, Math.Min(Environment.ProcessorCount, files.Length)), () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < results.Length)
            {
                results[i] = ModuleReader.ReadSummary(files[i].DisplayPath, files[i].FullPath);
            }
        });
        var modules = new List<ModuleSummary>(results.Length);
        foreach (var result in results)
        {
            if (result.Summary is { } summary)
            {
                modules.Add(summary);
            }
            else
            {
                stderr.WriteLine(result.Diagnostic!.ToString());
                exit = ExitCodes.Trouble;
            }
        }

        InfoTextWriter.Write(stdout, modules);
        return exit;
    }

    /// <summary>One line on stderr per PATH that gave no input; the exit code so far.</summary>
    internal static int ReportProblems(TextWriter stderr, InputSelection selection)
    {
        int exit = ExitCodes.Ok;
        foreach (var problem in selection.Problems)
        {
            stderr.WriteLine($"{problem.Path}: {problem.Id}: {problem.Message}");
            exit = ExitCodes.Trouble;
        }

        return exit;
    }
}
