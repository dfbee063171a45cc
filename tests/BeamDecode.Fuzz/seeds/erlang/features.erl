%% A module that exercises most of what the compiler writes into a .beam file:
%% records, maps, binaries (and StrT through binary matching), funs (FunT), big integers,
%% floats, strings, a unicode atom, -on_load, custom attributes, -vsn, imports and locals.
-module(features).
-vsn("1.2.3").
-author("BeamDecode fixtures").
-on_load(init/0).
-my_attribute({custom, [1, 2, 3], <<"bin">>}).
-my_attribute(repeated).
-tags([fixture, 'ünïcödé']).

-export([new_point/2, point_x/1, map_demo/1, bin_demo/1, parse_header/1,
         adder/1, apply_twice/2, big/0, neg_big/0, floats/0, greeting/0,
         'ünïcödé'/0, sum/1, init/0]).

-record(point, {x = 0 :: integer(), y = 0 :: integer(), label = "origin" :: string()}).

-spec init() -> ok.
init() -> ok.

new_point(X, Y) -> #point{x = X, y = Y, label = "p"}.

point_x(#point{x = X}) -> X.

map_demo(M) when is_map(M) ->
    M#{count => maps:get(count, M, 0) + 1, seen => true}.

bin_demo(N) -> <<N:16/big, "tail", 3:4>>.

parse_header(<<"BEAM", Size:32, Rest/binary>>) -> {ok, Size, byte_size(Rest)};
parse_header(<<"FOR1", _/binary>>) -> container;
parse_header(_) -> error.

adder(N) -> fun(X) -> X + N end.

apply_twice(F, X) -> F(F(X)).

big() -> 123456789012345678901234567890123456789.

neg_big() -> -98765432109876543210987654321.

floats() -> [3.14159, -0.5, 1.0e300, 2.5e-10, 0.0].

greeting() -> "hello, wörld".

'ünïcödé'() -> 'ünïcödé'.

sum(L) -> lists:foldl(fun(X, Acc) -> X + Acc end, 0, helper(L)).

helper(L) -> [abs(X) || X <- L, is_number(X)].
