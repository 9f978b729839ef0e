namespace Workshops.Domain.Events;

/// <summary>Staff chose a board's output. Its announcement is an <see cref="OutputsAnnounced"/>.</summary>
[GenerateSerializer, Alias("Workshops.Domain.OutputSet")]
public sealed record OutputSet : WorkshopEvent
{
    [Id(0)] public required string BoardId { get; init; }
    [Id(1)] public required string Text { get; init; }
    [Id(2)] public required IReadOnlyList<string> SourceIdeaIds { get; init; }
}
