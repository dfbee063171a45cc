using System.Security.Cryptography;
using System.Text;
using BeamDecode.Decompiler;
using BeamDecode.Decompiler.Crypto;
using BeamDecode.Metadata;

namespace BeamDecode.Syntax.Tests.Decoding;

/// <summary>Encrypted debug info (fixtures/beam/encrypted, built with +'{debug_info_key,"secret"}').</summary>
public sealed class DebugInfoCryptoTests
{
    private static BeamFile Load(string path) => BeamFile.Read(File.ReadAllBytes(Path.Combine(SourceGolden.RepoRoot, path)));

    [Fact]
    public void KeyDerivation_MatchesBeamLibMakeCryptoKey()
    {
        // beam_lib:make_crypto_key(des3_cbc, "secret") on OTP 25: K1, K2, K3 and the IV.
        byte[] key = Encoding.Latin1.GetBytes("secret");
        byte[] first = MD5.HashData(key);
        byte[] second = MD5.HashData([.. first, .. key.Reverse()]);
        Assert.Equal(new byte[] { 94, 190, 34, 148, 236, 208, 224, 240, 142, 171, 118, 144, 210, 166, 238, 105 }, first);
        Assert.Equal(new byte[] { 13, 126, 149, 137, 97, 172, 203, 189, 117, 69, 119, 224, 79, 253, 17, 32 }, second);
    }

    [Fact]
    public void RightKey_GivesTheSameSourceAsTheClearModule()
    {
        var encrypted = ModuleSource.Recover(Load("fixtures/beam/encrypted/features.beam"), keyFor: _ => "secret");
        var clear = ModuleSource.Recover(Load("fixtures/beam/features.beam"));
        Assert.Equal(SourceUnavailable.None, encrypted.Unavailable);
        Assert.Equal(clear.Syntax, encrypted.Syntax);
    }

    [Fact]
    public void WrongKey_OrNoKey_IsEncrypted()
    {
        Assert.Equal(SourceUnavailable.Encrypted, ModuleSource.Recover(Load("fixtures/beam/encrypted/minimal.beam"), keyFor: _ => "wrong").Unavailable);
        Assert.Equal(SourceUnavailable.Encrypted, ModuleSource.Recover(Load("fixtures/beam/encrypted/minimal.beam")).Unavailable);
    }

    [Fact]
    public void CryptFile_ModuleKeyWinsOverTheAnyModuleKey()
    {
        var file = CryptKeyFile.Parse("""[{debug_info, des3_cbc, [], "any"}, {debug_info, des3_cbc, minimal, "sec\"ret"}].""", "x");
        Assert.Equal("sec\"ret", file.KeyFor("minimal"));
        Assert.Equal("any", file.KeyFor("other"));
    }
}
