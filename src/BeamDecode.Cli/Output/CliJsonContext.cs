using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Output;

/// <summary>Source-generated JSON (no reflection, so the tool works under Native AOT). Field names: README.md.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<ModuleSummary>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The generated context with an encoder that writes non-ASCII text (unicode atoms, paths) as itself rather
    /// than as \uXXXX: the output is a file or a pipe, never HTML, so the HTML-safe default only hurts reading.
    /// </summary>
    public static CliJsonContext Readable { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
    });
}
