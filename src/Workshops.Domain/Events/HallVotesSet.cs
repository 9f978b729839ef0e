namespace Workshops.Domain.Events;

/// <summary>
/// Staff typed in the raised hands counted in the room for an idea (section 9), replacing
/// <see cref="Previous"/>. Takes a version only when <see cref="TakesVersion"/>: while participants
/// may not see the count it travels on the tally stream instead, so that they get no message for it.
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.HallVotesSet")]
public sealed record HallVotesSet : WorkshopEvent
{
    [Id(0)] public required string IdeaId { get; init; }
    [Id(1)] public int Count { get; init; }
    [Id(2)] public int Previous { get; init; }
    [Id(3)] public bool TakesVersion { get; init; }
}
