namespace Workshops.Domain.Events;

/// <summary>Ideas merged into a target with their votes; takes a version per source and one for the target.</summary>
[GenerateSerializer, Alias("Workshops.Domain.IdeasMerged")]
public sealed record IdeasMerged : WorkshopEvent
{
    [Id(0)] public required string TargetIdeaId { get; init; }
    [Id(1)] public required IReadOnlyList<string> SourceIdeaIds { get; init; }
}
