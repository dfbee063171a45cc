using System.Text.Json.Serialization;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Output;

/// <summary>Source-generated JSON (no reflection, so the tool works under Native AOT). Field names: README.md.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(List<ModuleSummary>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
