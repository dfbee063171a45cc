using System.Text.Json;

namespace BeamDecode.Cli.Tests.Info;

/// <summary>The shape of <c>info --json</c>: the fields scripts rely on exist and have the documented types.</summary>
public sealed class InfoJsonShapeTests
{
    [Theory]
    [InlineData("fixtures/beam/features.beam", "features")]
    [InlineData("fixtures/beam/minimal.beam", "minimal")]
    [InlineData("fixtures/beam/compressed/literals.beam", "literals")]
    [InlineData("fixtures/beam/encrypted/features.beam", "features")]
    public void InfoJson_OnFixture_HasTypedFields(string path, string module)
    {
        var result = CliRunner.Run("info", "--json", path);
        Assert.Equal(0, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(JsonValueKind.Array, doc.RootElement.ValueKind);
        var m = Assert.Single(doc.RootElement.EnumerateArray().ToList());

        Assert.Equal(path, String(m, "path"));
        Assert.Equal(module, String(m, "module"));
        Assert.Matches("^[0-9a-f]{32}$", String(m, "md5"));
        Assert.False(string.IsNullOrEmpty(String(m, "debugInfo")));

        var chunks = Array(m, "chunks");
        Assert.NotEmpty(chunks);
        foreach (var c in chunks)
        {
            Assert.Equal(4, String(c, "id").Length);
            Assert.True(Number(c, "offset") >= 20);
            Assert.True(Number(c, "size") >= 0);
        }

        Assert.Contains(chunks, c => String(c, "id") == "AtU8");
        Assert.Contains(chunks, c => String(c, "id") == "Code");

        var exports = Array(m, "exports");
        Assert.Contains(exports, e => String(e, "name") == "module_info" && Number(e, "arity") == 0);
        foreach (var e in exports)
        {
            Assert.InRange(Number(e, "arity"), 0, 255);
        }

        var imports = Array(m, "imports");
        Assert.Contains(imports, i => String(i, "module") == "erlang" && String(i, "name") == "get_module_info" && Number(i, "arity") == 1);
        foreach (var i in imports)
        {
            Assert.False(string.IsNullOrEmpty(String(i, "module")));
            Assert.False(string.IsNullOrEmpty(String(i, "name")));
            Assert.InRange(Number(i, "arity"), 0, 255);
        }
    }

    [Theory]
    [InlineData("fixtures/beam/features.beam", "erlang_v1")]
    [InlineData("fixtures/beam/nodebug/features.beam", "none")]
    [InlineData("fixtures/beam/encrypted/features.beam", "encrypted")]
    public void InfoJson_DebugInfo_NamesTheKind(string path, string kind)
    {
        using var doc = JsonDocument.Parse(CliRunner.Run("info", "--json", path).Stdout);
        Assert.Equal(kind, String(doc.RootElement[0], "debugInfo"));
    }

    [Fact]
    public void InfoJson_OnSeveralFiles_IsOneArrayInArgumentOrder()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/beam/minimal.beam", "fixtures/beam/features.beam");
        using var doc = JsonDocument.Parse(result.Stdout);
        var modules = doc.RootElement.EnumerateArray().Select(m => String(m, "module")).ToList();
        Assert.Equal(["minimal", "features"], modules);
    }

    [Fact]
    public void InfoJson_WhenEveryInputIsBad_IsAnEmptyArrayAndExitCode2()
    {
        var result = CliRunner.Run("info", "--json", "fixtures/corrupt/not-a-beam.beam");
        Assert.Equal(2, result.ExitCode);
        using var doc = JsonDocument.Parse(result.Stdout);
        Assert.Equal(0, doc.RootElement.GetArrayLength());
    }

    private static string String(JsonElement e, string name)
    {
        Assert.True(e.TryGetProperty(name, out var v), $"no '{name}' in {e}");
        Assert.Equal(JsonValueKind.String, v.ValueKind);
        return v.GetString()!;
    }

    private static long Number(JsonElement e, string name)
    {
        Assert.True(e.TryGetProperty(name, out var v), $"no '{name}' in {e}");
        Assert.Equal(JsonValueKind.Number, v.ValueKind);
        return v.GetInt64();
    }

    private static List<JsonElement> Array(JsonElement e, string name)
    {
        Assert.True(e.TryGetProperty(name, out var v), $"no '{name}' in {e}");
        Assert.Equal(JsonValueKind.Array, v.ValueKind);
        return v.EnumerateArray().ToList();
    }
}
