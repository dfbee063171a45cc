using System.Collections.Immutable;
using System.Runtime.InteropServices;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Files named on the command line that hold modules rather than being one: a collector dump (first byte 131), a
/// zip archive such as an OTP <c>.ez</c> ("PK"), an escript ("#!"), an <c>erl_crash.dump</c> (its module table,
/// <see cref="CrashDumpReader"/>), a tar archive plain or gzipped (a release tarball, <see cref="TarArchiveReader"/>). Each stands for its modules, shown as
/// <c>CONTAINER!member.beam</c> and registered in <see cref="InMemoryInputs"/>; a container that cannot be read
/// is one input whose read fails with the container's diagnostic, and a member that cannot be read is one
/// input whose read fails with its own.
/// </summary>
internal static class ContainerInputs
{
    /// <summary>Adds the container's modules to <paramref name="found"/> and returns true, or returns false for a
    /// file that is not a container (a .beam, or anything else ModuleReader will judge).</summary>
    public static bool TryExpand(string path, List<InputFile> found, ImmutableArray<InputProblem>.Builder problems)
    {
        Span<byte> head = stackalloc byte[32];
        int read;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1);
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // ModuleReader reports the unreadable file.
        }

        head = head[..read];
        if (CollectorDumpReader.LooksLikeDump(head))
        {
            ExpandDump(path, found, problems);
            return true;
        }

        if (ArchiveReader.IsZip(head) || ArchiveReader.IsEscript(head))
        {
            ExpandArchive(path, found, problems, static full => ArchiveReader.ReadBeams(ReadBounded(full, ArchiveLimits.Default.MaxFileSize)));
            return true;
        }

        if (CrashDumps.CrashDumpReader.LooksLikeCrashDump(head))
        {
            ExpandCrashDump(path, found, problems);
            return true;
        }

        // A release tarball, plain or gzipped (a gzipped .beam inflates to FOR1, not to a tar header).
        if (!head.StartsWith("FOR1"u8) && TarArchiveReader.IsTarFile(path))
        {
            ExpandArchive(path, found, problems, static full => TarArchiveReader.ReadBeamsFromFile(full));
            return true;
        }

        return false;
    }

    /// <summary>A collector dump stands for its modules whose object code was captured (README.md, "Collector
    /// dump format"); a dump without object code is a problem, as a directory without beams is.</summary>
    private static void ExpandDump(string path, List<InputFile> found, ImmutableArray<InputProblem>.Builder problems)
    {
        string full = Path.GetFullPath(path);
        CollectorDump dump;
        try
        {
            dump = CollectorDumpReader.ReadFile(full);
        }
        catch (BadBeamFormatException e)
        {
            InMemoryInputs.RegisterFailure(full, e);
            found.Add(new InputFile(path, full));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add(new InputFile(path, full)); // ModuleReader reports the I/O error.
            return;
        }

        foreach (var module in dump.Modules)
        {
            if (module.ObjectCode is { } code)
            {
                Add(found, path, full, module.Module + ".beam");
                InMemoryInputs.Register(InMemoryInputs.MemberPath(full, module.Module + ".beam"), ImmutableCollectionsMarshal.AsArray(code)!);
            }
        }

        if (found.Count == 0)
        {
            problems.Add(new InputProblem(path, DiagnosticId.NoInput, $"collector dump of {dump.Node} holds no captured object code"));
        }
    }

    /// <summary>An erl_crash.dump stands for the modules of its module table, known by metadata only.</summary>
    private static void ExpandCrashDump(string path, List<InputFile> found, ImmutableArray<InputProblem>.Builder problems)
    {
        string full = Path.GetFullPath(path);
        CrashDumps.CrashDump dump;
        try
        {
            dump = CrashDumps.CrashDumpReader.ReadFile(full);
        }
        catch (BadBeamFormatException e)
        {
            InMemoryInputs.RegisterFailure(full, e);
            found.Add(new InputFile(path, full));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add(new InputFile(path, full));
            return;
        }

        foreach (var module in dump.Modules)
        {
            string key = Add(found, path, full, module.Module);
            InMemoryInputs.RegisterSummary(key, CrashDumps.CrashDumpSummary.From(path + "!" + InMemoryInputs.Printable(module.Module), module));
        }

        if (found.Count == 0)
        {
            problems.Add(new InputProblem(path, DiagnosticId.NoInput, "the crash dump has no module table"));
        }
    }

    private static void ExpandArchive(
        string path, List<InputFile> found, ImmutableArray<InputProblem>.Builder problems, Func<string, ImmutableArray<ArchiveMember>> read)
    {
        string full = Path.GetFullPath(path);
        ImmutableArray<ArchiveMember> members;
        try
        {
            members = read(full);
        }
        catch (BadBeamFormatException e)
        {
            InMemoryInputs.RegisterFailure(full, e);
            found.Add(new InputFile(path, full));
            return;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            found.Add(new InputFile(path, full));
            return;
        }

        foreach (var member in members)
        {
            string key = Add(found, path, full, member.Name);
            if (member.Bytes is { } bytes)
            {
                InMemoryInputs.Register(key, bytes);
            }
            else
            {
                InMemoryInputs.RegisterFailure(key, member.Failure!);
            }
        }

        if (found.Count == 0)
        {
            problems.Add(new InputProblem(path, DiagnosticId.NoInput, "the archive holds no .beam file"));
        }
    }

    private static string Add(List<InputFile> found, string path, string full, string member)
    {
        string key = InMemoryInputs.MemberPath(full, member);
        found.Add(new InputFile(path + "!" + InMemoryInputs.Printable(member), key));
        return key;
    }

    private static byte[] ReadBounded(string fullPath, long limit)
    {
        using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long length = stream.Length;
        if (length > limit)
        {
            throw new BadBeamFormatException(DiagnosticId.ImplausibleSize, 0, $"file is {length} bytes, more than the {limit}-byte limit for archives");
        }

        var bytes = new byte[length];
        stream.ReadExactly(bytes);
        return bytes;
    }
}
