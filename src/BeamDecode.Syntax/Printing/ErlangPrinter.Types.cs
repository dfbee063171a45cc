using System.Text;
using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// Types (erl_pp ltype/2, with type_inop_prec/type_preop_prec from erl_parse.yrl). A type goes on one line when it
// fits; a long union breaks after each " |", long argument lists one argument a line.
public sealed partial class ErlangPrinter
{
    private static int TypePrecOf(TypeNode t) => t switch
    {
        AnnotatedType => OperatorPrecedence.TypeBinary("::").Op,
        UnionType => OperatorPrecedence.TypeBinary("|").Op,
        RangeType => OperatorPrecedence.TypeBinary("..").Op,
        MapType { Associations: not null } or RecordType => OperatorPrecedence.TypePrefix("#").Op,
        SingletonType s => PrecOf(s.Value),
        _ => 1000,
    };

    // The one-line text of a type is appended into one builder, part by part (it was strings joined at every level,
    // with a delegate and an iterator per list: a tenth of what printing the OTP tree allocated).
    private string FlatType(TypeNode t, int prec)
    {
        var sb = new StringBuilder();
        AppendType(sb, t, prec);
        return sb.ToString();
    }

    private string FlatTypeCore(TypeNode t)
    {
        var sb = new StringBuilder();
        AppendTypeCore(sb, t);
        return sb.ToString();
    }

    private void AppendType(StringBuilder sb, TypeNode t, int prec)
    {
        if (TypePrecOf(t) < prec)
        {
            sb.Append('(');
            AppendTypeCore(sb, t);
            sb.Append(')');
        }
        else
        {
            AppendTypeCore(sb, t);
        }
    }

    private void AppendTypeCore(StringBuilder sb, TypeNode t)
    {
        switch (t)
        {
            case SingletonType s: sb.Append(Flat(s.Value, 0)); break;
            case TypeVar v: sb.Append(v.Name); break;
            case AnnotatedType a:
            {
                var p = OperatorPrecedence.TypeBinary("::");
                AppendType(sb, a.Var, p.Left);
                sb.Append(" :: ");
                AppendType(sb, a.Type, p.Right);
                break;
            }

            case UnionType u:
            {
                int r = OperatorPrecedence.TypeBinary("|").Right;
                for (int i = 0; i < u.Alternatives.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(" | ");
                    }

                    AppendType(sb, u.Alternatives[i], r);
                }

                break;
            }

            case RangeType rg:
            {
                var p = OperatorPrecedence.TypeBinary("..");
                AppendType(sb, rg.Low, p.Left);
                sb.Append("..");
                AppendType(sb, rg.High, p.Right);
                break;
            }

            case BuiltinType b:
                sb.Append(ErlangLiterals.Atom(b.Name));
                AppendTypeArgs(sb, b.Arguments);
                break;
            case UserType ut:
                sb.Append(ErlangLiterals.Atom(ut.Name));
                AppendTypeArgs(sb, ut.Arguments);
                break;
            case RemoteType rt:
                sb.Append(ErlangLiterals.Atom(rt.Module)).Append(':').Append(ErlangLiterals.Atom(rt.Name));
                AppendTypeArgs(sb, rt.Arguments);
                break;
            case TupleType { Elements: null }: sb.Append("tuple()"); break;
            case TupleType tt:
                sb.Append('{');
                AppendTypes(sb, tt.Elements!.Value);
                sb.Append('}');
                break;
            case MapType { Associations: null }: sb.Append("map()"); break;
            case MapType m:
            {
                sb.Append("#{");
                var assocs = m.Associations!.Value;
                for (int i = 0; i < assocs.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    AppendMapFieldType(sb, assocs[i]);
                }

                sb.Append('}');
                break;
            }

            case NilType: sb.Append("[]"); break;
            case BitStringType bs: AppendBitStringType(sb, bs); break;
            case FunType { Parameters: null, Result: null }: sb.Append("fun()"); break;
            case FunType f:
                sb.Append("fun(");
                AppendFunSignature(sb, f);
                sb.Append(')');
                break;
            case BoundedFunType bf:
                AppendFunSignature(sb, bf.Function);
                sb.Append(" when ");
                AppendConstraints(sb, bf.Constraints);
                break;
            case RecordType rec:
                sb.Append('#').Append(ErlangLiterals.Atom(rec.Name)).Append('{');
                for (int i = 0; i < rec.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(ErlangLiterals.Atom(rec.Fields[i].Name)).Append(" :: ");
                    AppendType(sb, rec.Fields[i].Type, 0);
                }

                sb.Append('}');
                break;
            case UnknownType u: sb.Append(ErlangLiterals.Atom("beamdecode unknown type: " + u.TermText)); break;
        }
    }

    /// <summary>Types separated by <c>", "</c>, each in a context of precedence 0.</summary>
    private void AppendTypes(StringBuilder sb, SyntaxList<TypeNode> types)
    {
        for (int i = 0; i < types.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            AppendType(sb, types[i], 0);
        }
    }

    private void AppendTypeArgs(StringBuilder sb, SyntaxList<TypeNode> args)
    {
        sb.Append('(');
        AppendTypes(sb, args);
        sb.Append(')');
    }

    private string FlatMapFieldType(MapFieldType f)
    {
        var sb = new StringBuilder();
        AppendMapFieldType(sb, f);
        return sb.ToString();
    }

    private void AppendMapFieldType(StringBuilder sb, MapFieldType f)
    {
        AppendType(sb, f.Key, 0);
        sb.Append(f.Exact ? " := " : " => ");
        AppendType(sb, f.Value, 0);
    }

    /// <summary>erl_pp binary_type/2: a zero size or unit is left out.</summary>
    private void AppendBitStringType(StringBuilder sb, BitStringType bs)
    {
        bool size = !IsZero(bs.Size), unit = !IsZero(bs.Unit);
        sb.Append("<<");
        if (size)
        {
            sb.Append("_:");
            AppendType(sb, bs.Size, OperatorPrecedence.Max);
        }

        if (unit)
        {
            sb.Append(size ? ", _:_*" : "_:_*");
            AppendType(sb, bs.Unit, OperatorPrecedence.Max);
        }

        sb.Append(">>");
    }

    private static bool IsZero(TypeNode t) => t is SingletonType { Value: IntegerExpr { Value.IsZero: true } };

    /// <summary><c>(A, B) -&gt; R</c> or <c>(...) -&gt; R</c>.</summary>
    private void AppendFunSignature(StringBuilder sb, FunType f)
    {
        if (f.Parameters is { } ps)
        {
            AppendTypeArgs(sb, ps);
        }
        else
        {
            sb.Append("(...)");
        }

        sb.Append(" -> ");
        if (f.Result is { } r)
        {
            AppendType(sb, r, 0);
        }
        else
        {
            sb.Append("any()");
        }
    }

    private string FlatConstraints(SyntaxList<TypeConstraint> cs)
    {
        var sb = new StringBuilder();
        AppendConstraints(sb, cs);
        return sb.ToString();
    }

    private void AppendConstraints(StringBuilder sb, SyntaxList<TypeConstraint> cs)
    {
        for (int i = 0; i < cs.Count; i++)
        {
            var c = cs[i];
            if (i > 0)
            {
                sb.Append(", ");
            }

            if (c.Name == "is_subtype" && c.Arguments.Count == 2)
            {
                AppendType(sb, c.Arguments[0], 0);
                sb.Append(" :: ");
                AppendType(sb, c.Arguments[1], 0);
            }
            else
            {
                sb.Append(ErlangLiterals.Atom(c.Name));
                AppendTypeArgs(sb, c.Arguments);
            }
        }
    }

    private void EmitType(TypeNode t, int prec)
    {
        string flat = FlatType(t, prec);
        if (Fits(flat))
        {
            _w.Write(flat);
            return;
        }

        bool paren = TypePrecOf(t) < prec;
        if (paren)
        {
            _w.Write('(');
        }

        int col = _w.Column;
        switch (t)
        {
            case UnionType u:
                int r = OperatorPrecedence.TypeBinary("|").Right;
                for (int i = 0; i < u.Alternatives.Count; i++)
                {
                    if (i > 0)
                    {
                        _w.Write(" |");
                        Break(col);
                    }

                    EmitType(u.Alternatives[i], r);
                }

                break;
            case AnnotatedType a:
                _w.Write(a.Var.Name + " :: ");
                EmitType(a.Type, OperatorPrecedence.TypeBinary("::").Right);
                break;
            case BuiltinType b: EmitTypeCall(ErlangLiterals.Atom(b.Name), b.Arguments); break;
            case UserType ut: EmitTypeCall(ErlangLiterals.Atom(ut.Name), ut.Arguments); break;
            case RemoteType rt: EmitTypeCall(ErlangLiterals.Atom(rt.Module) + ":" + ErlangLiterals.Atom(rt.Name), rt.Arguments); break;
            case TupleType { Elements: { } elements }:
                _w.Write('{');
                EmitItems(elements.Count, i => EmitType(elements[i], 0), _w.Column, i => FlatType(elements[i], 0));
                _w.Write('}');
                break;
            case MapType { Associations: { } assocs }:
                _w.Write("#{");
                EmitItems(assocs.Count, i =>
                {
                    EmitType(assocs[i].Key, 0);
                    _w.Write(assocs[i].Exact ? " := " : " => ");
                    EmitType(assocs[i].Value, 0);
                }, _w.Column, i => FlatMapFieldType(assocs[i]));
                _w.Write('}');
                break;
            case RecordType rec:
                _w.Write("#" + ErlangLiterals.Atom(rec.Name) + "{");
                EmitItems(rec.Fields.Count, i =>
                {
                    _w.Write(ErlangLiterals.Atom(rec.Fields[i].Name) + " :: ");
                    EmitType(rec.Fields[i].Type, 0);
                }, _w.Column, i => ErlangLiterals.Atom(rec.Fields[i].Name) + " :: " + FlatType(rec.Fields[i].Type, 0));
                _w.Write('}');
                break;
            case FunType { Result: not null } f:
                _w.Write("fun(");
                EmitFunSignature(f, col + Indent);
                _w.Write(')');
                break;
            case BoundedFunType bf:
                EmitFunSignature(bf.Function, col + Indent);
                Break(col + Indent);
                _w.Write("when " + FlatConstraints(bf.Constraints));
                break;
            default:
                _w.Write(FlatTypeCore(t));
                break;
        }

        if (paren)
        {
            _w.Write(')');
        }
    }

    private void EmitTypeCall(string name, SyntaxList<TypeNode> args)
    {
        _w.Write(name + "(");
        EmitItems(args.Count, i => EmitType(args[i], 0), _w.Column, i => FlatType(args[i], 0));
        _w.Write(')');
    }

    /// <summary><c>(Params) -&gt; Result</c>; a result that does not fit after the arrow goes to the next line at
    /// <paramref name="resultCol"/> (OTP's style for long callback and spec results).</summary>
    private void EmitFunSignature(FunType f, int resultCol)
    {
        if (f.Parameters is { } ps)
        {
            EmitTypeCall("", ps);
        }
        else
        {
            _w.Write("(...)");
        }

        _w.Write(" ->");
        if (f.Result is { } r)
        {
            if (Fits(" " + FlatType(r, 0)))
            {
                _w.Write(' ');
            }
            else
            {
                Break(resultCol);
            }

            EmitType(r, 0);
        }
    }

    /// <summary>One clause of a spec: the signature without <c>fun</c>, then its constraints.</summary>
    private void EmitSpecClause(TypeNode t)
    {
        switch (t)
        {
            case FunType f:
                EmitFunSignature(f, 2 * Indent);
                break;
            case BoundedFunType bf:
                string flat = FlatTypeCore(bf);
                if (Fits(flat))
                {
                    _w.Write(flat);
                }
                else
                {
                    EmitFunSignature(bf.Function, 2 * Indent);
                    Break(2 * Indent);
                    _w.Write("when ");
                    EmitItems(bf.Constraints.Count, i => _w.Write(FlatConstraints([bf.Constraints[i]])), _w.Column, i => FlatConstraints([bf.Constraints[i]]));
                }

                break;
            default:
                EmitType(t, 0);
                break;
        }
    }
}
