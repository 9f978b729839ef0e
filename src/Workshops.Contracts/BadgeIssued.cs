namespace Workshops.Contracts;

/// <summary>A badge just created, with its code: the only time the code is ever shown.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.BadgeIssued")]
public sealed record BadgeIssued(
    [property: Id(0)] string BadgeId,
    [property: Id(1)] string Code,
    [property: Id(2)] string? Name,
    [property: Id(3)] string? Organization,
    [property: Id(4)] string? Group);
