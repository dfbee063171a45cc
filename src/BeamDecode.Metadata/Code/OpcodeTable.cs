using System.Collections.Frozen;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// The generic opcodes of every release through OTP 29, as OTP's lib/compiler/src/genop.tab numbers them. Numbers
/// are never reused: an opcode retired from the loader (marked '-' in genop.tab) keeps its number and arity, and
/// old beams may still hold it, so it stays here. The loader of each release accepts a prefix of this table; the
/// Code chunk header records the highest opcode a module uses (beam_asm.erl build_file, beam_dict:opcode/2).
/// </summary>
/// <remarks>
/// Sources: 1-180 equal opname/1 of OTP 25's generated beam_opcodes.erl (compiler-8.2.3), 1-183 that of OTP 27
/// (compiler-8.6.1); a unit test checks both when the files are on the machine. 184 (debug_line/4, OTP 28) and
/// 185-191 (OTP 29) are as erlang/otp master's genop.tab has them (mirror sthagen/erlang-otp, commit 7745eea).
/// 192-193 appear only in a development tree (lucioleKi/otp, commit 303c720, genop.tab "OTP 29" section); OTP 29
/// was not released in any source available here, so 185-193 are unconfirmed against a release and decoding them
/// relies on that genop.tab. An opcode above the table is reported (BD0011), never guessed.
/// </remarks>
public static class OpcodeTable
{
    private static readonly OpcodeInfo?[] ByNumber = Build();

    private static readonly FrozenDictionary<string, OpcodeInfo> ByName =
        ByNumber.OfType<OpcodeInfo>().ToFrozenDictionary(static o => o.Name, StringComparer.Ordinal);

    /// <summary>The highest opcode this table knows.</summary>
    public static int HighestKnown => ByNumber.Length - 1;

    /// <summary>Every known opcode, in number order.</summary>
    public static IEnumerable<OpcodeInfo> All => ByNumber.OfType<OpcodeInfo>();

    /// <summary>The opcode with this number, or null when the table does not know it.</summary>
    public static OpcodeInfo? Find(int number) =>
        (uint)number < (uint)ByNumber.Length ? ByNumber[number] : null;

    /// <summary>The opcode with this generic name, or null.</summary>
    public static OpcodeInfo? Find(string name) => ByName.GetValueOrDefault(name);

    private static OpcodeInfo?[] Build()
    {
        OpcodeInfo[] table = [.. Entries()];
        var result = new OpcodeInfo?[table.Length + 1];
        foreach (var op in table)
        {
            result[op.Number] = op;
        }

        return result;
    }

    // One line per opcode: number, generic name, operand count, first release (genop.tab section headings).
    // 1-77 predate genop.tab's release notes ("Late additions to R5" starts at 78).
    private static IEnumerable<OpcodeInfo> Entries() =>
    [
        new(1, "label", 1, "R5"),
        new(2, "func_info", 3, "R5"),
        new(3, "int_code_end", 0, "R5"),
        new(4, "call", 2, "R5"),
        new(5, "call_last", 3, "R5"),
        new(6, "call_only", 2, "R5"),
        new(7, "call_ext", 2, "R5"),
        new(8, "call_ext_last", 3, "R5"),
        new(9, "bif0", 2, "R5"),
        new(10, "bif1", 4, "R5"),
        new(11, "bif2", 5, "R5"),
        new(12, "allocate", 2, "R5"),
        new(13, "allocate_heap", 3, "R5"),
        new(14, "allocate_zero", 2, "R5"),
        new(15, "allocate_heap_zero", 3, "R5"),
        new(16, "test_heap", 2, "R5"),
        new(17, "init", 1, "R5"),
        new(18, "deallocate", 1, "R5"),
        new(19, "return", 0, "R5"),
        new(20, "send", 0, "R5"),
        new(21, "remove_message", 0, "R5"),
        new(22, "timeout", 0, "R5"),
        new(23, "loop_rec", 2, "R5"),
        new(24, "loop_rec_end", 1, "R5"),
        new(25, "wait", 1, "R5"),
        new(26, "wait_timeout", 2, "R5"),
        new(27, "m_plus", 4, "R5"),
        new(28, "m_minus", 4, "R5"),
        new(29, "m_times", 4, "R5"),
        new(30, "m_div", 4, "R5"),
        new(31, "int_div", 4, "R5"),
        new(32, "int_rem", 4, "R5"),
        new(33, "int_band", 4, "R5"),
        new(34, "int_bor", 4, "R5"),
        new(35, "int_bxor", 4, "R5"),
        new(36, "int_bsl", 4, "R5"),
        new(37, "int_bsr", 4, "R5"),
        new(38, "int_bnot", 3, "R5"),
        new(39, "is_lt", 3, "R5"),
        new(40, "is_ge", 3, "R5"),
        new(41, "is_eq", 3, "R5"),
        new(42, "is_ne", 3, "R5"),
        new(43, "is_eq_exact", 3, "R5"),
        new(44, "is_ne_exact", 3, "R5"),
        new(45, "is_integer", 2, "R5"),
        new(46, "is_float", 2, "R5"),
        new(47, "is_number", 2, "R5"),
        new(48, "is_atom", 2, "R5"),
        new(49, "is_pid", 2, "R5"),
        new(50, "is_reference", 2, "R5"),
        new(51, "is_port", 2, "R5"),
        new(52, "is_nil", 2, "R5"),
        new(53, "is_binary", 2, "R5"),
        new(54, "is_constant", 2, "R5"),
        new(55, "is_list", 2, "R5"),
        new(56, "is_nonempty_list", 2, "R5"),
        new(57, "is_tuple", 2, "R5"),
        new(58, "test_arity", 3, "R5"),
        new(59, "select_val", 3, "R5"),
        new(60, "select_tuple_arity", 3, "R5"),
        new(61, "jump", 1, "R5"),
        new(62, "catch", 2, "R5"),
        new(63, "catch_end", 1, "R5"),
        new(64, "move", 2, "R5"),
        new(65, "get_list", 3, "R5"),
        new(66, "get_tuple_element", 3, "R5"),
        new(67, "set_tuple_element", 3, "R5"),
        new(68, "put_string", 3, "R5"),
        new(69, "put_list", 3, "R5"),
        new(70, "put_tuple", 2, "R5"),
        new(71, "put", 1, "R5"),
        new(72, "badmatch", 1, "R5"),
        new(73, "if_end", 0, "R5"),
        new(74, "case_end", 1, "R5"),
        new(75, "call_fun", 1, "R5"),
        new(76, "make_fun", 3, "R5"),
        new(77, "is_function", 2, "R5"),
        new(78, "call_ext_only", 2, "R5"),
        new(79, "bs_start_match", 2, "R7"),
        new(80, "bs_get_integer", 5, "R7"),
        new(81, "bs_get_float", 5, "R7"),
        new(82, "bs_get_binary", 5, "R7"),
        new(83, "bs_skip_bits", 4, "R7"),
        new(84, "bs_test_tail", 2, "R7"),
        new(85, "bs_save", 1, "R7"),
        new(86, "bs_restore", 1, "R7"),
        new(87, "bs_init", 2, "R7A"),
        new(88, "bs_final", 2, "R7A"),
        new(89, "bs_put_integer", 5, "R7A"),
        new(90, "bs_put_binary", 5, "R7A"),
        new(91, "bs_put_float", 5, "R7A"),
        new(92, "bs_put_string", 2, "R7A"),
        new(93, "bs_need_buf", 1, "R7B"),
        new(94, "fclearerror", 0, "R8"),
        new(95, "fcheckerror", 1, "R8"),
        new(96, "fmove", 2, "R8"),
        new(97, "fconv", 2, "R8"),
        new(98, "fadd", 4, "R8"),
        new(99, "fsub", 4, "R8"),
        new(100, "fmul", 4, "R8"),
        new(101, "fdiv", 4, "R8"),
        new(102, "fnegate", 3, "R8"),
        new(103, "make_fun2", 1, "R8"),
        new(104, "try", 2, "R10B"),
        new(105, "try_end", 1, "R10B"),
        new(106, "try_case", 1, "R10B"),
        new(107, "try_case_end", 1, "R10B"),
        new(108, "raise", 2, "R10B"),
        new(109, "bs_init2", 6, "R10B"),
        new(110, "bs_bits_to_bytes", 3, "R10B"),
        new(111, "bs_add", 5, "R10B"),
        new(112, "apply", 1, "R10B"),
        new(113, "apply_last", 2, "R10B"),
        new(114, "is_boolean", 2, "R10B"),
        new(115, "is_function2", 3, "R10B-6"),
        new(116, "bs_start_match2", 5, "R11B"),
        new(117, "bs_get_integer2", 7, "R11B"),
        new(118, "bs_get_float2", 7, "R11B"),
        new(119, "bs_get_binary2", 7, "R11B"),
        new(120, "bs_skip_bits2", 5, "R11B"),
        new(121, "bs_test_tail2", 3, "R11B"),
        new(122, "bs_save2", 2, "R11B"),
        new(123, "bs_restore2", 2, "R11B"),
        new(124, "gc_bif1", 5, "R11B"),
        new(125, "gc_bif2", 6, "R11B"),
        new(126, "bs_final2", 2, "R11B"),
        new(127, "bs_bits_to_bytes2", 2, "R11B"),
        new(128, "put_literal", 2, "R11B-4"),
        new(129, "is_bitstr", 2, "R11B-5"),
        new(130, "bs_context_to_binary", 1, "R12B"),
        new(131, "bs_test_unit", 3, "R12B"),
        new(132, "bs_match_string", 4, "R12B"),
        new(133, "bs_init_writable", 0, "R12B"),
        new(134, "bs_append", 8, "R12B"),
        new(135, "bs_private_append", 6, "R12B"),
        new(136, "trim", 2, "R12B"),
        new(137, "bs_init_bits", 6, "R12B"),
        new(138, "bs_get_utf8", 5, "R12B-5"),
        new(139, "bs_skip_utf8", 4, "R12B-5"),
        new(140, "bs_get_utf16", 5, "R12B-5"),
        new(141, "bs_skip_utf16", 4, "R12B-5"),
        new(142, "bs_get_utf32", 5, "R12B-5"),
        new(143, "bs_skip_utf32", 4, "R12B-5"),
        new(144, "bs_utf8_size", 3, "R12B-5"),
        new(145, "bs_put_utf8", 3, "R12B-5"),
        new(146, "bs_utf16_size", 3, "R12B-5"),
        new(147, "bs_put_utf16", 3, "R12B-5"),
        new(148, "bs_put_utf32", 3, "R12B-5"),
        new(149, "on_load", 0, "R13B03"),
        new(150, "recv_mark", 1, "R14A"),
        new(151, "recv_set", 1, "R14A"),
        new(152, "gc_bif3", 7, "R14A"),
        new(153, "line", 1, "R15A"),
        new(154, "put_map_assoc", 5, "OTP 17"),
        new(155, "put_map_exact", 5, "OTP 17"),
        new(156, "is_map", 2, "OTP 17"),
        new(157, "has_map_fields", 3, "OTP 17"),
        new(158, "get_map_elements", 3, "OTP 17"),
        new(159, "is_tagged_tuple", 4, "OTP 20"),
        new(160, "build_stacktrace", 0, "OTP 21"),
        new(161, "raw_raise", 0, "OTP 21"),
        new(162, "get_hd", 2, "OTP 21"),
        new(163, "get_tl", 2, "OTP 21"),
        new(164, "put_tuple2", 2, "OTP 22"),
        new(165, "bs_get_tail", 3, "OTP 22"),
        new(166, "bs_start_match3", 4, "OTP 22"),
        new(167, "bs_get_position", 3, "OTP 22"),
        new(168, "bs_set_position", 2, "OTP 22"),
        new(169, "swap", 2, "OTP 23"),
        new(170, "bs_start_match4", 4, "OTP 23"),
        new(171, "make_fun3", 3, "OTP 24"),
        new(172, "init_yregs", 1, "OTP 24"),
        new(173, "recv_marker_bind", 2, "OTP 24"),
        new(174, "recv_marker_clear", 1, "OTP 24"),
        new(175, "recv_marker_reserve", 1, "OTP 24"),
        new(176, "recv_marker_use", 1, "OTP 24"),
        new(177, "bs_create_bin", 6, "OTP 25"),
        new(178, "call_fun2", 3, "OTP 25"),
        new(179, "nif_start", 0, "OTP 25"),
        new(180, "badrecord", 1, "OTP 25"),
        new(181, "update_record", 5, "OTP 26"),
        new(182, "bs_match", 3, "OTP 26"),
        new(183, "executable_line", 2, "OTP 27"),
        new(184, "debug_line", 4, "OTP 28"),
        new(185, "bif3", 6, "OTP 29"),
        new(186, "is_any_native_record", 2, "OTP 29"),
        new(187, "is_native_record", 4, "OTP 29"),
        new(188, "get_record_elements", 3, "OTP 29"),
        new(189, "put_record", 6, "OTP 29"),
        new(190, "is_record_accessible", 3, "OTP 29"),
        new(191, "get_record_field", 5, "OTP 29"),
        new(192, "get_record_elements_id", 4, "OTP 29"),
        new(193, "update_record_id", 6, "OTP 29"),
    ];
}
