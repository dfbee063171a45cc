using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// Clauses and bodies (erl_pp func_clause, cr_clause, try_clause, if_clause, fun_clause): the head, an optional
// "when" guard sequence, " ->", then the body one expression a line, four columns in.
public sealed partial class ErlangPrinter
{
    private enum ClauseHead
    {
        /// <summary>case, receive, of, else: one pattern.</summary>
        Pattern,
        /// <summary>if: only the guard.</summary>
        Guard,
        /// <summary>catch: <c>Class:Reason:Stack</c> from the tuple pattern.</summary>
        Catch,
        /// <summary>fun and function clauses: <c>(Args)</c>, after the name when there is one.</summary>
        Arguments,
    }

    private void EmitClauses(SyntaxList<Clause> clauses, int col, ClauseHead head)
    {
        for (int i = 0; i < clauses.Count; i++)
        {
            if (i > 0)
            {
                _w.Write(';');
                NewLineTowards(clauses[i].Line, col);
            }

            EmitClause(clauses[i], col + Indent, head, null);
        }
    }

    /// <summary>One clause; <paramref name="bodyCol"/> is where body lines start.</summary>
    private void EmitClause(Clause c, int bodyCol, ClauseHead head, string? name)
    {
        switch (head)
        {
            case ClauseHead.Pattern:
                if (c.Patterns.Count == 1)
                {
                    Emit(c.Patterns[0], 0);
                }
                else
                {
                    EmitSeparated(c.Patterns, 0, _w.Column);
                }

                break;
            case ClauseHead.Catch:
                EmitCatchPattern(c);
                break;
            case ClauseHead.Arguments:
                _w.Write((name ?? "") + "(");
                EmitSeparated(c.Patterns, 0, _w.Column);
                _w.Write(')');
                break;
            case ClauseHead.Guard:
                break;
        }

        if (c.Guards.Count > 0)
        {
            if (head != ClauseHead.Guard && _options.KeepLines)
            {
                // The guard may have started a line of its own: keep it there.
                NewLineTowards(FirstLine(c.Guards), bodyCol - Indent / 2);
                _w.Write("when ");
            }
            else if (head != ClauseHead.Guard)
            {
                _w.Write(" when ");
            }

            EmitGuard(c.Guards);
        }

        _w.Write(" ->");
        EmitBody(c.Body, bodyCol);
    }

    /// <summary>try_clause in erl_pp: <c>{Class,Reason,Stack}</c> prints as <c>Class:Reason:Stack</c>, the stack
    /// left out when it is <c>_</c> (erl_parse fills in <c>_</c> when the source omits it, and <c>throw</c> when
    /// the class is omitted, so writing the class always reads back the same).</summary>
    private void EmitCatchPattern(Clause c)
    {
        if (c.Patterns.Count == 1 && c.Patterns[0] is TupleExpr { Elements.Count: 3 } t)
        {
            Emit(t.Elements[0], 900);
            _w.Write(':');
            Emit(t.Elements[1], 0);
            if (t.Elements[2] is not VarExpr { Name: "_" })
            {
                _w.Write(':');
                Emit(t.Elements[2], 0);
            }
        }
        else
        {
            EmitSeparated(c.Patterns, 0, _w.Column);
        }
    }

    private void EmitGuard(SyntaxList<SyntaxList<Expr>> guards)
    {
        int flat = FlatGuardLength(guards);
        if (!_options.KeepLines && flat >= 0 && _w.Column + flat + 3 <= Width)
        {
            WriteFlatGuard(guards, _w);
            return;
        }

        int col = _w.Column;
        for (int i = 0; i < guards.Count; i++)
        {
            if (i > 0)
            {
                _w.Write(';');
                if (_options.KeepLines && guards[i].Count > 0)
                {
                    NewLineTowards(guards[i][0].Line, col);
                }
                else
                {
                    Break(col);
                }
            }

            EmitSeparated(guards[i], 0, _w.Column);
        }
    }

    private static int FirstLine(SyntaxList<SyntaxList<Expr>> guards) =>
        guards.Count > 0 && guards[0].Count > 0 ? guards[0][0].Line : 0;

    /// <summary>Each body expression on its own line at <paramref name="col"/>, separated by commas.</summary>
    private void EmitBody(SyntaxList<Expr> body, int col)
    {
        for (int i = 0; i < body.Count; i++)
        {
            if (i > 0)
            {
                _w.Write(',');
            }

            NewLineTowards(body[i].Line, col);
            Emit(body[i], 0);
        }
    }

    /// <summary>A line break; with <c>--keep-lines</c>, blank lines first so that the next text lands on
    /// <paramref name="line"/> when that is still ahead.</summary>
    private void NewLineTowards(int line, int col)
    {
        if (_options.KeepLines && line > 0 && line <= _w.Line)
        {
            // The original has this on the line already written: stay on it.
            _w.Write(' ');
            return;
        }

        if (_options.KeepLines)
        {
            while (_w.Line + 1 < line)
            {
                _w.Write('\n');
            }
        }

        _w.NewLine(col);
    }

    /// <summary>A line break at <paramref name="col"/> where the layout wants one; with <c>--keep-lines</c> a space,
    /// because there only the original lines of clauses and body expressions may start a new line.</summary>
    private void Break(int col)
    {
        if (_options.KeepLines)
        {
            _w.Write(' ');
        }
        else
        {
            _w.NewLine(col);
        }
    }
}
