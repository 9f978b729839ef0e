using Workshops.Contracts;

namespace Workshops.Domain.Events;

[GenerateSerializer, Alias("Workshops.Domain.WorkshopInitialized")]
public sealed record WorkshopInitialized : WorkshopEvent
{
    [Id(0)] public required string EventId { get; init; }
    [Id(1)] public required string Title { get; init; }
    [Id(2)] public required IReadOnlyList<string> Areas { get; init; }
    [Id(3)] public required WorkshopSettings Settings { get; init; }
    [Id(4)] public required string Language { get; init; }
}
