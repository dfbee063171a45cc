using System.Buffers.Binary;
using BeamDecode.Metadata.Chunks;
using BeamDecode.Metadata.Terms;
using BeamDecode.Metadata.Tests.Terms;
using BeamDecode.Tests.Shared;

namespace BeamDecode.Metadata.Tests.Formats;

/// <summary>
/// The Dbgi kind is decided from a short prefix of the term (64 bytes, then 1 KB when the decision needs more): it must
/// be the kind the whole term gives wherever around the 64th byte the atoms end, compressed or not, and for every
/// module of the installed OTP and the OTP 27 corpus (the whole term decoded as the reference). Atoms that would end
/// past the first kilobyte (possible only with 4-byte UTF-8 characters) are beyond the peek, as they always were.
/// </summary>
public sealed class DebugInfoKindTests
{
    /// <summary>Backend names of every length from 1 to 255 characters put the end of the backend atom, and the term
    /// after it, on every byte from the 20th to the 290th: across the 64-byte prefix, and past it into the 1 KB
    /// one.</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BackendAtomEndingAnywhere_GivesKindOfWholeTerm(bool compressed)
    {
        for (int length = 1; length <= 255; length++)
        {
            string backend = new('b', length);
            var other = DebugInfo.Decode(Dbgi(Term(backend, none: true), compressed));
            Assert.Equal(DebugInfoKind.Other, other.Kind);
            Assert.Equal("other:" + backend, other.DisplayName);
        }

        Assert.Equal(DebugInfoKind.None, DebugInfo.Decode(Dbgi(Term("erl_abstract_code", none: true), compressed)).Kind);
        Assert.Equal(DebugInfoKind.ErlangV1, DebugInfo.Decode(Dbgi(Term("erl_abstract_code", none: false), compressed)).Kind);
        Assert.Equal(DebugInfoKind.ElixirV1, DebugInfo.Decode(Dbgi(Term("elixir_erl", none: false), compressed)).Kind);
    }

    [Fact]
    public void EveryModuleOfInstalledOtp_HasKindOfItsWholeTerm() => AssertKindsOfWholeTerms(TestCorpora.InstalledOtpRoot, 700);

    [Fact]
    public void EveryModuleOfOtp27Corpus_HasKindOfItsWholeTerm() => AssertKindsOfWholeTerms(TestCorpora.Otp27Root, 700);

    private static void AssertKindsOfWholeTerms(string root, int atLeast)
    {
        int checkedModules = 0;
        foreach (string file in Directory.EnumerateFiles(root, "*.beam", SearchOption.AllDirectories))
        {
            var beam = BeamFile.Read(File.ReadAllBytes(file));
            if (beam.FindChunk(ChunkId.Dbgi) is not { } chunk || chunk.Data.IsEmpty || chunk.Data.Span[0] != 131)
            {
                continue;
            }

            var (kind, backend) = KindOfWholeTerm(TermReader.Decode(chunk.Data.Span, chunk.Offset, chunk.Id));
            var decided = DebugInfo.Decode(chunk);
            Assert.True(kind == decided.Kind && backend == decided.Backend, $"{file}: {decided.Kind} {decided.Backend}, whole term {kind} {backend}");
            checkedModules++;
        }

        Assert.True(checkedModules >= atLeast, $"only {checkedModules} modules with a Dbgi term under {root}");
    }

    /// <summary>The reference: what beam_lib's debug_info chunk means, read from the whole decoded term.</summary>
    private static (DebugInfoKind Kind, string? Backend) KindOfWholeTerm(Term term)
    {
        if (term is not TupleTerm { Arity: 3 } t || t[0] is not AtomTerm { Name: "debug_info_v1" } || t[1] is not AtomTerm backend)
        {
            return (DebugInfoKind.Other, null);
        }

        return backend.Name switch
        {
            "erl_abstract_code" => (t[2] is TupleTerm { Arity: 2 } d && d[0] is AtomTerm { Name: "none" } ? DebugInfoKind.None : DebugInfoKind.ErlangV1, backend.Name),
            "elixir_erl" => (DebugInfoKind.ElixirV1, backend.Name),
            _ => (DebugInfoKind.Other, backend.Name),
        };
    }

    /// <summary><c>{debug_info_v1, Backend, {Data, []}}</c>, Data <c>none</c> or a one-form list.</summary>
    private static Ext Term(string backend, bool none)
    {
        var term = Ext.Term().U8(104).U8(3).Atom("debug_info_v1").Atom(backend).U8(104).U8(2);
        term = none ? term.Atom("none") : term.U8(108).U32(1).U8(104).U8(1).Atom("eof").Nil();
        return term.Nil();
    }

    /// <summary>The chunk as erlc writes it (<c>term_to_binary(T, [compressed])</c>: 131, 80, the inflated size without
    /// the version byte, then zlib), or the plain term.</summary>
    private static Chunk Dbgi(byte[] term, bool compressed)
    {
        byte[] data = term;
        if (compressed)
        {
            byte[] zlib = Ext.Zlib(term.AsSpan(1));
            data = new byte[6 + zlib.Length];
            data[0] = 131;
            data[1] = 80;
            BinaryPrimitives.WriteUInt32BigEndian(data.AsSpan(2), (uint)(term.Length - 1));
            zlib.CopyTo(data, 6);
        }

        return new Chunk(ChunkId.Dbgi, 0, data.Length, data);
    }
}
