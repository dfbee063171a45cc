using BeamDecode.Syntax.Nodes;

namespace BeamDecode.Syntax.Printing;

// Forms (erl_pp lform/lattribute/lfunction). A blank line separates a function from its neighbours, except that
// a spec stays directly above its function.
public sealed partial class ErlangPrinter
{
    private void WriteModule(ModuleSyntax module)
    {
        Form? previous = null;
        foreach (var form in module.Forms)
        {
            if (form is EofForm)
            {
                continue;
            }

            if (previous is not null)
            {
                bool blank = (form is FunctionDecl || previous is FunctionDecl) && previous is not SpecAttribute { Kind: "spec" };
                if (blank && !_options.KeepLines)
                {
                    _w.Write('\n');
                }
            }

            if (_options.KeepLines && form is WildAttribute { Anno: null } && previous is ModuleAttribute)
            {
                // A form the reader added (the maybe_expr feature): on the -module line, so no line moves.
                _w.JoinWithPreviousLine();
                _w.Write(' ');
            }
            else if (_options.KeepLines && form is not FileAttribute)
            {
                if (form.Line > 0 && form.Line == _w.Line - 1 && _w.Column == 0)
                {
                    // It shares the line the form before ended on (an attribute a build tool added at the -module
                    // line, say): write it on that line too.
                    _w.JoinWithPreviousLine();
                    _w.Write(' ');
                }

                _w.PadToLine(form.Line);
                _misplacedForms += form.Line > 0 && _w.Line != form.Line ? 1 : 0;
            }

            WriteForm(form);
            previous = form;
        }
    }

    private void WriteForm(Form form)
    {
        switch (form)
        {
            case ModuleAttribute m:
                _w.Write("-module(" + ErlangLiterals.Atom(m.Name) + ").\n");
                break;
            case FunctionListAttribute fl:
                _w.Write("-" + ErlangLiterals.Atom(fl.Name) + "([");
                EmitItems(fl.Functions.Count, i => _w.Write(FunctionNameText(fl.Functions[i])), _w.Column, i => FunctionNameText(fl.Functions[i]));
                _w.Write("]).\n");
                break;
            case ImportAttribute im:
                _w.Write("-import(" + ErlangLiterals.Atom(im.Module) + ", [");
                EmitItems(im.Functions.Count, i => _w.Write(FunctionNameText(im.Functions[i])), _w.Column, i => FunctionNameText(im.Functions[i]));
                _w.Write("]).\n");
                break;
            case FileAttribute f when _options.KeepLines:
                // With --keep-lines a real directive: epp numbers the line after -file(F, N) as N + 1 (epp.erl), so
                // written at the end of the line before as -file(F, Line - 1) it takes no line of its own and the
                // forms that follow (from an included file, say) keep their file and line.
                // At the very start it has a line of its own, numbered as the line it names (the first -file of
                // the forms is epp's own, for line 1).
                // epp refuses a negative line ({bad,file}), so -file(F, 0) (yecc writes one) gets a line of its own.
                bool joined = (_w.PhysicalLine > 1 || _w.Column > 0) && f.LineNumber > 0;
                if (joined)
                {
                    _w.JoinWithPreviousLine();
                    _w.Write(' ');
                }

                int number = joined ? f.LineNumber - 1 : f.LineNumber;
                _w.Write("-file(" + ErlangLiterals.String(StringExpr.From(f.File).Chars) + ", " + number + ").");
                _w.RenumberLine(number);
                _w.Write('\n');
                break;
            case FileAttribute f:
                // Otherwise a comment: the text is read as one file, and the forms read back are compared
                // without -file attributes anyway.
                _w.Write("%% -file(" + ErlangLiterals.String(StringExpr.From(f.File).Chars) + ", " + f.LineNumber + ").\n");
                break;
            case RecordAttribute r:
                WriteRecord(r);
                break;
            case TypeAttribute t:
                WriteTypeAttribute(t);
                break;
            case SpecAttribute s:
                WriteSpec(s);
                break;
            case WildAttribute { Name: "feature", Value: TupleExpr { Elements.Count: 2 } f }:
                // -feature(Name, enable|disable): two arguments, which epp reads as a directive (epp.erl).
                _w.Write("-feature(" + FlatCore(f.Elements[0]) + ", " + FlatCore(f.Elements[1]) + ").\n");
                break;
            case WildAttribute a:
                _w.Write("-" + ErlangLiterals.Atom(a.Name) + "(");
                Emit(a.Value, 0);
                _w.Write(").\n");
                break;
            case FunctionDecl fn:
                for (int i = 0; i < fn.Clauses.Count; i++)
                {
                    if (i > 0)
                    {
                        _w.Write(';');
                        NewLineTowards(fn.Clauses[i].Line, 0);
                    }

                    EmitClause(fn.Clauses[i], Indent, ClauseHead.Arguments, ErlangLiterals.Atom(fn.Name));
                }

                _w.Write(".\n");
                break;
            case ErrorMarkerForm em:
                _w.Write("%% " + (em.IsWarning ? "warning" : "error") + " left in the forms: " + OneLine(em.TermText) + "\n");
                break;
            case UnknownForm u:
                _w.Write("%% beamdecode: unknown form: " + OneLine(u.TermText) + "\n");
                break;
        }
    }

    private static string OneLine(string text) => text.Replace('\n', ' ').Replace('\r', ' ');

    private static string FunctionNameText(FunctionName f) => ErlangLiterals.Atom(f.Name) + "/" + f.Arity;

    private void WriteRecord(RecordAttribute r)
    {
        _w.Write("-record(" + ErlangLiterals.Atom(r.Name) + ", {");
        string? flat = FlatRecordFields(r.Fields);
        if (flat is not null && _w.Column + flat.Length + 4 <= Width)
        {
            _w.Write(flat);
        }
        else
        {
            EmitItems(r.Fields.Count, i => EmitRecordField(r.Fields[i]), _w.Column);
        }

        _w.Write("}).\n");
    }

    private string? FlatRecordFields(SyntaxList<RecordFieldDecl> fields)
    {
        var parts = new List<string>(fields.Count);
        foreach (var f in fields)
        {
            string text = ErlangLiterals.Atom(f.Name);
            if (f.Default is { } d)
            {
                if (Flat(d, 0) is not { } dt)
                {
                    return null;
                }

                text += " = " + dt;
            }

            if (f.Type is { } t)
            {
                text += " :: " + FlatType(t, 0);
            }

            parts.Add(text);
        }

        return string.Join(", ", parts);
    }

    private void EmitRecordField(RecordFieldDecl f)
    {
        _w.Write(ErlangLiterals.Atom(f.Name));
        if (f.Default is { } d)
        {
            _w.Write(" = ");
            Emit(d, 0);
        }

        if (f.Type is { } t)
        {
            _w.Write(" :: ");
            EmitType(t, 0);
        }
    }

    private void WriteTypeAttribute(TypeAttribute t)
    {
        _w.Write("-" + t.Kind + " " + ErlangLiterals.Atom(t.Name) + "(" + string.Join(", ", t.Parameters.Select(p => p.Name)) + ") :: ");
        EmitType(t.Type, 0);
        _w.Write(".\n");
    }

    private void WriteSpec(SpecAttribute s)
    {
        string name = (s.Module is null ? "" : ErlangLiterals.Atom(s.Module) + ":") + ErlangLiterals.Atom(s.Name);
        _w.Write("-" + s.Kind + " " + name);
        int col = _w.Column;
        for (int i = 0; i < s.Types.Count; i++)
        {
            if (i > 0)
            {
                _w.Write(';');
                Break(col);
            }

            EmitSpecClause(s.Types[i]);
        }

        _w.Write(".\n");
    }
}
