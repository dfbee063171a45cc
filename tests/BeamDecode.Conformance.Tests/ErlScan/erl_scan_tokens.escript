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
%% Inputs are scanned in parallel (a batch per round, results written in input order).

-mode(compile).

main([Mode, InFile, OutFile, Module, BeamDir]) ->
    %% Another erl_scan, compiled from a newer release's source (erl_scan of OTP 27 as erl_scan27), with the
    %% reserved words of that release's default features (maybe_expr is on by default from OTP 27).
    true = code:add_patha(BeamDir),
    Scanner = list_to_atom(Module),
    {module, Scanner} = code:ensure_loaded(Scanner),
    Options = [{reserved_word_fun,
                fun(W) -> Scanner:f_reserved_word(W) orelse W =:= 'maybe' orelse W =:= 'else' end}],
    run(Mode, InFile, OutFile, {Scanner, Options});
main([Mode, InFile, OutFile]) ->
    run(Mode, InFile, OutFile, {erl_scan, []}).

run(Mode, InFile, OutFile, Scanner) ->
    {ok, Out} = file:open(OutFile, [write, raw, binary, {delayed_write, 1 bsl 20, 2000}]),
    {ok, Bin} = file:read_file(InFile),
    Inputs = [binary_to_list(L) || L <- binary:split(Bin, <<"\n">>, [global]), L =/= <<>>],
    Fun = case Mode of
              "files" -> fun(Path) -> scan_file(Path, Scanner) end;
              "snippets" -> fun(Hex) -> scan_snippet(Hex, Scanner, string) end;
              "snippet_forms" -> fun(Hex) -> scan_snippet(Hex, Scanner, forms) end
          end,
    parallel(Inputs, Fun, Out, 4 * erlang:system_info(schedulers_online)),
    ok = file:close(Out).

parallel([], _Fun, _Out, _Size) ->
    ok;
parallel(Inputs, Fun, Out, Size) ->
    {Batch, Rest} = lists:split(min(Size, length(Inputs)), Inputs),
    Parent = self(),
    Refs = [begin
                Ref = make_ref(),
                spawn_link(fun() -> Parent ! {Ref, iolist_to_binary(Fun(Input))} end),
                Ref
            end || Input <- Batch],
    [receive {Ref, Result} -> ok = file:write(Out, Result) end || Ref <- Refs],
    parallel(Rest, Fun, Out, Size).

scan_snippet(Hex, Scanner, How) ->
    Text = unicode:characters_to_list(binary:decode_hex(list_to_binary(Hex)), utf8),
    ["F ", Hex, "\n", scan_text(Text, Scanner, How)].

scan_file(Path, Scanner) ->
    Enc = case epp:read_encoding(Path) of
              none -> utf8;
              E -> E
          end,
    {ok, Bin} = file:read_file(Path),
    ["F ", Path, "\n",
     case unicode:characters_to_list(Bin, Enc) of
         Text when is_list(Text) ->
             scan_text(Text, Scanner, string);
         Other ->
             ["X ", io_lib:format("~w", [element(1, Other)]), "\n"]
     end].

scan_text(Text, {Scanner, Options}, string) ->
    case Scanner:string(Text, {1,1}, Options) of
        {ok, Tokens, _End} ->
            [token(T) || T <- Tokens];
        {error, {{Line, Col}, Scanner, Descriptor}, _End} ->
            error_line(Line, Col, Scanner, Descriptor)
    end;
scan_text(Text, {Scanner, Options}, forms) ->
    scan_forms(Scanner, Options, [], Text, {1,1}).

%% As io:scan_erl_form does for epp: erl_scan:tokens/4 up to each dot; after an error, on from its rest.
scan_forms(Scanner, Options, Cont, Chars, Location) ->
    case Scanner:tokens(Cont, Chars, Location, Options) of
        {more, More} ->
            scan_forms(Scanner, Options, More, eof, Location);
        {done, {ok, Tokens, End}, Rest} ->
            [[token(T) || T <- Tokens] | scan_forms(Scanner, Options, [], Rest, End)];
        {done, {eof, _}, _} ->
            [];
        {done, {error, {{Line, Col}, Scanner, Descriptor}, End}, Rest} ->
            [error_line(Line, Col, Scanner, Descriptor) | scan_forms(Scanner, Options, [], Rest, End)]
    end.

error_line(Line, Col, Scanner, Descriptor) ->
    ["E ", integer_to_list(Line), " ", integer_to_list(Col), " ", hex(Scanner:format_error(Descriptor)), "\n"].

token(Token) ->
    Category = erl_scan:category(Token),
    {Line, Col} = erl_scan:location(Token),
    Value = case Token of
                {_, _} -> "-";
                {_, _, V} -> value(V)
            end,
    ["T ", hex(atom_to_list(Category)), " ", integer_to_list(Line), " ", integer_to_list(Col), " ", Value, "\n"].

value(V) when is_atom(V) -> text(atom_to_list(V));
value(V) when is_list(V) -> text(V);
value(V) when is_integer(V) -> integer_to_list(V);
value(V) when is_float(V) -> <<Bits:64>> = <<V/float>>, integer_to_list(Bits).

text([]) -> "=";
text(Chars) -> hex(Chars).

hex(Chars) -> binary_to_list(binary:encode_hex(unicode:characters_to_binary(Chars))).
