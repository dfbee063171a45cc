using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BeamDecode.Cli.Output;

/// <summary><c>baseline show --json</c>: the header and one object per module (README.md, "baseline").</summary>
internal sealed record BaselineJson(string Created, string Tool, int ModuleCount, List<BaselineModuleJson> Modules);

/// <summary>One module: md5, debug info, the size of its stored abstract code, and its functions.</summary>
internal sealed record BaselineModuleJson(
    string Module,
    string Path,
    string? Md5,
    string DebugInfo,
    string? AbstractCodeChunk,
    int AbstractCodeSize,
    List<BaselineFunctionJson> Functions);

/// <summary>One function: fingerprint of its normalized code, instruction count, and the code when stored.</summary>
internal sealed record BaselineFunctionJson(string Name, int Arity, string Fingerprint, int Instructions, string? Code);

/// <summary>Source-generated JSON for the baseline command (no reflection: Native AOT).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(BaselineJson))]
internal sealed partial class BaselineJsonContext : JsonSerializerContext
{
    /// <summary>Non-ASCII text written as itself, as CliJsonContext.Compact does.</summary>
    public static BaselineJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
