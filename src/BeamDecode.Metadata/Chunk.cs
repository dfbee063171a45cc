namespace BeamDecode.Metadata;

/// <summary>
/// One IFF chunk: its id, the offset of its data in the (decompressed) file image, the size its header
/// declares, and its data (exactly that many bytes; the 0-3 alignment bytes that follow are not included).
/// </summary>
public sealed record Chunk(string Id, int Offset, int Size, ReadOnlyMemory<byte> Data)
{
    /// <summary>The id as printable text: non-printable bytes become \xNN so a hostile id cannot forge output.</summary>
    public string DisplayId => ChunkText.Printable(Id);
}
