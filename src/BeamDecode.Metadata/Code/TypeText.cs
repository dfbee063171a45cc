using System.Text;
using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata.Code;

/// <summary>
/// Writes a Type-chunk entry as the compiler's type term (a beam_types record, printed as a tuple), the form a
/// <c>{tr,Reg,Type}</c> operand takes in a .S file. The chunk keeps only type bits and an integer range (and, from
/// OTP 26, a bitstring unit), so the term is the widest type with those bits: what beam_types:decode_ext/1 builds
/// by joining one type per bit. For version 1 (OTP 25) that term encodes back to the same bytes
/// (beam_types:encode_ext/1), which is what lets erlc re-assemble the .S into an identical Type chunk; the join's
/// normal form (beam_types.erl join/2, shrink_union/1) is a single type or a t_union of atom, list, number,
/// tuple_set and other parts. Versions 2 and 3 (OTP 26, 27+) follow those releases' records (t_number, the
/// appendable field of t_bitstring, identifier/other) for reading only.
/// </summary>
public static class TypeText
{
    // Version 1 and 2 bit numbers (OTP 25/26 beam_types.erl ?BEAM_TYPE_*); version 3 drops BS_MATCHSTATE (bit 2)
    // and shifts the rest down by one.
    private const int Atom = 0, Bitstring = 1, BsContext = 2, Cons = 3, Float = 4, Fun = 5, Integer = 6, Map = 7,
        Nil = 8, Pid = 9, Port = 10, Reference = 11, Tuple = 12;

    /// <summary>The type term for <paramref name="entry"/> of a Type chunk of <paramref name="version"/>.</summary>
    public static string Write(TypeEntry entry, int version)
    {
        ArgumentNullException.ThrowIfNull(entry);
        int bits = Normalize(entry.Bits, version, out int all);
        if (bits == 0)
        {
            return "none";
        }

        if ((bits & all) == all)
        {
            return "any";
        }

        bool v1 = version == 1;
        string? atom = Has(bits, Atom) ? "{t_atom,any}" : null;
        string? list = (Has(bits, Cons), Has(bits, Nil)) switch
        {
            (true, true) => "{t_list,any,any}",
            (true, false) => "{t_cons,any,any}",
            (false, true) => "nil",
            _ => null,
        };
        string? number = Number(bits, entry, v1);
        string? tuple = Has(bits, Tuple) ? "{t_tuple,0,false,#{}}" : null;
        string? other = Other(bits, entry, version);
        if (other == "any")
        {
            return "any";
        }

        int parts = (atom is null ? 0 : 1) + (list is null ? 0 : 1) + (number is null ? 0 : 1) + (tuple is null ? 0 : 1) + (other is null ? 0 : 1);
        if (parts == 1)
        {
            return atom ?? list ?? number ?? tuple ?? other!;
        }

        return new StringBuilder("{t_union,")
            .Append(atom ?? "none").Append(',')
            .Append(list ?? "none").Append(',')
            .Append(number ?? "none").Append(',')
            .Append(tuple ?? "none").Append(',')
            .Append(other ?? "none").Append('}')
            .ToString();
    }

    /// <summary>Maps the entry's bits to the version 1 numbering; <paramref name="all"/> is every type bit of the version.</summary>
    private static int Normalize(int raw, int version, out int all)
    {
        if (version >= 3)
        {
            int types = raw & 0xFFF;
            all = 0x1FFF & ~(1 << BsContext);
            // Bits 0-1 stay, bits 2-11 move up past the retired BS_MATCHSTATE bit.
            return (types & 0x3) | ((types & ~0x3) << 1);
        }

        all = 0x1FFF;
        return raw & 0x1FFF;
    }

    private static bool Has(int bits, int bit) => (bits & (1 << bit)) != 0;

    private static string? Number(int bits, TypeEntry e, bool v1)
    {
        bool f = Has(bits, Float), i = Has(bits, Integer);
        if (v1)
        {
            return (f, i) switch
            {
                (true, true) => "number",
                (true, false) => "{t_float,any}",
                (false, true) => e.Min is { } min && e.Max is { } max ? $"{{t_integer,{{{min},{max}}}}}" : "{t_integer,any}",
                _ => null,
            };
        }

        string range = e.Min is null && e.Max is null
            ? "any"
            : $"{{{(e.Min is { } lo ? lo.ToString(System.Globalization.CultureInfo.InvariantCulture) : "'-inf'")},{(e.Max is { } hi ? hi.ToString(System.Globalization.CultureInfo.InvariantCulture) : "'+inf'")}}}";
        return (f, i) switch
        {
            (true, true) => $"{{t_number,{range}}}",
            (true, false) => "{t_float,any}",
            (false, true) => $"{{t_integer,{range}}}",
            _ => null,
        };
    }

    /// <summary>The "other" part: at most one of bitstring/match context, fun, map, pid, port, reference.</summary>
    private static string? Other(int bits, TypeEntry e, int version)
    {
        int count = 0;
        string? one = null;
        bool bs = Has(bits, Bitstring), ctx = Has(bits, BsContext);
        int unit = e.Unit ?? 1;
        if (bs || ctx)
        {
            count++;
            one = (bs, ctx, version) switch
            {
                (true, true, _) => "{t_bs_matchable,1}",
                (true, false, 1) => "{t_bitstring,1}",
                (true, false, 2) => $"{{t_bitstring,{unit},false}}",
                (true, false, _) => $"{{t_bs_matchable,{unit}}}",
                _ => "{t_bs_context,1}",
            };
        }

        bool identifiersOnly = true;
        foreach (var (bit, text) in Others)
        {
            if (Has(bits, bit))
            {
                count++;
                one = text;
                identifiersOnly &= bit is Pid or Port or Reference;
            }
        }

        if (count <= 1)
        {
            return one;
        }

        // Two "other" types: OTP 25 joins them to any; OTP 26+ to identifier (pid/port/reference) or other.
        return version == 1 ? "any" : identifiersOnly && !(bs || ctx) ? "identifier" : "other";
    }

    private static readonly (int Bit, string Text)[] Others =
    [
        (Fun, "{t_fun,any,any,any}"),
        (Map, "{t_map,any,any}"),
        (Pid, "pid"),
        (Port, "port"),
        (Reference, "reference"),
    ];
}
