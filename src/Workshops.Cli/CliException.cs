namespace Workshops.Cli;

/// <summary>A failure with the message the user reads on stderr and the exit code scripts see.</summary>
public sealed class CliException : Exception
{
    public CliException()
    {
        ExitCode = ExitCodes.Failed;
    }

    public CliException(string message) : base(message)
    {
        ExitCode = ExitCodes.Failed;
    }

    public CliException(string message, Exception innerException) : base(message, innerException)
    {
        ExitCode = ExitCodes.Failed;
    }

    public CliException(int exitCode, string message, Exception? innerException = null) : base(message, innerException)
    {
        ExitCode = exitCode;
    }

    public int ExitCode { get; }
}
