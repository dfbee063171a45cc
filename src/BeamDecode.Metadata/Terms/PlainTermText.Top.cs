using System.Buffers.Binary;
using BeamDecode.Metadata.Chunks;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// The top of a chunk's term: the whole term for CInf, and for Attr the attribute list merged by key and sorted as
/// <see cref="AttributeList.Merge"/> leaves it (beam_lib's attributes), written from the bytes.
/// </summary>
public static partial class PlainTermText
{
    private static bool TryWriteTop(ReadOnlySpan<byte> data, ref Writer w, bool attributes)
    {
        if (data.Length < 2 || data[0] != 131)
        {
            return false;
        }

        var limits = TermReaderOptions.Default;
        if (limits.MaxDepth < 2 * MaxPlainDepth || limits.MaxTerms < 2L * data.Length)
        {
            // A term of N bytes holds fewer than N subterms; limits this low are left to the decoder.
            return false;
        }

        int p = 1;
        if (!attributes || data[1] != 108)
        {
            return Write(data, ref p, ref w, 0);
        }

        // AttributeList.Merge sorts {Key, Value} pairs by key (stably) and appends the values of a repeated key. With
        // distinct atom keys that is the pairs in key order, each printed as it is; a list holding anything but pairs
        // is left as it is by Merge.
        if (data.Length < 6)
        {
            return false;
        }

        int count = (int)BinaryPrimitives.ReadUInt32BigEndian(data[2..]);
        if (count <= 0 || count > MaxPlainAttributes)
        {
            return false;
        }

        Span<(int Start, int ValueAt, int KeyStart, int KeyLength)> pairs = count <= MaxStackAttributes
            ? stackalloc (int, int, int, int)[count]
            : new (int, int, int, int)[count];
        bool allPairs = true;
        p = 6;
        for (int i = 0; i < count; i++)
        {
            int start = p;
            if (!Skip(data, ref p, 1))
            {
                return false;
            }

            if (data[start] == 104 && data[start + 1] == 2 && AtomAt(data, start + 2, out var name, out int valueAt))
            {
                pairs[i] = (start, valueAt, start + 2 + (data[start + 2] is 115 or 119 ? 2 : 3), name.Length);
            }
            else if (data[start] is 104 or 105)
            {
                // A tuple of another arity, or a pair whose key is not a plain atom: Merge leaves a list holding any
                // non-pair as it is, but compares non-atom keys by term order, which is the decoder's business.
                if (!(data[start] == 104 && data[start + 1] != 2))
                {
                    return false;
                }

                allPairs = false;
            }
            else
            {
                allPairs = false;
            }
        }

        if (p >= data.Length || data[p] != 106)
        {
            return false;
        }

        if (!allPairs)
        {
            p = 1;
            return Write(data, ref p, ref w, 0);
        }

        // Atoms compare by their text; for ASCII names that is byte order. A binary insertion sort of at most
        // MaxPlainAttributes indexes, stable (each goes after the keys equal to it): pairs with equal keys stay in the
        // order of the list.
        Span<int> order = count <= MaxStackAttributes ? stackalloc int[count] : new int[count];
        for (int i = 0; i < count; i++)
        {
            var key = data.Slice(pairs[i].KeyStart, pairs[i].KeyLength);
            int lo = 0, hi = i;
            while (lo < hi)
            {
                int mid = (lo + hi) >>> 1;
                if (data.Slice(pairs[order[mid]].KeyStart, pairs[order[mid]].KeyLength).SequenceCompareTo(key) <= 0)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            order[lo..i].CopyTo(order[(lo + 1)..]);
            order[lo] = i;
        }

        if (!w.Append((byte)'['))
        {
            return false;
        }

        for (int i = 0; i < count;)
        {
            if (i > 0 && !w.Append((byte)','))
            {
                return false;
            }

            var key = data.Slice(pairs[order[i]].KeyStart, pairs[order[i]].KeyLength);
            int end = i + 1;
            while (end < count && data.Slice(pairs[order[end]].KeyStart, pairs[order[end]].KeyLength).SequenceEqual(key))
            {
                end++;
            }

            if (end == i + 1)
            {
                int at = pairs[order[i]].Start;
                if (!Write(data, ref at, ref w, 1))
                {
                    return false;
                }
            }
            else if (!w.Append((byte)'{') || !w.Atom(key) || !w.Append((byte)',') || !WriteAppended(data, pairs, order[i..end], ref w) ||
                !w.Append((byte)'}'))
            {
                return false;
            }

            i = end;
        }

        return w.Append((byte)']');
    }

    /// <summary>
    /// The values of a repeated attribute key appended into one list, as AttributeList.Merge appends them (in list
    /// order): the elements of each proper list (LIST_EXT, STRING_EXT, <c>[]</c>); false for any other value, which
    /// would become an improper tail, left to the decoder.
    /// </summary>
    private static bool WriteAppended(ReadOnlySpan<byte> data, scoped ReadOnlySpan<(int Start, int ValueAt, int KeyStart, int KeyLength)> pairs,
        scoped ReadOnlySpan<int> group, ref Writer w)
    {
        if (!w.Append((byte)'['))
        {
            return false;
        }

        bool any = false;
        foreach (int k in group)
        {
            int p = pairs[k].ValueAt;
            switch (data[p])
            {
                case 106:
                    break;
                case 107:
                {
                    // Skip has checked that the whole string is there.
                    int n = BinaryPrimitives.ReadUInt16BigEndian(data[(p + 1)..]);
                    for (int i = 0; i < n; i++)
                    {
                        if ((any && !w.Append((byte)',')) || !w.Integer(data[p + 3 + i]))
                        {
                            return false;
                        }

                        any = true;
                    }

                    break;
                }

                case 108:
                {
                    long elements = BinaryPrimitives.ReadUInt32BigEndian(data[(p + 1)..]);
                    p += 5;
                    for (long i = 0; i < elements; i++)
                    {
                        if ((any && !w.Append((byte)',')) || !Write(data, ref p, ref w, 3))
                        {
                            return false;
                        }

                        any = true;
                    }

                    if (data[p] != 106)
                    {
                        return false;
                    }

                    break;
                }

                default:
                    return false;
            }
        }

        return w.Append((byte)']');
    }
}
