namespace Workshops.Contracts;

/// <summary>
/// What a token of an event must match to be honoured: the event still exists and the staff
/// seat's key generation is the one the token was issued from, and a participant's badge is not revoked. Servers cache it for seconds.
/// </summary>
[GenerateSerializer, Immutable, Alias("Workshops.EventAccess")]
public sealed record EventAccess(
    [property: Id(0)] bool Exists,
    [property: Id(1)] int ModeratorKeyGeneration,
    [property: Id(2)] IReadOnlyDictionary<string, int> FacilitatorKeyGenerations)
{
    public static EventAccess Gone { get; } = new(false, 0, new Dictionary<string, int>(StringComparer.Ordinal));

    /// <summary>
    /// Added (section 8): the participants whose badge was revoked; their tokens are refused. The
    /// default comparer (ordinal for strings) so that the set crosses the wire without a comparer.
    /// </summary>
    [Id(3)] public IReadOnlySet<string> RevokedParticipants { get; init; } = new HashSet<string>();

    /// <summary>True when a token of this role and seat, issued at <paramref name="generation"/>, may still be used.</summary>
    public bool Honours(Role role, string? workshopId, int generation, string? participantId = null) => Exists && role switch
    {
        Role.Participant => participantId is null || !RevokedParticipants.Contains(participantId),
        Role.Moderator => generation == ModeratorKeyGeneration,
        Role.Facilitator => workshopId is not null
            && FacilitatorKeyGenerations.TryGetValue(workshopId, out var current)
            && generation == current,
        _ => false,
    };
}
