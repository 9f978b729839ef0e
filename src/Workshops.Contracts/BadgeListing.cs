namespace Workshops.Contracts;

/// <summary>One line of <c>GET /api/events/{eventId}/badges</c>: never the code.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.BadgeListing")]
public sealed record BadgeListing(
    [property: Id(0)] string BadgeId,
    [property: Id(1)] string? Name,
    [property: Id(2)] string? Organization,
    [property: Id(3)] string? Group,
    [property: Id(4)] bool Claimed,
    [property: Id(5)] bool Revoked);
