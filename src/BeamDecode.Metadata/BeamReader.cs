using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using BeamDecode.Metadata.Diagnostics;

namespace BeamDecode.Metadata;

/// <summary>
/// A big-endian cursor over one buffer. Every read is bounds-checked here, and only here, so decoders
/// above it cannot read past their data (System.Reflection.Metadata BlobReader habit).
/// <see cref="BaseOffset"/> is the absolute file offset of the span's first byte, for diagnostics.
/// </summary>
public ref struct BeamReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    public BeamReader(ReadOnlySpan<byte> data, long baseOffset = 0, string? chunk = null)
    {
        _data = data;
        _position = 0;
        BaseOffset = baseOffset;
        Chunk = chunk;
    }

    public long BaseOffset { get; }

    public string? Chunk { get; }

    public int Position
    {
        readonly get => _position;
        set
        {
            if ((uint)value > (uint)_data.Length)
            {
                ThrowTruncated(value - _position);
            }

            _position = value;
        }
    }

    public readonly int Length => _data.Length;

    public readonly int Remaining => _data.Length - _position;

    public readonly bool AtEnd => _position >= _data.Length;

    /// <summary>The absolute file offset of the cursor.</summary>
    public readonly long Offset => BaseOffset + _position;

    public byte ReadByte()
    {
        if (_position >= _data.Length)
        {
            ThrowTruncated(1);
        }

        return _data[_position++];
    }

    public readonly byte PeekByte()
    {
        if (_position >= _data.Length)
        {
            ThrowTruncated(1);
        }

        return _data[_position];
    }

    public ushort ReadUInt16()
    {
        var v = BinaryPrimitives.ReadUInt16BigEndian(Take(2));
        return v;
    }

    public uint ReadUInt32() => BinaryPrimitives.ReadUInt32BigEndian(Take(4));

    public int ReadInt32() => BinaryPrimitives.ReadInt32BigEndian(Take(4));

    public ulong ReadUInt64() => BinaryPrimitives.ReadUInt64BigEndian(Take(8));

    public double ReadDouble() => BinaryPrimitives.ReadDoubleBigEndian(Take(8));

    /// <summary>A count that must be backed by at least <paramref name="minBytesEach"/> bytes per item.</summary>
    public int ReadCount(int minBytesEach, string what)
    {
        long at = Offset;
        uint n = ReadUInt32();
        CheckCount(n, minBytesEach, what, at);
        return (int)n;
    }

    /// <summary>Rejects a count the remaining bytes cannot hold: no allocation is sized by a lie.</summary>
    public readonly void CheckCount(ulong n, int minBytesEach, string what, long at)
    {
        if (n > int.MaxValue || (minBytesEach > 0 && n > (ulong)Remaining / (ulong)minBytesEach))
        {
            throw new BadBeamFormatException(
                DiagnosticId.ImplausibleSize,
                at,
                $"{what} count {n} exceeds what the remaining {Remaining} bytes can hold",
                Chunk);
        }
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        if (count < 0)
        {
            ThrowBad(DiagnosticId.ImplausibleSize, $"negative length {count}");
        }

        return Take(count);
    }

    // Inlined: the disassembler skips over every operand it has read from RemainingBytes, and the call was 3.8% of
    // `disasm --check`.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Skip(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowTruncated(count);
        }

        _position += count;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ReadOnlySpan<byte> Take(int count)
    {
        if ((uint)count > (uint)(_data.Length - _position))
        {
            ThrowTruncated(count);
        }

        var s = _data.Slice(_position, count);
        _position += count;
        return s;
    }

    public readonly ReadOnlySpan<byte> RemainingBytes => _data[_position..];

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void ThrowTruncated(int wanted) =>
        throw new BadBeamFormatException(
            DiagnosticId.Truncated,
            Offset,
            $"unexpected end of data: needed {wanted} more byte(s), {Remaining} left",
            Chunk);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void ThrowBad(string id, string message) =>
        throw new BadBeamFormatException(id, Offset, message, Chunk);

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public readonly void ThrowBadAt(string id, long offset, string message) =>
        throw new BadBeamFormatException(id, offset, message, Chunk);
}
