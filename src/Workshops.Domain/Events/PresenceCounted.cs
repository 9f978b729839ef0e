namespace Workshops.Domain.Events;

/// <summary>
/// The number of participants present changed. The count lives in memory only (servers re-attach
/// after a restart); the version it took is what must survive.
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.PresenceCounted")]
public sealed record PresenceCounted : WorkshopEvent
{
    [Id(0)] public int Participants { get; init; }
}
