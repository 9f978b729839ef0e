namespace Workshops.Cli.Status;

/// <summary>
/// One server: what the cluster's membership says (id, name, status, start) joined with what
/// the server last reported to the cluster directory (URL, connections, people, workshops).
/// </summary>
public sealed record ServerStatus(
    string ServerId,
    string? Name,
    string? HostName,
    string Status,
    DateTime StartedAt,
    string? Url,
    int Connections,
    int People,
    IReadOnlyList<string> LiveWorkshops,
    int WorkshopsInMemory,
    DateTimeOffset? ReportedAt);
