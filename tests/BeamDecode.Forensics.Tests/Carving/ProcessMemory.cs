using System.Globalization;

namespace BeamDecode.Forensics.Tests.Carving;

/// <summary>
/// A poor man's core file: every readable mapping of a process (from /proc/PID/maps) copied out of
/// /proc/PID/mem, one after another. Used when gcore cannot attach; regions the kernel refuses are skipped.
/// </summary>
internal static class ProcessMemory
{
    public static void Dump(int pid, string output)
    {
        using var mem = new FileStream($"/proc/{pid}/mem", FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        using var file = new FileStream(output, FileMode.CreateNew, FileAccess.Write);
        var buffer = new byte[1 << 20];
        foreach (string line in File.ReadAllLines($"/proc/{pid}/maps"))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || fields[1][0] != 'r' || line.EndsWith("[vvar]", StringComparison.Ordinal) || line.EndsWith("[vsyscall]", StringComparison.Ordinal))
            {
                continue;
            }

            var range = fields[0].Split('-');
            long start = long.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            long end = long.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            try
            {
                for (long at = start; at < end;)
                {
                    mem.Position = at;
                    int n = mem.Read(buffer, 0, (int)Math.Min(buffer.Length, end - at));
                    if (n <= 0)
                    {
                        break;
                    }

                    file.Write(buffer, 0, n);
                    at += n;
                }
            }
            catch (IOException)
            {
                // An unreadable region (guard pages, device mappings): nothing to carve there.
            }
        }
    }
}
