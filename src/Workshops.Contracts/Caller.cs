namespace Workshops.Contracts;

/// <summary>
/// Who is calling a grain, taken from a verified token by the web host. Grains decide what the
/// caller may do; the host never does it for them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.Caller")]
public sealed record Caller(
    [property: Id(0)] Role Role,
    [property: Id(1)] string? EventId,
    [property: Id(2)] string? WorkshopId,
    [property: Id(3)] string? ParticipantId,
    [property: Id(4)] string? DisplayName,
    [property: Id(5)] string? Group)
{
    public static Caller Admin { get; } = new(Role.Admin, null, null, null, null, null);

    /// <summary>One key per person for votes and clientOpIds: the participant, or the staff seat.</summary>
    public string ActorKey => Role switch
    {
        Role.Participant => "p:" + ParticipantId,
        Role.Facilitator => "f:" + WorkshopId,
        Role.Moderator => "m:" + EventId,
        _ => "a:",
    };

    public bool IsStaff => Role != Role.Participant;
}
