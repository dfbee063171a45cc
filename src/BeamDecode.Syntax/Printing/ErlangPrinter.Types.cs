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

    private string FlatType(TypeNode t, int prec)
    {
        string core = FlatTypeCore(t);
        return TypePrecOf(t) < prec ? "(" + core + ")" : core;
    }

    private string FlatTypeCore(TypeNode t)
    {
        switch (t)
        {
            case SingletonType s: return Flat(s.Value, 0) ?? "";
            case TypeVar v: return v.Name;
            case AnnotatedType a:
            {
                var p = OperatorPrecedence.TypeBinary("::");
                return FlatType(a.Var, p.Left) + " :: " + FlatType(a.Type, p.Right);
            }

            case UnionType u:
            {
                int r = OperatorPrecedence.TypeBinary("|").Right;
                return string.Join(" | ", u.Alternatives.Select(x => FlatType(x, r)));
            }

            case RangeType rg:
            {
                var p = OperatorPrecedence.TypeBinary("..");
                return FlatType(rg.Low, p.Left) + ".." + FlatType(rg.High, p.Right);
            }

            case BuiltinType b: return ErlangLiterals.Atom(b.Name) + FlatTypeArgs(b.Arguments);
            case UserType ut: return ErlangLiterals.Atom(ut.Name) + FlatTypeArgs(ut.Arguments);
            case RemoteType rt: return ErlangLiterals.Atom(rt.Module) + ":" + ErlangLiterals.Atom(rt.Name) + FlatTypeArgs(rt.Arguments);
            case TupleType { Elements: null }: return "tuple()";
            case TupleType tt: return "{" + string.Join(", ", tt.Elements!.Value.Select(x => FlatType(x, 0))) + "}";
            case MapType { Associations: null }: return "map()";
            case MapType m: return "#{" + string.Join(", ", m.Associations!.Value.Select(FlatMapFieldType)) + "}";
            case NilType: return "[]";
            case BitStringType bs: return FlatBitStringType(bs);
            case FunType { Parameters: null, Result: null }: return "fun()";
            case FunType f: return "fun(" + FlatFunSignature(f) + ")";
            case BoundedFunType bf: return FlatFunSignature(bf.Function) + " when " + FlatConstraints(bf.Constraints);
            case RecordType rec:
                return "#" + ErlangLiterals.Atom(rec.Name) + "{" +
                       string.Join(", ", rec.Fields.Select(f => ErlangLiterals.Atom(f.Name) + " :: " + FlatType(f.Type, 0))) + "}";
            case UnknownType u: return ErlangLiterals.Atom("beamdecode unknown type: " + u.TermText);
            default: return "";
        }
    }

    private string FlatTypeArgs(SyntaxList<TypeNode> args) => "(" + string.Join(", ", args.Select(x => FlatType(x, 0))) + ")";

    private string FlatMapFieldType(MapFieldType f) =>
        FlatType(f.Key, 0) + (f.Exact ? " := " : " => ") + FlatType(f.Value, 0);

    /// <summary>erl_pp binary_type/2: a zero size or unit is left out.</summary>
    private string FlatBitStringType(BitStringType bs)
    {
        bool size = !IsZero(bs.Size), unit = !IsZero(bs.Unit);
        var parts = new List<string>(2);
        if (size)
        {
            parts.Add("_:" + FlatType(bs.Size, OperatorPrecedence.Max));
        }

        if (unit)
        {
            parts.Add("_:_*" + FlatType(bs.Unit, OperatorPrecedence.Max));
        }

        return "<<" + string.Join(", ", parts) + ">>";
    }

    private static bool IsZero(TypeNode t) => t is SingletonType { Value: IntegerExpr { Value.IsZero: true } };

    /// <summary><c>(A, B) -&gt; R</c> or <c>(...) -&gt; R</c>.</summary>
    private string FlatFunSignature(FunType f) =>
        (f.Parameters is { } ps ? FlatTypeArgs(ps) : "(...)") + " -> " + (f.Result is { } r ? FlatType(r, 0) : "any()");

    private string FlatConstraints(SyntaxList<TypeConstraint> cs)
    {
        var sb = new StringBuilder();
        foreach (var c in cs)
        {
            sb.Append(sb.Length > 0 ? ", " : "");
            if (c.Name == "is_subtype" && c.Arguments.Count == 2)
            {
                sb.Append(FlatType(c.Arguments[0], 0)).Append(" :: ").Append(FlatType(c.Arguments[1], 0));
            }
            else
            {
                sb.Append(ErlangLiterals.Atom(c.Name)).Append(FlatTypeArgs(c.Arguments));
            }
        }

        return sb.ToString();
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
