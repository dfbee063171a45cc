-module(otp27).
-feature(maybe_expr, enable).
-export([s/0, m/1]).
-record(r, {a = 1 :: integer(), b}).
s() -> {"""
    triple "quoted"
    """, ~"sigil", ~B<raw\n>, $\x{1F600}, 16#FF_FF, 1_000.5e-3, <<"b"/utf8, 1:4>>}.
m(X) ->
    maybe
        {ok, Y} ?= X,
        [Z || Z <- Y, Z > 1] ++ [K || K := _ <- #{a => 1}]
    else
        _ -> #r{b = fun(A) when is_atom(A) -> A end}
    end.
