namespace Workshops.Contracts;

/// <summary>
/// What a moderator or facilitator key grants. Keyed by the SHA-256 of the key, so that the
/// key itself is never stored and a lookup needs no scan.
/// </summary>
public interface ICredentialGrain : IGrainWithStringKey
{
    Task<Credential?> Get();

    Task Set(Credential credential);

    /// <summary>Forgets the key (rotated or its event deleted) and removes its stored state.</summary>
    Task Clear();
}

[GenerateSerializer, Immutable, Alias("Workshops.Credential")]
public sealed record Credential(
    [property: Id(0)] Role Role,
    [property: Id(1)] string EventId,
    [property: Id(2)] string? WorkshopId)
{
    /// <summary>
    /// Which key of the seat this is: it grows with every rotation and travels in the tokens the
    /// key signs in to, so that tokens of an older key are refused (<see cref="EventAccess"/>).
    /// </summary>
    [Id(3)] public int Generation { get; init; }
}
