using System.Runtime.CompilerServices;
using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Metadata.Code;

public sealed partial class AsmWriter
{
    /// <summary>
    /// One operand as beam_asm.erl encode_arg/2 takes it: <c>{x,N}</c>, <c>{y,N}</c>, <c>{fr,N}</c>,
    /// <c>{tr,Reg,Type}</c>, <c>{atom,A}</c>, <c>nil</c>, <c>{integer,N}</c>, a bare u number, <c>{f,L}</c>,
    /// <c>{float,F}</c>, <c>{literal,T}</c>, <c>{list,[...]}</c>, <c>{alloc,[...]}</c>, <c>{extfunc,M,F,A}</c>,
    /// <c>{string,Bin}</c>, <c>{field_flags,[...]}</c>, and a location list for line instructions.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Operand(Operand op)
    {
        switch (op)
        {
            case XRegister x:
                _sb.Append("{x,"u8).Append(x.Index).Append('}');
                break;
            case YRegister y:
                _sb.Append("{y,"u8).Append(y.Index).Append('}');
                break;
            case UnsignedOperand u:
                _sb.Append(u.Value);
                break;
            case AtomOperand a:
                _sb.Append("{atom,"u8);
                Atom(a);
                _sb.Append('}');
                break;
            case NilOperand:
                _sb.Append("nil"u8);
                break;
            case IntegerOperand i:
                _sb.Append("{integer,"u8).Append(i.Value).Append('}');
                break;
            case LabelOperand l:
                _sb.Append("{f,"u8).Append(l.Label).Append('}');
                break;
            case TypedRegister tr:
                _sb.Append("{tr,"u8);
                Operand(tr.Register);
                _sb.Append(',').Append(TypeTerm(tr)).Append('}');
                break;
            case LiteralOperand lit:
                LiteralText(lit);
                break;
            case ListOperand list:
                _sb.Append("{list,["u8);
                for (int i = 0; i < list.Items.Length; i++)
                {
                    if (i > 0)
                    {
                        _sb.Append(',');
                    }

                    Operand(list.Items[i]);
                }

                _sb.Append("]}"u8);
                break;
            case FloatRegister fr:
                _sb.Append("{fr,"u8).Append(fr.Index).Append('}');
                break;
            case FloatOperand f:
                _sb.Append("{float,"u8);
                Term(new FloatTerm(f.Value));
                _sb.Append('}');
                break;
            case AllocListOperand alloc:
                _sb.Append("{alloc,["u8);
                for (int i = 0; i < alloc.Items.Length; i++)
                {
                    var item = alloc.Items[i];
                    _sb.Append(i > 0 ? ",{" : "{").Append(item.Kind switch
                    {
                        AllocKind.Words => "words",
                        AllocKind.Floats => "floats",
                        _ => "funs",
                    }).Append(',').Append(item.Count).Append('}');
                }

                _sb.Append("]}"u8);
                break;
            case ImportOperand imp:
                Import(imp);
                break;
            case LambdaOperand fun:
                _sb.Append("{f,"u8).Append(fun.Lambda.Label).Append('}');
                break;
            case StringOperand s:
                _sb.Append("{string,"u8);
                Term(new BitStringTerm(s.Bytes));
                _sb.Append('}');
                break;
            case FieldFlagsOperand flags:
                FieldFlags(flags);
                break;
            case LocationOperand loc:
                Location(loc);
                break;
            case CharOperand c:
                _sb.Append("{char,"u8).Append(c.CodePoint).Append('}');
                break;
            default:
                throw new InvalidOperationException($"no .S form for {op.GetType().Name}");
        }
    }

    /// <summary>
    /// A literal operand's text, rendered once per module and literal: the first use is written to the output and
    /// copied from there into <see cref="_literalBytes"/> (where <see cref="_literalStart"/> and
    /// <see cref="_literalLength"/> find it), so a module's literals cost no string or array each.
    /// </summary>
    private void LiteralText(LiteralOperand lit)
    {
        if (_literalCount < 0)
        {
            _literalCount = _beam.Literals?.Count ?? 0;
            if (_literalStart.Length < _literalCount)
            {
                _literalStart = new int[Math.Max(_literalCount, _literalStart.Length * 2)];
                _literalLength = new int[_literalStart.Length];
            }

            _literalStart.AsSpan(0, _literalCount).Fill(-1);
            _literalBytesUsed = 0;
        }

        bool cacheable = (uint)lit.Index < (uint)_literalCount;
        if (cacheable && _literalStart[lit.Index] >= 0)
        {
            _sb.Append(_literalBytes.AsSpan(_literalStart[lit.Index], _literalLength[lit.Index]));
            return;
        }

        if (cacheable && TryPlainLiteral(lit))
        {
            _sb.Append(_literalBytes.AsSpan(_literalStart[lit.Index], _literalLength[lit.Index]));
            return;
        }

        _scratch.Clear();
        Literal(_scratch, lit.Value);
        int start = _sb.Length;
        _sb.Append(_scratch);
        if (cacheable)
        {
            var text = _sb.Written[start..];
            if (_literalBytes.Length - _literalBytesUsed < text.Length)
            {
                Array.Resize(ref _literalBytes, Math.Max(_literalBytes.Length * 2, _literalBytesUsed + text.Length));
            }

            text.CopyTo(_literalBytes.AsSpan(_literalBytesUsed));
            _literalStart[lit.Index] = _literalBytesUsed;
            _literalLength[lit.Index] = text.Length;
            _literalBytesUsed += text.Length;
        }
    }

    /// <summary>
    /// Renders a literal of this module's table into <see cref="_literalBytes"/> from its external-format bytes
    /// (<see cref="PlainTermText"/>: the text <see cref="TermWriter"/> would write, for the plain shapes), wrapped as
    /// <see cref="Literal"/> wraps it; false, leaving nothing, when it is not plain or the operand's term is not the
    /// table's entry.
    /// </summary>
    private bool TryPlainLiteral(LiteralOperand lit)
    {
        var table = _beam.Literals;
        if (table is null || !ReferenceEquals(table[lit.Index], lit.Value) || lit.Value is FloatTerm)
        {
            return false;
        }

        ReadOnlySpan<byte> open = lit.Value is IntegerTerm ? "{integer,"u8 : "{literal,"u8;
        int start = _literalBytesUsed;
        if (_literalBytes.Length - start < open.Length + 1)
        {
            Array.Resize(ref _literalBytes, Math.Max(_literalBytes.Length * 2, start + open.Length + 1));
        }

        open.CopyTo(_literalBytes.AsSpan(start));
        if (!PlainTermText.TryWriteTerm(table.EntryBytes(lit.Index), ref _literalBytes, start + open.Length, out int end))
        {
            return false;
        }

        if (end == _literalBytes.Length)
        {
            Array.Resize(ref _literalBytes, _literalBytes.Length * 2);
        }

        _literalBytes[end] = (byte)'}';
        _literalStart[lit.Index] = start;
        _literalLength[lit.Index] = end + 1 - start;
        _literalBytesUsed = end + 1;
        return true;
    }

    /// <summary>
    /// Literal-table terms: a float as <c>{float,F}</c> and an integer as <c>{integer,N}</c> (beam_asm puts integers
    /// of 2^128 and more in the literal table), both as beam_ssa_codegen writes them; anything else <c>{literal,T}</c>.
    /// </summary>
    private static void Literal(StringBuilder sb, Term value)
    {
        sb.Append(value switch
        {
            FloatTerm => "{float,",
            IntegerTerm => "{integer,",
            _ => "{literal,",
        });
        TermWriter.Write(sb, value);
        sb.Append('}');
    }

    /// <summary>
    /// <c>{field_flags,[Sign,Endian]}</c> as beam_ssa_codegen writes them; flags beam_asm can no longer express
    /// (aligned 0x01, exact 0x08 of very old beams) as the bare number, which it encodes the same.
    /// </summary>
    private void FieldFlags(FieldFlagsOperand flags)
    {
        if (!flags.IsExpressible)
        {
            _sb.Append(flags.Flags);
            return;
        }

        long f = flags.Flags;
        _sb.Append("{field_flags,["u8).Append((f & FieldFlagsOperand.Signed) != 0 ? "signed" : "unsigned");
        if ((f & FieldFlagsOperand.Native) != 0)
        {
            _sb.Append((f & FieldFlagsOperand.Little) != 0 ? ",little,native" : ",native");
        }
        else
        {
            _sb.Append((f & FieldFlagsOperand.Little) != 0 ? ",little" : ",big");
        }

        _sb.Append("]}"u8);
    }

    /// <summary>
    /// A location list. beam_z.erl remove_redundant_lines/1 drops a line instruction whose location term equals the
    /// previous one's in the function, yet the compiler keeps such repeats when the terms differ in annotations that
    /// do not reach the binary (erlc -S shows <c>{scope,[1]}</c>; beam_dict:line/2 reads only the first location).
    /// A repeat of the previous line's item is therefore written with <c>{scope,[N]}</c>, N counting the repeats,
    /// so that it survives re-assembly as it survived compilation.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Location(LocationOperand loc)
    {
        int scope = loc.Index == _lastLineIndex ? ++_lineRepeats : (_lineRepeats = 0);
        _lastLineIndex = loc.Index;
        _sb.Append('[');
        if (scope > 0)
        {
            _sb.Append("{scope,["u8).Append(scope).Append("]}"u8);
        }

        if (loc.File is not null)
        {
            _sb.Append(scope > 0 ? ",{location,"u8 : "{location,"u8);
            if (!string.Equals(loc.File, _lastFile, StringComparison.Ordinal))
            {
                // A module's lines name one or a few files: keep the last one's quoted text.
                int start = _sb.Length;
                ErlangString(loc.File);
                _lastFileText = _sb.Written[start..].ToArray();
                _lastFile = loc.File;
            }
            else
            {
                _sb.Append(_lastFileText);
            }

            _sb.Append(',').Append(loc.Line).Append('}');
        }

        _sb.Append(']');
    }
}
