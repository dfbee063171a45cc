using System.CommandLine;
using System.Text;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Code;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode disasm PATH... [-o OUT] [--function NAME/ARITY]</c>: the Code chunk as BEAM assembly in the syntax
/// <c>erlc -S</c> writes, which <c>erlc +from_asm +no_postopt</c> assembles back. One file prints to stdout, or to
/// OUT (a file, or a directory that gets <c>Module.S</c>); several modules (a directory, a glob, several paths)
/// need <c>-o DIR</c> and get one .S each, named after the input file. Output never goes outside the directory
/// named, never replaces an input, and a bad module is one line on stderr while the others are still written.
/// With <c>--check</c> nothing is written: every module is disassembled in memory (what <c>beam_disasm:file/1</c>
/// does) and only the diagnostics a disassembly would give are reported, with the same exit code.
/// </summary>
public static class DisasmCommand
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

    private static readonly Option<string?> Function = new("--function")
    {
        Description = "Only this function, as NAME/ARITY (the module header is still written).",
    };

    private static readonly Option<bool> Check = new("--check")
    {
        Description = "Disassemble every module in memory and report only the problems; write nothing.",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("disasm", "Disassemble the Code chunk into BEAM assembly (.S) that erlc can re-assemble.");
        command.Arguments.Add(Paths);
        command.Options.Add(Output);
        command.Options.Add(Function);
        command.Options.Add(Check);
        command.SetAction(parse => parse.GetValue(Check)
            ? RunCheck(stderr, parse.GetValue(Paths) ?? [], parse.GetValue(Output), parse.GetValue(Function))
            : Run(stdout, stderr, parse.GetValue(Paths) ?? [], parse.GetValue(Output), parse.GetValue(Function)));
        return command;
    }

    /// <summary><c>--check</c>: every selected module disassembled in memory, the diagnostics a disassembly would
    /// give written to <paramref name="stderr"/> in input order, nothing else.</summary>
    public static int RunCheck(TextWriter stderr, IReadOnlyList<string> paths, string? output, string? function)
    {
        if (output is not null || function is not null)
        {
            throw new UsageException("--check writes nothing: it does not go with -o or --function");
        }

        // The other cores' threads start while this one finds the inputs, and help find them.
        using var crew = WorkerCrew.StartFinding(paths, out var selection);
        int exit = ExitCodes.Ok;
        foreach (var problem in selection.Problems)
        {
            stderr.WriteLine($"{problem.Path}: {problem.Id}: {problem.Message}");
            exit = ExitCodes.Trouble;
        }

        var files = selection.Files;
        var diagnostics = new ToolDiagnostic?[files.Length];
        BiggestFirst.ForEach([.. files.Select(f => f.FullPath)], i => diagnostics[i] = CheckModule(files[i]), crew);

        foreach (var d in diagnostics)
        {
            if (d is not null)
            {
                stderr.WriteLine(d);
                exit = ExitCodes.Trouble;
            }
        }

        return exit;
    }

    private static ToolDiagnostic? CheckModule(InputFile file)
    {
        using var scope = ModuleReader.BeginModule();
        try
        {
            Disassembler.Check(ModuleReader.OpenInThreadBuffer(file.FullPath));
            return null;
        }
        catch (BadBeamFormatException e)
        {
            return new ToolDiagnostic(file.DisplayPath, e.Id, e.Offset, e.Chunk, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new ToolDiagnostic(file.DisplayPath, DiagnosticId.IoError, null, null, e.Message);
        }
    }

    public static int Run(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, string? output, string? function)
    {
        (string Name, int Arity)? filter = function is null ? null : ParseFunction(function);
        // The other cores' threads help find the inputs, then work.
        using var crew = WorkerCrew.StartFinding(paths, out var selection);
        var files = selection.Files;
        bool single = files.Length == 1 && selection.Problems.IsEmpty && paths.Count == 1 && File.Exists(paths[0]);
        if (!single && files.Length > 0 && output is null)
        {
            throw new UsageException($"{files.Length} modules selected: name a directory for their .S files with -o DIR");
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

        var targets = single ? [SingleTarget(files[0], output)] : DirectoryTargets(files, output!);
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

        var results = new Result[files.Length];
        // Each worker thread reuses its decoding and output buffers from one module to the next (AsmWriter keeps them
        // per thread). The collector is non-concurrent for the whole tool (ConcurrentGarbageCollection in the project),
        // which is what the batch latency mode set here before amounted to.
        BiggestFirst.ForEach([.. files.Select(f => f.FullPath)], i => results[i] = Disassemble(files[i], targets[i], filter), crew);

        int written = 0;
        foreach (var result in results)
        {
            if (result.Diagnostic is { } d)
            {
                stderr.WriteLine(d);
                exit = ExitCodes.Trouble;
            }
            else if (result.Text is { } text)
            {
                stdout.Write(text);
            }

            written += result.Matched ? 1 : 0;
        }

        if (filter is not null && written == 0)
        {
            stderr.WriteLine($"beamdecode: no module selected defines {function}");
            exit = ExitCodes.Trouble;
        }

        return exit;
    }

    private sealed record Result(string? Text, ToolDiagnostic? Diagnostic, bool Matched);

    private static readonly Result Written = new(null, null, true);
    private static readonly Result NotMatched = new(null, null, false);

    private static Result Disassemble(InputFile file, string? target, (string Name, int Arity)? filter)
    {
        using var scope = ModuleReader.BeginModule();
        try
        {
            var beam = ModuleReader.OpenInThreadBuffer(file.FullPath);
            Func<AtomTerm, int, bool>? include = filter is { } g ? (name, arity) => arity == g.Arity && name.Name == g.Name : null;
            if (target is null)
            {
                string? text = null;
                return AsmWriter.Write(beam, utf8 => text = Encoding.UTF8.GetString(utf8), include)
                    ? new Result(text, null, true)
                    : NotMatched;
            }

            bool matched = AsmWriter.Write(beam, utf8 => WriteFile(target, utf8), include);
            return matched ? Written : NotMatched;
        }
        catch (BadBeamFormatException e)
        {
            return new Result(null, new ToolDiagnostic(file.DisplayPath, e.Id, e.Offset, e.Chunk, e.Message), false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Result(null, new ToolDiagnostic(file.DisplayPath, DiagnosticId.IoError, null, null, e.Message), false);
        }
    }

    /// <summary>
    /// Writes <paramref name="utf8"/> as the whole content of <paramref name="target"/> with one write. The file is
    /// opened without O_TRUNC and cut to size after the write only when it was longer: truncating a file to zero makes
    /// ext4 flush it on close (its auto_da_alloc safeguard for replace-by-truncate), which is the disk's time, not ours.
    /// </summary>
    private static void WriteFile(string target, ReadOnlySpan<byte> utf8)
    {
        // A symbolic link in the way is replaced, not written through: it could point outside the directory.
        if (new FileInfo(target).LinkTarget is not null)
        {
            File.Delete(target);
        }

        using var handle = File.OpenHandle(target, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        RandomAccess.Write(handle, utf8, 0);
        if (RandomAccess.GetLength(handle) > utf8.Length)
        {
            RandomAccess.SetLength(handle, utf8.Length);
        }
    }

    /// <summary>Stdout (null), the file named, or NAME.S inside the directory named.</summary>
    private static string? SingleTarget(InputFile file, string? output)
    {
        if (output is null)
        {
            return null;
        }

        return Directory.Exists(output)
            ? Path.GetFullPath(Path.Combine(output, StemOf(file) + ".S"))
            : Path.GetFullPath(output);
    }

    /// <summary>
    /// One <c>NAME.S</c> per input inside <paramref name="dir"/>, NAME being the input file's name without .beam
    /// (never the module's atom, which may hold '/' or '..'); a repeated name gets <c>NAME~2.S</c>, <c>~3</c>, ...
    /// </summary>
    private static string?[] DirectoryTargets(IReadOnlyList<InputFile> files, string dir)
    {
        string root = Path.GetFullPath(dir);
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var targets = new string?[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            string stem = StemOf(files[i]);
            string name = stem + ".S";
            for (int n = 2; !used.Add(name); n++)
            {
                name = $"{stem}~{n}.S";
            }

            string full = Path.GetFullPath(Path.Combine(root, name));
            if (!full.StartsWith(prefix, StringComparison.Ordinal))
            {
                throw new UsageException($"the output name for {files[i].DisplayPath} would leave {dir}");
            }

            targets[i] = full;
        }

        return targets;
    }

    private static string StemOf(InputFile file)
    {
        string name = Path.GetFileName(file.FullPath);
        string stem = name.EndsWith(".beam", StringComparison.Ordinal) ? name[..^5] : name;
        return stem.Length == 0 || stem == "." || stem == ".." ? "module" : stem;
    }

    private static (string Name, int Arity) ParseFunction(string text)
    {
        int slash = text.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(text.AsSpan(slash + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int arity) || arity > 255)
        {
            throw new UsageException($"--function wants NAME/ARITY (for example handle_call/3), not '{text}'");
        }

        return (text[..slash], arity);
    }
}
