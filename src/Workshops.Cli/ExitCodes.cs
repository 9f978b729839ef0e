namespace Workshops.Cli;

/// <summary>What the process returns, so that scripts can tell failures apart (docs/cli.md).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Anything not covered below (a refusal such as <c>forbidden</c>, a bug).</summary>
    public const int Failed = 1;

    /// <summary>Bad command line, unreadable or malformed program file, or the cluster refused the input (<c>invalid_input</c>).</summary>
    public const int InvalidInput = 2;

    /// <summary>No server of the cluster answered (none running, wrong port, cluster id or connection string).</summary>
    public const int ClusterUnreachable = 3;

    /// <summary>No such event (<c>not_found</c>).</summary>
    public const int NotFound = 4;
}
