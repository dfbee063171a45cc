namespace BeamDecode.Metadata;

/// <summary>
/// The checksums of several modules (<see cref="ModuleMd5.TryCompute"/>, the same digests) computed together by
/// <see cref="Md5MultiBuffer"/>: each module's hashed bytes are copied into one buffer when it is added, so its image
/// need not outlive the call (a tool reads each module into one reused buffer), and <see cref="Compute"/> hashes them
/// all at once. The copy costs far less than what the multi-buffer hash saves (benchmarks/README.md, "MD5 of eight
/// modules at once"). Not thread-safe: one per thread.
/// </summary>
public sealed class ModuleMd5Batch
{
    /// <summary>A staging buffer grown past this is let go by <see cref="Clear"/>, not kept for the next batch.</summary>
    private const int KeepLimit = 8 << 20;

    private byte[] data;
    private int length;
    private Range[] messages = new Range[16];
    private int count;
    private byte[] digests = new byte[16 * Md5MultiBuffer.DigestLength];
    private bool computed;

    /// <summary>A batch that holds up to <paramref name="capacity"/> bytes of hashed data before it grows.</summary>
    public ModuleMd5Batch(int capacity = 64 << 10) => data = NewBuffer(capacity);

    /// <summary>The modules added since the last <see cref="Clear"/> (those given no slot not included).</summary>
    public int Count => count;

    /// <summary>The bytes staged for hashing.</summary>
    public int Length => length;

    /// <summary>
    /// Copies what <see cref="ModuleMd5.TryCompute"/> hashes of <paramref name="beam"/>: the module's slot, or -1 when
    /// that gives null (beam_lib refuses the module, <paramref name="missingChunk"/> says why).
    /// </summary>
    public int Add(BeamFile beam, out string? missingChunk)
    {
        long needed = ModuleMd5.HashedLength(beam, out missingChunk);
        if (needed < 0)
        {
            return -1;
        }

        if (needed > data.Length - length)
        {
            Grow(needed);
        }

        ModuleMd5.CopyHashedData(beam, data.AsSpan(length, (int)needed));
        if (count == messages.Length)
        {
            Array.Resize(ref messages, count * 2);
        }

        messages[count] = new Range(length, length + (int)needed);
        length += (int)needed;
        computed = false;
        return count++;
    }

    /// <summary>Forgets the module in <paramref name="slot"/> and those added after it (their work failed).</summary>
    public void RemoveFrom(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        if (slot < count)
        {
            length = messages[slot].Start.Value;
            count = slot;
            computed = false;
        }
    }

    /// <summary>Hashes every module added.</summary>
    public void Compute()
    {
        if (digests.Length < count * Md5MultiBuffer.DigestLength)
        {
            digests = new byte[count * 2 * Md5MultiBuffer.DigestLength];
        }

        Md5MultiBuffer.HashData(data.AsSpan(0, length), messages.AsSpan(0, count), digests);
        computed = true;
    }

    /// <summary>The checksum of the module in <paramref name="slot"/>, after <see cref="Compute"/>.</summary>
    public ReadOnlySpan<byte> Digest(int slot)
    {
        if (!computed)
        {
            throw new InvalidOperationException("the batch has not been computed since its last module was added");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(slot, count);
        return digests.AsSpan(slot * Md5MultiBuffer.DigestLength, Md5MultiBuffer.DigestLength);
    }

    /// <summary>Empties the batch, keeping its buffers (unless one grew past <see cref="KeepLimit"/>).</summary>
    public void Clear()
    {
        count = 0;
        length = 0;
        computed = false;
        if (data.Length > KeepLimit)
        {
            data = NewBuffer(64 << 10);
        }
    }

    private void Grow(long needed)
    {
        long size = Math.Max(length + needed, 2L * data.Length);
        if (size > Array.MaxLength)
        {
            size = length + needed <= Array.MaxLength
                ? Array.MaxLength
                : throw new InvalidOperationException("the batch holds more bytes than one array can");
        }

        var bigger = NewBuffer((int)size);
        data.AsSpan(0, length).CopyTo(bigger);
        data = bigger;
    }

    /// <summary>
    /// A staging buffer on the pinned object heap: one of a few hundred kilobytes on the large object heap counted
    /// towards its budget and brought a full collection into an <c>info --json</c> run over the OTP tree, which had
    /// none (the buffer lives as long as its batch, so it gains nothing from being movable).
    /// </summary>
    private static byte[] NewBuffer(int size) => GC.AllocateUninitializedArray<byte>(size, pinned: true);
}
