using System.Collections.Concurrent;
using BeamDecode.Metadata;

namespace BeamDecode.Forensics.Inputs;

/// <summary>
/// Modules that live inside another file (a collector dump today; archives later), registered by
/// <see cref="InputExpander"/> under a synthetic full path (<c>/abs/node.dump!/mod.beam</c>) so that
/// <see cref="ModuleReader"/> and every command that takes an <see cref="InputFile"/> read them as if they
/// were files, without each command learning about containers. A container that cannot be read is registered
/// as its exception, so the reader reports it through the usual one-line diagnostic with its offset.
/// Entries live as long as the process: the CLI reads each container once.
/// </summary>
public static class InMemoryInputs
{
    private static readonly ConcurrentDictionary<string, object> Entries = new(StringComparer.Ordinal);

    /// <summary>The synthetic full path of a member: the container's full path, <c>!/</c>, the member name.</summary>
    public static string MemberPath(string containerFullPath, string member) => containerFullPath + "!/" + member;

    /// <summary>
    /// A member name as shown in a one-line report: control characters as <c>\uXXXX</c>, so a hostile module name
    /// in a dump cannot break the line or forge another.
    /// </summary>
    public static string Printable(string name)
    {
        if (!name.Any(char.IsControl))
        {
            return name;
        }

        var sb = new System.Text.StringBuilder(name.Length + 8);
        foreach (char c in name)
        {
            if (char.IsControl(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    public static void Register(string fullPath, byte[] bytes) => Entries[fullPath] = bytes;

    public static void RegisterFailure(string fullPath, BadBeamFormatException failure) => Entries[fullPath] = failure;

    /// <summary>A module known only by its metadata (an erl_crash.dump's module table): <c>info</c> reports the
    /// summary, and commands that need the object code get BD0307.</summary>
    public static void RegisterSummary(string fullPath, ModuleSummary summary) => Entries[fullPath] = summary;

    /// <summary>The registered metadata-only summary of a member, if it is one.</summary>
    public static bool TryGetSummary(string fullPath, out ModuleSummary summary)
    {
        if (Entries.TryGetValue(fullPath, out var entry) && entry is ModuleSummary s)
        {
            summary = s;
            return true;
        }

        summary = null!;
        return false;
    }

    /// <summary>The member's bytes; throws the registered exception for a container that could not be read.</summary>
    public static bool TryGet(string fullPath, out byte[] bytes)
    {
        switch (Entries.TryGetValue(fullPath, out var entry) ? entry : null)
        {
            case byte[] b:
                bytes = b;
                return true;
            case BadBeamFormatException e:
                throw new BadBeamFormatException(e.Id, e.Offset, e.Message, e.Chunk);
            case ModuleSummary:
                throw new BadBeamFormatException(
                    Metadata.Diagnostics.DiagnosticId.NoObjectCode, 0, "an erl_crash.dump names the module but holds no object code (use `beamdecode info`)");
            default:
                bytes = [];
                return false;
        }
    }
}
