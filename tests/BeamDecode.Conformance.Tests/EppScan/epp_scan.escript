#!/usr/bin/env escript
%% -*- erlang -*-
%%! +A0
-mode(compile).

%% Prints what epp:scan_erl_form/1 returns for each file, form by form, for EppScanConformanceTests.
%% Usage: epp_scan.escript ListFile [Name=Value]...   (macros predefined for every file, as erlc -D reads them)
%% ListFile: one file per line, "Path\tIncludeDir1\tIncludeDir2...".
%% Output (UTF-8), per file:
%%   F Path
%%   T then one tab-separated field per token: "Category Line Column Generated Value"
%%   E|W Line Column Module Message     (errors and warnings)
%%   X Line Column                      (eof)
%% Values: atoms, variables and strings as code points joined by '.', integers and chars in decimal,
%% floats as the decimal of their IEEE-754 bits; symbols and dot have "-".

main([ListFile | Defines]) ->
    ok = io:setopts(standard_io, [{encoding, unicode}]),
    put(macros, [macro(D) || D <- Defines]),
    {ok, Bin} = file:read_file(ListFile),
    Lines = [L || L <- string:split(unicode:characters_to_list(Bin), "\n", all), L =/= ""],
    Jobs = [string:split(L, "\t", all) || L <- Lines],
    N = erlang:system_info(schedulers_online) * 2,
    Macros = get(macros),
    Results = pmap(fun(Job) -> scan(Job, Macros) end, Jobs, N),
    lists:foreach(fun(R) -> io:put_chars(R) end, Results),
    halt(0).

pmap(F, Jobs, N) ->
    Indexed = lists:zip(lists:seq(1, length(Jobs)), Jobs),
    Self = self(),
    Workers = [spawn_link(fun() -> worker(Self, F) end) || _ <- lists:seq(1, N)],
    dispatch(Indexed, Workers, #{}, length(Jobs)).

dispatch(Jobs, Workers, Done, Total) ->
    {Jobs1, Workers1} = assign(Jobs, Workers),
    case maps:size(Done) of
        Total -> [maps:get(I, Done) || I <- lists:seq(1, Total)];
        _ ->
            receive {done, W, I, R} -> dispatch(Jobs1, [W | Workers1], Done#{I => R}, Total) end
    end.

assign([{I, J} | Js], [W | Ws]) -> W ! {job, I, J}, assign(Js, Ws);
assign(Js, Ws) -> {Js, Ws}.

worker(Parent, F) ->
    receive {job, I, J} -> Parent ! {done, self(), I, F(J)}, worker(Parent, F) end.

macro(Define) ->
    [Name, Value] = string:split(Define, "="),
    {ok, Tokens, _} = erl_scan:string(Value ++ "."),
    {ok, Term} = erl_parse:parse_term(Tokens),
    {list_to_atom(Name), Term}.

scan([Path | Includes], Macros) ->
    Opts = [{name, Path}, {includes, Includes}, {macros, Macros}, {location, {1, 1}}],
    Head = ["F ", Path, "\n"],
    case epp:open(Opts) of
        {ok, Epp} ->
            Body = forms(Epp, []),
            epp:close(Epp),
            unicode:characters_to_binary([Head | Body]);
        {error, E} ->
            unicode:characters_to_binary([Head, io_lib:format("E 0 0 file ~p~n", [E]), "X 0 0\n"])
    end.

forms(Epp, Acc) ->
    case epp:scan_erl_form(Epp) of
        {ok, Toks} -> forms(Epp, [["T", [["\t", token(T)] || T <- Toks], "\n"] | Acc]);
        {error, {Loc, Mod, Reason}} -> forms(Epp, [problem("E", Loc, Mod, Reason) | Acc]);
        {error, Other} -> forms(Epp, [io_lib:format("E 0 0 unknown ~w~n", [Other]) | Acc]);
        {warning, {Loc, Mod, Reason}} -> forms(Epp, [problem("W", Loc, Mod, Reason) | Acc]);
        {eof, Loc} -> lists:reverse([["X ", loc(Loc), "\n"] | Acc])
    end.

problem(Tag, Loc, Mod, Reason) ->
    Message = try lists:flatten(Mod:format_error(Reason))
              catch _:_ -> lists:flatten(io_lib:format("~tp", [Reason])) end,
    [Tag, " ", loc(Loc), " ", atom_to_list(Mod), " ", [case C of $\n -> $\s; _ -> C end || C <- Message], "\n"].

loc({L, C}) -> [integer_to_list(L), " ", integer_to_list(C)];
loc(L) when is_integer(L) -> [integer_to_list(L), " 0"];
loc(_) -> "0 0".

token(T) ->
    Cat = element(1, T),
    Anno = element(2, T),
    Loc = loc(erl_anno:location(Anno)),
    Gen = case erl_anno:generated(Anno) of true -> "1"; false -> "0" end,
    Value = case T of
                {_, _} -> "-";
                {_, _, V} -> value(V)
            end,
    [atom_to_list(Cat), " ", Loc, " ", Gen, " ", Value].

value(V) when is_atom(V) -> codes(atom_to_list(V));
value(V) when is_list(V) -> codes(V);
value(V) when is_integer(V) -> integer_to_list(V);
value(V) when is_float(V) -> <<B:64>> = <<V/float>>, integer_to_list(B);
value(V) -> io_lib:format("~w", [V]).

codes([]) -> "";
codes(L) -> lists:join(".", [integer_to_list(C) || C <- L]).
