namespace Workshops.Contracts;

/// <summary>Reply to POST /api/events. The keys are shown here once and stored only as hashes.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventCreated")]
public sealed record EventCreated(
    [property: Id(0)] string EventId,
    [property: Id(1)] string JoinCode,
    [property: Id(2)] string ModeratorKey,
    [property: Id(3)] IReadOnlyList<WorkshopCreated> Workshops);

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopCreated")]
public sealed record WorkshopCreated(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] string Title,
    [property: Id(2)] string FacilitatorKey);
