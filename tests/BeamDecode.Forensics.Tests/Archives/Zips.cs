using System.IO.Compression;

namespace BeamDecode.Forensics.Tests.Archives;

/// <summary>Builds zip archives and escripts in memory for tests.</summary>
internal static class Zips
{
    public static byte[] Create(params (string Name, byte[] Data)[] entries) => Create(entries.Select(e => (e.Name, e.Data, 0)).ToArray());

    /// <summary>Entries with Unix external attributes (<c>mode &lt;&lt; 16</c>), e.g. 0xA1FF for a symbolic link.</summary>
    public static byte[] Create((string Name, byte[] Data, int UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, data, mode) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                if (mode != 0)
                {
                    entry.ExternalAttributes = mode << 16;
                }

                using var s = entry.Open();
                s.Write(data);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An escript as escript:create/2 writes one: "#!" line, optional comment and "%%!" lines, then the body.</summary>
    public static byte[] Escript(byte[] body, string? comment = "%% made by a test", string? emuArgs = "%%! -smp enable")
    {
        var header = "#!/usr/bin/env escript\n" + (comment is null ? "" : comment + "\n") + (emuArgs is null ? "" : emuArgs + "\n");
        return [.. System.Text.Encoding.ASCII.GetBytes(header), .. body];
    }
}
