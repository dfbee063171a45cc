using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// Expressions over several lines: used when the one-line text does not fit or the expression holds clauses.
// Continuation lines align to the column the construct started at, as erl_pp's {seq,...}/{step,...} layouts do.
public sealed partial class ErlangPrinter
{
    private void Emit(Expr e, int prec)
    {
        int flat = FlatLength(e, prec);
        if (flat >= 0 && Fits(flat))
        {
            WriteFlat(e, prec, _w);
            return;
        }

        if (NeedsParens(e, prec))
        {
            _w.Write('(');
            EmitBroken(e);
            _w.Write(')');
        }
        else
        {
            EmitBroken(e);
        }
    }

    private void EmitBroken(Expr e)
    {
        int col = _w.Column;
        switch (e)
        {
            case ConsExpr cons:
            {
                var (items, tail) = ListParts(cons);
                _w.Write('[');
                EmitSeparated(items, 0, col + 1);
                if (tail is not NilExpr)
                {
                    _w.Write(" |");
                    Break(col + 1);
                    Emit(tail, 0);
                }

                _w.Write(']');
                break;
            }

            case TupleExpr t:
                _w.Write('{');
                EmitSeparated(t.Elements, 0, col + 1);
                _w.Write('}');
                break;
            case MatchExpr m: EmitInfix(m.Left, "=", m.Right, (150, 100, 100), col); break;
            case MaybeMatchExpr mm: EmitInfix(mm.Pattern, "?=", mm.Value, (150, 100, 100), col); break;
            case MapGeneratorPattern mg: EmitInfix(mg.Key, ":=", mg.Value, (150, 100, 100), col); break;
            case BinaryOpExpr b: EmitInfix(b.Left, b.Operator, b.Right, OperatorPrecedence.TryBinary(b.Operator, out var bp) ? bp : (1000, 0, 1000), col); break;
            case UnaryOpExpr u:
                _w.Write(char.IsLetter(u.Operator[0]) ? u.Operator + " " : u.Operator);
                Emit(u.Operand, OperatorPrecedence.TryPrefix(u.Operator, out var up) ? up.Operand : 700);
                break;
            case CatchExpr c:
                _w.Write("catch ");
                Emit(c.Body, OperatorPrecedence.Prefix("catch").Operand);
                break;
            case CallExpr call:
                Emit(call.Function, OperatorPrecedence.Function.Function);
                _w.Write('(');
                EmitArguments(call.Arguments, col);
                _w.Write(')');
                break;
            case RemoteExpr r:
                Emit(r.Module, 900);
                _w.Write(':');
                Emit(r.Function, 900);
                break;
            case RecordExpr r:
                if (r.Source is not null)
                {
                    Emit(r.Source, 800);
                }

                _w.Write("#" + ErlangLiterals.Atom(r.Name) + "{");
                EmitRecordFields(r);
                _w.Write('}');
                break;
            case RecordFieldExpr rf:
                Emit(rf.Record, 800);
                _w.Write("#" + ErlangLiterals.Atom(rf.Name) + "." + ErlangLiterals.Atom(rf.Field));
                break;
            case MapExpr map:
                if (map.Source is not null)
                {
                    Emit(map.Source, 800);
                }

                _w.Write("#{");
                EmitAssociations(map.Associations);
                _w.Write('}');
                break;
            case BinaryExpr bin:
                _w.Write("<<");
                EmitBinElements(bin.Elements, col + 2);
                _w.Write(">>");
                break;
            case ListComprehension lc: EmitComprehension("[", lc.Template, null, lc.Qualifiers, "]", col); break;
            case BinaryComprehension bc: EmitComprehension("<< ", bc.Template, null, bc.Qualifiers, " >>", col); break;
            case MapComprehension mc: EmitComprehension("#{", null, mc.Template, mc.Qualifiers, "}", col); break;
            case RemoteFunRefExpr rf:
                _w.Write("fun ");
                Emit(rf.Module, 900);
                _w.Write(':');
                Emit(rf.Function, 900);
                _w.Write('/');
                Emit(rf.Arity, 900);
                break;
            case BlockExpr block:
                _w.Write("begin");
                EmitBody(block.Body, col + Indent);
                Break(col);
                _w.Write("end");
                break;
            case IfExpr iff:
                _w.Write("if");
                NewLineTowards(iff.Clauses.Count > 0 ? iff.Clauses[0].Line : 0, col + Indent);
                EmitClauses(iff.Clauses, col + Indent, ClauseHead.Guard);
                Break(col);
                _w.Write("end");
                break;
            case CaseExpr cs:
                _w.Write("case ");
                Emit(cs.Subject, 0);
                _w.Write(" of");
                NewLineTowards(cs.Clauses.Count > 0 ? cs.Clauses[0].Line : 0, col + Indent);
                EmitClauses(cs.Clauses, col + Indent, ClauseHead.Pattern);
                Break(col);
                _w.Write("end");
                break;
            case ReceiveExpr rc: EmitReceive(rc, col); break;
            case TryExpr t: EmitTry(t, col); break;
            case MaybeExpr mb:
                _w.Write("maybe");
                EmitBody(mb.Body, col + Indent);
                if (mb.ElseClauses is { } elses)
                {
                    Break(col);
                    _w.Write("else");
                    NewLineTowards(elses.Count > 0 ? elses[0].Line : 0, col + Indent);
                    EmitClauses(elses, col + Indent, ClauseHead.Pattern);
                }

                Break(col);
                _w.Write("end");
                break;
            case FunExpr fun: EmitFun(fun.Clauses, col, null); break;
            case NamedFunExpr nf: EmitFun(nf.Clauses, col, nf.Name); break;
            default:
                // Literals and anything else with no line break to offer: the one-line text, however long.
                if (FlatCoreLength(e) < 0)
                {
                    throw new InvalidOperationException($"no layout for {e.GetType().Name}");
                }

                WriteFlatCore(e, _w);
                break;
        }
    }

    /// <summary><c>L op R</c>: R stays on the line when it fits or opens a block; otherwise it moves to the next line,
    /// four columns in for <c>=</c> (so the pattern stands out) and aligned with L for other operators.</summary>
    private void EmitInfix(Expr left, string op, Expr right, (int Left, int Op, int Right) p, int col)
    {
        Emit(left, p.Left);
        _w.Write(" " + op);
        int flat = FlatLength(right, p.Right);
        if (_options.KeepLines)
        {
            NewLineTowards(right.Line, col + Indent);
        }
        else if ((flat >= 0 && _w.Column + 1 + flat <= Width) || (flat < 0 && IsBlock(right)))
        {
            _w.Write(' ');
        }
        else
        {
            Break(op is "=" or "?=" or "!" ? col + Indent : col);
        }

        Emit(right, p.Right);
    }

    private static bool IsBlock(Expr e) =>
        e is BlockExpr or IfExpr or CaseExpr or ReceiveExpr or TryExpr or MaybeExpr or FunExpr or NamedFunExpr;

    private void EmitSeparated(IReadOnlyList<Expr> items, int prec, int col)
    {
        var layout = new ExprItems(this, items, prec);
        EmitItemsFlat(ref layout, col);
    }

    /// <summary>Call arguments after <c>f(</c>, aligned there; when that column is far right, on new lines
    /// four columns in from the call instead.</summary>
    private void EmitArguments(IReadOnlyList<Expr> args, int callCol)
    {
        if (args.Count > 0 && _w.Column > callCol + Indent && _w.Column > Width / 2)
        {
            Break(callCol + Indent);
        }

        EmitSeparated(args, 0, _w.Column);
    }

    /// <summary>
    /// Items separated by commas. With <paramref name="flat"/> known, items fill the line while they fit and the
    /// one before was one line (as erl_pp's {seq,...} does); an item that does not fit, or has several lines, starts
    /// a new line at <paramref name="col"/>. Without it, one item a line.
    /// </summary>
    private void EmitItems(int count, Action<int> emit, int col, Func<int, string?>? flat = null, Func<int, int>? lineOf = null)
    {
        // The text of item i is asked for once, then written if chosen.
        string? text = null;
        EmitItemsFlat(count, emit, col, flat is null ? null : i => (text = flat(i))?.Length ?? -1, _ => _w.Write(text!), lineOf);
    }

    /// <summary>As <see cref="EmitItems"/>, with each item's one-line width (-1 for none) and a way to write that
    /// one-line text, so that no string is built for it.</summary>
    private void EmitItemsFlat(int count, Action<int> emit, int col, Func<int, int>? flatLength, Action<int> writeFlat, Func<int, int>? lineOf = null)
    {
        var items = new DelegateItems(count, emit, flatLength, writeFlat, lineOf);
        EmitItemsFlat(ref items, col);
    }

    private void EmitAssoc(MapAssoc a)
    {
        Emit(a.Key, 0);
        _w.Write(a.Exact ? " := " : " => ");
        Emit(a.Value, 0);
    }

    private void EmitBinElement(BinElement el)
    {
        // Binary elements rarely break; print the value and write the rest flat.
        if (FlatBinElementLength(el) >= 0)
        {
            WriteFlatBinElement(el, _w);
            return;
        }

        Emit(el.Value, OperatorPrecedence.Max);
        if (el.Size is { } size)
        {
            _w.Write(':');
            Emit(size, OperatorPrecedence.Max);
        }

        if (el.Specifiers is { } specs)
        {
            _w.Write("/" + string.Join("-", specs.Select(s => s.Unit is { } u ? $"{s.Name}:{u}" : s.Name)));
        }
    }

    // The lambdas live in these helpers rather than in EmitBroken: a lambda there capturing its locals made every
    // call of EmitBroken allocate a closure, whatever the expression.
    private void EmitRecordFields(RecordExpr r) =>
        EmitItems(r.Fields.Count, i =>
        {
            Emit(r.Fields[i].Field, 0);
            _w.Write(" = ");
            Emit(r.Fields[i].Value, 0);
        }, _w.Column, i => Flat(r.Fields[i].Field, 0) is { } f && Flat(r.Fields[i].Value, 0) is { } v ? f + " = " + v : null);

    private void EmitAssociations(SyntaxList<MapAssoc> assocs) =>
        EmitItemsFlat(assocs.Count, i => EmitAssoc(assocs[i]), _w.Column, i => FlatAssocLength(assocs[i]), i => WriteFlatAssoc(assocs[i], _w), i => assocs[i].Line);

    private void EmitBinElements(SyntaxList<BinElement> elements, int col) =>
        EmitItemsFlat(elements.Count, i => EmitBinElement(elements[i]), col, i => FlatBinElementLength(elements[i]), i => WriteFlatBinElement(elements[i], _w), i => elements[i].Line);

    /// <summary>The template is <paramref name="expr"/>, or for a map comprehension <paramref name="assoc"/>.</summary>
    private void EmitComprehension(string open, Expr? expr, MapAssoc? assoc, SyntaxList<Qualifier> qualifiers, string close, int col)
    {
        _w.Write(open);
        if (expr is not null)
        {
            Emit(expr, 0);
        }
        else
        {
            EmitAssoc(assoc!);
        }

        Break(col + open.Length - 1);
        _w.Write("|| ");
        EmitItemsFlat(qualifiers.Count, i => EmitQualifier(qualifiers[i]), _w.Column, i => FlatQualifierLength(qualifiers[i]), i => WriteFlatQualifier(qualifiers[i], _w));
        _w.Write(close);
    }

    private void EmitQualifier(Qualifier q)
    {
        switch (q)
        {
            case Filter f: Emit(f.Test, 0); break;
            case Generator g:
                Emit(g.Pattern, 0);
                _w.Write(" " + GeneratorArrow(g) + " ");
                Emit(g.Source, 0);
                break;
            case ZipGenerator z:
                for (int i = 0; i < z.Generators.Count; i++)
                {
                    if (i > 0)
                    {
                        _w.Write(" && ");
                    }

                    EmitQualifier(z.Generators[i]);
                }

                break;
        }
    }

    private void EmitReceive(ReceiveExpr rc, int col)
    {
        _w.Write("receive");
        if (rc.Clauses.Count > 0)
        {
            NewLineTowards(rc.Clauses.Count > 0 ? rc.Clauses[0].Line : 0, col + Indent);
            EmitClauses(rc.Clauses, col + Indent, ClauseHead.Pattern);
        }

        if (rc.Timeout is { } timeout)
        {
            if (_options.KeepLines)
            {
                // "after T ->" on the timeout's line, as the source had it.
                NewLineTowards(timeout.Line, col);
                _w.Write("after ");
            }
            else
            {
                Break(col);
                _w.Write("after");
                Break(col + Indent);
            }

            Emit(timeout, 0);
            _w.Write(" ->");
            EmitBody(rc.After, col + 2 * Indent);
        }

        Break(col);
        _w.Write("end");
    }

    private void EmitTry(TryExpr t, int col)
    {
        _w.Write("try");
        EmitBody(t.Body, col + Indent);
        if (t.OfClauses.Count > 0)
        {
            Break(col);
            _w.Write("of");
            NewLineTowards(t.OfClauses.Count > 0 ? t.OfClauses[0].Line : 0, col + Indent);
            EmitClauses(t.OfClauses, col + Indent, ClauseHead.Pattern);
        }

        if (t.CatchClauses.Count > 0)
        {
            Break(col);
            _w.Write("catch");
            NewLineTowards(t.CatchClauses.Count > 0 ? t.CatchClauses[0].Line : 0, col + Indent);
            EmitClauses(t.CatchClauses, col + Indent, ClauseHead.Catch);
        }

        if (t.After.Count > 0)
        {
            Break(col);
            _w.Write("after");
            EmitBody(t.After, col + Indent);
        }

        Break(col);
        _w.Write("end");
    }

    /// <summary><c>fun(A) -&gt; B; (C) -&gt; D end</c> with each clause head under the first and bodies indented
    /// from the <c>fun</c> keyword.</summary>
    private void EmitFun(SyntaxList<Clause> clauses, int col, string? name)
    {
        _w.Write(name is null ? "fun" : "fun ");
        int headCol = _w.Column;
        for (int i = 0; i < clauses.Count; i++)
        {
            if (i > 0)
            {
                _w.Write(';');
                Break(headCol);
            }

            // A named fun repeats its name in every clause (erl_parse: fun_clause with a variable name).
            EmitClause(clauses[i], col + Indent, ClauseHead.Arguments, name);
        }

        Break(col);
        _w.Write("end");
    }
}
