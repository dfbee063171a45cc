using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeamDecode.Cli.Output;

/// <summary><c>dump list --json</c> of an erl_crash.dump: its header and module table (README.md).</summary>
internal sealed record CrashDumpListJson(
    string Kind,
    string DumpVersion,
    string? Node,
    string? Slogan,
    string? SystemVersion,
    bool Complete,
    long? CurrentCodeBytes,
    long? OldCodeBytes,
    int ModuleCount,
    List<CrashDumpModuleJson> Modules);

/// <summary>One <c>=mod:</c> section: sizes, the md5 of the default vsn, attributes and compile info as <c>~w</c> text.</summary>
internal sealed record CrashDumpModuleJson(
    string Module,
    long? CurrentSize,
    long? OldSize,
    string? Md5,
    string? Attributes,
    string? CompileInfo,
    string? OldAttributes,
    string? OldCompileInfo,
    string? Problem);

/// <summary>Source-generated JSON for crash dump listings (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(CrashDumpListJson))]
internal sealed partial class CrashDumpJsonContext : JsonSerializerContext
{
    public static CrashDumpJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
