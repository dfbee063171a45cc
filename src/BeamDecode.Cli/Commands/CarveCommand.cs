using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using BeamDecode.Forensics;
using BeamDecode.Forensics.Carving;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// <c>beamdecode carve BLOB -o DIR [--force]</c>: every BEAM image embedded in any file, validated and written as
/// <c>MODULE.beam</c> (one per distinct md5). Prints one line per file written and per rejected candidate (a
/// truncated or damaged copy), then a summary. Exit 2 when the blob cannot be read or a file cannot be written.
/// </summary>
public static class CarveCommand
{
    private static readonly Argument<string> Blob = new("BLOB") { Description = "Any file: a core file of beam.smp, a memory or disk image." };

    private static readonly Option<string> Output = new("--output", "-o")
    {
        Description = "The directory for the MODULE.beam files (created if missing).",
        Required = true,
    };

    private static readonly Option<bool> Force = new("--force") { Description = "Replace files that already exist in the directory." };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("carve", "Find, validate and extract every BEAM image embedded in a file (a core dump, a memory or disk image).");
        command.Arguments.Add(Blob);
        command.Options.Add(Output);
        command.Options.Add(Force);
        command.SetAction(parse => Run(stdout, stderr, parse.GetValue(Blob)!, parse.GetValue(Output)!, parse.GetValue(Force)));
        return command;
    }

    public static int Run(TextWriter stdout, TextWriter stderr, string blob, string directory, bool force)
    {
        if (!File.Exists(blob))
        {
            stderr.WriteLine(new ToolDiagnostic(blob, Directory.Exists(blob) ? DiagnosticId.IoError : DiagnosticId.NoInput, null, null, "no such file").ToString());
            return ExitCodes.Trouble;
        }

        var clock = Stopwatch.StartNew();
        CarveResult result;
        try
        {
            result = CarveExtractor.Carve(blob, directory, force);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine(new ToolDiagnostic(blob, DiagnosticId.IoError, null, null, e.Message).ToString());
            return ExitCodes.Trouble;
        }

        double seconds = clock.Elapsed.TotalSeconds;
        int exit = ExitCodes.Ok;
        foreach (var image in result.Scan.Images)
        {
            if (image.Rejection is { } why)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rejected  @{image.Offset}: {why.Replace('\n', ' ')}"));
            }
        }

        foreach (var file in result.Files)
        {
            if (file.Problem is { } problem)
            {
                stderr.WriteLine(problem.ToString());
                exit = ExitCodes.Trouble;
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"extracted @{file.Image.Offset}: {file.Image.Md5Hex ?? "-",-32}  {file.WrittenPath}"));
            }
        }

        int valid = result.Scan.Images.Count(i => i.IsValid);
        stdout.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"scanned {result.Scan.BytesScanned} bytes in {seconds:F2} s: {result.Scan.Images.Length} BEAM headers, {valid} valid images, {result.Files.Length} distinct, {result.Files.Count(f => f.Problem is null)} written"));
        return exit;
    }
}
