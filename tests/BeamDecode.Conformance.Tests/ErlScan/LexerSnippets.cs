namespace BeamDecode.Conformance.Tests.ErlScan;

/// <summary>Texts that exercise erl_scan's errors and its corner cases; each is scanned by erl_scan and by us.</summary>
public static class LexerSnippets
{
    private static readonly string A256 = new('a', 256);

    public static IReadOnlyList<string> All { get; } =
    [
        // Errors: unterminated.
        "x = \"abc",
        "x = 'abc",
        "x = $",
        "x = $\\",
        "x = $\\^",
        "x = $\\x",
        "x = $\\x{41",
        "\"abc\\",
        "\"\\x{12",
        "\"0123456789abcdefghij",
        "\"a\nb\tc\\e\\d\u0001",
        "'it''s",
        "\"\\\"",
        "foo() ->\n    \"ok.\n\nbar() -> ok.\n",
        "\"é😀 unterminated",
        "'a\\'b",
        // Errors: bad escapes and characters.
        "x = \"a\\x{}b\".",
        "x = \"\\x{110000}\".",
        "x = \"\\x{D800}\".",
        "x = \"\\xZZ\".",
        "x = \"\\x4g\".",
        "x = \"\\^1\".",
        "x = '\\x{}'.",
        "x = $\\x{}.",
        "x = $\\xG.",
        "x = $\\^1.",
        "x = \"\\x{12x}\".",
        "x = \"a\uFFFEb\".",
        "% comment \uFFFF\nx.",
        "x = $\uFFFF.",
        "a \u0100 b",
        "a ∀ b",
        "\tfoo 😀 bar",
        "f(X) ->\n\tX ≠ 1.",
        // Errors: numbers.
        "x = 37#1.",
        "x = 1#0.",
        "x = 0#1.",
        "x = 99999999999999999999#1.",
        "x = 1_000#1.",
        "x = 16#.",
        "x = 16#g.",
        "x = 2#2.",
        "x = 1.0e.",
        "x = 1.0e+.",
        "x = 1.0else.",
        "x = 1.0e309.",
        "x = 1.0e_1.",
        // Errors: names too long.
        $"x = '{A256}'.",
        $"x = {A256}.",
        $"X{new string('a', 255)} = 1.",
        // Valid corner cases.
        "X = 16#FF_FF, Y = 2#1010, Z = 36#zZ, W = 1_000_000, V = 1.5e-3, U = 1.0E+10, T = 2.5_0e1_0.",
        "[$a, $\\n, $\\s, $\\^A, $\\^?, $\\^z, $\\x41, $\\x{10FFFF}, $\\101, $\\7, $\\77, $\\777, $\\z, $ , $\\8, $\\\n, $\n].",
        "\"a\\x{1F600}b\" 'quoted\\natom' \"tab\\there\" \"\\8\\9\\0\" \"\\e\\d\\v\\b\\f\\r\"",
        "a.b. c.%x\n d.\te. f.\rg.",
        "... =:= =/= == /= =< >= < > ++ -- || <- <= :: := => .. | ? ! # -> << >> ?= & ~ ^ ` @ \\ * / + - = : ; , ( ) [ ] { }",
        "Åsa = ärlig, × ÷ ¿ ¡ ß Þ ÿ \u00A0 \u0085 \u007F \u0080",
        "maybe X ?= 1 else end andalso orelse div rem bnot band bor bxor bsl bsr not and or xor catch cond let",
        "1..2 1.2.3 1e5 1.e 1_ 1__2 1_a 16#_1 2#1_1 1.5_e3",
        "\"a\"\"b\" \"\"\"abc\"\"\" ''",
        "X = $\\n.",
        "a.\r\nb.\r\n\r\nc() ->\r\n    ok.\r\n",
        "foo(<<1:8/integer-unit:1>>) -> <<>>.",
        "\ta\t\tb\t\t\tc\n\t\td",
        "'\\x{100}' '∀x' \"∀😀\" x",
        "$😀 $∀ x",
        "_ _Foo __ Foo@bar foo@bar foo@ _1",
        "\"line1\nline2\" x \"\\\nz\" y",
        "-module(m).\n-export([f/0]).\nf() -> ok.",
        "%% only a comment",
        "   \n\n  ",
        "x.",
        "x.%",
        "<:- <:= && ??",
        "$\\x{FFFF} $\\x{FFFE} $\\x{DFFF} $\\x{E000}",
    ];

    /// <summary>Several errors in one text, to check where scanning goes on after each.</summary>
    public static IReadOnlyList<string> MultipleErrors { get; } =
    [
        "a ∀ b ∀ c. \"\\x{} \" d. 37#1 16#. 'x",
        "f() -> 1.0e + 2#3, $\\x{} ok.\ng() -> \"\\^1\\xZ\".\n",
        "x(∀) -> ∀∀.\n% \uFFFF\ny() -> '\\x{}'.\n",
    ];

    /// <summary>Random texts over an alphabet of the characters that matter to erl_scan (fixed seed).</summary>
    public static IReadOnlyList<string> Random { get; } = MakeRandom(3000);

    private static List<string> MakeRandom(int count)
    {
        string[] alphabet =
        [
            "\"", "'", "$", "\\", "~", "#", ".", "%", "\n", " ", "\t", "\r", "x", "X", "1", "_", "{", "}", "<", ":",
            "=", "-", "e", "b", "s", "(", ")", "[", "/", "|", "^", "?", "9", "0x", "16#", "\"\"\"", "∀", "😀", "é", "\u00A0",
            "\uFFFE", "\u007F", "\u0001", "&", "*", "!", "@", "`", "maybe", "else", "andalso",
        ];
        var random = new System.Random(25);
        var texts = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            var builder = new System.Text.StringBuilder();
            int length = random.Next(1, 60);
            for (int j = 0; j < length; j++)
            {
                builder.Append(alphabet[random.Next(alphabet.Length)]);
            }

            texts.Add(builder.ToString());
        }

        return texts;
    }

    /// <summary>OTP 27 constructs: triple-quoted strings, sigils, adjacent strings, and their errors.</summary>
    public static IReadOnlyList<string> Otp27 { get; } =
    [
        "x = \"\"\"\n    a\n\n      b\n    \"\"\".\n",
        "x = \"\"\"\r\n  a\r\n  \"\"\".",
        "x = \"\"\"\"\n  a \"\"\" b\n  \"\"\"\".",
        "x = \"\"\"\n\\n\n\"\"\" y",
        "x = ~b\"\"\"\n  a\\n\\x{41}\n  \"\"\"x y",
        "x = ~s\"\"\"\n  a\\\n  b\n  \"\"\"",
        "x = ~\"\"\"\n  a\\n\n  \"\"\"",
        "x = \"\"\"\n\"\"\"",
        "x = \"\"\"\n  a\n b\n c\n  \"\"\"",
        "x = \"\"\"  y\n\"\"\"",
        "x = \"\"\"\"  y\n\"\"\"\"",
        "x = \"\"\"\nabc",
        "x = ~s\"\"\"\nabc",
        "x = \"\"\"\n  \uFFFE\n  \"\"\"",
        "x = ~b\"\"\"\n  \\x{}\n  \"\"\"",
        "x = ~b\"\"\"  \\x{}\n\"\"\"",
        "x = ~b\"\"\"\"  \\xZ\n\"\"\"\"",
        "x = \"\"\"\n  a\n  \"\"\"\"",
        "~\"a\" ~s(b\\n) ~B[c\\n]x ~{d} ~<e> ~/f/ ~|g| ~#h# ~`i` ~'j' ~b\"k\"utf8",
        "~x y",
        "~",
        "~b",
        "~\"abc",
        "~B(abc",
        "~B(a\uFFFEc)",
        $"~{new string('s', 256)}\"a\"",
        $"~s\"a\"{new string('m', 256)}",
        "\"a\"\"b\"",
        "~\"a\"\"b\"",
        "~s\"a\"x\"b\"",
        "\"abc",
        "'abc",
        "\"\\^1\" \"\\^?\" $\\^\n",
        "$\\^?",
        "\"\"",
        "\"\" x",
        "maybe X ?= 1 else end",
        "'abcdefghijklmnopqrstuvwxyz\\",
        "\"x😀yz\\x{1",
    ];
}
