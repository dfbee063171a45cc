-file("src/asm_ops.erl", 1).





-module(asm_ops).
-export([integers/1, floats/2, literals/0, maps/2, binaries/1, build/2, funs/2, handlers/1, wait/1, dispatch/1, records/1, guards/2]).


-record(big, {a, b, c, d, e, f, g, h, i, j, k}).

integers(X) when is_integer(X) ->
    Small = X + 15,
    Neg = X - 300,
    Wide = X band 2361183241434822606847,
    Huge = X * 1606938044258990275541962092341162602522202993782792835301376,
    {Small, Neg, Wide, Huge, -1, -129, -32769, -(1 bsl 70), 1 bsl 100}.

floats(A, B) when is_float(A), is_float(B) ->
    C = A * 2.5 + B / 3.0 - A,
    {C, -C, 0.0, -0.0, 1.0e300};
floats(A, N) when is_float(A), is_integer(N) ->
    A * N.

literals() ->
    {[1, 2, 3], "string", <<"binary">>, <<1:3>>, #{a => 1, "b" => [2]}, {nested, [{tuple}]},
     fun lists:map/2, 'quoted atom', ünïcödé, [], {}}.

maps(M, K) when is_map(M) ->
    case M of
        #{K := V, b := B} -> M#{K => V + 1, b := B, c => [K]};
        #{c := _} -> has_c;
        #{} -> maps:get(K, M, none) end.


binaries(<<"head", Len:16/little-signed, Rest/binary>>) ->
    <<Payload:Len/binary, Tail/bits>> = Rest,
    {Payload, Tail};
binaries(<<C/utf8, More/binary>>) ->
    {C, More};
binaries(Other) ->
    {no, Other}.

build(Bin, N) ->
    <<"prefix", Bin/binary, N:24/little, N:32/float, (integer_to_binary(N))/binary, "suffix", N/utf8>>.

funs(L, N) ->
    Add = fun(X) -> X + N end,
    Mapped = lists:map(Add, L),
    {Add(1), Mapped, fun erlang:abs/1, twice(Add, N)}.

twice(F, X) when is_function(F, 1) ->
    F(F(X)).

handlers(F) ->
    try F() of
        {ok, V} -> V catch

        throw:T -> {thrown, T};
        error:E:S -> {error, E, S} after

        erlang:yield() end.


wait(Timeout) ->
    Ref = make_ref(),
    self() ! {Ref, hello},
    receive
        {Ref, Msg} -> Msg
    after Timeout ->
            timeout end.


dispatch(X) ->
    case X of
        a -> 1;
        b -> 2;
        c -> 3;
        1 -> one;
        2 -> two;
        {_} -> tuple1;
        {_, _} -> tuple2;
        {_, _, _} -> tuple3;
        _ -> catch erlang:error(other) end.


records(R) when is_record(R, big) ->
    R#big{a = 1, b = 2, k = R#big.a};
records(R) ->
    R#big.c.

guards(X, Y) when is_atom(X), X =/= Y, is_list(Y), length(Y) > 2; is_tuple(X), tuple_size(X) =:= 2 ->
    {hd(Y), element(1, X)};
guards(X, Y) ->
    [X | Y].
