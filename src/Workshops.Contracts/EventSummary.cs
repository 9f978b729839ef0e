namespace Workshops.Contracts;

/// <summary>GET /api/events/{eventId}.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventSummary")]
public sealed record EventSummary(
    [property: Id(0)] string EventId,
    [property: Id(1)] string Title,
    [property: Id(2)] string? Date,
    [property: Id(3)] string? Venue,
    [property: Id(4)] string Language,
    [property: Id(5)] IReadOnlyList<string> OutputAreas,
    [property: Id(6)] IReadOnlyList<WorkshopSummary> Workshops)
{
    /// <summary>Added: the groups a participant may declare when joining.</summary>
    [Id(7)] public IReadOnlyList<string> StakeholderGroups { get; init; } = [];

    /// <summary>Added: the join code, shown to staff only (null for participants).</summary>
    [Id(8)] public string? JoinCode { get; init; }

    /// <summary>Added: the event's settings (those of workshops it adds), for the organizer's edit form.</summary>
    [Id(9)] public WorkshopSettings? Settings { get; init; }

    /// <summary>Added: when the event was created.</summary>
    [Id(10)] public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Added: the privacy notice (section 11), for everyone of the event; null when the program has none.</summary>
    [Id(11)] public EventPrivacy? Privacy { get; init; }
}

[GenerateSerializer, Immutable, Alias("Workshops.WorkshopSummary")]
public sealed record WorkshopSummary(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] string Title,
    [property: Id(2)] WorkshopPhase Phase,
    [property: Id(3)] int Participants,
    [property: Id(4)] int Ideas,
    [property: Id(5)] int Votes)
{
    /// <summary>
    /// Added: still in Setup with no idea at all, so that PUT /api/events/{eventId} may remove it
    /// or change the output areas.
    /// </summary>
    [Id(6)] public bool Removable { get; init; }
}
