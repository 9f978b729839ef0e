namespace Workshops.Domain.Events;

/// <summary>Staff gave a board back its top-voted output.</summary>
[GenerateSerializer, Alias("Workshops.Domain.OutputCleared")]
public sealed record OutputCleared : WorkshopEvent
{
    [Id(0)] public required string BoardId { get; init; }
}
