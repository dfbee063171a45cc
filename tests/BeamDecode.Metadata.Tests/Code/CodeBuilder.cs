using System.Numerics;
using System.Text;
using BeamDecode.Metadata.Tests.BadInput;

namespace BeamDecode.Metadata.Tests.Code;

/// <summary>
/// Writes compact-term operands the way beam_asm.erl encode/2 does (written here from that code's rules, not from
/// the reader under test), and assembles a module around hand-made code: AtU8, Code, StrT, ImpT, ExpT, LitT, Type.
/// </summary>
internal sealed class CodeBuilder
{
    public const int TagU = 0, TagI = 1, TagA = 2, TagX = 3, TagY = 4, TagF = 5, TagH = 6, TagZ = 7;

    private readonly MemoryStream _code = new();

    public int Length => (int)_code.Length;

    public CodeBuilder Op(int opcode)
    {
        _code.WriteByte((byte)opcode);
        return this;
    }

    public CodeBuilder U(BigInteger n) => Tagged(TagU, n);

    public CodeBuilder I(BigInteger n) => Tagged(TagI, n);

    public CodeBuilder A(int index) => Tagged(TagA, index);

    public CodeBuilder X(int n) => Tagged(TagX, n);

    public CodeBuilder Y(int n) => Tagged(TagY, n);

    public CodeBuilder F(int label) => Tagged(TagF, label);

    public CodeBuilder H(int c) => Tagged(TagH, c);

    public CodeBuilder Z(int form) => Tagged(TagZ, form);

    public CodeBuilder Raw(params byte[] bytes)
    {
        _code.Write(bytes);
        return this;
    }

    /// <summary>beam_asm encode/2: small values in the first byte, up to 2047 in two, else a byte count and the bytes.</summary>
    public CodeBuilder Tagged(int tag, BigInteger n)
    {
        if (n < 0)
        {
            return Long(tag, NegativeBytes(n));
        }

        if (n < 16)
        {
            _code.WriteByte((byte)(((int)n << 4) | tag));
        }
        else if (n < 0x800)
        {
            int v = (int)n;
            _code.WriteByte((byte)(((v >> 3) & 0xE0) | tag | 0x08));
            _code.WriteByte((byte)(v & 0xFF));
        }
        else
        {
            byte[] bytes = n.ToByteArray(isUnsigned: true, isBigEndian: true);
            // A set top bit would read back as negative for tag i: beam_asm to_bytes/1 prepends a zero byte.
            if ((bytes[0] & 0x80) != 0)
            {
                bytes = [0, .. bytes];
            }

            Long(tag, bytes);
        }

        return this;
    }

    public byte[] CodeBytes() => _code.ToArray();

    private CodeBuilder Long(int tag, byte[] bytes)
    {
        if (bytes.Length is >= 2 and <= 8)
        {
            _code.WriteByte((byte)(((bytes.Length - 2) << 5) | 0x18 | tag));
        }
        else
        {
            _code.WriteByte((byte)(0xF8 | tag));
            Tagged(TagU, bytes.Length - 9);
        }

        _code.Write(bytes);
        return this;
    }

    /// <summary>beam_asm negative_to_bytes/1: two bytes for -32768.., else the two's complement, sign byte if needed.</summary>
    private static byte[] NegativeBytes(BigInteger n)
    {
        if (n >= -0x8000)
        {
            return [(byte)((int)n >> 8), (byte)(int)n];
        }

        byte[] bytes = n.ToByteArray(isUnsigned: false, isBigEndian: true);
        return bytes;
    }

    /// <summary>
    /// A module around the code: atoms (index 1 is the module), imports (module, function, arity as atom indexes),
    /// exports, a string table, literals (external-format terms, without the 131 version byte) and Type chunk
    /// version 1 entries (bits, min, max). Label and function counts go into the Code header as given.
    /// </summary>
    public byte[] Module(
        string[] atoms,
        (int M, int F, int A)[]? imports = null,
        (int F, int A, int Label)[]? exports = null,
        byte[]? strings = null,
        byte[][]? literals = null,
        (ushort Bits, long Min, long Max)[]? types = null,
        int labels = 10,
        int functions = 1,
        bool negativeAtomCount = false)
    {
        var atomChunk = new Bytes().I32(negativeAtomCount ? -atoms.Length : atoms.Length);
        foreach (string atom in atoms)
        {
            byte[] text = Encoding.UTF8.GetBytes(atom);
            if (negativeAtomCount)
            {
                // OTP 28: each length is itself a compact-term u value.
                atomChunk.Raw(new CodeBuilder().U(text.Length).CodeBytes());
            }
            else
            {
                atomChunk.U8(text.Length);
            }

            atomChunk.Raw(text);
        }

        var code = new Bytes().I32(16).I32(0).I32(OpcodeCeiling).I32(labels).I32(functions).Raw(CodeBytes());
        var imp = new Bytes().I32((imports ?? []).Length);
        foreach (var (m, f, a) in imports ?? [])
        {
            imp.I32(m).I32(f).I32(a);
        }

        var exp = new Bytes().I32((exports ?? []).Length);
        foreach (var (f, a, l) in exports ?? [])
        {
            exp.I32(f).I32(a).I32(l);
        }

        var chunks = new List<(string, byte[])>
        {
            ("AtU8", atomChunk.ToArray()),
            ("Code", code.ToArray()),
            ("StrT", strings ?? []),
            ("ImpT", imp.ToArray()),
            ("ExpT", exp.ToArray()),
        };
        if (literals is not null)
        {
            var inflated = new Bytes().I32(literals.Length);
            foreach (byte[] lit in literals)
            {
                inflated.I32(lit.Length + 1).U8(131).Raw(lit);
            }

            chunks.Add(("LitT", Bytes.LiteralChunk(inflated.ToArray())));
        }

        if (types is not null)
        {
            var type = new Bytes().I32(1).I32(types.Length);
            foreach (var (bits, min, max) in types)
            {
                type.U16(bits).Raw(Be64(min)).Raw(Be64(max));
            }

            chunks.Add(("Type", type.ToArray()));
        }

        return Container(chunks);
    }

    private const int OpcodeCeiling = 183;

    private static byte[] Be64(long v)
    {
        byte[] b = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(b, v);
        return b;
    }

    private static byte[] Container(List<(string Id, byte[] Data)> chunks)
    {
        var body = new Bytes().Raw("BEAM"u8);
        foreach (var (id, data) in chunks)
        {
            body.Raw(Encoding.Latin1.GetBytes(id)).I32(data.Length).Raw(data).Repeat(0, ((data.Length + 3) & ~3) - data.Length);
        }

        byte[] form = body.ToArray();
        return new Bytes().Raw("FOR1"u8).I32(form.Length).Raw(form).ToArray();
    }
}
