namespace Workshops.Contracts;

/// <summary>
/// Resolves a badge code to its event and badge without a scan, on any server of a cluster.
/// Keyed by the hash of the normalized code (the code itself is never stored, PROTOCOL.md section 8).
/// </summary>
public interface IBadgeGrain : IGrainWithStringKey
{
    Task<BadgeRef?> Get();

    /// <summary>Binds the code's hash to the badge; false when that hash is already taken.</summary>
    Task<bool> TryClaim(string eventId, string badgeId);

    /// <summary>Forgets the code (its event deleted) and removes its stored state, if it is the event's.</summary>
    Task Release(string eventId);
}
