%% A big node for timing the collector (benchmarks/collector-big-node.sh): writes N tiny modules as .beam files
%% into Dir and loads them with code:load_file/1 (so the collector captures them), loads every module on the code
%% path, then evaluates the collector expression in ExprFile as the shell would and prints what it took.
-module(bd_big_node).
-export([run/3]).

run(Dir, N, ExprFile) ->
    ok = filelib:ensure_dir(filename:join(Dir, "x")),
    true = code:add_patha(Dir),
    [begin
         M = list_to_atom("bd_tiny_" ++ integer_to_list(I)),
         Forms = [{attribute, 1, module, M}, {attribute, 1, export, [{f, 0}]},
                  {function, 2, f, 0, [{clause, 2, [], [], [{integer, 2, I}]}]}],
         {ok, M, Bin} = compile:forms(Forms, [debug_info]),
         ok = file:write_file(filename:join(Dir, atom_to_list(M) ++ ".beam"), Bin),
         {module, M} = code:load_file(M)
     end || I <- lists:seq(1, N)],
    [code:ensure_loaded(list_to_atom(filename:basename(F, ".beam")))
     || D <- code:get_path(), F <- filelib:wildcard(filename:join(D, "*.beam"))],
    Loaded = length(erlang:loaded()),
    {ok, Text} = file:read_file(ExprFile),
    {ok, Tokens, _} = erl_scan:string(unicode:characters_to_list(Text)),
    {ok, Exprs} = erl_parse:parse_exprs(Tokens),
    T0 = erlang:monotonic_time(millisecond),
    {value, Result, _} = erl_eval:exprs(Exprs, []),
    T1 = erlang:monotonic_time(millisecond),
    io:format("loaded modules: ~b~ncollector: ~p in ~b ms~n", [Loaded, Result, T1 - T0]).
