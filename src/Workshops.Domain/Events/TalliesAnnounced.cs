namespace Workshops.Domain.Events;

/// <summary>
/// A tally announcement: staff get the next staff seq, participants the next participant seq when
/// <see cref="ToParticipants"/>. Stored so that the seqs never go back after a restart.
/// </summary>
[GenerateSerializer, Alias("Workshops.Domain.TalliesAnnounced")]
public sealed record TalliesAnnounced : WorkshopEvent
{
    [Id(0)] public bool ToParticipants { get; init; }
}
