using System.Buffers.Binary;
using BeamDecode.Conformance.Tests.Erlang;

namespace BeamDecode.Conformance.Tests.IoLib;

/// <summary>
/// Terms made by erl for the term conformance tests: a small Erlang module (below) is compiled in a temp directory
/// and writes, per term, its external encodings and its <c>io_lib:format("~w", ...)</c> text as UTF-8, plus pairs,
/// sorted lists and maps in erts term order. The generators are seeded, so every run sees the same terms.
/// Text crosses over as UTF-8 in files, never through erl's latin1 standard output.
/// </summary>
internal static class TermCorpus
{
    public const int RandomTerms = 400;
    public const int Floats = 100_000;
    public const int OrderPairs = 3_000;

    private static readonly Lazy<Files> Generated = new(Generate, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The generated files; skips the calling test when erl is absent (see <see cref="ErlangTool"/>).</summary>
    public static Files Get()
    {
        _ = ErlangTool.Erl;
        _ = ErlangTool.Erlc;
        return Generated.Value;
    }

    public sealed record Files(byte[] Print, byte[] Floats, byte[] Order);

    public sealed record PrintCase(int Number, IReadOnlyList<byte[]> Encodings, string Text);

    /// <summary>Per term: Count:8, then Count times Size:32 Encoding, then Size:32 and the ~w text in UTF-8.</summary>
    public static List<PrintCase> ReadPrintCases(byte[] data)
    {
        var cases = new List<PrintCase>();
        int pos = 0;
        while (pos < data.Length)
        {
            int count = data[pos++];
            var encodings = new List<byte[]>(count);
            for (int i = 0; i < count; i++)
            {
                encodings.Add(ReadFramed(data, ref pos));
            }

            string text = System.Text.Encoding.UTF8.GetString(ReadFramed(data, ref pos));
            cases.Add(new PrintCase(cases.Count + 1, encodings, text));
        }

        return cases;
    }

    public static byte[] ReadFramed(byte[] data, ref int pos)
    {
        int size = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
        pos += 4;
        byte[] bytes = data.AsSpan(pos, size).ToArray();
        pos += size;
        return bytes;
    }

    private static Files Generate()
    {
        string dir = ErlangTool.CreateTempDirectory("beamdecode-terms");
        try
        {
            string source = Path.Combine(dir, "bd_term_corpus.erl");
            File.WriteAllText(source, ErlangSource);
            ErlangTool.Compile(dir, source);
            string print = Path.Combine(dir, "print.bin");
            string floats = Path.Combine(dir, "floats.bin");
            string order = Path.Combine(dir, "order.bin");
            ErlangTool.RunErl(
                $"bd_term_corpus:write_print_cases(\"{Escape(print)}\", {RandomTerms}), " +
                $"bd_term_corpus:write_float_cases(\"{Escape(floats)}\", {Floats}), " +
                $"bd_term_corpus:write_order_cases(\"{Escape(order)}\", {OrderPairs})",
                dir);
            return new Files(File.ReadAllBytes(print), File.ReadAllBytes(floats), File.ReadAllBytes(order));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string Escape(string path) => path.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);

    // The module is ASCII: non-ASCII atoms are written with \x{...} escapes, so the source encoding cannot matter.
    private const string ErlangSource = """
        %% Builds the terms the BeamDecode conformance tests compare against: for each term its external
        %% encodings and its ~w text (io_lib:format/2), plus pairs and lists in erts term order.
        -module(bd_term_corpus).
        -export([write_print_cases/2, write_float_cases/2, write_order_cases/2]).

        -define(LOCAL, 'nonode@nohost').

        %% --- ~w cases ---------------------------------------------------------------------------------

        write_print_cases(File, Count) ->
            rand:seed(exsss, {2025, 11, 25}),
            Terms = fixed_terms() ++ [gen(4) || _ <- lists:seq(1, Count)] ++ [float_term() || _ <- lists:seq(1, Count)],
            ok = file:write_file(File, [print_case(T) || T <- Terms]).

        print_case(T) ->
            Text = unicode:characters_to_binary(io_lib:format("~w", [T])),
            Encodings = [term_to_binary(T), term_to_binary(T, [{compressed, 9}]),
                         term_to_binary(T, [{minor_version, 0}]), term_to_binary(T, [{minor_version, 1}, compressed])],
            [<<(length(Encodings)):8>>, [[<<(byte_size(E)):32>>, E] || E <- Encodings], <<(byte_size(Text)):32>>, Text].

        fixed_terms() ->
            Floats = [0.0, -0.0, 1.0, -1.0, 0.1, 1.0e20, 1.0e-5, 1.2345678901234568e17, 1.0e15, 1.0e16, 123.456,
                      5.0e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 100.0, 1000.0, 0.0001, 0.00015,
                      12345678900.0, 123456789000.0, 9007199254740992.0, 9007199254740991.0, 9007199254740990.0,
                      900719925474099.0 * 10, 90071992547409.0 * 100, 1.0e22, 1.0e23, 0.3, 2/3, -1.5e-4],
            Ints = [0, 1, -1, 255, 256, -256, 134217727, 134217728, -134217728, -134217729, 2147483647, 2147483648,
                    -2147483648, -2147483649, 576460752303423487, 576460752303423488, -576460752303423488,
                    -576460752303423489, 1 bsl 64, -(1 bsl 64), 1 bsl 2040, -(1 bsl 2047) - 12345, (1 bsl 4000) - 1],
            Atoms = ['', a, 'A', '_', '_a', a@b, 'a b', 'try', 'and', 'maybe', 'else', 'catch', 'fun', 'end', 'xor',
                     '\x{E9}', '\x{3BB}', 'a\x{3BB}', '\x{C9}', '\x{DF}', '\x{FF}', '\x{F7}', 'a\x{F7}', 'a\x{C0}', 'a\x{D7}', 'a\nb', 'a\\b', 'a\'b', 'a"b', 'a\tb',
                     'a\rb\fc\vd\be\ef', list_to_atom([0, 1, 7, 8, 27, 31, 127, 128, 159, 160, 255]), '\x{10000}',
                     '\x{1F600}x', 'a\x{200B}', 'a\x{85}', '\x{C3}\x{A9}', list_to_atom(lists:duplicate(255, $z)),
                     list_to_atom(lists:duplicate(255, 16#3BB)), true, false, undefined, nonode@nohost],
            Bits = [<<>>, <<1, 2, 3>>, <<1, 2, 3:4>>, <<1:3>>, <<255:8, 0:1>>, <<"abc">>, <<"a\"b">>, <<0:7>>,
                    binary:copy(<<7>>, 300), <<1:1, 2:2, 3:3>>],
            Lists = [[], [1 | 2], [a, b | c], "abc", [97, 98, 99], [0, 255, 256, 1000, 16#10FFFF], lists:seq(1, 300),
                     [[]], [[] | []], [a | {b}], [1 | <<2>>], lists:duplicate(70000, $x)],
            Tuples = [{}, {a}, {1, 2.0, "x"}, list_to_tuple(lists:seq(1, 300))],
            Maps = [#{}, #{a => 1}, #{1 => a, 1.0 => b, 0.5 => c, 2 => d, -1 => e, a => f, "s" => <<>>, {} => []},
                    #{[] => x, {} => y, <<>> => z, 0 => w, a => v, #{} => u}, maps:from_list([{N, N} || N <- lists:seq(1, 32)])],
            Deep = [deep_tuple(1500), deep_list(1500), deep_map(700), deep_improper(1500)],
            Funs = [fun(X) -> X end, fun() -> Ints end, fun lists:map/2, fun erlang:'+'/2, erlang:make_fun('Foo', 'bar baz', 3),
                    erlang:make_fun('\x{3BB}', '\x{E9}', 0), erlang:make_fun('try', 'and', 255), erlang:make_fun('a@b', '', 1),
                    erlang:make_fun(list_to_atom([0, 127, 128, 160, 255]), 'a\'\\\n', 7), eval_fun(),
                    make_fun(<<"zz">>, 1, 1, 5, 7, []), make_fun(<<"zz">>, 2, 2, 3, -7, [1, 2]),
                    make_fun(<<206, 187>>, 1, 1, 1, 1, [])],
            Ids = [self(), spawn(fun() -> ok end), make_ref(), alias(), erlang:monitor(process, self()), hd(erlang:ports()),
                   local_pid(1, 2), local_pid(32767, 8191), local_ref([1]), local_ref([1, 2]), local_ref([1, 2, 3]),
                   local_ref([0, 0, 0]), local_port(5), local_port(123456)],
            Floats ++ Ints ++ Atoms ++ Bits ++ Lists ++ Tuples ++ Maps ++ Deep ++ Funs ++ Ids.

        deep_tuple(0) -> leaf;
        deep_tuple(N) -> {deep_tuple(N - 1)}.
        deep_list(0) -> [];
        deep_list(N) -> [deep_list(N - 1)].
        deep_map(0) -> #{};
        deep_map(N) -> #{k => deep_map(N - 1)}.
        deep_improper(0) -> x;
        deep_improper(N) -> [N | deep_improper(N - 1)].

        eval_fun() ->
            {ok, Tokens, _} = erl_scan:string("fun(X) -> {X, 1} end."),
            {ok, [Expr]} = erl_parse:parse_exprs(Tokens),
            {value, F, _} = erl_eval:expr(Expr, []),
            F.

        %% Floats alone, many of them: <<F:64/float, Length:8, Text/binary>> per float.
        write_float_cases(File, Count) ->
            rand:seed(exsss, {1, 2, 3}),
            ok = file:write_file(File, [float_case(float_term()) || _ <- lists:seq(1, Count)]).

        float_case(F) ->
            Text = list_to_binary(io_lib:format("~w", [F])),
            <<F:64/float, (byte_size(Text)):8, Text/binary>>.

        %% --- random terms ------------------------------------------------------------------------------

        gen(0) -> leaf();
        gen(D) ->
            case rand:uniform(12) of
                1 -> list_to_tuple([gen(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)]);
                2 -> [gen(D - 1) || _ <- lists:seq(1, rand:uniform(5) - 1)];
                3 -> improper(D);
                4 -> maps:from_list([{gen(D - 1), gen(D - 1)} || _ <- lists:seq(1, rand:uniform(6) - 1)]);
                5 -> [rand:uniform(300) - 1 || _ <- lists:seq(1, rand:uniform(8))];
                6 -> fun() -> gen(D - 1) end;
                7 -> Env = gen(D - 1), fun(X) -> {X, Env} end;
                _ -> leaf()
            end.

        improper(D) ->
            Tail = case rand:uniform(3) of 1 -> leaf(); 2 -> <<"t">>; 3 -> {gen(D - 1)} end,
            lists:foldl(fun(E, Acc) -> [E | Acc] end, Tail, [gen(D - 1) || _ <- lists:seq(1, rand:uniform(3))]).

        leaf() ->
            case rand:uniform(13) of
                1 -> int_term(); 2 -> int_term(); 3 -> float_term(); 4 -> atom_term(); 5 -> atom_term();
                6 -> bin_term(); 7 -> bits_term(); 8 -> pick([self(), local_pid(rand:uniform(30000), rand:uniform(100))]);
                9 -> pick([make_ref(), local_ref([rand:uniform(1 bsl 18) - 1 | [rand:uniform(1 bsl 32) - 1 || _ <- lists:seq(1, rand:uniform(3) - 1)]])]);
                10 -> local_port(rand:uniform(1 bsl 20));
                11 -> erlang:make_fun(atom_term(), atom_term(), rand:uniform(256) - 1);
                12 -> [];
                13 -> {}
            end.

        pick(L) -> lists:nth(rand:uniform(length(L)), L).
        sign() -> pick([1, -1]).

        int_term() ->
            case rand:uniform(6) of
                1 -> rand:uniform(256) - 1;
                2 -> rand:uniform(1 bsl 32) - (1 bsl 31);
                3 -> sign() * (1 bsl rand:uniform(70)) + rand:uniform(3) - 2;
                4 -> sign() * rand:uniform(1 bsl rand:uniform(3000));
                5 -> -rand:uniform(1000);
                6 -> sign() * ((1 bsl 59) + rand:uniform(10) - 5)
            end.

        float_term() ->
            case rand:uniform(7) of
                1 -> random_bits_float();
                2 -> <<F:64/float>> = <<(rand:uniform(2) - 1):1, 0:11, (rand:uniform(1 bsl 52) - 1):52>>, F;
                3 -> sign() * rand:uniform() * math:pow(10, rand:uniform(600) - 300);
                4 -> float(sign() * rand:uniform(1 bsl 62));
                5 -> sign() * rand:uniform(1000000) / pick([1, 10, 100, 1000, 1.0e6, 1.0e-6]);
                6 -> float(rand:uniform(1000)) * math:pow(10, rand:uniform(40) - 20);
                7 -> float(rand:uniform(99999999999)) * pick([1, 10, 100, 1000, 0.1, 0.01])
            end.

        random_bits_float() ->
            case <<(rand:uniform(1 bsl 64) - 1):64>> of
                <<F:64/float>> -> F;
                _ -> random_bits_float()
            end.

        atom_term() ->
            Pool = lists:seq($a, $z) ++ "AZ09_@ '\\\"" ++ [0, 7, 10, 27, 31, 127, 128, 133, 159, 160, 169, 191, 192, 215, 223,
                    233, 247, 255, 16#3BB, 16#4E2D, 16#200B, 16#FFFD, 16#10000, 16#1F600],
            case rand:uniform(5) of
                1 -> pick(['after', 'begin', 'case', 'try', 'cond', 'catch', 'andalso', 'orelse', 'end', 'fun', 'if', 'let',
                           'of', 'receive', 'when', 'bnot', 'not', 'div', 'rem', 'band', 'and', 'bor', 'bxor', 'bsl', 'bsr',
                           'or', 'xor', 'maybe', 'else', 'tryx', 'ok']);
                2 -> list_to_atom([pick(Pool) || _ <- lists:seq(1, rand:uniform(12) - 1)]);
                3 -> list_to_atom([pick(lists:seq($a, $z))] ++ [pick(lists:seq($a, $z) ++ "_@09AZ") || _ <- lists:seq(1, rand:uniform(8))]);
                4 -> list_to_atom([pick([$a, 223, 233, 255, 192, 16#3BB, $A, $_]) | [pick(Pool) || _ <- lists:seq(1, rand:uniform(4))]]);
                5 -> list_to_atom([pick(Pool) || _ <- lists:seq(1, 200 + rand:uniform(55))])
            end.

        bin_term() -> list_to_binary([rand:uniform(256) - 1 || _ <- lists:seq(1, rand:uniform(12) - 1)]).

        bits_term() ->
            N = rand:uniform(7),
            B = bin_term(),
            <<B/binary, (rand:uniform(1 bsl N) - 1):N>>.

        %% Identifiers of the local node (nonode@nohost), built the way binary_to_term would get them.
        local_pid(Number, Serial) ->
            binary_to_term(<<131, 88, (node_ext(?LOCAL))/binary, Number:32, Serial:32, 0:32>>).
        local_ref(Words) ->
            binary_to_term(<<131, 90, (length(Words)):16, (node_ext(?LOCAL))/binary, 0:32, <<<<W:32>> || W <- Words>>/binary>>).
        local_port(Number) ->
            binary_to_term(<<131, 120, (node_ext(?LOCAL))/binary, Number:64, 0:32>>).

        node_ext(Node) ->
            Bin = atom_to_binary(Node, utf8),
            <<118, (byte_size(Bin)):16, Bin/binary>>.

        %% --- term order cases --------------------------------------------------------------------------

        write_order_cases(File, Count) ->
            rand:seed(exsss, {7, 7, 7}),
            Pairs = [order_pair() || _ <- lists:seq(1, Count)],
            Sorts = [order_sort() || _ <- lists:seq(1, Count div 20)],
            Maps = [order_map() || _ <- lists:seq(1, Count div 10)],
            ok = file:write_file(File, [Pairs, Sorts, Maps]).

        order_pair() ->
            {A, B} = case rand:uniform(5) of
                         1 -> ident_pair();
                         _ -> A0 = ord(3), {A0, case rand:uniform(3) of 1 -> ord(3); 2 -> mutate(A0); 3 -> A0 end}
                     end,
            Cmp = if A < B -> -1; A == B -> 0; true -> 1 end,
            [1, framed(A), framed(B), <<Cmp:8/signed>>].

        order_sort() ->
            L = [ord(2) || _ <- lists:seq(1, 25)],
            [2, <<25:32>>, [framed(T) || T <- L], [framed(T) || T <- lists:sort(L)]].

        order_map() ->
            M = maps:from_list([{ord(1), rand:uniform(9)} || _ <- lists:seq(1, rand:uniform(32))]),
            Keys = [K || {K, _} <- maps:to_list(M)],
            [3, framed(M), <<(length(Keys)):32>>, [framed(K) || K <- Keys]].

        framed(T) ->
            B = term_to_binary(T),
            [<<(byte_size(B)):32>>, B].

        %% Terms from small domains, so that pairs often agree on a prefix and the comparison goes deep.
        ord(0) -> ord_leaf();
        ord(D) ->
            case rand:uniform(9) of
                1 -> list_to_tuple([ord(D - 1) || _ <- lists:seq(1, rand:uniform(3) - 1)]);
                2 -> [ord(D - 1) || _ <- lists:seq(1, rand:uniform(3) - 1)];
                3 -> [ord(D - 1) | ord(D - 1)];
                4 -> maps:from_list([{ord(D - 1), ord(D - 1)} || _ <- lists:seq(1, rand:uniform(4) - 1)]);
                5 -> maps:from_list([{N, ord(0)} || N <- lists:seq(1, 30 + rand:uniform(6))]);
                _ -> ord_leaf()
            end.

        ord_leaf() ->
            case rand:uniform(14) of
                1 -> rand:uniform(4) - 2;
                2 -> float(rand:uniform(4) - 2) + pick([0.0, 0.0, 0.5]);
                3 -> sign() * ((1 bsl 64) + rand:uniform(2)) * pick([1, 1.0]);
                4 -> pick([a, b, aa, '\x{E9}', '\x{3BB}', 'a\x{10000}', '', 'Z']);
                5 -> pick([<<>>, <<1>>, <<1, 2>>, <<1:1>>, <<1:2>>, <<0:1>>, <<1, 2:3>>, <<255>>, <<128>>]);
                6 -> ext_pid();
                7 -> ext_port();
                8 -> ext_ref();
                9 -> pick([fun lists:map/2, fun lists:map/3, fun lists:filter/2, erlang:make_fun(a, b, 1), crafted_fun()]);
                10 -> pick([fun() -> 1 end, fun() -> 2 end, fun(X) -> X end]);
                11 -> Env = ord_leaf(), fun() -> Env end;
                12 -> [];
                13 -> {};
                14 -> float(sign() * (1 bsl 53)) + pick([0, 1, 2, 3])
            end.

        ext_pid() ->
            {Node, Creation} = pick_node(),
            binary_to_term(<<131, 88, (node_ext(Node))/binary, (rand:uniform(3)):32, (rand:uniform(3) - 1):32, Creation:32>>).
        ext_port() ->
            {Node, Creation} = pick_node(),
            binary_to_term(<<131, 120, (node_ext(Node))/binary, (rand:uniform(3)):64, Creation:32>>).
        ext_ref() ->
            {Node, Creation} = pick_node(),
            %% A local reference keeps only 18 bits of its first word (binary_to_term rejects more).
            Words = [pick([0, 1, 2, 262143]) | [pick([0, 1, 2, 4294967295]) || _ <- lists:seq(2, rand:uniform(case Node of ?LOCAL -> 3; _ -> 5 end))]],
            binary_to_term(<<131, 90, (length(Words)):16, (node_ext(Node))/binary, Creation:32, <<<<W:32>> || W <- Words>>/binary>>).

        %% Two identifiers of one kind, so that node, creation, id words and fun fields are what decides.
        ident_pair() ->
            case rand:uniform(4) of
                1 -> {ext_pid(), ext_pid()};
                2 -> {ext_port(), ext_port()};
                3 -> {ext_ref(), ext_ref()};
                4 -> {crafted_fun(), crafted_fun()}
            end.

        crafted_fun() ->
            Free = [rand:uniform(3) || _ <- lists:seq(1, rand:uniform(3) - 1)],
            make_fun(pick([<<"ya">>, <<"zz">>]), rand:uniform(3), rand:uniform(3), rand:uniform(3), pick([-1, 1, 7]), Free).

        %% A NEW_FUN_EXT of a module that is not loaded: binary_to_term makes a fun entry from the fields as given.
        make_fun(Module, Md5, Index, OldIndex, OldUniq, Free) ->
            Body = <<0, Md5:128, Index:32, (length(Free)):32, 119, (byte_size(Module)), Module/binary,
                     98, OldIndex:32, 98, OldUniq:32, 88, (node_ext(?LOCAL))/binary, 9:32, 0:32, 0:32,
                     <<<<97, X>> || X <- Free>>/binary>>,
            binary_to_term(<<131, 112, (byte_size(Body) + 4):32, Body/binary>>).

        pick_node() -> pick([{?LOCAL, 0}, {a@b, 1}, {a@b, 2}, {b@a, 1}, {'\x{E9}@x', 3}]).

        mutate(T) when is_tuple(T), tuple_size(T) > 0 ->
            I = rand:uniform(tuple_size(T)),
            setelement(I, T, mutate(element(I, T)));
        mutate([H | T]) when is_list(T) ->
            case rand:uniform(2) of 1 -> [mutate(H) | T]; 2 -> [H | mutate(T)] end;
        mutate(T) when is_map(T), map_size(T) > 0 ->
            {K, V} = pick(maps:to_list(T)),
            case rand:uniform(2) of 1 -> T#{K := mutate(V)}; 2 -> maps:remove(K, T#{mutate(K) => V}) end;
        mutate(T) when is_integer(T) -> pick([T + 1, float(T), T]);
        mutate(T) when is_float(T) -> pick([T + 0.5, round(T), T]);
        mutate(_) -> ord_leaf().
        """;
}
