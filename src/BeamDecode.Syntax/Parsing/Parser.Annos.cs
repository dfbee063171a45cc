using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Parsing;

// erl_parse's first_anno/1 and last_anno/1, over the syntax model. Both fold over the annotations of the abstract
// format in the order erl_parse:fold_anno/3 visits them (modify_anno1/3: a node's own anno, then its elements left
// to right, skipping {function,F,A} and a bin_element's type list). first_anno keeps the smallest location while
// the locations do not increase and stops at the first one that does; last_anno takes the largest. With macro
// expansions, tokens do not come in location order (epp gives a macro body's tokens the anno of the macro call),
// so this is not simply "the leftmost token". A few annotated atoms of the format are names in the model (the
// field of E#r.f and #r.f, the atoms of remote and record types, the 'else' of maybe) with their annos kept as
// SubAnno: the folds visit those too, where the format has them.
public sealed partial class Parser
{
    /// <summary>erl_parse:first_anno/1.</summary>
    private Anno? FirstAnno(SyntaxNode node)
    {
        var fold = new AnnoFold(first: true, _options.Columns) { Acc = node.Anno };
        fold.Visit(node);
        return fold.Acc;
    }

    /// <summary>erl_parse:last_anno/1 (annotations without end locations: ours never have text).</summary>
    private Anno? LastAnno(SyntaxNode node)
    {
        var fold = new AnnoFold(first: false, _options.Columns);
        fold.Visit(node);
        return fold.Acc;
    }

    /// <summary>loc_lte/2: a location without a column counts as column 1 (and all count so when the forms will
    /// carry lines alone: <see cref="ParserOptions.Columns"/>).</summary>
    private static int Compare(Anno a, Anno b, bool columns)
    {
        int c = a.Line.CompareTo(b.Line);
        return c != 0 || !columns ? c : Math.Max(a.Column, 1).CompareTo(Math.Max(b.Column, 1));
    }

    private sealed class AnnoFold(bool first, bool columns)
    {
        public Anno? Acc { get; set; }

        private bool _stopped;

        public void Visit(SyntaxNode? node)
        {
            if (node is null || _stopped)
            {
                return;
            }

            if (node is SingletonType s)
            {
                Visit(s.Value);
                return;
            }

            if (node is not Filter)
            {
                Step(node.Anno);
            }

            switch (node)
            {
                case ConsExpr c: Visit(c.Head); Visit(c.Tail); break;
                case TupleExpr t: All(t.Elements); break;
                case MatchExpr m: Visit(m.Left); Visit(m.Right); break;
                case MaybeMatchExpr m: Visit(m.Pattern); Visit(m.Value); break;
                case BinaryOpExpr b: Visit(b.Left); Visit(b.Right); break;
                case UnaryOpExpr u: Visit(u.Operand); break;
                case CatchExpr c: Visit(c.Body); break;
                case CallExpr c: Visit(c.Function); All(c.Arguments); break;
                case RemoteExpr r: Visit(r.Module); Visit(r.Function); break;
                case RecordExpr r: Visit(r.Source); All(r.Fields); break;
                case RecordFieldInit f: Visit(f.Field); Visit(f.Value); break;
                case RecordFieldExpr r: Visit(r.Record); Step(r.FieldAnno.Value ?? r.Anno); break;
                case RecordIndexExpr r: Step(r.FieldAnno.Value ?? r.Anno); break;
                case MapExpr m: Visit(m.Source); All(m.Associations); break;
                case MapAssoc a: Visit(a.Key); Visit(a.Value); break;
                case BinaryExpr b: All(b.Elements); break;
                case BinElement e: Visit(e.Value); Visit(e.Size); break;
                case ListComprehension l: Visit(l.Template); All(l.Qualifiers); break;
                case BinaryComprehension b: Visit(b.Template); All(b.Qualifiers); break;
                case MapComprehension m: Visit(m.Template); All(m.Qualifiers); break;
                case Generator g: Visit(g.Pattern); Visit(g.Source); break;
                case MapGeneratorPattern p: Visit(p.Key); Visit(p.Value); break;
                case ZipGenerator z: All(z.Generators); break;
                case Filter f: Visit(f.Test); break;
                case BlockExpr b: All(b.Body); break;
                case IfExpr i: All(i.Clauses); break;
                case CaseExpr c: Visit(c.Subject); All(c.Clauses); break;
                case ReceiveExpr r: All(r.Clauses); Visit(r.Timeout); All(r.After); break;
                case TryExpr t: All(t.Body); All(t.OfClauses); All(t.CatchClauses); All(t.After); break;
                case FunExpr f: All(f.Clauses); break;
                case NamedFunExpr f: All(f.Clauses); break;
                case RemoteFunRefExpr r: Visit(r.Module); Visit(r.Function); Visit(r.Arity); break;
                case MaybeExpr m:
                    All(m.Body);
                    if (m.ElseClauses is { } els)
                    {
                        Step(m.ElseAnno.Value ?? m.Anno);
                        All(els);
                    }

                    break;
                case Clause c:
                    All(c.Patterns);
                    foreach (var g in c.Guards)
                    {
                        All(g);
                    }

                    All(c.Body);
                    break;
                case AnnotatedType a: Visit(a.Var); Visit(a.Type); break;
                case BuiltinType b: All(b.Arguments); break;
                case UserType u: All(u.Arguments); break;
                case RemoteType r: Step(r.ModuleAnno.Value ?? r.Anno); Step(r.NameAnno.Value ?? r.Anno); All(r.Arguments); break;
                case TupleType t when t.Elements is { } es: All(es); break;
                case MapType m when m.Associations is { } fs: All(fs); break;
                case MapFieldType f: Visit(f.Key); Visit(f.Value); break;
                case UnionType u: All(u.Alternatives); break;
                case RangeType r: Visit(r.Low); Visit(r.High); break;
                case BitStringType b: Visit(b.Size); Visit(b.Unit); break;
                case FunType f:
                    if (f.Result is not null)
                    {
                        Step(f.ParametersAnno.Value ?? f.Anno); // {type,A,product|any,...}
                        if (f.Parameters is { } ps)
                        {
                            All(ps);
                        }

                        Visit(f.Result);
                    }

                    break;
                case BoundedFunType b: Visit(b.Function); All(b.Constraints); break;
                case TypeConstraint c: Step(c.NameAnno.Value ?? c.Anno); All(c.Arguments); break;
                case RecordType r: Step(r.NameAnno.Value ?? r.Anno); All(r.Fields); break;
                case RecordFieldType f: Step(f.NameAnno.Value ?? f.Anno); Visit(f.Type); break;
            }
        }

        private void All<T>(SyntaxList<T> nodes)
            where T : SyntaxNode
        {
            foreach (var n in nodes)
            {
                if (_stopped)
                {
                    return;
                }

                Visit(n);
            }
        }

        private void Step(Anno? anno)
        {
            if (anno is null || _stopped)
            {
                return;
            }

            if (Acc is null)
            {
                Acc = anno;
                return;
            }

            if (first)
            {
                if (Compare(anno, Acc, columns) <= 0)
                {
                    Acc = anno;
                }
                else
                {
                    _stopped = true;
                }
            }
            else if (Compare(anno, Acc, columns) > 0)
            {
                Acc = anno;
            }
        }
    }
}
