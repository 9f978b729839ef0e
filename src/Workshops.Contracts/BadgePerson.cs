namespace Workshops.Contracts;

/// <summary>One person of <c>POST /api/events/{eventId}/badges</c> <c>{ people }</c>: what the organizer knows of them.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.BadgePerson")]
public sealed record BadgePerson
{
    [Id(0)] public string? Name { get; init; }
    [Id(1)] public string? Organization { get; init; }
    [Id(2)] public string? Group { get; init; }
}
