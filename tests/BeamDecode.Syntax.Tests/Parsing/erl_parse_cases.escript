#!/usr/bin/env escript
%% Writes, for each line of FILE (one form), the line, a tab and erl_parse:parse_form/1 of its tokens
%% (erl_scan:string(L, {1,1}) with maybe and else reserved): the form as ~w, or "error", a tab and
%% Line:Col: message, or "crash". ParserTests reads the output (erl_parse_cases.txt, made with OTP 25.2.3):
%%   escript erl_parse_cases.escript forms.txt > erl_parse_cases.txt
main([File]) ->
    {ok, Bin} = file:read_file(File),
    Lines = [L || L <- string:split(binary_to_list(Bin), "\n", all), L =/= ""],
    RW = fun(maybe) -> true; ('else') -> true; (W) -> erl_scan:reserved_word(W) end,
    [begin
         {ok, Toks, _} = erl_scan:string(L, {1,1}, [{reserved_word_fun, RW}]),
         case catch erl_parse:parse_form(Toks) of
             {ok, F} -> io:format("~ts\t~w~n", [L, F]);
             {error, {{Ln, Col}, M, E}} -> io:format("~ts\terror\t~w:~w: ~ts~n", [L, Ln, Col, M:format_error(E)]);
             Other -> io:format("~ts\tcrash\t~P~n", [L, Other, 5])
         end
     end || L <- Lines].
