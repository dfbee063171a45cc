#!/usr/bin/env escript
%% Writes the depth cases of fixtures/fuzz-regressions (etf/depth-*, dbgi/depth-*) into DIR, named etf-* and dbgi-*:
%% copy them as depth-* (fixtures/fuzz-regressions/README.md).
-mode(compile).
nest(0, Leaf, _) -> Leaf;
nest(N, Leaf, F) -> F(nest(N - 1, Leaf, F)).
dbgi(Expr) ->
    Forms = [{attribute, 1, module, m}, {attribute, 1, export, [{f, 0}]},
             {function, 1, f, 0, [{clause, 1, [], [], [Expr]}]}, {eof, 1}],
    term_to_binary({debug_info_v1, erl_abstract_code, {Forms, []}}).
main([Dir]) ->
    W = fun(N, B) -> ok = file:write_file(filename:join(Dir, N), B) end,
    W("etf-tuples-1999", term_to_binary(nest(1999, a, fun(T) -> {T} end))),
    W("etf-lists-1999", term_to_binary(nest(1999, a, fun(T) -> [T] end))),
    W("etf-tails-1999", term_to_binary(nest(1999, a, fun(T) -> [x | T] end))),
    W("etf-maps-1999", term_to_binary(nest(1999, a, fun(T) -> #{k => T} end))),
    W("etf-tuples-2001", term_to_binary(nest(2001, a, fun(T) -> {T} end))),
    %% Abstract code at the depth cap: each level of these is 2-4 term levels.
    W("dbgi-tuple-expr", dbgi(nest(990, {atom, 1, a}, fun(E) -> {tuple, 1, [E]} end))),
    W("dbgi-op-expr", dbgi(nest(660, {integer, 1, 1}, fun(E) -> {op, 1, '+', {integer, 1, 1}, E} end))),
    W("dbgi-op-left-expr", dbgi(nest(660, {integer, 1, 1}, fun(E) -> {op, 1, '-', E, {integer, 1, 1}} end))),
    W("dbgi-cons-expr", dbgi(nest(660, {nil, 1}, fun(E) -> {cons, 1, {integer, 1, 1}, E} end))),
    W("dbgi-block-expr", dbgi(nest(990, {atom, 1, a}, fun(E) -> {block, 1, [E]} end))),
    W("dbgi-case-expr", dbgi(nest(390, {atom, 1, a}, fun(E) -> {'case', 1, E, [{clause, 1, [{var, 1, '_'}], [], [{atom, 1, ok}]}]} end))),
    W("dbgi-fun-expr", dbgi(nest(300, {atom, 1, a}, fun(E) -> {'fun', 1, {clauses, [{clause, 1, [], [], [E]}]}} end))),
    W("dbgi-call-expr", dbgi(nest(490, {atom, 1, a}, fun(E) -> {call, 1, {atom, 1, g}, [E]} end))).
