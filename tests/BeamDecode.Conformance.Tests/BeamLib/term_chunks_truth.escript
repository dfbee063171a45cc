#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell
%%
%% Ground truth for the term decoder on real data: for every file named in the list file, the MD5 of the
%% UTF-8 ~w text of (1) the literal table decoded by OTP itself (zlib:uncompress + binary_to_term per
%% literal, as a list), (2) the whole Dbgi/Abst term when it is not encrypted, and (3) each of the term
%% chunks Attr, CInf, Meta, Docs, ExCk (binary_to_term of the raw chunk). One line per file:
%% io_lib prints a map of more than 32 keys in its internal hash order, which OTP leaves undefined;
%% beamdecode prints every map in key order. So both sides print such a map as
%% {'$sorted_map', [{K, V}...]} in map-key order (erts_internal:cmp_term/2) before hashing.
%%   Path <TAB> LiteralsMd5|- <TAB> DebugInfoMd5|- <TAB> Attr|- <TAB> CInf|- <TAB> Meta|- <TAB> Docs|- <TAB> ExCk|-
main([ListFile, Out]) ->
    {ok, Bin} = file:read_file(ListFile),
    Paths = [binary_to_list(P) || P <- binary:split(Bin, <<"\n">>, [global, trim_all])],
    {ok, Fd} = file:open(Out, [write, binary]),
    lists:foreach(fun(P) -> ok = file:write(Fd, line(P)) end, Paths),
    ok = file:close(Fd),
    halt(0).

line(Path) ->
    {ok, _, Chunks} = beam_lib:all_chunks(Path),
    Ids = ["LitT", debug, "Attr", "CInf", "Meta", "Docs", "ExCk"],
    Fields = [field(Id, Chunks) || Id <- Ids],
    [unicode:characters_to_binary(Path), [[$\t, F] || F <- Fields], $\n].

field("LitT", Chunks) ->
    case lists:keyfind("LitT", 1, Chunks) of
        {_, <<_Size:32, Z/binary>>} ->
            <<Count:32, Rest/binary>> = zlib:uncompress(Z),
            md5w(literals(Count, Rest));
        false -> "-"
    end;
field(debug, Chunks) ->
    case lists:keyfind("Dbgi", 1, Chunks) of
        {_, <<0, _/binary>>} -> "-";
        {_, <<>>} -> "-";
        {_, D} -> md5w(binary_to_term(D));
        false ->
            case lists:keyfind("Abst", 1, Chunks) of
                {_, <<0, _/binary>>} -> "-";
                {_, <<>>} -> "-";
                {_, A} -> md5w(binary_to_term(A));
                false -> "-"
            end
    end;
field(Id, Chunks) ->
    case lists:keyfind(Id, 1, Chunks) of
        {_, B} -> md5w(binary_to_term(B));
        false -> "-"
    end.

literals(0, <<>>) -> [];
literals(N, <<Size:32, T:Size/binary, Rest/binary>>) -> [binary_to_term(T) | literals(N - 1, Rest)].

md5w(Term) ->
    Text = unicode:characters_to_binary(io_lib:format("~w", [normalize(Term)])),
    [io_lib:format("~2.16.0b", [B]) || <<B>> <= erlang:md5(Text)].

normalize(M) when is_map(M), map_size(M) > 32 ->
    Pairs = lists:sort(fun({A, _}, {B, _}) -> erts_internal:cmp_term(A, B) =< 0 end, maps:to_list(M)),
    {'$sorted_map', [{normalize(K), normalize(V)} || {K, V} <- Pairs]};
normalize(M) when is_map(M) ->
    maps:from_list([{normalize(K), normalize(V)} || {K, V} <- maps:to_list(M)]);
normalize([H | T]) -> [normalize(H) | normalize(T)];
normalize(T) when is_tuple(T) -> list_to_tuple([normalize(E) || E <- tuple_to_list(T)]);
normalize(T) -> T.
