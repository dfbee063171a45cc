using Microsoft.Win32.SafeHandles;

namespace BeamDecode.Forensics;

/// <summary>
/// A module file opened for reading by offset (<see cref="ModuleReader"/>, <see cref="SummaryRead"/>). On Linux x64 it
/// is opened with libc directly (<see cref="PosixRead"/>): open, fstat, pread, close, where .NET's File.OpenHandle also
/// takes an advisory lock (flock, its emulation of FileShare) and frees it, checks the file type and length again, and
/// allocates a SafeFileHandle with a finalizer: half the system calls of reading ~800 small files. Only a regular file
/// opened without error takes that path; anything else (a missing file, a directory, no permission, another platform)
/// is opened by File.OpenHandle as before, so every error is the exception it always was.
/// </summary>
internal readonly struct ModuleFile : IDisposable
{
    private readonly SafeFileHandle? _handle;
    private readonly int _descriptor;

    private ModuleFile(SafeFileHandle? handle, int descriptor, long length)
    {
        _handle = handle;
        _descriptor = descriptor;
        Length = length;
    }

    /// <summary>The file's length when it was opened.</summary>
    public long Length { get; }

    public static ModuleFile Open(string fullPath)
    {
        if (PosixRead.TryOpen(fullPath, out int descriptor, out long length))
        {
            return new ModuleFile(null, descriptor, length);
        }

        var handle = File.OpenHandle(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            return new ModuleFile(handle, -1, RandomAccess.GetLength(handle));
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads at <paramref name="offset"/>; 0 at the end of the file.</summary>
    public int Read(Span<byte> into, long offset) =>
        _handle is { } handle ? RandomAccess.Read(handle, into, offset) : PosixRead.Read(_descriptor, into, offset);

    public void Dispose()
    {
        if (_handle is { } handle)
        {
            handle.Dispose();
        }
        else
        {
            PosixRead.Close(_descriptor);
        }
    }
}
