using System.Text;
using BeamDecode.Syntax.Printing;

namespace BeamDecode.Syntax.Tests.Printing;

/// <summary><see cref="PrintedText.WriteUtf8"/> writes the bytes File.WriteAllText(path, text, new UTF8Encoding(false))
/// writes: across its 64 KB buffer, with surrogate pairs at the buffer's edge, and lone surrogates as U+FFFD.</summary>
public sealed class PrintedTextTests
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1_000)]
    [InlineData(70_000)]
    [InlineData(300_000)]
    public void WriteUtf8_GivesTheBytesOfTheText(int pieces)
    {
        var sb = new StringBuilder();
        var random = new Random(pieces);
        string[] samples = ["-module(m).\n", "é", "日本", "😀", "\uD83D", "\uDE00", "'a b'", new string(' ', 37)];
        for (int i = 0; i < pieces; i++)
        {
            // Appending half a pair at a time puts pairs across the 64 KB pieces written; a lone half must still be
            // encoded as the encoding does (U+FFFD).
            sb.Append(samples[random.Next(samples.Length)]);
        }

        var writer = new TokenWriter();
        writer.Write(sb.ToString());
        using var text = writer.ToPrintedText();
        using var stream = new MemoryStream();
        text.WriteUtf8(stream);
        Assert.Equal(Utf8.GetBytes(sb.ToString()), stream.ToArray());
        Assert.Equal(sb.ToString(), text.ToString());
    }

    [Fact]
    public void Disposed_AfterToString_StillGivesTheText()
    {
        var writer = new TokenWriter();
        writer.Write("-module(m).\n");
        var text = writer.ToPrintedText();
        string before = text.ToString();
        text.Dispose();
        Assert.Equal("-module(m).\n", before);
        Assert.Equal(before, text.ToString());
    }

    [Fact]
    public void Disposed_BeforeUse_Throws()
    {
        var writer = new TokenWriter();
        writer.Write("x");
        var text = writer.ToPrintedText();
        text.Dispose();
        Assert.Throws<ObjectDisposedException>(() => text.ToString());
    }
}
