using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using BeamDecode.Metadata;
using BeamDecode.Metadata.Diagnostics;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Forensics.CrashDumps;

/// <summary>
/// Reads the module table of an <c>erl_crash.dump</c> in one streaming pass: crash dumps run to gigabytes (process
/// heaps, binaries), so only the header, <c>=node</c>, <c>=loaded_modules</c> and <c>=mod:NAME</c> sections are
/// kept and every other line is skipped without being stored. Section layout from erts' break.c
/// (dump_loaded_modules, dump_attributes) and observer's crashdump_viewer.erl (all_modinfo, get_binary): a
/// <c>=mod:NAME</c> section has "Current size: N", optionally "Old size: N", and "Current attributes: ...",
/// "Current compilation info: ..." (and "Old ..."): the external term format of the Attr and CInf terms, base64
/// from dump version 0.5 on, hexadecimal before. A term that cannot be decoded is recorded in the module's
/// <see cref="CrashDumpModule.Problem"/>; only <see cref="BadBeamFormatException"/> escapes, BD0308, for a file
/// that is not a crash dump at all or a line longer than <see cref="MaxLineLength"/> in a kept section.
/// </summary>
public static class CrashDumpReader
{
    /// <summary>Longest line kept from a module section (an attribute term of a generated module can be large).</summary>
    public const int MaxLineLength = 64 << 20;

    /// <summary>Most module sections read.</summary>
    public const int MaxModules = 1_000_000;

    public static bool LooksLikeCrashDump(ReadOnlySpan<byte> head) => head.StartsWith("=erl_crash_dump:"u8);

    public static CrashDump ReadFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        return Read(stream);
    }

    public static CrashDump Read(Stream stream)
    {
        var lines = new LineSource(stream);
        if (!lines.TryRead(keepLong: false, out var first) || !LooksLikeCrashDump(first))
        {
            throw new BadBeamFormatException(DiagnosticId.BadCrashDump, 0, "not an erl_crash.dump (no \"=erl_crash_dump:\" first line)");
        }

        string version = Latin1(first["=erl_crash_dump:"u8.Length..]).Trim();
        bool base64 = IsAtLeast(version, 0, 5);
        string? slogan = null, systemVersion = null, node = null;
        long? currentCode = null, oldCode = null;
        bool complete = false;
        var modules = ImmutableArray.CreateBuilder<CrashDumpModule>();
        ModuleBuilder? module = null;
        string section = "erl_crash_dump";
        while (lines.TryRead(keepLong: section == "mod", out var line))
        {
            if (!line.IsEmpty && line[0] == '=')
            {
                if (module is not null)
                {
                    modules.Add(module.Build());
                    module = null;
                }

                var header = line[1..];
                int colon = header.IndexOf((byte)':');
                section = Latin1(colon < 0 ? header : header[..colon]);
                string argument = colon < 0 ? "" : Utf8(header[(colon + 1)..]);
                switch (section)
                {
                    case "mod":
                        if (modules.Count >= MaxModules)
                        {
                            throw new BadBeamFormatException(DiagnosticId.BadCrashDump, lines.LineOffset, $"more than {MaxModules} module sections");
                        }

                        module = new ModuleBuilder(UnquoteAtom(argument), base64);
                        break;
                    case "node":
                        node = UnquoteAtom(argument);
                        break;
                    case "end":
                        complete = true;
                        break;
                }

                continue;
            }

            string key = Key(line, out var value);
            switch (section)
            {
                case "erl_crash_dump" when key == "Slogan":
                    slogan = Utf8(value);
                    break;
                case "erl_crash_dump" when key == "System version":
                    systemVersion = Utf8(value).Trim();
                    break;
                case "loaded_modules" when key == "Current code":
                    currentCode = Number(value);
                    break;
                case "loaded_modules" when key == "Old code":
                    oldCode = Number(value);
                    break;
                case "mod":
                    module?.Add(key, value);
                    break;
            }
        }

        if (module is not null)
        {
            modules.Add(module.Build());
        }

        return new CrashDump
        {
            DumpVersion = version,
            Slogan = slogan,
            SystemVersion = systemVersion,
            Node = node,
            CurrentCodeBytes = currentCode,
            OldCodeBytes = oldCode,
            Complete = complete,
            Modules = modules.ToImmutable(),
        };
    }

    /// <summary>"Key: value" (break.c prints ": " after the key); a line without it is all key.</summary>
    private static string Key(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> value)
    {
        int colon = line.IndexOf(": "u8);
        value = colon < 0 ? [] : line[(colon + 2)..];
        return Latin1(colon < 0 ? line : line[..colon]);
    }

    private static long? Number(ReadOnlySpan<byte> value) =>
        long.TryParse(value.Trim((byte)' '), NumberStyles.None, CultureInfo.InvariantCulture, out long n) ? n : null;

    private static bool IsAtLeast(string version, int major, int minor)
    {
        var parts = version.Split('.');
        return parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int a)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int b) && (a > major || (a == major && b >= minor));
    }

    /// <summary>An atom as break.c prints it with %T: quoted when it must be ('Elixir.Enum'), with \' and \\ escapes.</summary>
    public static string UnquoteAtom(string text)
    {
        if (text.Length < 2 || text[0] != '\'' || text[^1] != '\'')
        {
            return text;
        }

        var sb = new StringBuilder(text.Length);
        for (int i = 1; i < text.Length - 1; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length - 1)
            {
                i++;
            }

            sb.Append(text[i]);
        }

        return sb.ToString();
    }

    private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

    private static string Utf8(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);

    /// <summary>Collects one module section's lines.</summary>
    private sealed class ModuleBuilder(string name, bool base64)
    {
        private long? _currentSize, _oldSize;
        private Term? _currentAttributes, _currentCompileInfo, _oldAttributes, _oldCompileInfo;
        private string? _problem;

        public void Add(string key, ReadOnlySpan<byte> value)
        {
            switch (key)
            {
                case "Current size":
                    _currentSize = Number(value);
                    break;
                case "Old size":
                    _oldSize = Number(value);
                    break;
                case "Current attributes":
                    _currentAttributes = DecodeTerm(key, value);
                    break;
                case "Current compilation info":
                    _currentCompileInfo = DecodeTerm(key, value);
                    break;
                case "Old attributes":
                    _oldAttributes = DecodeTerm(key, value);
                    break;
                case "Old compilation info":
                    _oldCompileInfo = DecodeTerm(key, value);
                    break;
            }
        }

        public CrashDumpModule Build() =>
            new(name, _currentSize, _oldSize, _currentAttributes, _currentCompileInfo, _oldAttributes, _oldCompileInfo, _problem);

        private Term? DecodeTerm(string key, ReadOnlySpan<byte> text)
        {
            byte[] bytes;
            try
            {
                bytes = base64 ? Convert.FromBase64String(Latin1(text.Trim((byte)' '))) : Convert.FromHexString(Latin1(text.Trim((byte)' ')));
            }
            catch (FormatException)
            {
                _problem ??= $"{key}: not {(base64 ? "base64" : "hexadecimal")} text (truncated dump?)";
                return null;
            }

            try
            {
                return TermReader.Decode(bytes);
            }
            catch (BadBeamFormatException e)
            {
                _problem ??= $"{key}: {e.Id}: {e.Message}";
                return null;
            }
        }
    }
}
