using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace BeamDecode.Metadata;

/// <summary>
/// MD5 (RFC 1321) of many messages at once, one message per 32-bit lane of a <see cref="Vector128{T}"/>: MD5's steps
/// form one long chain of dependent instructions, so a scalar MD5 (OpenSSL's runs at about 850 MB/s here) leaves most of
/// the core idle, while the same steps on eight messages in two groups of four lanes keep it busy
/// (benchmarks/README.md, "MD5 of eight modules at once"). Written for <c>info --json</c> over a tree, where every
/// module's checksum (<see cref="ModuleMd5"/>) was a fifth of the CPU time; only SSE2 is used, since the Native AOT
/// build targets x86-64-v2, where AVX2 code would never run.
/// <para>
/// A message is made of segments (ranges of one source buffer). A lane takes its message's 64-byte blocks where they
/// lie while a whole block is left in its current segment; a block that straddles segments, or holds the padding and
/// length of RFC 1321 sections 3.1 and 3.2, is first copied into the lane's own 64 bytes. A lane whose message ends is
/// given the next message, longest first; when four or fewer are left, they go on in one group of four lanes.
/// </para>
/// </summary>
public static partial class Md5MultiBuffer
{
    /// <summary>The length of one digest in <c>digests</c>.</summary>
    public const int DigestLength = 16;

    private const int BlockLength = 64;

    /// <summary>Two groups of four lanes.</summary>
    private const int MaxLanes = 8;

    /// <summary>
    /// The MD5 of each message (one segment of <paramref name="source"/> each), in order, into
    /// <paramref name="digests"/> (<see cref="DigestLength"/> bytes each).
    /// </summary>
    public static void HashData(ReadOnlySpan<byte> source, ReadOnlySpan<Range> messages, Span<byte> digests) =>
        HashData(source, messages, [], digests, MaxLanes);

    /// <summary>
    /// The MD5 of each message, in order, into <paramref name="digests"/> (<see cref="DigestLength"/> bytes each):
    /// message i is the next <c>segmentCounts[i]</c> of <paramref name="segments"/>, ranges of <paramref name="source"/>,
    /// one after the other.
    /// </summary>
    public static void HashData(ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments, ReadOnlySpan<int> segmentCounts, Span<byte> digests)
    {
        if (segmentCounts.IsEmpty && !segments.IsEmpty)
        {
            throw new ArgumentException("a count of segments is needed for every message", nameof(segmentCounts));
        }

        HashData(source, segments, segmentCounts, digests, MaxLanes);
    }

    /// <summary>
    /// <paramref name="segmentCounts"/> empty: one segment per message. <paramref name="lanes"/>: 8 (two groups) or 4
    /// (one), so that tests and measurements can compare the two.
    /// </summary>
    internal static void HashData(ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments, ReadOnlySpan<int> segmentCounts, Span<byte> digests, int lanes)
    {
        int messages = segmentCounts.IsEmpty ? segments.Length : segmentCounts.Length;
        long total = 0;
        foreach (int count in segmentCounts)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count, nameof(segmentCounts));
            total += count;
        }

        if (!segmentCounts.IsEmpty && total != segments.Length)
        {
            throw new ArgumentException($"the counts add up to {total} segments, not {segments.Length}", nameof(segmentCounts));
        }

        foreach (var segment in segments)
        {
            _ = segment.GetOffsetAndLength(source.Length); // throws for a range outside the source
        }

        ArgumentOutOfRangeException.ThrowIfLessThan((long)digests.Length, (long)messages * DigestLength, nameof(digests));
        if (lanes is not (4 or MaxLanes))
        {
            throw new ArgumentOutOfRangeException(nameof(lanes));
        }

        // Longest first: a lane that finishes takes the next message, so the short ones fill the lanes up to the end
        // and few blocks are hashed beside idle lanes (the longest-processing-time-first rule of scheduling).
        long[]? rentedLengths = null;
        int[]? rentedOrder = null, rentedFirsts = null;
        Span<long> keys = messages <= StackMessages ? stackalloc long[messages] : (rentedLengths = ArrayPool<long>.Shared.Rent(messages)).AsSpan(0, messages);
        Span<int> order = messages <= StackMessages ? stackalloc int[messages] : (rentedOrder = ArrayPool<int>.Shared.Rent(messages)).AsSpan(0, messages);
        Span<int> firsts = messages <= StackMessages ? stackalloc int[messages] : (rentedFirsts = ArrayPool<int>.Shared.Rent(messages)).AsSpan(0, messages);
        for (int m = 0, segment = 0; m < messages; m++)
        {
            int count = segmentCounts.IsEmpty ? 1 : segmentCounts[m];
            long length = 0;
            for (int k = segment; k < segment + count; k++)
            {
                length += segments[k].GetOffsetAndLength(source.Length).Length;
            }

            keys[m] = -length;
            order[m] = m;
            firsts[m] = segment;
            segment += count;
        }

        keys.Sort(order);
        Run(source, segments, segmentCounts, order, firsts, digests, lanes);
        if (rentedLengths is not null)
        {
            ArrayPool<long>.Shared.Return(rentedLengths);
            ArrayPool<int>.Shared.Return(rentedOrder!);
            ArrayPool<int>.Shared.Return(rentedFirsts!);
        }
    }

    /// <summary>Up to this many messages, the order they are hashed in is worked out on the stack.</summary>
    private const int StackMessages = 256;

    /// <summary>Where one lane is in its message.</summary>
    private struct Lane
    {
        /// <summary>The message hashed in this lane, or -1 when the lane is idle.</summary>
        public int Message;

        /// <summary>The current segment and the end of the message's segments (indexes into the segments).</summary>
        public int Segment;
        public int SegmentEnd;

        /// <summary>The next byte of the current segment, and its end (offsets into the source).</summary>
        public int Position;
        public int End;

        /// <summary>The bytes of the message hashed or staged so far (its length, once all are).</summary>
        public long Length;

        /// <summary>0: in the message's bytes; 1: the 0x80 byte is staged, the length not yet; 2: the block staged is
        /// the message's last.</summary>
        public int Padding;

        /// <summary>The next block is read from the source (else from the lane's stage).</summary>
        public bool Direct;
    }

    /// <summary>Hashes the messages in the given <paramref name="order"/>; message m's segments begin at
    /// <c>firsts[m]</c>.</summary>
    private static void Run(
        ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments, ReadOnlySpan<int> segmentCounts, ReadOnlySpan<int> order, ReadOnlySpan<int> firsts, Span<byte> digests, int width)
    {
        Span<Lane> lanes = stackalloc Lane[MaxLanes];
        // A, B, C and D of the eight lanes in turn: lanes 0-3 and 4-7 of each load as one vector.
        Span<uint> state = stackalloc uint[4 * MaxLanes];
        // Each lane's staged block.
        Span<byte> stage = stackalloc byte[MaxLanes * BlockLength];
        Span<Vector128<uint>> words = stackalloc Vector128<uint>[2 * 16];
        ref byte sourceStart = ref MemoryMarshal.GetReference(source);

        for (int j = 0; j < MaxLanes; j++)
        {
            lanes[j].Message = -1;
        }

        int next = 0;
        while (true)
        {
            // Idle lanes take the next messages; then the busy lanes are moved to the front, so that four or fewer fill
            // one group of four.
            int busy = 0;
            for (int j = 0; j < width; j++)
            {
                if (lanes[j].Message < 0 && next < order.Length)
                {
                    int message = order[next++];
                    Start(ref lanes[j], state, j, message, firsts[message], segmentCounts.IsEmpty ? 1 : segmentCounts[message], source, segments);
                }

                if (lanes[j].Message >= 0)
                {
                    if (j != busy)
                    {
                        Move(lanes, state, j, busy);
                    }

                    busy++;
                }
            }

            if (busy == 0)
            {
                return;
            }

            int group = busy > 4 ? MaxLanes : 4;

            // Each busy lane's next block: in place, for as many blocks as its segment has whole, or staged (one block).
            long run = long.MaxValue;
            for (int j = 0; j < busy; j++)
            {
                ref var lane = ref lanes[j];
                while (lane.Position == lane.End && lane.Segment + 1 < lane.SegmentEnd)
                {
                    NextSegment(ref lane, source, segments);
                }

                lane.Direct = lane.Padding == 0 && lane.End - lane.Position >= BlockLength;
                if (lane.Direct)
                {
                    run = Math.Min(run, (lane.End - lane.Position) / BlockLength);
                }
                else
                {
                    Stage(ref lane, source, segments, stage.Slice(j * BlockLength, BlockLength));
                    run = 1;
                }
            }

            ref uint s = ref MemoryMarshal.GetReference(state);
            ref var w = ref MemoryMarshal.GetReference(words);
            if (group == 4)
            {
                Blocks4(
                    ref s,
                    ref BlockOf(lanes, 0, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 1, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 2, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 3, busy, ref sourceStart, stage),
                    (nuint)run,
                    ref w);
            }
            else
            {
                Blocks8(
                    ref s,
                    ref BlockOf(lanes, 0, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 1, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 2, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 3, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 4, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 5, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 6, busy, ref sourceStart, stage),
                    ref BlockOf(lanes, 7, busy, ref sourceStart, stage),
                    (nuint)run,
                    ref w);
            }

            for (int j = 0; j < busy; j++)
            {
                ref var lane = ref lanes[j];
                if (lane.Direct)
                {
                    int bytes = (int)run * BlockLength;
                    lane.Position += bytes;
                    lane.Length += bytes;
                }
                else if (lane.Padding == 2)
                {
                    // The digest is A, B, C, D, each low-order byte first (RFC 1321 section 3.5).
                    var digest = digests.Slice(lane.Message * DigestLength, DigestLength);
                    for (int word = 0; word < 4; word++)
                    {
                        BinaryPrimitives.WriteUInt32LittleEndian(digest[(word * 4)..], state[(word * MaxLanes) + j]);
                    }

                    lane.Message = -1;
                }
            }
        }
    }

    /// <summary>Lane <paramref name="j"/>'s next blocks, in the source or (one block) in its stage. An idle lane hashes
    /// lane 0's blocks again, which are there for as many blocks as the run has; its state is reset when it is given a
    /// message.</summary>
    private static ref byte BlockOf(Span<Lane> lanes, int j, int busy, ref byte sourceStart, Span<byte> stage)
    {
        int lane = j < busy ? j : 0;
        return ref lanes[lane].Direct ? ref Unsafe.Add(ref sourceStart, lanes[lane].Position) : ref stage[lane * BlockLength];
    }

    /// <summary>Lane <paramref name="j"/> begins <paramref name="message"/> with the initial state of RFC 1321
    /// section 3.3.</summary>
    private static void Start(
        ref Lane lane, Span<uint> state, int j, int message, int firstSegment, int count, ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments)
    {
        lane = new Lane { Message = message, Segment = firstSegment - 1, SegmentEnd = firstSegment + count };
        if (count > 0)
        {
            NextSegment(ref lane, source, segments);
        }

        state[j] = 0x67452301;
        state[MaxLanes + j] = 0xefcdab89;
        state[(2 * MaxLanes) + j] = 0x98badcfe;
        state[(3 * MaxLanes) + j] = 0x10325476;
    }

    private static void NextSegment(ref Lane lane, ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments)
    {
        lane.Segment++;
        (int offset, int length) = segments[lane.Segment].GetOffsetAndLength(source.Length);
        lane.Position = offset;
        lane.End = offset + length;
    }

    /// <summary>Lane <paramref name="from"/>'s message and state into lane <paramref name="to"/>, which is idle.</summary>
    private static void Move(Span<Lane> lanes, Span<uint> state, int from, int to)
    {
        lanes[to] = lanes[from];
        lanes[from].Message = -1;
        for (int word = 0; word < 4; word++)
        {
            state[(word * MaxLanes) + to] = state[(word * MaxLanes) + from];
        }
    }

    /// <summary>
    /// Copies the lane's next 64 bytes into <paramref name="block"/>: the rest of its message (across segments), then
    /// the padding of RFC 1321 section 3.1 (a 0x80 byte, zeros up to 56 bytes modulo 64) and the message's length in
    /// bits, low-order byte first (section 3.2), as far as they go in this block.
    /// </summary>
    private static void Stage(ref Lane lane, ReadOnlySpan<byte> source, ReadOnlySpan<Range> segments, Span<byte> block)
    {
        int filled = 0;
        while (filled < BlockLength && lane.Padding == 0)
        {
            if (lane.Position == lane.End)
            {
                if (lane.Segment + 1 >= lane.SegmentEnd)
                {
                    break;
                }

                NextSegment(ref lane, source, segments);
                continue;
            }

            int take = Math.Min(BlockLength - filled, lane.End - lane.Position);
            source.Slice(lane.Position, take).CopyTo(block[filled..]);
            filled += take;
            lane.Position += take;
            lane.Length += take;
        }

        if (filled == BlockLength)
        {
            return;
        }

        if (lane.Padding == 0)
        {
            block[filled++] = 0x80;
            lane.Padding = 1;
        }

        if (filled <= BlockLength - 8)
        {
            block[filled..(BlockLength - 8)].Clear();
            BinaryPrimitives.WriteUInt64LittleEndian(block[(BlockLength - 8)..], (ulong)lane.Length << 3);
            lane.Padding = 2;
        }
        else
        {
            block[filled..].Clear();
        }
    }
}
