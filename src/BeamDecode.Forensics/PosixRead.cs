using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace BeamDecode.Forensics;

/// <summary>
/// Reading files with libc (open, fstat, pread, close) on Linux x64 with glibc 2.33 or later (where fstat is a symbol
/// of its own): <see cref="ModuleFile"/>. Every step that fails says so and the caller takes the .NET path, which fails
/// the same way with the exception .NET gives; a pread that fails is repeated through RandomAccess for that exception.
/// </summary>
internal static partial class PosixRead
{
    private const int OpenReadOnlyCloseOnExec = 0x80000; // O_RDONLY | O_CLOEXEC (asm-generic/fcntl.h)
    private const int Interrupted = 4; // EINTR
    private const int StatSize = 144; // sizeof(struct stat), x86_64
    private const int StatModeOffset = 24; // st_mode, after st_dev, st_ino, st_nlink (8 bytes each)
    private const int StatSizeOffset = 48; // st_size
    private const uint FileTypeMask = 0xF000; // S_IFMT
    private const uint RegularFile = 0x8000; // S_IFREG

    /// <summary>Whether the libc path is used; cleared for good when libc or a symbol turns out to be missing (musl,
    /// glibc before 2.33).</summary>
    private static bool enabled = OperatingSystem.IsLinux() && RuntimeInformation.ProcessArchitecture == Architecture.X64;

    /// <summary>Opens a regular file: false (nothing left open) when it cannot be opened, is not a regular file, or the
    /// libc path is not available, and the caller opens it the .NET way.</summary>
    public static bool TryOpen(string path, out int descriptor, out long length)
    {
        descriptor = -1;
        length = 0;
        if (!enabled || path.Contains('\0'))
        {
            return false;
        }

        try
        {
            int fd;
            do
            {
                fd = Open(path, OpenReadOnlyCloseOnExec);
            }
            while (fd < 0 && Marshal.GetLastPInvokeError() == Interrupted);

            if (fd < 0)
            {
                return false;
            }

            Span<byte> stat = stackalloc byte[StatSize];
            if (FileStatus(fd, ref MemoryMarshal.GetReference(stat)) != 0
                || (BinaryPrimitives.ReadUInt32LittleEndian(stat[StatModeOffset..]) & FileTypeMask) != RegularFile)
            {
                Close(fd);
                return false;
            }

            descriptor = fd;
            length = BinaryPrimitives.ReadInt64LittleEndian(stat[StatSizeOffset..]);
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            enabled = false;
            return false;
        }
    }

    /// <summary>pread: the count read, 0 at the end of the file; an error is thrown as RandomAccess.Read throws it.</summary>
    public static int Read(int descriptor, Span<byte> into, long offset)
    {
        while (true)
        {
            nint n = PositionedRead(descriptor, ref MemoryMarshal.GetReference(into), (nuint)into.Length, offset);
            if (n >= 0)
            {
                return (int)n;
            }

            if (Marshal.GetLastPInvokeError() != Interrupted)
            {
                using var handle = new SafeFileHandle((IntPtr)descriptor, ownsHandle: false);
                return RandomAccess.Read(handle, into, offset);
            }
        }
    }

    public static void Close(int descriptor) => CloseDescriptor(descriptor);

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fstat", SetLastError = true)]
    private static partial int FileStatus(int descriptor, ref byte stat);

    [LibraryImport("libc", EntryPoint = "pread", SetLastError = true)]
    private static partial nint PositionedRead(int descriptor, ref byte buffer, nuint count, long offset);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseDescriptor(int descriptor);
}
