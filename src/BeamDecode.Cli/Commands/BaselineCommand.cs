using System.CommandLine;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Baselines;
using BeamDecode.Forensics.Inputs;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode baseline create PATH... -o FILE.bdb [--force]</c> records what is supposed to run (per module its
/// md5, per function a fingerprint of its normalized code, abstract code or disassembly) in an LZ4-compressed file;
/// <c>beamdecode baseline show FILE.bdb [--functions] [--json]</c> prints one. Bad inputs and damaged baselines
/// are one line each, <c>PATH: offset N: BDxxxx: message</c>, and exit code 2.
/// </summary>
public static class BaselineCommand
{
    private static readonly Argument<string[]> Paths = new("PATH")
    {
        Description = "Modules: .beam files, directories, globs, archives, release tarballs, collector dumps.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<string> Output = new("--output", "-o") { Description = "The baseline file to write (.bdb).", Required = true };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace the baseline file if it exists." };

    private static readonly Argument<string> File = new("FILE") { Description = "A baseline written by `beamdecode baseline create`." };

    private static readonly Option<bool> Json = new("--json") { Description = "Write one JSON document (every function included)." };

    private static readonly Option<bool> Functions = new("--functions") { Description = "List each module's functions and fingerprints." };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var create = new Command("create", "Record the md5 of each module and a fingerprint of each function's normalized code.");
        create.Arguments.Add(Paths);
        create.Options.Add(Output);
        create.Options.Add(Force);
        create.SetAction(parse => RunCreate(stdout, stderr, parse.GetValue(Paths) ?? [], parse.GetValue(Output)!, parse.GetValue(Force)));

        var show = new Command("show", "Print a baseline: its modules, md5s and (with --functions or --json) function fingerprints.");
        show.Arguments.Add(File);
        show.Options.Add(Json);
        show.Options.Add(Functions);
        show.SetAction(parse => RunShow(stdout, stderr, parse.GetValue(File)!, parse.GetValue(Json), parse.GetValue(Functions)));

        var command = new Command("baseline", "Record what is supposed to run, to compare a node or a release with later.");
        command.Subcommands.Add(create);
        command.Subcommands.Add(show);
        return command;
    }

    public static int RunCreate(TextWriter stdout, TextWriter stderr, IReadOnlyList<string> paths, string output, bool force)
    {
        var selection = InputExpander.Expand(paths);
        int exit = ExitCodes.Ok;
        foreach (var problem in selection.Problems)
        {
            stderr.WriteLine($"{problem.Path}: {problem.Id}: {problem.Message}");
            exit = ExitCodes.Trouble;
        }

        var modules = new BaselineModule?[selection.Files.Length];
        var problems = new ToolDiagnostic?[selection.Files.Length];
        Parallel.For(0, modules.Length, i =>
        {
            var file = selection.Files[i];
            using var scope = ModuleReader.BeginModule();
            try
            {
                modules[i] = BaselineBuilder.FromBeam(file.DisplayPath, ModuleReader.Open(file.FullPath));
            }
            catch (BadBeamFormatException e)
            {
                problems[i] = new ToolDiagnostic(file.DisplayPath, e.Id, e.Offset, e.Chunk, e.Message);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems[i] = new ToolDiagnostic(file.DisplayPath, DiagnosticId.IoError, null, null, e.Message);
            }
        });
        foreach (var problem in problems)
        {
            if (problem is not null)
            {
                stderr.WriteLine(problem.ToString());
                exit = ExitCodes.Trouble;
            }
        }

        var baseline = new Baseline
        {
            CreatedUtc = DateTime.UtcNow,
            Tool = "beamdecode " + (typeof(BaselineCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"),
            Modules = [.. modules.Where(m => m is not null).Select(m => m!)],
        };
        try
        {
            var info = new FileInfo(output);
            if ((info.Exists || info.LinkTarget is not null) && !force)
            {
                stderr.WriteLine(new ToolDiagnostic(output, DiagnosticId.OutputExists, null, null, $"{output} exists; give --force to replace it").ToString());
                return ExitCodes.Trouble;
            }

            if (info.Exists || info.LinkTarget is not null)
            {
                System.IO.File.Delete(output); // A link is removed, not written through.
            }

            using (var stream = new FileStream(output, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                BaselineWriter.Write(stream, baseline);
            }

            long size = new FileInfo(output).Length;
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"wrote {output}: {baseline.Modules.Length} modules, {baseline.Modules.Sum(m => m.Functions.Length)} functions, {size} bytes"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(new ToolDiagnostic(output, DiagnosticId.IoError, null, null, e.Message).ToString());
            return ExitCodes.Trouble;
        }

        return exit;
    }

    public static int RunShow(TextWriter stdout, TextWriter stderr, string path, bool json, bool functions)
    {
        Baseline baseline;
        try
        {
            baseline = BaselineReader.ReadFile(path);
        }
        catch (BadBeamFormatException e)
        {
            stderr.WriteLine(new ToolDiagnostic(path, e.Id, e.Offset, e.Chunk, e.Message).ToString());
            return ExitCodes.Trouble;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            string id = System.IO.File.Exists(path) ? DiagnosticId.IoError : DiagnosticId.NoInput;
            stderr.WriteLine(new ToolDiagnostic(path, id, null, null, e.Message).ToString());
            return ExitCodes.Trouble;
        }

        string created = baseline.CreatedUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        if (json)
        {
            var modules = baseline.Modules.Select(m => new BaselineModuleJson(
                m.Module, m.Path, m.Md5Hex, m.DebugInfo, m.AbstractCodeChunk.Length == 0 ? null : m.AbstractCodeChunk, m.AbstractCode.Length,
                [.. m.Functions.Select(f => new BaselineFunctionJson(f.Name, f.Arity, f.Fingerprint, f.Instructions, f.Code))])).ToList();
            stdout.Write(JsonSerializer.Serialize(new BaselineJson(created, baseline.Tool, modules.Count, modules), BaselineJsonContext.Readable.BaselineJson));
            stdout.WriteLine();
            return ExitCodes.Ok;
        }

        stdout.WriteLine($"baseline: {path}");
        stdout.WriteLine($"created: {created} by {InMemoryInputs.Printable(baseline.Tool)}");
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"modules: {baseline.Modules.Length}, functions: {baseline.Modules.Sum(m => m.Functions.Length)}"));
        stdout.WriteLine();
        foreach (var m in baseline.Modules)
        {
            string code = m.AbstractCode.IsEmpty ? "disassembly" : string.Create(CultureInfo.InvariantCulture, $"{m.AbstractCodeChunk} {m.AbstractCode.Length} bytes");
            stdout.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{InMemoryInputs.Printable(m.Module)}  {m.Md5Hex ?? "-",-32}  {m.Functions.Length} functions  {m.DebugInfo}  {code}  {InMemoryInputs.Printable(m.Path)}"));
            if (functions)
            {
                foreach (var f in m.Functions)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {InMemoryInputs.Printable(f.Name)}/{f.Arity}  {f.Fingerprint}  {f.Instructions} instructions"));
                }
            }
        }

        return ExitCodes.Ok;
    }
}
