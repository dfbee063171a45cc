-file("src/syntax/constructs.erl", 1).


-module(constructs). -feature(maybe_expr, enable).


-behaviour(gen_server).
-compile([nowarn_unused_function, nowarn_unused_vars, {inline, [{inlined, 1}]}]).
-export([init/1, handle_call/3, handle_cast/2]).
-export([literals/0, operators/2, guards/1, records/1, maps/1, binaries/1, comprehensions/1, funs/1, control/1, try_catch/1, receiving/1, maybe_else/1, catching/1, spec_demo/2]).

-export_type([tree/1, shape/0, opaque_id/0, all_types/0, bits/0]).
-import(lists, [reverse/1, map/2]).
-on_load({on_load, 0}).
-nifs([]).
-vsn(42).
-custom_attribute({key, [value, "text", <<"bin">>, 1.5, #{a => 1}]}).
-dialyzer({nowarn_function, {inlined, 1}}).

-record(empty, {}).
-record(state, {count = 0 :: non_neg_integer(), name :: atom() | undefined, items = [] :: list(term()), untyped, default = {a, "b"}}).





-type tree(T) :: leaf | {node, tree(T), T, tree(T)}.
-type shape() :: {circle, float()} | {rect, number(), number()} | #{kind := atom(), size => 1..100}.
-opaque opaque_id() :: <<_:64>>.
-type all_types() :: any() | none() | term() | list(integer()) | nonempty_list(atom()) | [] | tuple() | {} | map() | #{} | fun() | fun((...) -> ok) | fun((integer(), atom()) -> boolean()) | <<>> | <<_:8, _:_*4>> | -1..1 | 255 | $a | 'quoted atom' | #state{count :: 1} | gen_server:from() | string() | nonempty_string() | module() | mfa() | {Name :: atom(), integer()}.



-type bits() :: 1 bsl 4 | -3 | 2 * 8.

-callback handle_thing(term()) -> ok | {error, term()}.
-optional_callbacks([handle_thing/1]).

-spec init(term()) -> {ok, #state{}}.
init(_) -> {ok, #state{}}.

-spec handle_call(term(), gen_server:from(), #state{}) -> {reply, ok, #state{}}.
handle_call(_Req, _From, S) -> {reply, ok, S}.

handle_cast(_Msg, S) -> {noreply, S}.

on_load() -> ok.

-spec spec_demo(A, B) -> {A, B} when A :: atom(), B :: integer(); (list(), []) -> nil.

spec_demo(A, B) -> {A, B}.

inlined(X) -> X.

literals() ->
    {atom, 'Quoted', 'with space', 'it\'s', '\n', ünï, [], "string", "esc\"aped\\\n\t", "ünïcödé ☃",
     $a, $\n, $\s, $', $", $\\, $☃, 0, 42, -7, 255, 10, 123456789012345678901234567890,
     3.14, -0.5, 1.0e-10, 6.02e23, 0.1, 1.0, 1.0e100, [1, 2 | tail], {}, {{}}, [[]]}.

operators(A, B) ->
    C = A + B * 2 - (A - B) div 3 rem 4,
    D = (A + B) * C,
    E = -A + -B - -(-A),
    F = not (A > B) andalso (A =:= B orelse A =/= B),
    G = A band B bor (A bxor B) bsl 2 bsr 1,
    H = bnot A,
    I = [1] ++ [2] -- [3],
    J = A == B, K = A /= B, L = A =< B, M = A >= B, N = A < B,
    O = A and B or (A xor B),
    P = A / B,
    self() ! {msg, A},
    Q = R = {A, B},
    {C, D, E, F, G, H, I, J, K, L, M, N, O, P, Q, R, +A}.

guards(X) when is_integer(X), X > 0; is_float(X) -> positive;
guards(X) when X =:= 0 orelse X == 0.0 -> zero;
guards(X) when is_atom(X) -> atom;
guards(#state{count = C}) when C > 10 -> big;
guards({X, Y}) when element(1, {X, Y}) > 0, tuple_size({X, Y}) =:= 2 -> pair;
guards(_) -> other.

records(S) ->
    S1 = S#state{count = S#state.count + 1, name = new},
    S2 = #state{_ = undefined},
    #state{items = Items} = S1,
    Idx = #state.name,
    E = #empty{},
    {S1, S2, Items, Idx, E, (records_helper())#state.count}.

records_helper() -> #state{}.

maps(M) ->
    M1 = M#{a => 1, b => 2},
    M2 = M1#{a := 3},
    #{a := A, b := B} = M2,
    Empty = #{},
    Nested = #{key => #{inner => [1, 2]}, {t, 1} => <<"v">>},
    {A, B, Empty, Nested, map_size(M2)}.

binaries(Bin) ->
    <<A:8, B:16/little-signed-integer, C:32/big-unsigned, D:4/unit:8-binary, Rest/bits>> = Bin,
    E = <<A, B:16, (A + 1):8, "text", "utf"/utf8, 128512/utf16, $x/utf32-little, 1.5/float, 2.5:32/float-native>>,
    F = << <<X:4>> || <<X:4>> <= E >>,
    G = <<Rest/bitstring, C:8/integer-unit:1, D/bytes>>,
    H = <<>>,
    I = <<(byte_size(E)):8/integer-unit:1>>,
    {E, F, G, H, I}.

comprehensions(L) ->
    A = [X * 2 || X <- L, X > 0],
    B = [{X, Y} || X <- L, Y <- L, X < Y],
    C = << <<X>> || X <- L, X < 256 >>,
    D = [X || <<X>> <= <<1, 2, 3>>],
    E = [X || {ok, X} <- L],
    F = [true || _ <- L],
    {A, B, C, D, E, F}.

funs(N) ->
    F1 = fun(X) -> X + N end,
    F2 = fun(0) -> zero; (X) when X > 0 -> pos; (_) -> neg end,
    F3 = fun Fact(0) -> 1; Fact(K) -> K * Fact(K - 1) end,
    F4 = fun lists:reverse/1,
    F5 = fun inlined/1,
    M = lists, Fn = map, Ar = 2,
    F6 = fun M:Fn/Ar,
    F7 = fun() -> ok end,
    {F1(1), F2(N), F3(5), F4([1]), F5(x), F6, F7(), fun(X) -> X end(1)}.

control(X) ->
    A = case X of
            {ok, V} when V > 0 -> V;
            {ok, _} -> zero;
            _ -> error end,

    B = if X > 1 -> big; true -> small end,
    C = begin
            Y = X + 1,
            Y * 2 end,

    {A, B, C}.

try_catch(F) ->
    try F() of
        {ok, V} -> V;
        Other -> Other catch

        throw:T -> {thrown, T};
        error:badarg:Stack -> {badarg, Stack};
        exit:R when R =/= normal -> {exit, R};
        Class:Reason -> {Class, Reason} after

        cleanup end,

    try F() after cleanup end,
    try F() catch throw:_ -> caught end.

receiving(Timeout) ->
    receive
        {msg, M} -> M;
        stop -> stopped
    after Timeout ->
            timeout end,

    receive after 0 -> ok end,
    receive X -> X end.

maybe_else(X) ->
    maybe
        {ok, A} ?= X,
        B = A + 1,
        {ok, C} ?= {ok, B},
        C else

        {error, E} -> {error, E};
        _ -> other end,

    maybe
        ok ?= X end.


catching(X) ->
    A = (catch X()),
    B = (catch throw(x)),
    {A, B}.
