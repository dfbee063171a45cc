using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Output;

/// <summary>
/// Source-generated JSON (no reflection, so it works under Native AOT) of the <c>info --json</c> model. The tool itself
/// writes with <see cref="InfoJsonWriter"/>; this is the reference the tests hold that writer to, module by module and
/// as a whole list. Field names: README.md.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = false,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ModuleSummary))]
[JsonSerializable(typeof(List<ModuleSummary>))]
internal sealed partial class CliJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The generated context with an encoder that writes non-ASCII text (unicode atoms, paths) as itself rather
    /// than as \uXXXX: the output is a file or a pipe, never HTML, so the HTML-safe default only hurts reading.
    /// </summary>
    public static CliJsonContext Compact { get; } = new(new JsonSerializerOptions
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    });
}
