namespace Workshops.Contracts;

/// <summary>
/// <c>GET /api/me</c> (contract section 11): everything the server stores about one participant,
/// the event's record of them and what every workshop of the event holds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.PersonalData")]
public sealed record PersonalData
{
    [Id(0)] public required string ParticipantId { get; init; }
    [Id(1)] public string? DisplayName { get; init; }
    [Id(2)] public string? Organization { get; init; }
    [Id(3)] public string? Group { get; init; }
    [Id(4)] public DateTimeOffset JoinedAt { get; init; }
    [Id(5)] public IReadOnlyList<PersonalDataIdea> Ideas { get; init; } = [];
    [Id(6)] public IReadOnlyList<PersonalDataVote> Votes { get; init; } = [];
}
