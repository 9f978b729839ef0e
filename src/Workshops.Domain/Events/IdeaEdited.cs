namespace Workshops.Domain.Events;

/// <summary>An idea's text changed; takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.IdeaEdited")]
public sealed record IdeaEdited : WorkshopEvent
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public required string Text { get; init; }
}
