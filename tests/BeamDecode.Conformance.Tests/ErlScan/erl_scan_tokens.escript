#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%% Writes to OutFile what erl_scan:string(Text, {1,1}) returns for each file named in the list file (one path per line),
%% or for each snippet of a snippet file (mode "snippets": one snippet a line, as the hex of its UTF-8),
%% one line per token, so the lexer conformance test can compare every token of every file:
%%   F <path>                       a file starts
%%   T <category> <line> <col> <value>
%%   E <line> <col> <message>       erl_scan stopped with an error (hex of erl_scan:format_error/1's text)
%%   X <reason>                     the file could not be read as epp reads it
%% Mode snippet_forms scans each snippet form by form as epp does, printing every error where it occurs.
%% Category and string values are the hex of their UTF-8 text; integers and chars decimal; floats the decimal
%% of their IEEE 754 bits; "-" when the token has no value.
%% The text is read as epp reads it: UTF-8 unless a coding comment says latin-1 (epp:read_encoding/1).

%% With two more arguments, Module and BeamDir, the scanner is Module loaded from BeamDir instead of erl_scan.

-mode(compile).

main([Mode, InFile, OutFile, Module, BeamDir]) ->
    %% Another erl_scan, compiled from a newer release's source (erl_scan of OTP 27 as erl_scan27), with the
    %% reserved words of that release's default features (maybe_expr is on by default from OTP 27).
    true = code:add_patha(BeamDir),
    Scanner = list_to_atom(Module),
    {module, Scanner} = code:ensure_loaded(Scanner),
    put(scanner, {Scanner, [{reserved_word_fun,
                             fun(W) -> Scanner:f_reserved_word(W) orelse W =:= 'maybe' orelse W =:= 'else' end}]}),
    main([Mode, InFile, OutFile]);
main(["files", ListFile, OutFile]) ->
    open_out(OutFile),
    {ok, Bin} = file:read_file(ListFile),
    Paths = [binary_to_list(P) || P <- binary:split(Bin, <<"\n">>, [global]), P =/= <<>>],
    lists:foreach(fun scan_file/1, Paths),
    ok = file:close(get(out));
main(["snippet_forms", SnippetFile, OutFile]) ->
    %% Form by form, as epp reads a file (io:scan_erl_form: erl_scan:tokens/4 up to each dot, and after an
    %% error on from erl_scan's rest): every form's tokens, and every error in its place.
    put(forms, true),
    main(["snippets", SnippetFile, OutFile]);
main(["snippets", SnippetFile, OutFile]) ->
    open_out(OutFile),
    {ok, Bin} = file:read_file(SnippetFile),
    Lines = [L || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>],
    lists:foreach(fun(Hex) ->
                          Text = unicode:characters_to_list(binary:decode_hex(Hex), utf8),
                          out(["F ", Hex, "\n"]),
                          scan_text(Text)
                  end, Lines),
    ok = file:close(get(out)).

open_out(OutFile) ->
    {ok, Out} = file:open(OutFile, [write, raw, binary, {delayed_write, 1 bsl 20, 2000}]),
    put(out, Out).

scan_file(Path) ->
    out(["F ", Path, "\n"]),
    Enc = case epp:read_encoding(Path) of
              none -> utf8;
              E -> E
          end,
    {ok, Bin} = file:read_file(Path),
    case unicode:characters_to_list(Bin, Enc) of
        Text when is_list(Text) ->
            scan_text(Text);
        Other ->
            out(["X ", io_lib:format("~w", [element(1, Other)]), "\n"])
    end.

scan_text(Text) ->
    {Scanner, Options} = case get(scanner) of
                             undefined -> {erl_scan, []};
                             S -> S
                         end,
    case get(forms) of
        true -> scan_forms(Scanner, Options, [], Text, {1,1});
        _ -> scan_string(Scanner, Options, Text)
    end.

scan_forms(Scanner, Options, Cont, Chars, Location) ->
    case Scanner:tokens(Cont, Chars, Location, Options) of
        {more, More} ->
            scan_forms(Scanner, Options, More, eof, Location);
        {done, {ok, Tokens, End}, Rest} ->
            out([token(T) || T <- Tokens]),
            scan_forms(Scanner, Options, [], Rest, End);
        {done, {eof, _}, _} ->
            ok;
        {done, {error, {{Line, Col}, Scanner, Descriptor}, End}, Rest} ->
            out(["E ", integer_to_list(Line), " ", integer_to_list(Col), " ",
                 hex(Scanner:format_error(Descriptor)), "\n"]),
            scan_forms(Scanner, Options, [], Rest, End)
    end.

scan_string(Scanner, Options, Text) ->
    case Scanner:string(Text, {1,1}, Options) of
        {ok, Tokens, _End} ->
            out([token(T) || T <- Tokens]);
        {error, {{Line, Col}, Scanner, Descriptor}, _End} ->
            out(["E ", integer_to_list(Line), " ", integer_to_list(Col), " ",
                 hex(Scanner:format_error(Descriptor)), "\n"])
    end.

token(Token) ->
    Category = erl_scan:category(Token),
    {Line, Col} = erl_scan:location(Token),
    Value = case Token of
                {_, _} -> "-";
                {_, _, V} -> value(V)
            end,
    ["T ", hex(atom_to_list(Category)), " ", integer_to_list(Line), " ", integer_to_list(Col), " ",
         Value, "\n"].

value(V) when is_atom(V) -> text(atom_to_list(V));
value(V) when is_list(V) -> text(V);
value(V) when is_integer(V) -> integer_to_list(V);
value(V) when is_float(V) -> <<Bits:64>> = <<V/float>>, integer_to_list(Bits).

text([]) -> "=";
text(Chars) -> hex(Chars).

hex(Chars) -> binary_to_list(binary:encode_hex(unicode:characters_to_binary(Chars))).

out(IoData) -> ok = file:write(get(out), IoData).
