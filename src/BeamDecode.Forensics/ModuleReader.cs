using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics;

/// <summary>
/// Reads one module file into a <see cref="ModuleSummary"/> or a one-line diagnostic. The only place the
/// tool turns file-system and format errors into data, so every command reports them the same way.
/// </summary>
public static class ModuleReader
{
    public static ModuleResult ReadSummary(string displayPath, string fullPath)
    {
        try
        {
            var beam = Open(fullPath);
            return ModuleResult.Ok(ModuleSummary.From(displayPath, beam));
        }
        catch (BadBeamFormatException e)
        {
            return ModuleResult.Fail(new ToolDiagnostic(displayPath, e.Id, e.Offset, e.Chunk, e.Message));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ModuleResult.Fail(new ToolDiagnostic(displayPath, DiagnosticId.IoError, null, null, e.Message));
        }
    }

    /// <summary>Opens a .beam file (or a module held in a collector dump), refusing files larger than the image limit
    /// before reading them.</summary>
    public static BeamFile Open(string fullPath)
    {
        // A module inside a collector dump (InputExpander registered it under a synthetic path).
        if (Inputs.InMemoryInputs.TryGet(fullPath, out var member))
        {
            return BeamFile.Read(member);
        }

        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > BeamFileLimits.MaxImageSize)
        {
            throw new BadBeamFormatException(
                DiagnosticId.ImplausibleSize, 0, $"file is {length} bytes, more than the {BeamFileLimits.MaxImageSize}-byte limit");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return BeamFile.Read(bytes);
    }
}
