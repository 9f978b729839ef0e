namespace Workshops.Cli.Status;

/// <summary>The <c>workshops status --json</c> shape.</summary>
public sealed record ClusterStatus(
    string ClusterId,
    string ServiceId,
    IReadOnlyList<ServerStatus> Servers,
    StatusTotals Totals);
