namespace Workshops.Contracts;

/// <summary>Resolves a join code to its event without a scan. Keyed by the normalized code.</summary>
public interface IJoinCodeGrain : IGrainWithStringKey
{
    Task<string?> GetEventId();

    /// <summary>Binds the code to the event; false when the code is already taken.</summary>
    Task<bool> TryClaim(string eventId);
}
