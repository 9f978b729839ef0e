namespace Workshops.Domain.Events;

/// <summary>The organizer's program set title, language and (when given) areas; takes one version.</summary>
[GenerateSerializer, Alias("Workshops.Domain.WorkshopConfigured")]
public sealed record WorkshopConfigured : WorkshopEvent
{
    [Id(0)] public required string Title { get; init; }
    [Id(1)] public required string Language { get; init; }
    /// <summary>Null when the areas stay as they are.</summary>
    [Id(2)] public IReadOnlyList<string>? Areas { get; init; }
}
