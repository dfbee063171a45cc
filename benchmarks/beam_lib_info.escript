#!/usr/bin/env escript
%% -*- erlang -*-
%%! -noshell -noinput
%%
%% The beam_lib baseline for benchmarks/compare.sh: for every .beam file under each PATH argument
%% (default /usr/lib/erlang), what `beamdecode info --json` reports, asked of beam_lib and written to
%% stdout as one ~w term per module:
%%   {Path, Module, Md5Hex, ChunkList, Exports, Imports, Locals, Attributes, CompileInfo}
%% ChunkList comes from beam_lib:info/1, Md5Hex from beam_lib:md5/1, the rest from one beam_lib:chunks/2
%% call asking for labeled_exports, imports, labeled_locals, attributes and compile_info.
%% Each file is read once (file:read_file/1) and the binary handed to beam_lib, as beamdecode does.
%%
%% Modules are independent, so they are decoded by Jobs worker processes (default: schedulers online,
%% i.e. one per core, as beamdecode's Parallel.For) and written in sorted path order.
%% `-j 1` gives the sequential run. Bad files print one line on stderr and make the exit status 2.
%%
%% Usage: escript beam_lib_info.escript [-j Jobs] [PATH...]
-mode(compile).

main(Args) ->
    {Jobs, Paths0} = parse_args(Args, erlang:system_info(schedulers_online), []),
    Paths = case Paths0 of [] -> ["/usr/lib/erlang"]; _ -> Paths0 end,
    Files = lists:usort(lists:append([expand(P) || P <- Paths])),
    Results = pmap(fun(F) -> describe(F) end, Files, Jobs),
    Status = lists:foldl(fun(R, S) -> write_result(R, S) end, 0, Results),
    halt(Status).

parse_args(["-j", N | Rest], _, Acc) -> parse_args(Rest, list_to_integer(N), Acc);
parse_args([P | Rest], Jobs, Acc) -> parse_args(Rest, Jobs, [P | Acc]);
parse_args([], Jobs, Acc) -> {max(1, Jobs), lists:reverse(Acc)}.

expand(Path) ->
    case filelib:is_dir(Path) of
        true -> filelib:fold_files(Path, "\\.beam\\z", true, fun(F, Acc) -> [F | Acc] end, []);
        false -> [Path]
    end.

describe(File) ->
    try
        {ok, Bin} = file:read_file(File),
        Info = beam_lib:info(Bin),
        is_list(Info) orelse throw(Info),
        {module, Module} = lists:keyfind(module, 1, Info),
        {chunks, Chunks} = lists:keyfind(chunks, 1, Info),
        Md5 = case beam_lib:md5(Bin) of
                  {ok, {_, Digest}} -> binary:encode_hex(Digest);
                  {error, beam_lib, _} -> undefined
              end,
        {ok, {_, [{labeled_exports, Exports}, {imports, Imports}, {labeled_locals, Locals},
                  {attributes, Attributes}, {compile_info, CompileInfo}]}} =
            beam_lib:chunks(Bin, [labeled_exports, imports, labeled_locals, attributes, compile_info],
                            [allow_missing_chunks]),
        Line = io_lib:format("~w.~n", [{File, Module, Md5, Chunks, Exports, Imports, Locals,
                                        Attributes, CompileInfo}]),
        {ok, iolist_to_binary(Line)}
    catch
        Class:Reason -> {error, io_lib:format("~ts: ~w:~0p~n", [File, Class, Reason])}
    end.

write_result({ok, Line}, Status) ->
    ok = file:write(standard_io, Line),
    Status;
write_result({error, Message}, _) ->
    io:put_chars(standard_error, Message),
    2.

%% Order-preserving parallel map with at most Jobs work items in flight.
pmap(F, Items, Jobs) ->
    Parent = self(),
    Indexed = lists:zip(lists:seq(1, length(Items)), Items),
    {Started, Waiting} = lists:split(min(Jobs, length(Indexed)), Indexed),
    [spawn_worker(Parent, F, I) || I <- Started],
    collect(Parent, F, Waiting, #{}, 1, length(Items), []).

spawn_worker(Parent, F, {N, Item}) ->
    spawn_link(fun() -> Parent ! {pmap, N, F(Item)} end).

collect(_, _, _, _, Next, Total, Acc) when Next > Total ->
    lists:reverse(Acc);
collect(Parent, F, Waiting, Done, Next, Total, Acc) ->
    case Done of
        #{Next := R} ->
            collect(Parent, F, Waiting, maps:remove(Next, Done), Next + 1, Total, [R | Acc]);
        _ ->
            receive
                {pmap, N, R} ->
                    Rest = case Waiting of
                               [W | Ws] -> spawn_worker(Parent, F, W), Ws;
                               [] -> []
                           end,
                    collect(Parent, F, Rest, Done#{N => R}, Next, Total, Acc)
            end
    end.
