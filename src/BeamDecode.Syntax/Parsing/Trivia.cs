using BeamDecode.Syntax.Text;

namespace BeamDecode.Syntax.Parsing;

/// <summary>What a piece of trivia is: erl_scan's <c>white_space</c> and <c>comment</c> tokens (scanned with the
/// <c>return</c> option).</summary>
public enum TriviaKind
{
    WhiteSpace,
    Comment,
}

/// <summary>White space or a comment kept beside a token, so the original text round-trips (Roslyn's trivia).</summary>
public readonly record struct Trivia(TriviaKind Kind, TextSpan Span);
