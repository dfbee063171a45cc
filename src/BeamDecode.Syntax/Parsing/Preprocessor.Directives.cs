using System.Collections.Immutable;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>The directives: epp.erl scan_toks/3 and the scan_* functions it dispatches to.</summary>
public sealed partial class Preprocessor
{
    private void ScanForm(List<Token> toks)
    {
        if (toks.Count >= 2 && IsSymbol(toks[0], "-"))
        {
            Token directive = toks[1];
            if (directive.Kind == TokenKind.Atom)
            {
                switch ((string)directive.Value!)
                {
                    case "feature": ScanFeature(toks, directive); return;
                    case "define": ScanDefine(toks, directive); return;
                    case "undef": _inPrefix = false; ScanUndef(toks, directive); return;
                    case "error": _inPrefix = false; ScanErrorWarning(toks, directive, warning: false); return;
                    case "warning": _inPrefix = false; ScanErrorWarning(toks, directive, warning: true); return;
                    case "include": ScanInclude(toks, directive, lib: false); return;
                    case "include_lib": ScanInclude(toks, directive, lib: true); return;
                    case "ifdef": ScanIfdef(toks, directive, IfKind.Ifdef); return;
                    case "ifndef": ScanIfdef(toks, directive, IfKind.Ifndef); return;
                    case "else": ScanElse(toks, directive); return;
                    case "elif": ScanElif(directive); return;
                    case "endif": ScanEndif(toks, directive); return;
                    case "file": ScanFileDirective(toks, directive); return;
                    case "doc" or "moduledoc" when ScanDocFile(toks, directive): return;
                }
            }
            else if (directive.Kind == TokenKind.Symbol)
            {
                if (directive.Text == "if")
                {
                    ScanIf(toks, directive);
                    return;
                }

                if (directive.Text == "else" && _maybeReserved)
                {
                    ScanElse(toks, directive);
                    return;
                }
            }
        }

        // An ordinary form: expand its macros (epp.erl scan_toks/3, last clause).
        List<Token>? expanded = TryExpand(toks, 0, toks, out _);
        if (expanded is null)
        {
            return;
        }

        if (_inPrefix && expanded.Count > 0)
        {
            _inPrefix = expanded.Count >= 2 && IsSymbol(expanded[0], "-") && expanded[1].Kind == TokenKind.Atom
                && (IsPrefixDirective((string)expanded[1].Value!)
                    || (_release >= 27 && (string)expanded[1].Value! is "moduledoc" or "doc"));
        }

        _items.Add(new PreprocessedForm([.. expanded]));
        ScanModule(expanded);
    }

    /// <summary>epp.erl in_prefix/1: the attributes allowed before a -feature (OTP 27 adds moduledoc and doc).</summary>
    private static bool IsPrefixDirective(string name) => name is "module" or "feature" or "if" or "else" or "elif"
        or "endif" or "ifdef" or "ifndef" or "define" or "undef" or "include" or "include_lib";

    /// <summary>epp.erl scan_module/2: -module(M) defines MODULE and MODULE_STRING; -extends(M) BASE_MODULE.</summary>
    private void ScanModule(List<Token> toks)
    {
        if (toks.Count < 5 || !IsSymbol(toks[0], "-") || toks[1].Kind != TokenKind.Atom || !IsSymbol(toks[2], "("))
        {
            return;
        }

        string attribute = (string)toks[1].Value!;
        Token name = toks[3];
        if (name.Kind != TokenKind.Atom || !(IsSymbol(toks[4], ")") || (attribute == "module" && IsSymbol(toks[4], ","))))
        {
            return;
        }

        string module = (string)name.Value!;
        if (attribute == "module")
        {
            SetPredefined("MODULE", [name]);
            SetPredefined("MODULE_STRING", [StringToken(module, name.Line, name.Column)]);
        }
        else if (attribute == "extends")
        {
            SetPredefined("BASE_MODULE", [name]);
            SetPredefined("BASE_MODULE_STRING", [StringToken(module, name.Line, name.Column)]);
        }
    }

    /// <summary>epp.erl scan_feature/4.</summary>
    private void ScanFeature(List<Token> toks, Token feature)
    {
        bool shape = toks.Count == 8 && IsSymbol(toks[2], "(") && toks[3].Kind == TokenKind.Atom && IsSymbol(toks[4], ",")
            && toks[5].Kind == TokenKind.Atom && IsSymbol(toks[6], ")") && toks[7].Kind == TokenKind.Dot;
        string? indicator = shape ? (string)toks[5].Value! : null;
        if (shape && _inPrefix && indicator is "enable" or "disable")
        {
            string name = (string)toks[3].Value!;
            if (!FeatureInfo.IsConfigurable(name, _release))
            {
                string reason = FeatureInfo.Exists(name, _release) ? "is not configurable" : "does not exist";
                Error((feature.Line, feature.Column), DiagnosticId.BadFeature, "erl_features", $"the feature '{name}' {reason}.");
                return;
            }

            if (indicator == "enable")
            {
                if (!_features.Contains(name))
                {
                    _features.Insert(0, name);
                }
            }
            else
            {
                _features.Remove(name);
            }

            _maybeReserved = _features.Contains(LexerOptions.MaybeExpr);
            _macros["FEATURE_ENABLED"] = MacroEntry.User([FeatureMacro(_features)]);
            return;
        }

        if (toks.Count >= 8 && IsSymbol(toks[2], "(") && toks[3].Kind == TokenKind.Atom && IsSymbol(toks[4], ",")
            && toks[5].Kind == TokenKind.Atom && IsSymbol(toks[6], ")") && toks[7].Kind == TokenKind.Dot && !_inPrefix)
        {
            Error(feature, DiagnosticId.FeatureAfterPrefix, "feature directive not allowed after exports or record definitions");
            return;
        }

        Error(NoMatch(toks, 2, feature), DiagnosticId.BadDirective, "badly formed 'feature'");
    }

    /// <summary>epp.erl scan_undef/4.</summary>
    private void ScanUndef(List<Token> toks, Token undef)
    {
        if (toks.Count == 6 && IsSymbol(toks[2], "(") && IsName(toks[3]) && IsSymbol(toks[4], ")") && toks[5].Kind == TokenKind.Dot)
        {
            string name = (string)toks[3].Value!;
            _macros.Remove(name);
            _uses.Remove(name);
            _acyclic.Clear();
            return;
        }

        Error(FindMismatch(toks, 2, undef, "(", VarOrAtom, ")", DotTag), DiagnosticId.BadDirective, "badly formed 'undef'");
    }

    /// <summary>epp.erl scan_err_warn/4.</summary>
    private void ScanErrorWarning(List<Token> toks, Token token, bool warning)
    {
        string tag = warning ? "warning" : "error";
        if (toks.Count > 2 && IsSymbol(toks[2], "("))
        {
            List<Token>? expanded = TryExpandQuiet(toks, 2);
            string? term = expanded is null ? null : ErlangTerms.ParseTermText(expanded);
            if (term is not null)
            {
                var diagnostic = new Diagnostic(warning ? DiagnosticId.WarningDirective : DiagnosticId.ErrorDirective,
                    $"-{tag}({term}).", token.Line, token.Column, _file.Name2,
                    warning ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error);
                Report(new PreprocessedDiagnostic(diagnostic, "epp"));
                return;
            }

            Error(token, DiagnosticId.BadDirective, $"badly formed '{tag}'");
            return;
        }

        Error(NoMatch(toks, 2, token), DiagnosticId.BadDirective, $"badly formed '{tag}'");
    }

    /// <summary>epp.erl scan_ifdef/4 and scan_ifndef/4.</summary>
    private void ScanIfdef(List<Token> toks, Token directive, IfKind kind)
    {
        if (toks.Count == 6 && IsSymbol(toks[2], "(") && IsName(toks[3]) && IsSymbol(toks[4], ")") && toks[5].Kind == TokenKind.Dot)
        {
            bool defined = IsMacroDefined((string)toks[3].Value!);
            if (defined == (kind == IfKind.Ifdef))
            {
                _file.IfStack.Add(kind);
            }
            else
            {
                _skip = [kind];
            }

            return;
        }

        string name = kind == IfKind.Ifdef ? "ifdef" : "ifndef";
        Error(FindMismatch(toks, 2, directive, "(", VarOrAtom, ")", DotTag), DiagnosticId.BadDirective, $"badly formed '{name}'");
        _skip = [kind];
    }

    private bool IsMacroDefined(string name) => _macros.TryGetValue(name, out MacroEntry? entry) && entry.IsDefined;

    /// <summary>epp.erl scan_else/4.</summary>
    private void ScanElse(List<Token> toks, Token directive)
    {
        if (toks.Count == 3 && toks[2].Kind == TokenKind.Dot)
        {
            List<IfKind> stack = _file.IfStack;
            if (stack.Count == 0)
            {
                Error(directive, DiagnosticId.IllegalConditional, "unbalanced '-else'");
                return;
            }

            IfKind top = stack[^1];
            stack.RemoveAt(stack.Count - 1);
            if (top == IfKind.Else)
            {
                Error(directive, DiagnosticId.IllegalConditional, "repeated '-else'");
            }

            _skip = [IfKind.Else];
            return;
        }

        Error(NoMatch(toks, 2, directive), DiagnosticId.BadDirective, "badly formed 'else'");
    }

    /// <summary>epp.erl scan_elif/4: in a taken branch, -elif starts skipping to the -endif.</summary>
    private void ScanElif(Token directive)
    {
        List<IfKind> stack = _file.IfStack;
        if (stack.Count == 0)
        {
            Error(directive, DiagnosticId.IllegalConditional, "unbalanced '-elif'");
            return;
        }

        IfKind top = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        if (top == IfKind.Else)
        {
            Error(directive, DiagnosticId.IllegalConditional, "unbalanced '-elif'");
            _skip = [IfKind.Else];
            return;
        }

        _skip = [IfKind.Elif];
    }

    /// <summary>epp.erl scan_endif/4.</summary>
    private void ScanEndif(List<Token> toks, Token directive)
    {
        if (toks.Count == 3 && toks[2].Kind == TokenKind.Dot)
        {
            if (_file.IfStack.Count == 0)
            {
                Error(directive, DiagnosticId.IllegalConditional, "unbalanced '-endif'");
                return;
            }

            _file.IfStack.RemoveAt(_file.IfStack.Count - 1);
            return;
        }

        Error(NoMatch(toks, 2, directive), DiagnosticId.BadDirective, "badly formed 'endif'");
    }

    /// <summary>epp.erl scan_if/4 (also skip_elif/5 for an -elif that may be taken).</summary>
    private void ScanIf(List<Token> toks, Token directive)
    {
        if (toks.Count > 2 && IsSymbol(toks[2], "("))
        {
            bool? result = EvaluateIf(toks, directive);
            if (result == true)
            {
                _file.IfStack.Add(IfKind.If);
            }
            else
            {
                _skip = [IfKind.If];
            }

            return;
        }

        Error(NoMatch(toks, 2, directive), DiagnosticId.BadDirective, "badly formed 'if'");
        _skip = [IfKind.If];
    }

    /// <summary>epp.erl skip_toks/3, skip_else/4 and skip_elif/5: one form read while skipping.</summary>
    private void SkipForm(List<Token> toks)
    {
        List<IfKind> skip = _skip!;
        if (toks.Count < 2 || !IsSymbol(toks[0], "-"))
        {
            return;
        }

        Token directive = toks[1];
        string? name = directive.Kind == TokenKind.Atom ? (string)directive.Value!
            : directive.Kind == TokenKind.Symbol && (directive.Text == "if" || (directive.Text == "else" && _maybeReserved)) ? directive.Text
            : null;
        if (directive.Kind == TokenKind.Atom && name == "if")
        {
            name = null;
        }

        switch (name)
        {
            case "ifdef": skip.Insert(0, IfKind.Ifdef); break;
            case "ifndef": skip.Insert(0, IfKind.Ifndef); break;
            case "if": skip.Insert(0, IfKind.If); break;
            case "else":
                if (skip[0] == IfKind.Else)
                {
                    Error(directive, DiagnosticId.IllegalConditional, "repeated '-else'");
                }
                else if (skip[0] == IfKind.Elif)
                {
                    skip[0] = IfKind.Else;
                }
                else if (skip.Count == 1)
                {
                    _skip = null;
                    _file.IfStack.Add(IfKind.Else);
                }

                break;
            case "elif":
                if (skip[0] == IfKind.Else)
                {
                    Error(directive, DiagnosticId.ElifAfterElse, "'elif' following 'else'");
                }
                else if (skip.Count == 1)
                {
                    _skip = null;
                    var rest = toks.GetRange(0, toks.Count);
                    ScanIf(rest, directive);
                }

                break;
            case "endif":
                skip.RemoveAt(0);
                if (skip.Count == 0)
                {
                    _skip = null;
                }

                break;
        }
    }

    /// <summary>epp.erl scan_file/4: the source's own -file(Name, Line).</summary>
    private void ScanFileDirective(List<Token> toks, Token fileToken)
    {
        List<Token>? expanded = TryExpand(toks, 2, [], out _);
        if (expanded is null)
        {
            return;
        }

        List<Token> t = CoalesceStrings(expanded);
        if (t.Count == 6 && IsSymbol(t[0], "(") && t[1].Kind == TokenKind.String && IsSymbol(t[2], ",")
            && t[3].Kind == TokenKind.Integer && IsSymbol(t[4], ")") && t[5].Kind == TokenKind.Dot
            && t[3].Value is System.Numerics.BigInteger big && big >= int.MinValue && big <= int.MaxValue)
        {
            string name = (string)t[1].Value!;
            int ln = (int)big;
            EmitFileAttribute(name, ln, fileToken.Line, fileToken.Column, ln, 0, generated: true);
            SetPredefined("FILE", [StringToken(name, 1, 0)]);

            // epp.erl new_location/3: scanning goes on at line Ln + (Le - Lf), column 1.
            (int endLine, _) = _file.Location;
            (int rawEndLine, int rawEndColumn) = _file.RawLocation;
            int rawFileLine = fileToken.Line - _file.LineShift;
            _file.LineShift = ln - rawFileLine;
            _file.ColumnFixLine = rawEndLine;
            _file.ColumnFixOffset = 1 - rawEndColumn;
            _file.Location = (ln + (endLine - fileToken.Line), 1);
            _file.Name2 = name;
            return;
        }

        Error(FindMismatch(t, 0, fileToken, "(", StringTag, ",", IntegerTag, ")", DotTag), DiagnosticId.BadDirective, "badly formed 'file'");
    }

    private static bool IsSymbol(Token token, string symbol) => token.Kind == TokenKind.Symbol && token.Text == symbol;

    private static bool IsName(Token token) => token.Kind is TokenKind.Atom or TokenKind.Var;

    private const string VarOrAtom = "\u0001var_or_atom";
    private const string StringTag = "\u0001string";
    private const string IntegerTag = "\u0001integer";
    private const string DotTag = "\u0001dot";

    /// <summary>epp.erl find_mismatch/3: the first token from <paramref name="start"/> that breaks the expected shape.</summary>
    private static Token FindMismatch(List<Token> toks, int start, Token last, params string[] tags)
    {
        int i = start;
        foreach (string tag in tags)
        {
            if (i >= toks.Count || !Matches(toks[i], tag))
            {
                break;
            }

            last = toks[i];
            i++;
        }

        return NoMatch(toks, i, last);
    }

    private static bool Matches(Token token, string tag) => tag switch
    {
        VarOrAtom => IsName(token),
        StringTag => token.Kind == TokenKind.String,
        IntegerTag => token.Kind == TokenKind.Integer,
        DotTag => token.Kind == TokenKind.Dot,
        _ => IsSymbol(token, tag),
    };

    /// <summary>epp.erl no_match/2: the token at <paramref name="index"/>, else <paramref name="fallback"/>.</summary>
    private static Token NoMatch(List<Token> toks, int index, Token fallback) => index < toks.Count ? toks[index] : fallback;

    /// <summary>epp.erl coalesce_strings/1: adjacent strings become one, at the first one's location.</summary>
    private static List<Token> CoalesceStrings(List<Token> toks)
    {
        var result = new List<Token>(toks.Count);
        for (int i = 0; i < toks.Count; i++)
        {
            Token token = toks[i];
            if (token.Kind == TokenKind.String && i + 1 < toks.Count && toks[i + 1].Kind == TokenKind.String)
            {
                var text = new System.Text.StringBuilder((string)token.Value!);
                while (i + 1 < toks.Count && toks[i + 1].Kind == TokenKind.String)
                {
                    text.Append((string)toks[++i].Value!);
                }

                token = token with { Value = text.ToString() };
            }

            result.Add(token);
        }

        return result;
    }
}
