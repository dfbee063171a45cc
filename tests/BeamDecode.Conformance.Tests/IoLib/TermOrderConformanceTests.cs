using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.IoLib;

/// <summary>
/// TermComparer against erts (erts_cmp in erts/emulator/beam/utils.c): pairs compared with &lt; and ==, lists put
/// through lists:sort/1, and the key order maps:to_list/1 gives small maps. The terms come from narrow domains
/// (few atoms, nodes, ids), so that many pairs share a prefix and the comparison reaches the deep cases:
/// integers against floats, pids, ports and references of several nodes and creations, funs, bitstrings, maps of
/// both representations.
/// </summary>
public sealed class TermOrderConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Compare_CorpusPairs_AgreesWithErlangOperators()
    {
        var failures = new List<string>();
        int pairs = 0;
        foreach (var record in ReadOrderRecords())
        {
            if (record is not PairRecord(var a, var b, int expected))
            {
                continue;
            }

            pairs++;
            int actual = Math.Sign(TermComparer.Standard.Compare(a, b));
            int reverse = Math.Sign(TermComparer.Standard.Compare(b, a));
            if (actual != expected || reverse != -expected)
            {
                failures.Add($"{Clip(a)} vs {Clip(b)}: erl {expected}, ours {actual} (reversed {reverse})");
            }
        }

        output.WriteLine($"{pairs - failures.Count} of {pairs} pairs compare as erl does");
        Assert.Equal(TermCorpus.OrderPairs, pairs);
        Assert.True(failures.Count == 0, $"{failures.Count} of {pairs} pairs differ:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");
    }

    [Fact]
    public void Sort_CorpusLists_MatchesListsSort()
    {
        var failures = new List<string>();
        int lists = 0;
        foreach (var record in ReadOrderRecords())
        {
            if (record is not SortRecord(var input, var sortedByErl))
            {
                continue;
            }

            lists++;
            // lists:sort/1 is a merge sort; terms that compare equal (1 and 1.0) may land in either order, so
            // compare positions with the comparer rather than with exact equality.
            var ours = input.OrderBy(t => t, TermComparer.Standard).ToList();
            for (int i = 0; i < ours.Count; i++)
            {
                if (TermComparer.Standard.Compare(ours[i], sortedByErl[i]) != 0)
                {
                    failures.Add($"list {lists}, position {i}: erl {Clip(sortedByErl[i])}, ours {Clip(ours[i])}");
                    break;
                }
            }
        }

        output.WriteLine($"{lists - failures.Count} of {lists} lists sort as lists:sort/1 does");
        Assert.True(lists > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void MapTermPairs_CorpusMaps_FollowMapsToListOrder()
    {
        var failures = new List<string>();
        int maps = 0;
        foreach (var record in ReadOrderRecords())
        {
            if (record is not MapRecord(var map, var keys))
            {
                continue;
            }

            maps++;
            var ours = map.Pairs.Select(p => p.Key).ToList();
            if (ours.Count != keys.Count || !ours.Zip(keys).All(k => k.First.Equals(k.Second)))
            {
                failures.Add($"map {Clip(map)}: erl key order {Clip(new ListTerm([.. keys], NilTerm.Instance))}, ours {Clip(new ListTerm([.. ours], NilTerm.Instance))}");
            }
        }

        output.WriteLine($"{maps - failures.Count} of {maps} maps keep erl's key order");
        Assert.True(maps > 0);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static string Clip(Term t)
    {
        string s = t.ToString();
        return s.Length <= 200 ? s : string.Concat(s.AsSpan(0, 200), "...");
    }

    private abstract record OrderRecord;

    private sealed record PairRecord(Term A, Term B, int Expected) : OrderRecord;

    private sealed record SortRecord(List<Term> Input, List<Term> Sorted) : OrderRecord;

    private sealed record MapRecord(MapTerm Map, List<Term> Keys) : OrderRecord;

    /// <summary>Records: 1 A B Cmp:8/signed; 2 Count:32 Count*Term Count*SortedTerm; 3 Map Count:32 Count*Key.
    /// Every term is framed as Size:32 followed by term_to_binary/1.</summary>
    private static List<OrderRecord> ReadOrderRecords()
    {
        byte[] data = TermCorpus.Get().Order;
        var records = new List<OrderRecord>();
        int pos = 0;
        while (pos < data.Length)
        {
            byte kind = data[pos++];
            switch (kind)
            {
                case 1:
                    var a = Next(data, ref pos);
                    var b = Next(data, ref pos);
                    records.Add(new PairRecord(a, b, (sbyte)data[pos++]));
                    break;
                case 2:
                    int n = ReadCount(data, ref pos);
                    records.Add(new SortRecord(NextMany(data, ref pos, n), NextMany(data, ref pos, n)));
                    break;
                case 3:
                    var map = Assert.IsType<MapTerm>(Next(data, ref pos));
                    int keys = ReadCount(data, ref pos);
                    records.Add(new MapRecord(map, NextMany(data, ref pos, keys)));
                    break;
                default:
                    Assert.Fail($"unknown order record kind {kind} at {pos - 1}");
                    break;
            }
        }

        return records;
    }

    private static List<Term> NextMany(byte[] data, ref int pos, int count)
    {
        var terms = new List<Term>(count);
        for (int i = 0; i < count; i++)
        {
            terms.Add(Next(data, ref pos));
        }

        return terms;
    }

    private static Term Next(byte[] data, ref int pos) => TermReader.Decode(TermCorpus.ReadFramed(data, ref pos));

    private static int ReadCount(byte[] data, ref int pos)
    {
        int n = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
        pos += 4;
        return n;
    }
}
