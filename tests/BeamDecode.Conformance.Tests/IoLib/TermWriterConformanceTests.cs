using System.Buffers.Binary;
using System.Text;
using BeamDecode.Metadata.Terms;

namespace BeamDecode.Conformance.Tests.IoLib;

/// <summary>
/// TermReader and TermWriter against erl itself: every corpus term is decoded from each of its encodings
/// (default, compressed, minor_version 0 and 1) and printed, and the text must equal io_lib:format("~w", [T]).
/// </summary>
public sealed class TermWriterConformanceTests(ITestOutputHelper output)
{
    [Fact]
    public void Write_EveryCorpusTerm_EqualsIoLibFormatW()
    {
        var cases = TermCorpus.ReadPrintCases(TermCorpus.Get().Print);
        var failures = new List<string>();
        foreach (var c in cases)
        {
            string ours = TermWriter.Write(TermReader.Decode(c.Encodings[0]));
            if (!string.Equals(ours, c.Text, StringComparison.Ordinal))
            {
                failures.Add($"term {c.Number}:{Environment.NewLine}  erl:  {Clip(c.Text)}{Environment.NewLine}  ours: {Clip(ours)}");
            }
        }

        output.WriteLine($"{cases.Count - failures.Count} of {cases.Count} terms print identically");
        Assert.True(cases.Count > TermCorpus.RandomTerms, "the corpus is smaller than generated");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count} terms print differently:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(20))}");
    }

    [Fact]
    public void Decode_EveryEncodingOfACorpusTerm_GivesEqualTerms()
    {
        var cases = TermCorpus.ReadPrintCases(TermCorpus.Get().Print);
        var failures = new List<string>();
        int encodings = 0;
        foreach (var c in cases)
        {
            var first = TermReader.Decode(c.Encodings[0]);
            foreach (byte[] encoding in c.Encodings)
            {
                encodings++;
                var term = TermReader.Decode(encoding, out int used);
                if (used != encoding.Length)
                {
                    failures.Add($"term {c.Number}: decoding used {used} of {encoding.Length} bytes");
                }

                if (!term.Equals(first) || term.GetHashCode() != first.GetHashCode() ||
                    TermComparer.Standard.Compare(term, first) != 0 || TermComparer.MapKeyOrder.Compare(term, first) != 0)
                {
                    failures.Add($"term {c.Number}: encoding starting {encoding[1]} decodes to {Clip(term.ToString())}, not {Clip(first.ToString())}");
                }
            }
        }

        output.WriteLine($"{encodings} encodings of {cases.Count} terms decode to equal terms");
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    [Fact]
    public void Write_ManyFloats_EqualsIoLibFormatW()
    {
        byte[] data = TermCorpus.Get().Floats;
        var failures = new List<string>();
        var sb = new StringBuilder();
        int count = 0;
        for (int pos = 0; pos < data.Length; count++)
        {
            double value = BinaryPrimitives.ReadDoubleBigEndian(data.AsSpan(pos));
            int length = data[pos + 8];
            string expected = Encoding.ASCII.GetString(data, pos + 9, length);
            pos += 9 + length;
            sb.Clear();
            TermWriter.Write(sb, new FloatTerm(value));
            if (!sb.Equals(expected.AsSpan()))
            {
                failures.Add($"{BitConverter.DoubleToInt64Bits(value):X16}: erl {expected}, ours {sb}");
            }
        }

        output.WriteLine($"{count - failures.Count} of {count} floats print identically");
        Assert.Equal(TermCorpus.Floats, count);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(20)));
    }

    private static string Clip(string s) => s.Length <= 300 ? s : string.Concat(s.AsSpan(0, 300), "...");
}
