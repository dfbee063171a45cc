using System.CommandLine;
using System.Text;
using BeamDecode.Decompiler.AbstractCode;
using BeamDecode.Syntax.Parsing;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode parse FILE.erl... [-I DIR]... [-D NAME[=VALUE]]... [--lib-dir DIR]... [--otp-release N] [--forms
/// [--columns]] [-o OUT] [--check]</c>: reads Erlang source with the library's front end (lexer, preprocessor, parser) and
/// prints the preprocessed module as source (ErlangPrinter), or with <c>--forms</c> each element epp:parse_file/2
/// returns as <c>io:format("~w.~n", [Form])</c> prints it. Diagnostics go to stderr, one a line,
/// <c>file:line:col: BD05nn: message</c>; any error (not a warning) makes the exit code 2, and the rest of the file
/// is still read and printed. One file prints to stdout or OUT; several (or a directory, searched for *.erl) need
/// <c>-o DIR</c> and get <c>DIR/NAME.erl</c> (or <c>NAME.forms</c>) each. With <c>--check</c> nothing is printed or
/// written, only the diagnostics: the job epp:parse_file/2 does (read, preprocess, parse), for any number of files.
/// </summary>
public static class ParseCommand
{
    private static readonly Argument<string[]> Paths = new("FILE")
    {
        Description = "An Erlang source file, or a directory searched recursively for *.erl.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string[]> Includes = new("-I")
    {
        Description = "A directory searched for -include files, after the including file's own directory (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string[]> Defines = new("-D")
    {
        Description = "Define a macro: -D NAME (the atom true) or -D NAME=VALUE (Erlang text) (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<string[]> LibDirs = new("--lib-dir")
    {
        Description = "A directory of applications (app or app-Vsn) for -include_lib, searched before an installed OTP (repeatable).",
        AllowMultipleArgumentsPerToken = false,
    };

    private static readonly Option<int?> OtpRelease = new("--otp-release")
    {
        Description = "The OTP release to emulate (?OTP_RELEASE, features, triple-quoted strings and sigils). Default: the release of " +
                      "the OTP found at or above a --lib-dir, else the newest known.",
    };

    private static readonly Option<bool> Forms = new("--forms")
    {
        Description = "Print the abstract forms as io:format(\"~w.~n\", [Form]) prints those epp:parse_file/2 returns.",
    };

    private static readonly Option<bool> Columns = new("--columns")
    {
        Description = "With --forms: locations as {Line,Column}, as the compiler's epp call ({location,{1,1}}) and debug info have them.",
    };

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Only read, preprocess and parse, and report diagnostics: print and write nothing else (any number of files).",
    };

    private static readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write here instead of stdout: a file for one source, a directory for several.",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("parse", "Read Erlang source (lexer, preprocessor, parser) and print the preprocessed module or its forms.");
        command.Arguments.Add(Paths);
        command.Options.Add(Includes);
        command.Options.Add(Defines);
        command.Options.Add(LibDirs);
        command.Options.Add(OtpRelease);
        command.Options.Add(Forms);
        command.Options.Add(Columns);
        command.Options.Add(Output);
        command.Options.Add(Check);
        command.SetAction(parse =>
        {
            var options = new ErlangParseOptions
            {
                IncludeDirs = [.. parse.GetValue(Includes) ?? []],
                LibDirs = [.. parse.GetValue(LibDirs) ?? []],
                Macros = [.. (parse.GetValue(Defines) ?? []).Select(ParseDefine)],
                OtpRelease = parse.GetValue(OtpRelease),
            };
            return Run(stdout, stderr, parse.GetValue(Paths) ?? [], options, parse.GetValue(Forms), parse.GetValue(Columns), parse.GetValue(Output),
                parse.GetValue(Check));
        });
        return command;
    }

    /// <summary>erlc's -D: NAME, or NAME=VALUE with VALUE Erlang text.</summary>
    private static KeyValuePair<string, string?> ParseDefine(string define)
    {
        int eq = define.IndexOf('=', StringComparison.Ordinal);
        string name = eq < 0 ? define : define[..eq];
        if (name.Length == 0)
        {
            throw new UsageException($"-D {define}: no macro name");
        }

        return new(name, eq < 0 ? null : define[(eq + 1)..]);
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, ErlangParseOptions options, bool forms, bool columns,
        string? output, bool check = false)
    {
        if (options.OtpRelease is < 17 or > 99)
        {
            throw new UsageException($"--otp-release {options.OtpRelease}: not an OTP release (17 and later)");
        }

        if (columns && !forms)
        {
            throw new UsageException("--columns applies to --forms");
        }

        if (check && (forms || output is not null))
        {
            throw new UsageException("--check prints nothing: it does not go with --forms or -o");
        }

        int exit = ExitCodes.Ok;
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.EnumerateFiles(path, "*.erl", SearchOption.AllDirectories).ToList();
                found.Sort(StringComparer.Ordinal);
                files.AddRange(found);
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                stderr.WriteLine($"{path}: BD0200: no such file or directory");
                exit = ExitCodes.Trouble;
            }
        }

        bool single = paths.Count == 1 && files.Count == 1 && !Directory.Exists(paths[0]);
        if (!single && !check && files.Count > 0 && output is null)
        {
            throw new UsageException($"{files.Count} source files selected: name a directory for the output with -o DIR");
        }

        if (files.Count == 0)
        {
            return exit;
        }

        string extension = forms ? ".forms" : ".erl";
        string?[] targets = check ? new string?[files.Count] : single ? [output is null ? null : SingleTarget(files[0], output, extension)] : InDirectory(files, output!, extension);
        var inputs = new HashSet<string>(files.Select(Path.GetFullPath), StringComparer.Ordinal);
        if (targets.FirstOrDefault(t => t is not null && inputs.Contains(t)) is { } clash)
        {
            throw new UsageException($"refusing to overwrite the input file {clash}");
        }

        if (!single && !check)
        {
            Directory.CreateDirectory(output!);
        }

        options = options with { Columns = !forms || columns };
        var cache = new IncludeCache();
        var writer = columns ? AbstractFormWriter.Default : AbstractFormWriter.LinesOnly;
        var results = new Result[files.Count];
        BiggestFirst.ForEach(files, i => results[i] = ParseOne(files[i], targets[i], options, cache, forms ? writer : null, check));
        foreach (var result in results)
        {
            foreach (string line in result.Diagnostics)
            {
                stderr.WriteLine(line);
            }

            if (result.HasErrors)
            {
                exit = ExitCodes.Trouble;
            }

            if (result.Text is { } text)
            {
                stdout.Write(text);
            }
        }

        return exit;
    }

    private sealed record Result(string? Text, IReadOnlyList<string> Diagnostics, bool HasErrors);

    private static Result ParseOne(string file, string? target, ErlangParseOptions options, IncludeCache cache, AbstractFormWriter? formsWriter,
        bool check)
    {
        var module = ErlangSourceParser.ParseFile(file, options, cache);
        var lines = module.Diagnostics.Select(d => (d.File is null ? d with { File = file } : d).ToString()).ToList();
        if (check)
        {
            return new Result(null, lines, module.HasErrors);
        }

        string text = formsWriter is null ? ErlangPrinter.Print(module.Syntax) : EppFormsText.Write(module, formsWriter);
        if (target is null)
        {
            return new Result(text, lines, module.HasErrors);
        }

        try
        {
            File.WriteAllText(target, text, new UTF8Encoding(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            lines.Add($"{target}: BD0201: {e.Message}");
            return new Result(null, lines, true);
        }

        return new Result(null, lines, module.HasErrors);
    }

    private static string SingleTarget(string file, string output, string extension) =>
        Directory.Exists(output)
            ? Path.GetFullPath(Path.Combine(output, Path.GetFileNameWithoutExtension(file) + extension))
            : Path.GetFullPath(output);

    /// <summary>DIR/NAME.ext per file, NAME the source's name without .erl; a repeated name gets NAME~2, ~3, ...</summary>
    private static string?[] InDirectory(List<string> files, string dir, string extension)
    {
        string root = Path.GetFullPath(dir);
        var used = new HashSet<string>(StringComparer.Ordinal);
        var targets = new string?[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            string stem = Path.GetFileNameWithoutExtension(files[i]);
            string name = stem + extension;
            for (int n = 2; !used.Add(name); n++)
            {
                name = $"{stem}~{n}{extension}";
            }

            targets[i] = Path.Combine(root, name);
        }

        return targets;
    }
}
