using System.Buffers;

namespace BeamDecode.Cli.Output;

/// <summary>
/// A growable byte buffer rented from <see cref="ArrayPool{T}.Shared"/>: a module's JSON is written into one on a worker
/// thread and handed to the thread that writes the document, which returns it (<see cref="Dispose"/>), so a run over
/// a tree reuses a few arrays instead of allocating one per module.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(initialCapacity);

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    public int WrittenCount => _written;

    /// <summary>Bytes already written, to be written over: a placeholder of a known width filled in later (the md5 of
    /// <c>info --json</c>, InfoJsonWriter.FillMd5).</summary>
    public Span<byte> WrittenSpanToFill(int start, int length) => _buffer.AsSpan(0, _written).Slice(start, length);

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_buffer.Length - _written))
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        // The room check inline and the growing out of line: the JSON writer calls this a few times per value.
        if (_buffer.Length - _written < Math.Max(sizeHint, 1))
        {
            Ensure(sizeHint);
        }

        return _buffer.AsSpan(_written);
    }

    public void Write(ReadOnlySpan<byte> bytes)
    {
        if (_buffer.Length - _written < Math.Max(bytes.Length, 1))
        {
            Ensure(bytes.Length);
        }

        bytes.CopyTo(_buffer.AsSpan(_written));
        _written += bytes.Length;
    }

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Clear() => _written = 0;

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Ensure(int sizeHint)
    {
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        long size = Math.Max((long)_buffer.Length * 2, (long)_written + needed);
        var bigger = ArrayPool<byte>.Shared.Rent((int)Math.Min(size, Array.MaxLength));
        _buffer.AsSpan(0, _written).CopyTo(bigger);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = bigger;
    }
}
