using System.Collections.Immutable;
using System.Numerics;
using System.Runtime.InteropServices;
using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>Macro definitions: the predefined macros, -define and the use graph for circularity checks.</summary>
public sealed partial class Preprocessor
{
    /// <summary>epp.erl predef_macros/2 and user_predef/2.</summary>
    private void InitMacros(string sourceName)
    {
        SetPredefined("FILE", [StringToken(sourceName, 1, 0)]);
        _macros["FUNCTION_NAME"] = MacroEntry.Predef(null);
        _macros["FUNCTION_ARITY"] = MacroEntry.Predef(null);
        SetPredefined("LINE", [IntegerToken(1, 1, 0)]);
        _macros["MODULE"] = MacroEntry.Predef(null);
        _macros["MODULE_STRING"] = MacroEntry.Predef(null);
        _macros["BASE_MODULE"] = MacroEntry.Predef(null);
        _macros["BASE_MODULE_STRING"] = MacroEntry.Predef(null);
        SetPredefined("MACHINE", [AtomToken("BEAM", 1, 0)]);
        SetPredefined("BEAM", [AtomToken("true", 1, 0)]);
        SetPredefined("OTP_RELEASE", [IntegerToken(_release, 1, 0)]);
        _macros["FEATURE_AVAILABLE"] = MacroEntry.User([FeatureMacro(FeatureInfo.Available(_release))]);
        _macros["FEATURE_ENABLED"] = MacroEntry.User([FeatureMacro(_features)]);

        foreach (KeyValuePair<string, string?> macro in _options.Macros)
        {
            ImmutableArray<Token> body;
            if (macro.Value is null)
            {
                body = [AtomToken("true", 0, 0)];
            }
            else
            {
                var diagnostics = new List<Diagnostic>();
                var text = new Text.SourceText(macro.Value, $"-D{macro.Key}");
                ImmutableArray<Token> scanned = Lexer.Scan(text, _lexerOptions, diagnostics);
                if (diagnostics.Count > 0)
                {
                    _diagnostics.Add(new Diagnostic(DiagnosticId.BadPredefinedMacro,
                        $"bad value for macro '{macro.Key}': {diagnostics[0].Message}", 0, 0, sourceName));
                    continue;
                }

                ImmutableArray<Token>? normalized = MacroValue.Normalize(scanned);
                if (normalized is null)
                {
                    _diagnostics.Add(new Diagnostic(DiagnosticId.BadPredefinedMacro,
                        $"bad value for macro '{macro.Key}': not a term: {macro.Value}", 0, 0, sourceName));
                    continue;
                }

                body = normalized.Value;
            }

            if (_macros.TryGetValue(macro.Key, out MacroEntry? existing))
            {
                _diagnostics.Add(new Diagnostic(DiagnosticId.BadPredefinedMacro, existing.Predefined
                    ? $"redefining predefined macro '{macro.Key}'"
                    : $"redefining macro '{macro.Key}'", 0, 0, sourceName));
                continue;
            }

            _macros[macro.Key] = MacroEntry.User([new MacroDefinition(MacroDefinition.NoArguments, [], body)]);
        }
    }

    private void SetPredefined(string name, ImmutableArray<Token> body) =>
        _macros[name] = MacroEntry.Predef(new MacroDefinition(MacroDefinition.NoArguments, [], body));

    /// <summary>epp.erl ftr_macro/1: FEATURE_AVAILABLE(X) / FEATURE_ENABLED(X) test X against a list of features.</summary>
    private static MacroDefinition FeatureMacro(IReadOnlyList<string> features)
    {
        var body = new List<Token>();
        if (features.Count == 0)
        {
            body.Add(AtomToken("false", 1, 0));
        }
        else
        {
            // ['(' | foldl(fun(F, E) -> Fexp(F) ++ ['orelse' | E] end, Fexp(F1) ++ [')'], Rest)]
            var expr = new List<Token>();
            AddFeatureTest(expr, features[0]);
            expr.Add(SymbolToken(")", 1, 0));
            for (int i = 1; i < features.Count; i++)
            {
                var next = new List<Token>();
                AddFeatureTest(next, features[i]);
                next.Add(SymbolToken("orelse", 1, 0));
                next.AddRange(expr);
                expr = next;
            }

            body.Add(SymbolToken("(", 1, 0));
            body.AddRange(expr);
        }

        return new MacroDefinition(1, ["X"], [.. body]);
    }

    private static void AddFeatureTest(List<Token> tokens, string feature)
    {
        tokens.Add(SymbolToken("(", 1, 0));
        tokens.Add(new Token(TokenKind.Var, default, "X", "X", 1, 0));
        tokens.Add(SymbolToken(")", 1, 0));
        tokens.Add(SymbolToken("==", 1, 0));
        tokens.Add(AtomToken(feature, 1, 0));
    }

    /// <summary>epp.erl scan_define/4 and its helpers macro_pars, macro_expansion, scan_define_2, scan_define_cont.</summary>
    private void ScanDefine(List<Token> toks, Token define)
    {
        if (toks.Count < 4 || !IsSymbol(toks[2], "(") || !IsName(toks[3]))
        {
            Error(FindMismatch(toks, 2, define, "(", VarOrAtom), DiagnosticId.BadDirective, "badly formed 'define'");
            return;
        }

        Token mac = toks[3];
        MacroDefinition definition;
        try
        {
            if (toks.Count > 4 && IsSymbol(toks[4], ","))
            {
                definition = new MacroDefinition(MacroDefinition.NoArguments, [], MacroBody(toks, 5, toks[4]));
            }
            else if (toks.Count > 4 && IsSymbol(toks[4], "("))
            {
                definition = MacroParameters(toks, 5, toks[4]);
            }
            else
            {
                Error(NoMatch(toks, 4, define), DiagnosticId.BadDirective, "badly formed 'define'");
                return;
            }
        }
        catch (MacroException e)
        {
            Error(e.Location, e.Id, "epp", e.Message);
            return;
        }

        string key = (string)mac.Value!;
        if (_macros.TryGetValue(key, out MacroEntry? entry))
        {
            if (entry.Predefined)
            {
                Error(mac, DiagnosticId.RedefinePredefinedMacro, $"redefining predefined macro '{key}'");
                return;
            }

            if (entry.Find(definition.Arity) is not null)
            {
                Error(mac, DiagnosticId.RedefineMacro, $"redefining macro '{key}'");
                return;
            }
        }

        List<(string, int)> uses;
        try
        {
            uses = MacroUses(definition.Body);
        }
        catch (MacroException e)
        {
            Error(e.Location, e.Id, "epp", e.Message);
            return;
        }

        if (entry is null)
        {
            _macros[key] = MacroEntry.User([definition]);
        }
        else
        {
            entry.Definitions.Insert(0, definition);
        }

        if (!_uses.TryGetValue(key, out var list))
        {
            // Most macros have one definition.
            list = new(1);
            _uses[key] = list;
        }

        list.Insert(0, (definition.Arity, uses));
        _acyclic.Clear();
    }

    /// <summary>epp.erl macro_pars/3, macro_pars_cont/3 and macro_pars_end/2.</summary>
    private static MacroDefinition MacroParameters(List<Token> toks, int i, Token open)
    {
        var parameters = new List<string>();
        Token last = open;
        if (i < toks.Count && toks[i].Kind == TokenKind.Var)
        {
            parameters.Add((string)toks[i].Value!);
            last = toks[i];
            i++;
            while (true)
            {
                if (i < toks.Count && IsSymbol(toks[i], ")"))
                {
                    break;
                }

                if (i + 1 < toks.Count && IsSymbol(toks[i], ",") && toks[i + 1].Kind == TokenKind.Var)
                {
                    Token var = toks[i + 1];
                    string name = (string)var.Value!;
                    if (parameters.Contains(name))
                    {
                        throw new MacroException(var, DiagnosticId.DuplicatedMacroArgument, $"argument '{name}' already used");
                    }

                    parameters.Add(name);
                    last = var;
                    i += 2;
                    continue;
                }

                throw new MacroException(NoMatch(toks, i, last), DiagnosticId.BadDirective, "badly formed 'define'");
            }
        }
        else if (!(i < toks.Count && IsSymbol(toks[i], ")")))
        {
            throw new MacroException(NoMatch(toks, i, open), DiagnosticId.BadDirective, "badly formed 'define'");
        }

        Token close = toks[i];
        i++;
        if (!(i < toks.Count && IsSymbol(toks[i], ",")))
        {
            throw new MacroException(NoMatch(toks, i, close), DiagnosticId.DefineMissingComma,
                "badly formed define: missing comma");
        }

        return new MacroDefinition(parameters.Count, [.. parameters], MacroBody(toks, i + 1, toks[i]));
    }

    /// <summary>epp.erl macro_expansion/2: the body runs to the <c>)</c> just before the final dot.</summary>
    private static ImmutableArray<Token> MacroBody(List<Token> toks, int start, Token previous)
    {
        for (int j = start; ; j++)
        {
            int remaining = toks.Count - j;
            if (remaining == 2 && IsSymbol(toks[j], ")") && toks[j + 1].Kind == TokenKind.Dot)
            {
                var body = new Token[j - start];
                toks.CopyTo(start, body, 0, body.Length);
                return ImmutableCollectionsMarshal.AsImmutableArray(body);
            }

            if (remaining == 1 && toks[j].Kind == TokenKind.Dot)
            {
                throw new MacroException(toks[j], DiagnosticId.DefineMissingParenthesis,
                    "badly formed define: missing closing right parenthesis");
            }

            if (remaining <= 0)
            {
                throw new MacroException(j > start ? toks[j - 1] : previous, DiagnosticId.DefinePrematureEnd, "premature end");
            }
        }
    }

    /// <summary>epp.erl macro_uses/1 and macro_ref/1: the macros a body calls, with the arity of each call.</summary>
    private List<(string, int)> MacroUses(ImmutableArray<Token> body)
    {
        bool calls = false;
        foreach (Token token in body)
        {
            if (token.Kind == TokenKind.Symbol && token.Text == "?")
            {
                calls = true;
                break;
            }
        }

        if (!calls)
        {
            return NoUses;
        }

        var list = new List<Token>(body);
        var uses = new SortedSet<(string, int)>(Comparer<(string, int)>.Create(static (a, b) =>
        {
            int c = string.CompareOrdinal(a.Item1, b.Item1);
            return c != 0 ? c : a.Item2.CompareTo(b.Item2);
        }));
        for (int i = 0; i < list.Count; i++)
        {
            if (!IsSymbol(list[i], "?") || i + 1 >= list.Count)
            {
                continue;
            }

            Token next = list[i + 1];
            if (IsSymbol(next, "?"))
            {
                i++;
                continue;
            }

            if (IsName(next))
            {
                string name = (string)next.Value!;
                int arity = CountArgs(new TokenView(list, i + 2, reversed: false), next, name);
                uses.Add((name, arity));
                i++;
            }
        }

        return [.. uses];
    }

    /// <summary>The uses of a body that calls no macro: shared, never changed (the use lists are only read).</summary>
    private static readonly List<(string, int)> NoUses = [];

    /// <summary>epp.erl check_uses/4: a macro whose expansion reaches itself is circular.</summary>
    private void CheckUses(string name, int arity, Token at)
    {
        // The outcome depends only on the use graph: remember the macros already found acyclic until it changes.
        if (_acyclic.Contains((name, arity)))
        {
            return;
        }

        int budget = 100_000;
        var ancestors = new List<(string, int)>();
        CheckUses([(name, arity)], ancestors, at, ref budget);
        _acyclic.Add((name, arity));
    }

    private void CheckUses(List<(string Name, int Arity)> macros, List<(string, int)> ancestors, Token at, ref int budget)
    {
        foreach ((string Name, int Arity) macro in macros)
        {
            if (--budget < 0 || ancestors.Count > _options.MaxMacroDepth)
            {
                throw new MacroException(at, DiagnosticId.MacroExpansionTooDeep, "macro expansion too deep");
            }

            if (ancestors.Contains(macro))
            {
                string shown = macro.Arity == MacroDefinition.NoArguments ? macro.Name : $"{macro.Name}/{macro.Arity}";
                throw new MacroException(at, DiagnosticId.CircularMacro, $"circular macro '{shown}'");
            }

            List<(string, int)>? uses = GetMacroUses(macro);
            if (uses is null || uses.Count == 0)
            {
                continue;
            }

            ancestors.Add(macro);
            CheckUses(uses, ancestors, at, ref budget);
            ancestors.RemoveAt(ancestors.Count - 1);
        }
    }

    /// <summary>epp.erl get_macro_uses/2.</summary>
    private List<(string, int)>? GetMacroUses((string Name, int Arity) macro)
    {
        if (!_uses.TryGetValue(macro.Name, out var list))
        {
            return null;
        }

        List<(string, int)>? none = null;
        bool noneFound = false;
        foreach (var (arity, uses) in list)
        {
            if (arity == macro.Arity)
            {
                return uses;
            }

            if (!noneFound && arity == MacroDefinition.NoArguments)
            {
                none = uses;
                noneFound = true;
            }
        }

        return none;
    }

    internal static Token SymbolToken(string symbol, int line, int column) =>
        new(TokenKind.Symbol, default, symbol, null, line, column);

    internal static Token AtomToken(string name, int line, int column) =>
        new(TokenKind.Atom, default, ErlangTerms.QuoteAtom(name), name, line, column);

    internal static Token StringToken(string value, int line, int column) =>
        new(TokenKind.String, default, ErlangTerms.WriteString(value), value, line, column);

    internal static Token IntegerToken(BigInteger value, int line, int column) =>
        new(TokenKind.Integer, default, value.ToString(System.Globalization.CultureInfo.InvariantCulture), value, line, column);

    /// <summary>An epp error thrown while reading a directive or expanding macros (epp throws {error,Loc,What}).</summary>
    private sealed class MacroException(Token at, string id, string message) : Exception(message)
    {
        public (int Line, int Column) Location { get; } = (at.Line, at.Column);

        public string Id { get; } = id;
    }
}
