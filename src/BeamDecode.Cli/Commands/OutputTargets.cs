using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Cli.Commands;

/// <summary>
/// Output file names for commands that write one file per module into a directory (source; the same rules as
/// disasm's): NAME is the input file's name without .beam, never the module's atom (which may hold '/' or '..');
/// a repeated name gets <c>NAME~2</c>, <c>~3</c>, ...; a name that would resolve outside the directory is refused.
/// </summary>
internal static class OutputTargets
{
    public static string?[] InDirectory(IReadOnlyList<InputFile> files, string dir, string extension)
    {
        string root = Path.GetFullPath(dir);
        string prefix = Path.EndsInDirectorySeparator(root) ? root : root + Path.DirectorySeparatorChar;
        var used = new HashSet<string>(StringComparer.Ordinal);
        var targets = new string?[files.Count];
        for (int i = 0; i < files.Count; i++)
        {
            string stem = StemOf(files[i]);
            string name = stem + extension;
            for (int n = 2; !used.Add(name); n++)
            {
                name = $"{stem}~{n}{extension}";
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

    public static string StemOf(InputFile file)
    {
        string name = Path.GetFileName(file.FullPath);
        string stem = name.EndsWith(".beam", StringComparison.Ordinal) ? name[..^5] : name;
        return stem.Length == 0 || stem == "." || stem == ".." ? "module" : stem;
    }
}
