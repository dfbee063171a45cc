using System.Collections.Immutable;

namespace BeamDecode.Metadata.Terms;

/// <summary>
/// A binary or bitstring (BINARY_EXT, BIT_BINARY_EXT). <see cref="BitsInLastByte"/> is 8 for a binary;
/// otherwise 1..7 and only the high bits of the last byte are significant (the rest are kept zero).
/// </summary>
public sealed class BitStringTerm : Term
{
    public static readonly BitStringTerm Empty = new(ImmutableArray<byte>.Empty, 8);

    public BitStringTerm(ImmutableArray<byte> bytes, int bitsInLastByte = 8)
    {
        if (bitsInLastByte is < 1 or > 8 || (bytes.IsEmpty && bitsInLastByte != 8))
        {
            throw new ArgumentOutOfRangeException(nameof(bitsInLastByte));
        }

        Bytes = bytes;
        BitsInLastByte = bitsInLastByte;
    }

    public ImmutableArray<byte> Bytes { get; }

    public int BitsInLastByte { get; }

    public bool IsBinary => BitsInLastByte == 8;

    /// <summary>Size in bits.</summary>
    public long BitSize => Bytes.IsEmpty ? 0 : ((long)(Bytes.Length - 1) * 8) + BitsInLastByte;

    public override TermKind Kind => TermKind.BitString;

    public override bool Equals(Term? other) =>
        ReferenceEquals(this, other) ||
        (other is BitStringTerm b && b.BitsInLastByte == BitsInLastByte && b.Bytes.AsSpan().SequenceEqual(Bytes.AsSpan()));

    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(BitsInLastByte);
        h.AddBytes(Bytes.AsSpan());
        return h.ToHashCode();
    }
}
