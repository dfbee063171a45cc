using BeamDecode.Syntax.Diagnostics;

namespace BeamDecode.Syntax.Parsing;

/// <summary>
/// Macro expansion: epp.erl expand_macros/2, expand_macro/4, bind_args, count_args, macro_arg and the
/// ?FUNCTION_NAME / ?FUNCTION_ARITY support (update_fun_name). Expanded body tokens get the location of the macro
/// name in the call; argument tokens keep theirs, and body tokens after an argument get the location of the
/// argument's last token (expand_arg/5), as epp does.
/// </summary>
public sealed partial class Preprocessor
{
    /// <summary>Per-form state of an expansion: epp's <c>fname</c> (the form's raw tokens until the function
    /// name and arity are worked out) and the expansion budget.</summary>
    private sealed class ExpandContext(List<Token>? fnameTokens, bool fnameUndefined)
    {
        public List<Token>? FnameTokens { get; set; } = fnameTokens;

        public bool FnameUndefined { get; } = fnameUndefined;

        public string? FunctionName { get; set; }

        public int FunctionArity { get; set; }

        public int Expansions { get; set; }
    }

    /// <summary>Expands a form's tokens from <paramref name="start"/>; on an epp error reports it and returns null.</summary>
    private List<Token>? TryExpand(List<Token> toks, int start, List<Token> fnameTokens, out bool failed)
    {
        failed = false;
        try
        {
            return Expand(toks, start, new ExpandContext(fnameTokens, false), 0);
        }
        catch (MacroException e)
        {
            failed = true;
            Error(e.Location, e.Id, "epp", e.Message);
            return null;
        }
    }

    /// <summary>Expands, or null on any error (scan_err_warn/4 turns any failure into a badly formed directive).</summary>
    private List<Token>? TryExpandQuiet(List<Token> toks, int start)
    {
        try
        {
            return Expand(toks, start, new ExpandContext([], false), 0);
        }
        catch (MacroException)
        {
            return null;
        }
    }

    private List<Token> Expand(List<Token> input, int start, ExpandContext context, int depth)
    {
        bool any = false;
        for (int i = start; i < input.Count; i++)
        {
            if (input[i].Kind == TokenKind.Symbol && input[i].Text == "?")
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return start == 0 ? input : input.GetRange(start, input.Count - start);
        }

        // The input as a stack (top = next token), so an expansion can be pushed back in front of the rest.
        var stack = new List<Token>(input.Count - start);
        for (int i = input.Count - 1; i >= start; i--)
        {
            stack.Add(input[i]);
        }

        var output = new List<Token>(input.Count);
        while (stack.Count > 0)
        {
            Token token = Pop(stack);
            if (!(token.Kind == TokenKind.Symbol && token.Text == "?") || stack.Count == 0)
            {
                output.Add(token);
                continue;
            }

            Token name = stack[^1];
            if (name.Kind == TokenKind.Atom)
            {
                Pop(stack);
                ExpandCall(name, (string)name.Value!, stack, context, depth);
                continue;
            }

            if (name.Kind == TokenKind.Var)
            {
                Pop(stack);
                string macro = (string)name.Value!;
                switch (macro)
                {
                    case "FUNCTION_NAME":
                    case "FUNCTION_ARITY":
                        UpdateFunctionName(name, context, depth);
                        if (context.FnameUndefined)
                        {
                            output.Add(token);
                            output.Add(name);
                        }
                        else if (macro == "FUNCTION_NAME")
                        {
                            output.Add(AtomToken(context.FunctionName!, name.Line, name.Column) with { FromMacro = name.FromMacro, File = name.File });
                        }
                        else
                        {
                            output.Add(IntegerToken(context.FunctionArity, name.Line, name.Column) with { FromMacro = name.FromMacro, File = name.File });
                        }

                        break;
                    case "LINE":
                        output.Add(IntegerToken(name.Line, name.Line, name.Column) with { FromMacro = name.FromMacro, File = name.File });
                        break;
                    default:
                        ExpandCall(name, macro, stack, context, depth);
                        break;
                }

                continue;
            }

            throw new MacroException(name, DiagnosticId.IllegalMacroCall, $"illegal macro call '?{ErlangTerms.TokenSymbolText(name)}'");
        }

        return output;
    }

    private static Token Pop(List<Token> stack)
    {
        Token token = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return token;
    }

    /// <summary>epp.erl expand_macros/4: one call <c>?M</c> or <c>?M(Args)</c>, the name token already taken.</summary>
    private void ExpandCall(Token name, string macro, List<Token> stack, ExpandContext context, int depth)
    {
        if (++context.Expansions > _options.MaxMacroExpansions || depth > _options.MaxMacroDepth)
        {
            throw new MacroException(name, DiagnosticId.MacroExpansionTooDeep, "macro expansion too deep");
        }

        var view = new TokenView(stack, stack.Count - 1, reversed: true);
        int arity = CountArgs(view, name, macro);
        MacroDefinition definition = LookupMacro(name, macro, arity);
        CheckUses(macro, definition.HasArguments ? definition.Parameters.Length : MacroDefinition.NoArguments, name);
        if (!definition.HasArguments)
        {
            List<Token> body = Substitute(definition, name, null);
            List<Token> expanded = Expand(body, 0, context, depth + 1);
            for (int i = expanded.Count - 1; i >= 0; i--)
            {
                stack.Add(expanded[i]);
            }

            return;
        }

        List<Token>[] arguments = BindArguments(stack, name, macro, definition.Parameters.Length);
        List<Token> substituted = Substitute(definition, name, arguments);
        for (int i = substituted.Count - 1; i >= 0; i--)
        {
            stack.Add(substituted[i]);
        }
    }

    /// <summary>epp.erl expand_macro1/4.</summary>
    private MacroDefinition LookupMacro(Token at, string macro, int arity)
    {
        if (!_macros.TryGetValue(macro, out MacroEntry? entry) || (entry.Predefined && entry.Value is null))
        {
            string shown = arity == MacroDefinition.NoArguments ? macro : $"{macro}/{arity}";
            throw new MacroException(at, DiagnosticId.UndefinedMacro, $"undefined macro '{shown}'");
        }

        if (entry.Predefined)
        {
            return entry.Value!;
        }

        if (entry.Definitions.Count == 1 && !entry.Definitions[0].HasArguments)
        {
            return entry.Definitions[0];
        }

        return entry.Find(arity)
            ?? throw new MacroException(at, DiagnosticId.MacroArgumentMismatch, $"argument mismatch for macro '{macro}'");
    }

    /// <summary>epp.erl count_args/3,4: the number of arguments of a call (NoArguments without parentheses).</summary>
    private int CountArgs(TokenView toks, Token at, string macro)
    {
        if (toks.Count == 0 || !IsSymbol(toks[0], "("))
        {
            return MacroDefinition.NoArguments;
        }

        if (toks.Count > 1 && IsSymbol(toks[1], ")"))
        {
            return 0;
        }

        if (toks.Count > 1 && IsSymbol(toks[1], ","))
        {
            throw ArgError(at, macro);
        }

        int k = ArgumentEnd(toks, 1);
        int count = 1;
        while (true)
        {
            if (k >= toks.Count)
            {
                throw ArgError(at, macro);
            }

            Token token = toks[k];
            if (IsSymbol(token, ")"))
            {
                return count;
            }

            if (IsSymbol(token, ","))
            {
                if (k + 1 < toks.Count && IsSymbol(toks[k + 1], ")"))
                {
                    throw ArgError(at, macro);
                }

                k = ArgumentEnd(toks, k + 1);
                count++;
                continue;
            }

            throw new MacroException(at, DiagnosticId.MacroArgumentMismatch, $"argument mismatch for macro '{macro}'");
        }
    }

    private static MacroException ArgError(Token at, string macro) =>
        new(at, DiagnosticId.BadMacroArgument, $"badly formed argument for macro '{macro}'");

    /// <summary>
    /// epp.erl macro_arg/3: from <paramref name="k"/>, the index of the <c>,</c> or <c>)</c> that ends an argument
    /// (brackets and <c>begin</c>/<c>case</c>/<c>fun</c>/... <c>end</c> nest), or the end of the tokens.
    /// </summary>
    private int ArgumentEnd(TokenView toks, int k)
    {
        List<string>? closers = null;
        for (; k < toks.Count; k++)
        {
            Token token = toks[k];
            if (token.Kind != TokenKind.Symbol)
            {
                continue;
            }

            string text = token.Text;
            if ((closers is null || closers.Count == 0) && (text == "," || text == ")"))
            {
                return k;
            }

            string? closer = text switch
            {
                "(" => ")",
                "<<" => ">>",
                "[" => "]",
                "{" => "}",
                "begin" or "if" or "case" or "receive" or "try" or "cond" => "end",
                "maybe" when _release >= 27 => "end",
                _ => null,
            };
            if (text == "fun")
            {
                if (k + 1 < toks.Count && IsSymbol(toks[k + 1], "("))
                {
                    closer = "end";
                }
                else if (k + 2 < toks.Count && toks[k + 1].Kind == TokenKind.Var && IsSymbol(toks[k + 2], "("))
                {
                    closer = "end";
                    k++;
                }
            }

            if (closer is not null)
            {
                (closers ??= []).Add(closer);
                continue;
            }

            if (closers is { Count: > 0 } && closers[^1] == text)
            {
                closers.RemoveAt(closers.Count - 1);
            }
        }

        return k;
    }

    /// <summary>epp.erl bind_args/5 and macro_args/5: takes <c>(A1, ..., An)</c> off the stack.</summary>
    private List<Token>[] BindArguments(List<Token> stack, Token at, string macro, int arity)
    {
        MacroException Mismatch() => new(at, DiagnosticId.MacroArgumentMismatch, $"argument mismatch for macro '{macro}'");
        var arguments = new List<Token>[arity];
        if (stack.Count == 0 || !IsSymbol(stack[^1], "("))
        {
            throw Mismatch();
        }

        if (arity == 0)
        {
            if (stack.Count < 2 || !IsSymbol(stack[^2], ")"))
            {
                throw Mismatch();
            }

            Pop(stack);
            Pop(stack);
            return arguments;
        }

        Pop(stack);
        for (int a = 0; a < arity; a++)
        {
            var view = new TokenView(stack, stack.Count - 1, reversed: true);
            int end = ArgumentEnd(view, 0);
            if (end == 0)
            {
                throw Mismatch();
            }

            var argument = new List<Token>(end);
            for (int i = 0; i < end; i++)
            {
                argument.Add(Pop(stack));
            }

            arguments[a] = argument;
            if (stack.Count == 0)
            {
                throw ArgError(at, macro);
            }

            Token next = stack[^1];
            bool last = a == arity - 1;
            if (last ? !IsSymbol(next, ")") : !IsSymbol(next, ","))
            {
                throw Mismatch();
            }

            Pop(stack);
        }

        return arguments;
    }

    /// <summary>epp.erl expand_macro/4 and expand_arg/5.</summary>
    private static List<Token> Substitute(MacroDefinition definition, Token call, List<Token>[]? arguments)
    {
        var body = definition.Body;
        var output = new List<Token>(body.Length + 8);
        int line = call.Line;
        int column = call.Column;
        string? file = call.File;
        for (int i = 0; i < body.Length; i++)
        {
            Token token = body[i];
            if (token.Kind == TokenKind.Var && arguments is not null)
            {
                int index = definition.Parameters.IndexOf((string)token.Value!);
                if (index >= 0)
                {
                    List<Token> argument = arguments[index];
                    output.AddRange(argument);
                    Token lastToken = argument[^1];
                    line = lastToken.Line;
                    column = lastToken.Column;
                    continue;
                }
            }

            if (token.Kind == TokenKind.Symbol && token.Text == "?" && i + 2 < body.Length && IsSymbol(body[i + 1], "?")
                && body[i + 2].Kind == TokenKind.Var)
            {
                Token var = body[i + 2];
                i += 2;
                int index = arguments is null ? -1 : definition.Parameters.IndexOf((string)var.Value!);
                if (index >= 0)
                {
                    string text = ErlangTerms.Stringify(arguments![index]);
                    output.Add(StringToken(text, line, column) with { FromMacro = true, File = file });
                }
                else
                {
                    output.Add(var with { Line = line, Column = column, FromMacro = true, File = file });
                }

                continue;
            }

            output.Add(token with { Line = line, Column = column, FromMacro = true, File = file });
        }

        return output;
    }

    /// <summary>epp.erl update_fun_name/2: the name and arity of the function whose clause the form starts.</summary>
    private void UpdateFunctionName(Token at, ExpandContext context, int depth)
    {
        if (context.FnameUndefined || context.FnameTokens is null)
        {
            return;
        }

        List<Token> raw = context.FnameTokens;
        context.FnameTokens = null;
        List<Token> toks;
        try
        {
            toks = Expand(raw, 0, new ExpandContext(null, true), depth + 1);
        }
        catch (MacroException)
        {
            context.FunctionName = "_";
            context.FunctionArity = 0;
            return;
        }

        string macro = (string)at.Value!;
        if (toks.Count >= 2 && toks[0].Kind == TokenKind.Atom && IsSymbol(toks[1], "("))
        {
            context.FunctionName = (string)toks[0].Value!;
            context.FunctionArity = CountFunctionArity(toks);
            return;
        }

        if (toks.Count > 0 && IsSymbol(toks[0], "?"))
        {
            throw new MacroException(at, DiagnosticId.FunctionMacroBeginsForm, $"?{macro} must not begin a form");
        }

        throw new MacroException(at, DiagnosticId.FunctionMacroOutsideFunction, $"?{macro} can only be used within a function");
    }

    /// <summary>epp.erl update_fun_name_1/4: commas at the top level of the head's parentheses.</summary>
    private static int CountFunctionArity(List<Token> toks)
    {
        int level = 1;
        int arity = 0;
        for (int i = 2; i < toks.Count; i++)
        {
            Token token = toks[i];
            string? symbol = token.Kind == TokenKind.Symbol ? token.Text : null;
            switch (symbol)
            {
                case ",":
                    if (level == 1)
                    {
                        arity++;
                    }

                    break;
                case "(" or "{" or "[" or "<<":
                    level++;
                    break;
                case ")" or "}" or "]" or ">>":
                    if (level == 1)
                    {
                        return arity;
                    }

                    level--;
                    break;
                default:
                    if (arity == 0)
                    {
                        arity = 1;
                    }

                    break;
            }
        }

        return arity;
    }

    /// <summary>A read-only view of tokens in order, over a list read forwards or a stack read from its top.</summary>
    private readonly struct TokenView(List<Token> list, int start, bool reversed)
    {
        public int Count => reversed ? start + 1 : list.Count - start;

        public Token this[int k] => reversed ? list[start - k] : list[start + k];
    }
}
