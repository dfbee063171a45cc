using System.Runtime.InteropServices;

namespace BeamDecode.Forensics.Tests.Reading;

/// <summary>
/// <see cref="ModuleFile"/> opens regular files with libc on Linux x64 (<see cref="PosixRead"/>) and everything else
/// with File.OpenHandle: the bytes read must be the file's, and a file that cannot be read must fail with the exception
/// File.OpenHandle gives (its message is the diagnostic the CLI prints).
/// </summary>
public sealed class ModuleFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("bd-module-file-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_regular_file_is_opened_with_libc_on_linux_x64_and_reads_its_bytes_at_any_offset()
    {
        var bytes = new byte[100_000];
        new Random(5).NextBytes(bytes);
        string path = Path.Combine(_dir, "a.beam");
        File.WriteAllBytes(path, bytes);

        bool libc = PosixRead.TryOpen(path, out int descriptor, out long length);
        Assert.Equal(OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64, libc);
        if (libc)
        {
            Assert.Equal(bytes.Length, length);
            PosixRead.Close(descriptor);
        }

        using var file = ModuleFile.Open(path);
        Assert.Equal(bytes.Length, file.Length);
        var into = new byte[5000];
        foreach (int offset in new[] { 0, 1, 4096, 95_000, 99_999 })
        {
            int n = file.Read(into, offset);
            Assert.Equal(Math.Min(into.Length, bytes.Length - offset), n);
            Assert.Equal(bytes.AsSpan(offset, n), into.AsSpan(0, n));
        }

        Assert.Equal(0, file.Read(into, bytes.Length));
    }

    [Fact]
    public void Files_that_cannot_be_read_fail_as_File_OpenHandle_fails()
    {
        string regular = Path.Combine(_dir, "regular.beam");
        File.WriteAllBytes(regular, [1, 2, 3]);
        string directory = Directory.CreateDirectory(Path.Combine(_dir, "dir.beam")).FullName;
        string dangling = Path.Combine(_dir, "dangling.beam");
        File.CreateSymbolicLink(dangling, Path.Combine(_dir, "nowhere.beam"));
        string[] paths =
        [
            Path.Combine(_dir, "missing.beam"), directory, dangling, Path.Combine(regular, "below.beam"),
            Path.Combine(_dir, "no-such-dir", "x.beam"),
        ];

        foreach (string path in paths)
        {
            Assert.False(PosixRead.TryOpen(path, out _, out _), path);
            var expected = Record.Exception(() => File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read).Dispose());
            Assert.NotNull(expected);
            var actual = Record.Exception(() => ModuleFile.Open(path).Dispose());
            Assert.NotNull(actual);
            Assert.Equal(expected.GetType(), actual.GetType());
            Assert.Equal(expected.Message, actual.Message);
        }
    }
}
