using System.Buffers.Binary;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Fuzz.Tests.Properties;

/// <summary>
/// A small external term format encoder for the round-trip property (the library only decodes). Written from the
/// format description (erts doc "External Term Format"; term_to_binary in erts external.c), not from the decoder,
/// so the two can disagree. <see cref="Variant"/> picks among the encodings OTP itself may choose for a value
/// (INTEGER vs SMALL_BIG, LIST vs STRING, ATOM_UTF8 vs SMALL_ATOM_UTF8), so every decoder path is exercised.
/// </summary>
public sealed class EtfEncoder
{
    private readonly MemoryStream _out = new();
    private readonly Random _variant;

    private EtfEncoder(int seed) => _variant = new Random(seed);

    /// <summary>131, then the term; with <paramref name="compress"/> the COMPRESSED wrapper (tag 80, size, zlib).</summary>
    public static byte[] Encode(Term term, int variantSeed = 0, bool compress = false)
    {
        var e = new EtfEncoder(variantSeed);
        e.Write(term);
        var body = e._out.ToArray();
        var result = new MemoryStream();
        result.WriteByte(131);
        if (!compress)
        {
            result.Write(body);
            return result.ToArray();
        }

        result.WriteByte(80);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)body.Length);
        result.Write(size);
        using (var z = new ZLibStream(result, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(body);
        }

        return result.ToArray();
    }

    private bool Variant() => _variant.Next(2) == 0;

    private void Byte(int b) => _out.WriteByte((byte)b);

    private void U16(int v)
    {
        Byte(v >> 8);
        Byte(v);
    }

    private void U32(uint v)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(b, v);
        _out.Write(b);
    }

    private void Write(Term term)
    {
        switch (term)
        {
            case IntegerTerm i:
                WriteInteger(i.Value);
                break;
            case FloatTerm f:
                Byte(70);
                Span<byte> d = stackalloc byte[8];
                BinaryPrimitives.WriteDoubleBigEndian(d, f.Value);
                _out.Write(d);
                break;
            case AtomTerm a:
                WriteAtom(a.Name);
                break;
            case NilTerm:
                Byte(106);
                break;
            case TupleTerm t:
                if (t.Arity < 256 && Variant())
                {
                    Byte(104);
                    Byte(t.Arity);
                }
                else
                {
                    Byte(105);
                    U32((uint)t.Arity);
                }

                foreach (var e in t.Elements)
                {
                    Write(e);
                }

                break;
            case ListTerm l:
                WriteList(l);
                break;
            case MapTerm m:
                Byte(116);
                U32((uint)m.Count);
                foreach (var (k, v) in m.Pairs)
                {
                    Write(k);
                    Write(v);
                }

                break;
            case BitStringTerm b:
                if (b.IsBinary)
                {
                    Byte(109);
                    U32((uint)b.Bytes.Length);
                }
                else
                {
                    Byte(77);
                    U32((uint)b.Bytes.Length);
                    Byte(b.BitsInLastByte);
                }

                _out.Write(b.Bytes.AsSpan());
                break;
            case PidTerm p:
                Byte(88);
                WriteAtom(p.Node.Name);
                U32(p.Id);
                U32(p.Serial);
                U32(p.Creation);
                break;
            case PortTerm p:
                if (p.Id <= uint.MaxValue && Variant())
                {
                    Byte(89);
                    WriteAtom(p.Node.Name);
                    U32((uint)p.Id);
                }
                else
                {
                    Byte(120);
                    WriteAtom(p.Node.Name);
                    U32((uint)(p.Id >> 32));
                    U32((uint)p.Id);
                }

                U32(p.Creation);
                break;
            case ReferenceTerm r:
                Byte(90);
                U16(r.Ids.Length);
                WriteAtom(r.Node.Name);
                U32(r.Creation);
                foreach (var id in r.Ids)
                {
                    U32(id);
                }

                break;
            case ExportTerm x:
                Byte(113);
                Write(x.Module);
                Write(x.Function);
                Write(x.Arity);
                break;
            case FunTerm f:
                WriteFun(f);
                break;
            default:
                throw new NotSupportedException(term.GetType().Name);
        }
    }

    private void WriteInteger(BigInteger v)
    {
        if (v >= 0 && v <= 255 && Variant())
        {
            Byte(97);
            Byte((int)v);
            return;
        }

        if (v >= int.MinValue && v <= int.MaxValue && Variant())
        {
            Byte(98);
            U32((uint)(int)v);
            return;
        }

        // SMALL_BIG / LARGE_BIG: sign byte, then the magnitude little-endian.
        var magnitude = BigInteger.Abs(v).ToByteArray(isUnsigned: true, isBigEndian: false);
        if (v.IsZero)
        {
            magnitude = [0];
        }

        if (magnitude.Length < 256 && Variant())
        {
            Byte(110);
            Byte(magnitude.Length);
        }
        else
        {
            Byte(111);
            U32((uint)magnitude.Length);
        }

        Byte(v.Sign < 0 ? 1 : 0);
        _out.Write(magnitude);
    }

    private void WriteAtom(string name)
    {
        var utf8 = Encoding.UTF8.GetBytes(name);
        bool latin1 = name.All(c => c < 256);
        if (latin1 && Variant())
        {
            // ATOM_EXT (100) / SMALL_ATOM_EXT (115): Latin-1 text, deprecated but still decoded.
            var bytes = Encoding.Latin1.GetBytes(name);
            if (bytes.Length < 256 && Variant())
            {
                Byte(115);
                Byte(bytes.Length);
            }
            else
            {
                Byte(100);
                U16(bytes.Length);
            }

            _out.Write(bytes);
            return;
        }

        if (utf8.Length < 256 && Variant())
        {
            Byte(119);
            Byte(utf8.Length);
        }
        else
        {
            Byte(118);
            U16(utf8.Length);
        }

        _out.Write(utf8);
    }

    private void WriteList(ListTerm l)
    {
        // STRING_EXT: a proper list of at most 65535 integers 0..255.
        if (l.IsProper && l.Elements.Length <= ushort.MaxValue
            && l.Elements.All(e => e is IntegerTerm { Value: var v } && v >= 0 && v <= 255) && Variant())
        {
            Byte(107);
            U16(l.Elements.Length);
            foreach (var e in l.Elements)
            {
                Byte((int)((IntegerTerm)e).Value);
            }

            return;
        }

        Byte(108);
        U32((uint)l.Elements.Length);
        foreach (var e in l.Elements)
        {
            Write(e);
        }

        Write(l.Tail);
    }

    private void WriteFun(FunTerm f)
    {
        // NEW_FUN_EXT: Size counts every byte of the fun from the Size field itself on.
        Byte(112);
        long sizeAt = _out.Position;
        U32(0);
        Byte(f.Arity);
        _out.Write(f.Uniq.AsSpan());
        U32(f.Index);
        U32((uint)f.FreeVars.Length);
        WriteAtom(f.Module.Name);
        Write(f.OldIndex);
        Write(f.OldUniq);
        Write(f.Pid);
        foreach (var v in f.FreeVars)
        {
            Write(v);
        }

        long end = _out.Position;
        var buffer = _out.GetBuffer();
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan((int)sizeAt), (uint)(end - sizeAt));
    }
}
