using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text.Json;
using BeamDecode.Cli.Output;
using BeamDecode.Forensics;
using BeamDecode.Metadata;

namespace BeamDecode.Cli.Tests.Info;

/// <summary>
/// The hand-written <c>info --json</c> writer against the System.Text.Json serialization it replaced
/// (<see cref="CliJsonContext.Compact"/>, a module per line): byte for byte the same document, for every fixture
/// and for text that needs escaping (quotes, backslashes, control characters, characters outside the BMP, separators).
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

    /// <summary>The command's own joining of the modules (InfoJsonRun, workers writing in path order), not only the
    /// writer's pieces: the whole stdout of a directory run and of a run naming files must be the documented layout.</summary>
    [Fact]
    public void The_command_writes_the_documented_layout_for_a_directory_and_for_files()
    {
        var found = Directory.EnumerateFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CliRunner.RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        var directory = CliRunner.Run("info", "--json", "fixtures/beam");
        Assert.Equal(0, directory.ExitCode);
        Assert.Equal(Reference(Summaries(found)), directory.Stdout);

        string[] named = ["fixtures/beam/minimal.beam", "fixtures/beam/features.beam", "fixtures/beam/literals.beam"];
        var files = CliRunner.Run(["info", "--json", .. named]);
        Assert.Equal(0, files.ExitCode);
        Assert.Equal(Reference(Summaries(named)), files.Stdout);
        Assert.Equal(named.Length + 2, files.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private static List<ModuleSummary> Summaries(IEnumerable<string> displayPaths) =>
        [.. displayPaths.Select(p => ModuleReader.ReadSummary(p, Path.Combine(CliRunner.RepoRoot, p)).Summary ?? throw new InvalidOperationException(p))];

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

    /// <summary>The integer formatting of the rows at every change of width, as System.Text.Json writes an int.</summary>
    [Fact]
    public void Integers_at_every_digit_boundary_are_written_as_JsonSerializer_writes_them()
    {
        var values = new List<int> { 0, int.MaxValue, int.MinValue, int.MinValue + 1 };
        for (long power = 1; power <= int.MaxValue; power *= 10)
        {
            foreach (long v in new[] { power - 1, power, power + 1, -(power - 1), -power, -(power + 1) })
            {
                values.Add((int)v);
            }
        }

        Span<byte> text = stackalloc byte[11];
        foreach (int v in values)
        {
            text.Fill((byte)'x');
            int n = InfoJsonWriter.Decimal(text, v);
            Assert.Equal(JsonSerializer.Serialize(v), System.Text.Encoding.ASCII.GetString(text[..n]));
        }

        // In a whole module too: every integer property, with names that are plain and names that need escaping.
        foreach (int v in values.Where(v => v >= -1))
        {
            foreach (string name in new[] { "f", "f\"o" })
            {
                var module = new ModuleSummary(
                    "p.beam", name, null, false,
                    [new ChunkSummary("Code", v, v)],
                    [new FunctionSummary(name, v, v)],
                    [new ImportSummary(name, name, v)],
                    [new FunctionSummary(name, v, v)],
                    v, v, v, "[]", "[]", "none", null, null);
                Assert.Equal(Reference([module]), Written([module]));
            }
        }
    }

    /// <summary>The test of names that need no escaping, against the encoder itself: every byte value at every place
    /// of names of every length it treats differently (by bytes, four, eight or more at a time).</summary>
    [Fact]
    public void A_name_is_plain_exactly_when_the_encoder_leaves_it_as_it_is()
    {
        var encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        Assert.True(InfoJsonWriter.PlainIsPrintableAsciiButQuoteAndBackslash, "the word-at-a-time test is not used");
        foreach (int length in new[] { 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 40 })
        {
            for (int at = 0; at < length; at++)
            {
                for (int b = 0; b < 256; b++)
                {
                    byte[] name = Enumerable.Repeat((byte)'a', length).ToArray();
                    name[at] = (byte)b;
                    bool expected = b < 0x80 && encoder.FindFirstCharacterToEncodeUtf8(name) < 0;
                    Assert.True(expected == InfoJsonWriter.IsPlain(name), $"length {length}, byte {b:x2} at {at}");
                }
            }
        }

        Assert.True(InfoJsonWriter.IsPlain("get_module_info"u8));
        Assert.False(InfoJsonWriter.IsPlain("Elixir.\"x\""u8));
    }

    [Fact]
    public void No_modules_is_an_empty_array() => Assert.Equal(Reference([]), Written([]));

    [Fact]
    public void Every_fixture_module_written_from_its_bytes_is_its_summarys_JSON()
    {
        int count = 0;
        foreach (string path in FixturePaths())
        {
            AssertSameOutcome(path, File.ReadAllBytes(path));
            count++;
        }

        Assert.True(count >= 17, $"only {count} fixtures");
    }

    /// <summary>Names as the atom table's bytes: escapes, multi-byte UTF-8, and Latin-1 names of an old Atom chunk.</summary>
    [Theory]
    [InlineData("AtU8", new byte[] { (byte)'"', (byte)'\\', 0x01, (byte)'/' })]
    [InlineData("AtU8", new byte[] { 0xc3, 0xa9, 0xe2, 0x80, 0xa8, (byte)'<', 0xf0, 0x9f, 0x98, 0x80, (byte)'x' })]
    [InlineData("Atom", new byte[] { 0xe9, (byte)'"', 0x7f, 0xa0 })]
    public void Atom_names_written_from_their_bytes_are_escaped_as_their_text_is(string atomChunk, byte[] name)
    {
        // minimal.beam's atoms: minimal, id, module_info, erlang, get_module_info; id and module_info are exported and
        // erlang is imported. Each becomes a name of the given bytes (lengths change, so the chunk is rebuilt).
        var chunks = Chunks(File.ReadAllBytes(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam", "minimal.beam")));
        var atoms = new MemoryStream();
        atoms.Write([0, 0, 0, 5]);
        foreach (byte[] atom in new[] { "minimal"u8.ToArray(), name, [.. name, (byte)'2'], [.. name, (byte)'3'], "get_module_info"u8.ToArray() })
        {
            atoms.WriteByte((byte)atom.Length);
            atoms.Write(atom);
        }

        int i = chunks.FindIndex(c => c.Id == "AtU8");
        chunks[i] = (atomChunk, atoms.ToArray());
        AssertSameOutcome("names.beam", Container(chunks));
    }

    /// <summary>Corrupt modules: the writer decodes in the order the summary does, with the same checks, so it raises the
    /// same diagnostic (or writes the same bytes, where the corruption is in something info does not read).</summary>
    [Fact]
    public void Corrupt_fixture_modules_fail_from_their_bytes_as_their_summaries_do()
    {
        int failures = 0;
        foreach (string path in FixturePaths().Where(p => !p.Contains("compressed", StringComparison.Ordinal)))
        {
            byte[] good = File.ReadAllBytes(path);
            var chunks = Chunks(good);
            // Also with a second fault that is certain, the version byte of CInf (decoded before the tables) or of Attr
            // (after them), so that which diagnostic wins depends on the order of decoding.
            foreach (string? alsoBroken in new[] { null, "CInf", "Attr" })
            {
                for (int at = 12; at < good.Length; at += 5)
                {
                    foreach (byte flip in new byte[] { 0xff, 0x01, 0x80 })
                    {
                        byte[] bad = (byte[])good.Clone();
                        if (alsoBroken is not null)
                        {
                            bad[DataOffset(chunks, alsoBroken)] = 130;
                        }

                        bad[at] ^= flip;
                        failures += AssertSameOutcome(path, bad) ? 0 : 1;
                    }
                }
            }
        }

        Assert.True(failures > 3000, $"only {failures} corrupt modules failed to decode");
    }

    /// <summary>A module hashed in the same batch as the one under test.</summary>
    private static readonly Lazy<BeamFile> Neighbour = new(() => BeamFile.Read(File.ReadAllBytes(FixturePaths().First())));

    private static IEnumerable<string> FixturePaths() =>
        Directory.EnumerateFiles(Path.Combine(CliRunner.RepoRoot, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>Writes the module both ways and asserts the same bytes or the same diagnostic; true when it decoded.</summary>
    private static bool AssertSameOutcome(string path, byte[] bytes)
    {
        BeamFile beam;
        try
        {
            beam = BeamFile.Read(bytes);
        }
        catch (BadBeamFormatException)
        {
            return false;
        }

        string expected, actual;
        using (var w = new PooledBufferWriter(16))
        {
            expected = Outcome(w, () => InfoJsonWriter.WriteModule(w, ModuleSummary.From(path, BeamFile.Read(bytes))));
        }

        using (var w = new PooledBufferWriter(16))
        {
            actual = Outcome(w, () => InfoJsonWriter.WriteModule(w, path, beam));
        }

        Assert.Equal(expected, actual);

        // As info --json writes it: the md5 staged in a batch, hashed with another module's, and filled in afterwards.
        string batched;
        var batch = new ModuleMd5Batch();
        using (var w = new PooledBufferWriter(16))
        {
            batched = Outcome(w, () =>
            {
                batch.Add(Neighbour.Value, out _);
                InfoJsonWriter.WriteModule(w, path, BeamFile.Read(bytes), batch, out int slot, out int at);
                if (slot >= 0)
                {
                    batch.Compute();
                    InfoJsonWriter.FillMd5(w, at, batch.Digest(slot));
                }
            });
        }

        Assert.Equal(expected, batched);
        return !expected.StartsWith("BD", StringComparison.Ordinal);
    }

    private static string Outcome(PooledBufferWriter w, Action write)
    {
        try
        {
            write();
            return System.Text.Encoding.UTF8.GetString(w.WrittenSpan);
        }
        catch (BadBeamFormatException e)
        {
            return $"{e.Id} {e.Offset} {e.Chunk} {e.Message}";
        }
    }

    private static List<(string Id, byte[] Data)> Chunks(byte[] beam)
    {
        var chunks = new List<(string, byte[])>();
        int pos = 12;
        while (pos + 8 <= beam.Length)
        {
            int size = (int)BinaryPrimitives.ReadUInt32BigEndian(beam.AsSpan(pos + 4));
            chunks.Add((System.Text.Encoding.Latin1.GetString(beam, pos, 4), beam.AsSpan(pos + 8, size).ToArray()));
            pos += 8 + ((size + 3) & ~3);
        }

        return chunks;
    }

    private static int DataOffset(List<(string Id, byte[] Data)> chunks, string id)
    {
        int pos = 12;
        foreach (var (cid, data) in chunks)
        {
            if (cid == id)
            {
                return pos + 8;
            }

            pos += 8 + ((data.Length + 3) & ~3);
        }

        throw new ArgumentException($"no chunk {id}", nameof(id));
    }

    private static byte[] Container(List<(string Id, byte[] Data)> chunks)
    {
        var ms = new MemoryStream();
        ms.Write("FOR1\0\0\0\0BEAM"u8);
        var size = new byte[4];
        foreach (var (id, data) in chunks)
        {
            ms.Write(System.Text.Encoding.Latin1.GetBytes(id));
            BinaryPrimitives.WriteUInt32BigEndian(size, (uint)data.Length);
            ms.Write(size);
            ms.Write(data);
            ms.Write(new byte[((data.Length + 3) & ~3) - data.Length]);
        }

        byte[] image = ms.ToArray();
        BinaryPrimitives.WriteUInt32BigEndian(image.AsSpan(4), (uint)(image.Length - 8));
        return image;
    }

    /// <summary>The documented layout from System.Text.Json's own text: each module as it serializes one, a module per
    /// line between <c>[</c> and <c>]</c>; an empty list is <c>[]</c>. Without its newlines (a JSON string holds none
    /// unescaped) it must be System.Text.Json's serialization of the whole list: one document.</summary>
    private static string Reference(List<ModuleSummary> modules)
    {
        string document = modules.Count == 0
            ? "[]\n"
            : "[\n" + string.Join(",\n", modules.Select(m => JsonSerializer.Serialize(m, CliJsonContext.Compact.ModuleSummary))) + "\n]\n";
        Assert.Equal(JsonSerializer.Serialize(modules, CliJsonContext.Compact.ListModuleSummary), document.Replace("\n", ""));
        return document;
    }

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
