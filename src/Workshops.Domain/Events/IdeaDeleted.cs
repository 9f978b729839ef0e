namespace Workshops.Domain.Events;

/// <summary>An idea was deleted; its votes go back to their owners. Takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.IdeaDeleted")]
public sealed record IdeaDeleted : WorkshopEvent
{
    [Id(0)] public required string IdeaId { get; init; }
}
