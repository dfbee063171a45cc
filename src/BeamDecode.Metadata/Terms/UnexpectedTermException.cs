namespace BeamDecode.Metadata.Terms;

/// <summary>
/// Thrown by <see cref="TermSpanReader"/> when the bytes are not the shape its caller expects, or not bytes
/// <see cref="TermReader"/> would accept: not a diagnostic, but the signal to decode the same bytes with
/// <see cref="TermReader"/> instead. Callers catch it; it never leaves the library.
/// </summary>
public sealed class UnexpectedTermException : Exception
{
    public UnexpectedTermException()
        : base("the term is not of the expected shape")
    {
    }
}
