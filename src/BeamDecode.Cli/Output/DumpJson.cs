using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeamDecode.Cli.Output;

/// <summary><c>dump list --json</c>: the dump's header and one object per module (README.md, "dump list").</summary>
internal sealed record DumpListJson(
    string Node,
    string? OtpRelease,
    string? ErtsVersion,
    string? Time,
    long? ElapsedMs,
    bool? CodePathComplete,
    int ModuleCount,
    int ObjectCodeCount,
    List<DumpModuleJson> Modules);

/// <summary>One module of a dump, as <c>dump list --json</c> writes it.</summary>
internal sealed record DumpModuleJson(
    string Module,
    string? Path,
    string LoadedAs,
    string? Md5,
    string? Status,
    bool? OldCode,
    bool HasObjectCode,
    int? Size,
    string? Unavailable,
    string? Error);

/// <summary>Source-generated JSON for the dump commands (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(DumpListJson))]
internal sealed partial class DumpJsonContext : JsonSerializerContext
{
    /// <summary>Non-ASCII text (unicode atoms, paths) written as itself, as CliJsonContext.Compact does.</summary>
    public static DumpJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
