using System.Collections.Immutable;
using System.Text;
using BeamDecode.Forensics.Inputs;

namespace BeamDecode.Forensics.Carving;

/// <summary>
/// <c>beamdecode carve</c>: scans a blob (<see cref="BeamCarver"/>) and writes each distinct valid image (by md5;
/// by its bytes when it has no md5) as <c>MODULE.beam</c> through <see cref="SafeOutput"/>. The module name comes
/// from the image's atom table, so it is sanitized into one file name; a second version of the same module (old
/// and current code in one core) is written as <c>MODULE-MD5PREFIX.beam</c>.
/// </summary>
public static class CarveExtractor
{
    public static CarveResult Carve(string blob, string directory, bool force)
    {
        var output = new SafeOutput(directory);
        var written = ImmutableArray.CreateBuilder<CarvedFile>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        var scan = BeamCarver.Scan(blob, (image, bytes) =>
        {
            string identity = image.Md5Hex ?? Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
            if (!seen.Add(identity))
            {
                return;
            }

            string stem = FileStem(image.Module!);
            string name = names.Add(stem) ? stem + ".beam" : $"{stem}-{identity[..12]}.beam";
            var (path, id, message) = output.Write(name, bytes, force);
            written.Add(new CarvedFile(image, name, path, id is null ? null : new ToolDiagnostic($"{blob}@{image.Offset}", id, image.Offset, null, message!)));
        });
        return new CarveResult(scan, written.ToImmutable());
    }

    /// <summary>A module name made one safe file name: separators, ':', control characters and other characters
    /// a shell or file system treats specially become '_'; at most 200 characters; never "." or "..".</summary>
    public static string FileStem(string module)
    {
        var sb = new StringBuilder(Math.Min(module.Length, 200));
        foreach (char c in module)
        {
            if (sb.Length == 200)
            {
                break;
            }

            sb.Append(char.IsLetterOrDigit(c) || c is '_' or '.' or '-' or '@' or '+' ? c : '_');
        }

        string stem = sb.ToString();
        return stem.Length == 0 || stem.Trim('.').Length == 0 ? "_" + stem.Replace('.', '_') : stem;
    }
}
