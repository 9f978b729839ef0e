namespace Workshops.Contracts;

/// <summary>Reply to PUT /api/events/{eventId}: the workshops in program order, keys only for the added ones.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventUpdated")]
public sealed record EventUpdated(
    [property: Id(0)] string EventId,
    [property: Id(1)] IReadOnlyList<WorkshopUpdated> Workshops);

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopUpdated")]
public sealed record WorkshopUpdated(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? FacilitatorKey);
