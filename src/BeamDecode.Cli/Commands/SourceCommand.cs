using System.CommandLine;
using BeamDecode.Decompiler;
using BeamDecode.Decompiler.Crypto;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode source PATH... [-o OUT] [--keep-lines]</c>: the Erlang source of each module, printed from its
/// debug info (Dbgi <c>erl_abstract_code</c>, or the pre-OTP-20 Abst chunk). One file prints to stdout, or to OUT
/// (a file, or a directory that gets <c>NAME.erl</c>); several modules need <c>-o DIR</c> and get one .erl each,
/// named after the input file. Output never goes outside the directory named and never replaces an input. A module
/// without usable debug info (none, encrypted, another backend) is one line on stderr and exit code 2, while the
/// others are still written; so are abstract-code shapes the reader does not know (the text keeps them as quoted
/// atoms or comments).
/// </summary>
public static class SourceCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "A .beam file, a directory (searched recursively) or a glob such as 'lib/**/ebin/*.beam'.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write here instead of stdout: a file or directory for one module, a directory for several.",
    };

    private static readonly Option<bool> KeepLines = new("--keep-lines")
    {
        Description = "Put each form and clause body expression at its original line, so crash-report line numbers match.",
    };

    private static readonly Option<string?> Key = new("--key")
    {
        Description = "The key of encrypted debug info (erlc +'{debug_info_key,Key}'); without it, .erlang.crypt is read as beam_lib does.",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("source", "Print the Erlang source of modules compiled with debug_info.");
        command.Arguments.Add(Paths);
        command.Options.Add(Output);
        command.Options.Add(KeepLines);
        command.Options.Add(Key);
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(Paths) ?? [], parse.GetValue(Output), parse.GetValue(KeepLines), parse.GetValue(Key)));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, string? output, bool keepLines, string? key = null)
    {
        // The other cores' threads help find the inputs, then work.
        using var crew = WorkerCrew.StartFinding(paths, out var selection);
        var files = selection.Files;
        bool single = files.Length == 1 && selection.Problems.IsEmpty && paths.Count == 1 && File.Exists(paths[0]);
        if (!single && files.Length > 0 && output is null)
        {
            throw new UsageException($"{files.Length} modules selected: name a directory for their .erl files with -o DIR");
        }

        int exit = ExitCodes.Ok;
        foreach (var problem in selection.Problems)
        {
            stderr.WriteLine($"{problem.Path}: {problem.Id}: {problem.Message}");
            exit = ExitCodes.Trouble;
        }

        if (files.IsEmpty)
        {
            return exit;
        }

        var inputs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in files)
        {
            inputs.Add(f.FullPath);
        }

        var targets = single ? [SingleTarget(files[0], output)] : OutputTargets.InDirectory(files, output!, ".erl");
        foreach (var t in targets)
        {
            if (t is not null && inputs.Contains(t))
            {
                throw new UsageException($"refusing to overwrite the input file {t}");
            }
        }

        if (!single)
        {
            Directory.CreateDirectory(output!);
        }

        var options = new PrinterOptions { KeepLines = keepLines };
        // --key serves every module; otherwise .erlang.crypt, read once and only if some module needs it.
        var keyFile = new Lazy<CryptKeyFile?>(CryptKeyFile.Find);
        Func<string, string?> keyFor = key is not null ? _ => key : module => keyFile.Value?.KeyFor(module);
        var results = new Result[files.Length];
        BiggestFirst.ForEach([.. files.Select(f => f.FullPath)], i => results[i] = Recover(files[i], targets[i], options, keyFor), crew);
        foreach (var result in results)
        {
            foreach (string line in result.Diagnostics)
            {
                stderr.WriteLine(line);
                exit = ExitCodes.Trouble;
            }

            if (result.Text is { } text)
            {
                stdout.Write(text);
            }
        }

        return exit;
    }

    private sealed record Result(string? Text, IReadOnlyList<string> Diagnostics);

    private static Result Recover(InputFile file, string? target, PrinterOptions options, Func<string, string?> keyFor)
    {
        using var scope = ModuleReader.BeginModule();
        try
        {
            var recovered = ModuleSource.Recover(ModuleReader.OpenInThreadBuffer(file.FullPath), options, keyFor);
            if (recovered.Unavailable != SourceUnavailable.None)
            {
                string id = recovered.Unavailable switch
                {
                    SourceUnavailable.Encrypted => "BD0402",
                    SourceUnavailable.OtherBackend => "BD0403",
                    _ => "BD0401",
                };
                string hint = recovered.Unavailable == SourceUnavailable.NoDebugInfo
                    ? " (recompile with +debug_info; the bytecode decompiler is not available yet)"
                    : "";
                return new Result(null, [$"{file.DisplayPath}: {id}: module {recovered.ModuleName}: no source: {recovered.Detail}{hint}"]);
            }

            var lines = recovered.Diagnostics.Select(d => $"{file.DisplayPath}: {d}").ToList();
            if (target is null)
            {
                return new Result(recovered.Text, lines);
            }

            // UTF-8 straight from the printer's buffer: no string of the whole module, no second copy.
            using (var stream = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0))
            using (var printed = recovered.Printed!)
            {
                // Disposed once written: its buffer goes back to the pool for the next module.
                printed.WriteUtf8(stream);
            }

            return new Result(null, lines);
        }
        catch (BadBeamFormatException e)
        {
            return new Result(null, [new ToolDiagnostic(file.DisplayPath, e.Id, e.Offset, e.Chunk, e.Message).ToString()]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Result(null, [new ToolDiagnostic(file.DisplayPath, DiagnosticId.IoError, null, null, e.Message).ToString()]);
        }
    }

    private static string? SingleTarget(InputFile file, string? output)
    {
        if (output is null)
        {
            return null;
        }

        return Directory.Exists(output)
            ? Path.GetFullPath(Path.Combine(output, OutputTargets.StemOf(file) + ".erl"))
            : Path.GetFullPath(output);
    }
}
