-file("src/literals.erl", 1).
-module(literals).
-export([all/0, nested/0, strings/0, numbers/0, maps/0, binaries/0]).

all() -> [nested(), strings(), numbers(), maps(), binaries()].

nested() ->
    {a, {b, {c, {d, [e, f, {g, h}]}}}, [1, [2, [3, [4]]]], {}, [], {[]}}.

strings() ->
    ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
     "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi",
     "rho", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega",
     "ÄÖÜ äöü ß", [1024, 2048, 4096], [a | b], "line\nbreak\ttab"].

numbers() ->
    [0, 1, -1, 255, 256, -256, 65535, 2147483647, -2147483648, 4294967296,
     18446744073709551616, -18446744073709551616,
     1.5, -1.5, 0.1, 1.0e-300, 6.02214076e23, 1.7976931348623157e308].

maps() ->
    [#{}, #{a => 1}, #{a => 1, b => 2, c => 3},
     #{{x, y} => [1, 2], "key" => <<"value">>, 42 => 4.2},
     #{k01 => 1, k02 => 2, k03 => 3, k04 => 4, k05 => 5, k06 => 6, k07 => 7, k08 => 8,
       k09 => 9, k10 => 10, k11 => 11, k12 => 12, k13 => 13, k14 => 14, k15 => 15,
       k16 => 16, k17 => 17, k18 => 18, k19 => 19, k20 => 20, k21 => 21, k22 => 22,
       k23 => 23, k24 => 24, k25 => 25, k26 => 26, k27 => 27, k28 => 28, k29 => 29,
       k30 => 30, k31 => 31, k32 => 32, k33 => 33}].

binaries() ->
    [<<>>, <<"abc">>, <<1, 2, 3, 255>>, <<1:1, 0:2>>, <<"ünïcödé"/utf8>>,
     <<0:800>>, {<<"nested">>, [<<"in">>, <<"list">>]}].
