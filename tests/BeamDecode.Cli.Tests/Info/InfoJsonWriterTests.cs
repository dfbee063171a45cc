using System.Collections.Immutable;
using System.Text.Json;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Tests.Info;

/// <summary>
/// The hand-written <c>info --json</c> writer against the System.Text.Json serialization it replaced
/// (<see cref="CliJsonContext.Readable"/>): byte for byte the same document, for every fixture and for text that
/// needs escaping (quotes, backslashes, control characters, characters outside the BMP, separators).
/// </summary>
public sealed class InfoJsonWriterTests
{
    [Fact]
    public void Every_fixture_module_is_written_as_JsonSerializer_writes_it()
    {
        var modules = new List<ModuleSummary>();
        foreach (string path in Directory.EnumerateFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            modules.Add(ModuleReader.ReadSummary(path, path).Summary ?? throw new InvalidOperationException(path));
        }

        Assert.True(modules.Count >= 5, $"only {modules.Count} fixtures");
        Assert.Equal(Reference(modules), Written(modules));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("quote \" backslash \\ slash /")]
    [InlineData("controls \u0001\u0008\t\n\f\r\u001f and del \u007f")]
    [InlineData("html <a href='x'>&amp;</a> + `tick`")]
    [InlineData("latin é ß, cjk 模块, rtl שלום")]
    [InlineData("outside the BMP: \U0001F600 \U00010348")]
    [InlineData("separators \u2028 \u2029, bom \uFEFF, replacement \uFFFD, private \uE000, nbsp \u00A0, soft hyphen \u00AD")]
    [InlineData("")]
    public void Text_needing_escapes_is_written_as_JsonSerializer_writes_it(string text)
    {
        var module = new ModuleSummary(
            "dir/" + text + ".beam", text, null, true,
            [new ChunkSummary(text.Length > 4 ? text[..4] : text, 20, 0)],
            [new FunctionSummary(text, 255, int.MaxValue)],
            [new ImportSummary(text, text, 0)],
            [],
            int.MaxValue, 0, null, text, text, text, null, text);
        var empty = module with { Chunks = [], Exports = [], Imports = [], Locals = [], Md5 = text, Literals = -1, CompilerVersion = text, Source = null };
        Assert.Equal(Reference([module]), Written([module]));
        Assert.Equal(Reference([module, empty, module]), Written([module, empty, module]));
    }

    [Fact]
    public void No_modules_is_an_empty_array() => Assert.Equal(Reference([]), Written([]));

    private static string Reference(List<ModuleSummary> modules) =>
        JsonSerializer.Serialize(modules, CliJsonContext.Readable.ListModuleSummary) + "\n";

    /// <summary>The document as the info command assembles it from per-module buffers.</summary>
    private static string Written(List<ModuleSummary> modules)
    {
        using var stream = new MemoryStream();
        for (int i = 0; i < modules.Count; i++)
        {
            using var w = new PooledBufferWriter(16);
            InfoJsonWriter.WriteModule(w, modules[i]);
            stream.Write(i == 0 ? InfoJsonWriter.Open : InfoJsonWriter.Separator);
            stream.Write(w.WrittenSpan);
        }

        stream.Write(modules.Count == 0 ? InfoJsonWriter.Empty : InfoJsonWriter.Close);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
