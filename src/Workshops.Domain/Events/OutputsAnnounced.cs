namespace Workshops.Domain.Events;

/// <summary>The outputs of these boards were announced, each under a version of its own.</summary>
[GenerateSerializer, Alias("Workshops.Domain.OutputsAnnounced")]
public sealed record OutputsAnnounced : WorkshopEvent
{
    [Id(0)] public required IReadOnlyList<string> BoardIds { get; init; }
}
