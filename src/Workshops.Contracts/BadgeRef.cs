namespace Workshops.Contracts;

/// <summary>Where a badge code leads: the event and the badge within it.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.BadgeRef")]
public sealed record BadgeRef([property: Id(0)] string EventId, [property: Id(1)] string BadgeId);
