namespace Workshops.Contracts;

/// <summary>
/// Singleton (key 0) where each server reports what it holds, so that the CLI's
/// <c>workshops status</c> can show servers, active workshops and people connected.
/// In memory only: a report older than its expiry means the server is gone.
/// </summary>
public interface IClusterDirectoryGrain : IGrainWithIntegerKey
{
    Task Report(ServerReport report);

    Task<IReadOnlyList<ServerReport>> GetServers();
}

[GenerateSerializer, Immutable, Alias("Workshops.ServerReport")]
public sealed record ServerReport(
    [property: Id(0)] string ServerId,
    [property: Id(1)] string? Url,
    [property: Id(2)] int Connections,
    [property: Id(3)] int People,
    [property: Id(4)] IReadOnlyList<string> Workshops,
    [property: Id(5)] DateTimeOffset ReportedAt);
