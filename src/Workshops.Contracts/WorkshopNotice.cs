namespace Workshops.Contracts;

/// <summary>Who among a workshop's connections on a server receives a delivery.</summary>
public enum Audience
{
    /// <summary>Facilitators, moderators and admins.</summary>
    Staff = 0,
    /// <summary>Every participant.</summary>
    Participants = 1,
    /// <summary>Every participant but <see cref="Delivery.ParticipantId"/>.</summary>
    ParticipantsExcept = 2,
    /// <summary>Only <see cref="Delivery.ParticipantId"/>.</summary>
    Participant = 3,
}

/// <summary>One client event for one audience. The grain renders each audience's view.</summary>
[GenerateSerializer, Immutable, Alias("Workshops.Delivery")]
public sealed record Delivery(
    [property: Id(0)] Audience Audience,
    [property: Id(1)] string? ParticipantId,
    [property: Id(2)] string Method,
    [property: Id(3)] object Payload);

/// <summary>
/// Everything that one committed change of a workshop, or one tally announcement, means for the
/// browsers. <see cref="Version"/> is the notice's place in the workshop's order of notices: the
/// workshop's version plus its staff tally seq, so it grows by exactly one per notice. Delivery
/// no longer needs it (the grain's publisher sends a server one call at a time, in order); it
/// stays for checks that no notice was lost. It is not the contract's version: the payloads
/// carry that.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.WorkshopNotice")]
public sealed record WorkshopNotice(
    [property: Id(0)] string WorkshopId,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<Delivery> Deliveries);
