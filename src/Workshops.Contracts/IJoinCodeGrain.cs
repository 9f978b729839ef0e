namespace Workshops.Contracts;

/// <summary>Resolves a join code to its event without a scan. Keyed by the normalized code.</summary>
public interface IJoinCodeGrain : IGrainWithStringKey
{
    Task<string?> GetEventId();

    /// <summary>Binds the code to the event; false when the code is already taken.</summary>
    Task<bool> TryClaim(string eventId);

    /// <summary>Frees the code (replaced or its event deleted) and removes its stored state, if it is the event's.</summary>
    Task Release(string eventId);
}
