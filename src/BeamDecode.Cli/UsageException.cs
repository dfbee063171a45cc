namespace BeamDecode.Cli;

/// <summary>An anticipated user error: printed as one line without a stack trace, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
