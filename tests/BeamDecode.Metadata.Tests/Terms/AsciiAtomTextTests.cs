using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>
/// TermWriter.TryWriteAsciiAtom (the disassembler copies atom texts from the atom table's bytes with it) must write
/// exactly what TermWriter writes for the atom's string, and decline what it cannot write from ASCII bytes.
/// </summary>
public sealed class AsciiAtomTextTests
{
    [Theory]
    [InlineData("ok")]
    [InlineData("module_info")]
    [InlineData("a@b_C9")]
    [InlineData("")]
    [InlineData("Ok")]
    [InlineData("EXIT")]
    [InlineData("_x")]
    [InlineData("9lives")]
    [InlineData("a b")]
    [InlineData("=:=")]
    [InlineData("+")]
    [InlineData("it's")]
    [InlineData("back\\slash")]
    [InlineData("\\")]
    [InlineData("'")]
    [InlineData("after")]
    [InlineData("receive")]
    [InlineData("andalso")]
    [InlineData("maybe")]
    [InlineData("~tilde~")]
    public void PrintableAsciiName_WritesTheTextTermWriterWrites(string name)
    {
        var bytes = Encoding.ASCII.GetBytes(name);
        var destination = new byte[(2 * bytes.Length) + 2];

        Assert.True(TermWriter.TryWriteAsciiAtom(bytes, destination, out int written));
        Assert.Equal(TermWriter.Write(new AtomTerm(name)), Encoding.ASCII.GetString(destination, 0, written));
    }

    [Theory]
    [InlineData("tab\there")]
    [InlineData("line\n")]
    [InlineData("del\u007f")]
    [InlineData("caf\u00e9")]
    public void NameWithAByteOutsidePrintableAscii_IsDeclined(string name)
    {
        var bytes = Encoding.UTF8.GetBytes(name);
        var destination = new byte[(2 * bytes.Length) + 2];

        Assert.False(TermWriter.TryWriteAsciiAtom(bytes, destination, out _));
    }
}
