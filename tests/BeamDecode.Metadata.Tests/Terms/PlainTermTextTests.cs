using System.Text;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Metadata.Tests.BadInput;

namespace BeamDecode.Metadata.Tests.Terms;

/// <summary>
/// <see cref="PlainTermText"/> against decoding with <see cref="TermReader"/> and printing with <see cref="TermWriter"/>
/// (after <see cref="AttributeList.Merge"/> for Attr): where it answers, the same text; where the term is not plain, no
/// answer (so the decoder, and its diagnostics, decide).
/// </summary>
public sealed class PlainTermTextTests
{
    [Fact]
    public void Every_fixtures_attributes_and_compile_info_are_written_as_decoded_and_printed()
    {
        int plain = 0, all = 0;
        foreach (string path in Directory.EnumerateFiles(Path.Combine(Fixtures.RepoRoot, "fixtures", "beam"), "*.beam", SearchOption.AllDirectories))
        {
            var beam = BeamFile.Read(File.ReadAllBytes(path));
            plain += Check(beam.FindChunk(ChunkId.CInf), attributes: false) ? 1 : 0;
            plain += Check(beam.FindChunk(ChunkId.Attr), attributes: true) ? 1 : 0;
            all += 2;
        }

        // The features fixtures repeat an attribute and hold a binary and a non-ASCII atom: those are the decoder's.
        Assert.True(plain * 3 >= all * 2, $"only {plain} of {all} chunks were plain");
    }

    public static TheoryData<string, byte[], bool> Terms() => new()
    {
        { "pairs", Ext.Term().U8(108).U32(2).Raw(Pair("vsn", Ext.Term().U8(108).U32(1).Int(-7).Nil())).Raw(Pair("x", Ext.Term().U8(107).U16(3).Raw("a,\""u8))).Nil(), true },
        { "nil", Ext.Term().Nil(), true },
        { "empty string", Ext.Term().U8(107).U16(0), true },
        { "tuples", Ext.Term().U8(104).U8(3).U8(104).U8(0).U8(105).U32(1).Small(255).Atom("ok@host_1"), true },
        { "trailing bytes", Ext.Term().Atom("a").U8(0xff).U8(0xff), true },
        { "LIST_EXT of atoms", Ext.Term().U8(108).U32(3).Atom("a").U8(115).U8(1).Raw("b"u8).U8(100).U16(1).Raw("c"u8).Nil(), true },
        { "reserved word", Ext.Term().U8(108).U32(1).Atom("end").Nil(), true },
        { "maybe is bare in OTP 25", Ext.Term().Atom("maybe"), true },
        { "quoted atom", Ext.Term().Atom("Elixir.Foo"), true },
        { "quoted atoms with quote, backslash, space", Ext.Term().U8(104).U8(4).Atom("it's").Atom("a\\b").Atom(" ").Atom("Upper"), true },
        { "atom with a control character", Ext.Term().Atom("a\u0001"), false },
        { "atom with DEL", Ext.Term().Atom("a\u007f"), false },
        { "empty atom", Ext.Term().Atom(""), false },
        { "non-ASCII atom", Ext.Term().Atom("é"), false },
        { "small bignum", Ext.Term().U8(110).U8(1).U8(0).U8(5), true },
        { "negative bignum", Ext.Term().U8(104).U8(3).U8(110).U8(2).U8(1).U8(0).U8(1).U8(110).U8(0).U8(1).U8(110).U8(1).U8(1).U8(0), true },
        { "128-bit bignum", Ext.Term().U8(110).U8(16).U8(0).Repeat(0xff, 16), true },
        { "129-bit bignum", Ext.Term().U8(110).U8(17).U8(0).Repeat(0xff, 17), false },
        { "LARGE_BIG_EXT", Ext.Term().U8(111).U32(1).U8(0).U8(5), false },
        { "truncated bignum", Ext.Term().U8(110).U8(4).U8(0).U8(5), false },
        { "float", Ext.Term().U8(70).F64(1.5), false },
        { "binary", Ext.Term().U8(109).U32(1).U8(1), false },
        { "improper list", Ext.Term().U8(108).U32(1).Small(1).Small(2), false },
        { "list with a list tail", Ext.Term().U8(108).U32(1).Small(1).U8(107).U16(1).U8(2), false },
        { "zero-length LIST_EXT", Ext.Term().U8(108).U32(0).Nil(), false },
        { "truncated tuple", Ext.Term().U8(104).U8(3).Small(1), false },
        { "truncated string", Ext.Term().U8(107).U16(10).U8(1), false },
        { "lying list length", Ext.Term().U8(108).U32(0xffffffff).Nil(), false },
        { "wrong version", new Ext().U8(130).Nil(), false },
        { "compressed", Ext.Term().U8(80).U32(1).Raw(Ext.Zlib([106])), false },
    };

    [Theory]
    [MemberData(nameof(Terms))]
    public void A_term_is_written_as_decoded_and_printed_when_plain(string name, byte[] data, bool plain)
    {
        Assert.True(plain == Check(Chunk(data), attributes: false), name);
    }

    [Fact]
    public void Attributes_are_sorted_by_key_as_Merge_sorts_them()
    {
        var attr = Ext.Term().U8(108).U32(3)
            .Raw(Pair("vsn", Ext.Term().U8(108).U32(1).Int(123456).Nil()))
            .Raw(Pair("behaviour", Ext.Term().U8(108).U32(1).Atom("gen_server").Nil()))
            .Raw(Pair("author", Ext.Term().U8(107).U16(2).Raw("me"u8)))
            .Nil();
        Assert.True(Check(Chunk(attr), attributes: true));
        Assert.Equal("[{author,[109,101]},{behaviour,[gen_server]},{vsn,[123456]}]", Plain(Chunk(attr), attributes: true));
    }

    [Fact]
    public void Attributes_with_a_repeated_key_have_their_values_appended_as_Merge_appends_them()
    {
        var attr = Ext.Term().U8(108).U32(6)
            .Raw(Pair("behaviour", Ext.Term().U8(108).U32(1).Atom("b").Nil()))
            .Raw(Pair("author", Ext.Term().U8(107).U16(2).Raw("me"u8)))
            .Raw(Pair("behaviour", Ext.Term().U8(108).U32(2).Atom("a").U8(104).U8(2).Atom("c").Small(1).Nil()))
            .Raw(Pair("deprecated", Ext.Term().Nil()))
            .Raw(Pair("behaviour", Ext.Term().U8(107).U16(1).Raw("x"u8)))
            .Raw(Pair("deprecated", Ext.Term().U8(107).U16(0)))
            .Nil();
        Assert.True(Check(Chunk(attr), attributes: true));
        Assert.Equal("[{author,[109,101]},{behaviour,[b,a,{c,1},120]},{deprecated,[]}]", Plain(Chunk(attr), attributes: true));

        // Quoted keys sort by their text too ('Z' before 'a'), and repeat as well.
        var quoted = Ext.Term().U8(108).U32(3)
            .Raw(Pair("a", Ext.Term().Nil()))
            .Raw(Pair("Z", Ext.Term().U8(108).U32(1).Small(1).Nil()))
            .Raw(Pair("Z", Ext.Term().U8(108).U32(1).Small(2).Nil()))
            .Nil();
        Assert.True(Check(Chunk(quoted), attributes: true));
        Assert.Equal("[{'Z',[1,2]},{a,[]}]", Plain(Chunk(quoted), attributes: true));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(825)]
    [InlineData(4096)]
    public void Long_attribute_lists_are_sorted_and_merged_as_Merge_does(int count)
    {
        // Keys from a small set in a scrambled order, so most repeat (as the -compile attributes of a yecc parser do),
        // each value a list holding the pair's position.
        var random = new Random(count);
        string[] keys = ["compile", "spec", "a", "Z", "compile_x", "b", "zz"];
        var attr = Ext.Term().U8(108).U32((uint)count);
        for (int i = 0; i < count; i++)
        {
            attr.Raw(Pair(keys[random.Next(keys.Length)], Ext.Term().U8(108).U32(1).Int(i).Nil()));
        }

        Assert.True(Check(Chunk(attr.Nil()), attributes: true));
    }

    [Fact]
    public void Attribute_lists_beyond_the_limit_are_left_to_Merge()
    {
        var attr = Ext.Term().U8(108).U32(4097);
        for (int i = 0; i < 4097; i++)
        {
            attr.Raw(Pair("compile", Ext.Term().Nil()));
        }

        Assert.False(Check(Chunk(attr.Nil()), attributes: true));
    }

    [Fact]
    public void A_repeated_key_with_a_value_that_is_not_a_list_is_left_to_Merge()
    {
        // Merge makes an improper list of it: the decoder's business.
        var attr = Ext.Term().U8(108).U32(2)
            .Raw(Pair("vsn", Ext.Term().U8(108).U32(1).Small(1).Nil()))
            .Raw(Pair("vsn", Ext.Term().Small(2)))
            .Nil();
        Assert.False(Check(Chunk(attr), attributes: true));
    }

    [Fact]
    public void Attributes_holding_something_other_than_a_pair_are_left_as_they_are_as_Merge_leaves_them()
    {
        var attr = Ext.Term().U8(108).U32(3)
            .Raw(Pair("vsn", Ext.Term().Nil()))
            .Raw(new Ext().U8(104).U8(3).Atom("a").Atom("b").Atom("c"))
            .Raw(Pair("author", Ext.Term().Nil()))
            .Nil();
        Assert.True(Check(Chunk(attr), attributes: true));
        Assert.Equal("[{vsn,[]},{a,b,c},{author,[]}]", Plain(Chunk(attr), attributes: true));
    }

    [Fact]
    public void Compile_info_strings_are_found_as_CompileInfoText_finds_them()
    {
        var cinf = Chunk(Ext.Term().U8(108).U32(4)
            .Raw(Pair("options", Ext.Term().Nil()))
            .Raw(Pair("version", Ext.Term().U8(107).U16(5).Raw("8.2.3"u8)))
            .Raw(Pair("source", Ext.Term().Nil()))
            .Raw(Pair("version", Ext.Term().U8(107).U16(1).Raw("9"u8)))
            .Nil());
        var term = TermReader.Decode(cinf.Data.Span);
        foreach (string key in new[] { "version", "source", "missing" })
        {
            Assert.True(PlainTermText.TryGetString(cinf, key, out string? text));
            Assert.Equal(ModuleSummary.CompileInfoText(term, key), text);
        }

        // A value that is a LIST_EXT of code points is the decoder's.
        var unicode = Chunk(Ext.Term().U8(108).U32(1).Raw(Pair("source", Ext.Term().U8(108).U32(1).Int(0x6a21).Nil())).Nil());
        Assert.False(PlainTermText.TryGetString(unicode, "source", out _));
    }

    [Fact]
    public void Integers_at_every_digit_boundary_are_written_as_decoded_and_printed()
    {
        var values = new List<int> { 0, int.MaxValue, int.MinValue, int.MinValue + 1 };
        for (long power = 1; power <= int.MaxValue; power *= 10)
        {
            foreach (long v in new[] { power - 1, power, power + 1, -(power - 1), -power, -(power + 1) })
            {
                values.Add((int)v);
            }
        }

        var list = Ext.Term().U8(108).U32((uint)values.Count);
        foreach (int v in values)
        {
            list.Int(v);
        }

        Assert.True(Check(Chunk(list.Nil()), attributes: false));
        Assert.Equal("[" + string.Join(",", values) + "]", Plain(Chunk(list.Nil()), attributes: false));

        var small = Ext.Term().U8(108).U32(256);
        for (int v = 0; v < 256; v++)
        {
            small.Small(v);
        }

        Assert.True(Check(Chunk(small.Nil()), attributes: false));
    }

    [Fact]
    public void A_string_of_every_byte_value_is_written_as_decoded_and_printed()
    {
        byte[] every = Enumerable.Range(0, 256).Select(b => (byte)b).ToArray();
        Assert.True(Check(Chunk(Ext.Term().U8(107).U16(256).Raw(every)), attributes: false));
        Assert.Equal("[" + string.Join(",", every) + "]", Plain(Chunk(Ext.Term().U8(107).U16(256).Raw(every)), attributes: false));

        // One-element strings of each width, inside a tuple so that text follows them; and a string long enough that the
        // 8-byte starting buffer of Plain grows in the middle of it.
        foreach (byte b in new byte[] { 0, 9, 10, 99, 100, 255 })
        {
            Assert.True(Check(Chunk(Ext.Term().U8(104).U8(2).U8(107).U16(1).U8(b).Atom("x")), attributes: false));
        }

        Assert.True(Check(Chunk(Ext.Term().U8(104).U8(2).Atom("abcdef").U8(107).U16(3000).Repeat(200, 3000)), attributes: false));
    }

    /// <summary>A <c>{Key, Value}</c> pair's bytes, without a version byte (<paramref name="value"/> has one, dropped).</summary>
    private static Ext Pair(string key, byte[] value) => new Ext().U8(104).U8(2).Atom(key).Raw(value.AsSpan(1));

    private static Chunk Chunk(byte[] data) => new("Attr", 0, data.Length, data);

    private static string? Plain(Chunk? chunk, bool attributes)
    {
        byte[] text = new byte[8];
        bool ok = attributes ? PlainTermText.TryWriteAttributes(chunk, ref text, out int length) : PlainTermText.TryWrite(chunk, ref text, out length);
        return ok ? Encoding.ASCII.GetString(text, 0, length) : null;
    }

    /// <summary>Asserts the plain text, if any, is the decoder's and printer's; true when there was one.</summary>
    private static bool Check(Chunk? chunk, bool attributes)
    {
        string? plain = Plain(chunk, attributes);
        if (plain is null)
        {
            return false;
        }

        var term = chunk is null ? NilTerm.Instance : TermReader.Decode(chunk.Data.Span);
        Assert.Equal(TermWriter.Write(attributes ? AttributeList.Merge(term) : term), plain);
        return true;
    }
}
