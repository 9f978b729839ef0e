namespace Workshops.Contracts;

/// <summary>
/// What a moderator or facilitator key grants. Keyed by the SHA-256 of the key, so that the
/// key itself is never stored and a lookup needs no scan.
/// </summary>
public interface ICredentialGrain : IGrainWithStringKey
{
    Task<Credential?> Get();

    Task Set(Credential credential);
}

[GenerateSerializer, Immutable, Alias("Workshops.Credential")]
public sealed record Credential(
    [property: Id(0)] Role Role,
    [property: Id(1)] string EventId,
    [property: Id(2)] string? WorkshopId);
